"""Households of clients with everything of theirs, drawn one at a time.

Each client-level gap kind of :data:`graphsvc.generate.params.GAP_KINDS` is drawn
independently at ``--gap-rate`` among the subjects it applies to; everything
else is arranged so that no rule fires by accident (every episode has an own
worker, every service a plan, every handoff an exact consent, and so on).
"""

from __future__ import annotations

import datetime as dt

from graphsvc.generate.catalogue import CONFLICTS, FIRST_NAMES, KIND, PATHWAY_STEPS, SURNAMES
from graphsvc.generate.draws import Client, Day, Episode, age_limit, band_of
from graphsvc.generate.transitions import TransitionDraws
from graphsvc.model import Record

SOCIAL_KINDS = ("child_welfare", "foster_care", "family_social_work", "adult_social_work")
"""Single services whose worker is the client's responsible worker by law or practice."""
FEEDBACK = ("met", "partly_met", "not_met")


class ClientGenerator(TransitionDraws):
    def household(self, limit: int) -> tuple[int, list[Record]]:
        """One household of at most ``limit`` clients: its records and its size."""
        rng = self.rng
        self.households += 1
        kind = rng.choices(("family", "couple", "single"), weights=(0.2, 0.2, 0.6))[0]
        if kind == "family":
            parent = rng.randint(25, 50)
            ages = [parent] + ([parent + rng.randint(-4, 4)] if rng.random() < 0.7 else [])
            children = rng.choices((1, 2, 3, 4), weights=(35, 40, 18, 7))[0]
            ages += [rng.randint(0, min(17, parent - 18)) for _ in range(children)]
        elif kind == "couple":
            first = rng.choice((rng.randint(25, 64), rng.randint(65, 95)))
            ages = [first, min(99, max(18, first + rng.randint(-5, 5)))]
        else:
            ages = [
                rng.choice(
                    (
                        rng.randint(18, 29),
                        rng.randint(30, 64),
                        rng.randint(30, 64),
                        rng.randint(65, 99),
                    )
                )
            ]
        ages = ages[:limit]
        municipality = rng.choices(
            range(len(self.region.municipalities)), weights=self.region.municipality_weights
        )[0]
        surname = rng.choice(SURNAMES)
        records: list[Record] = []
        family = None
        if len(ages) > 1:
            family = f"{self.region.prefix}-f{self.households}"
            records.append({"type": "family", "id": family, "name": f"Perhe {surname}"})
        no_contact = self.chance()
        for index, age in enumerate(ages):
            role = None
            if family is not None:
                role = (
                    "child"
                    if age < 18 and index > 0
                    else "parent"
                    if kind == "family"
                    else "partner"
                )
            records.extend(self.client(age, surname, municipality, family, role, no_contact))
        return len(ages), records

    def client(
        self,
        age: int,
        surname: str,
        municipality: int,
        family: str | None,
        family_role: str | None,
        no_contact: bool,
    ) -> list[Record]:
        rng = self.rng
        self.clients += 1
        band = band_of(age)
        birth = self.as_of - dt.timedelta(days=365 * age + rng.randint(1, 364))
        client = Client(f"{self.region.prefix}-c{self.clients}", band, birth, municipality)
        record: Record = {
            "type": "client",
            "id": client.id,
            "name": f"{rng.choice(FIRST_NAMES)} {surname}",
            "birth_date": birth.isoformat(),
            "region": self.region.id,
        }
        if family is not None:
            record["family"] = family
            record["family_role"] = family_role
        lti = rng.random() < band.long_term_illness
        if lti:
            record["long_term_illness"] = True
        record["municipality"] = self.region.municipalities[municipality]
        client.records.append(record)
        if rng.random() < band.active:
            self.services(client, lti, no_contact)
        return client.records

    # -- services and the people responsible -------------------------------------------

    def services(self, client: Client, lti: bool, no_contact: bool) -> None:
        rng, region = self.rng, self.region
        multi = rng.random() < self.params.multi_service_share
        kinds = self.kinds(client, multi)
        if multi and self.chance():
            overlap = client.band.overlap_kind
            assert overlap is not None
            if overlap not in kinds:
                kinds.append(overlap)
            kinds.append("alt:" + overlap)
        for kind in kinds:
            if kind.startswith("alt:"):
                kind = kind[4:]
                service = region.alternatives[kind]
            else:
                service = region.service(kind, client.municipality)
            start = max(self.days_ago(14, 5 * 365), client.birth + dt.timedelta(days=30))
            episode = Episode(
                client.next_id("e"),
                service,
                kind,
                region.provider[service],
                min(start, self.as_of),
                region.pools[service].pick(rng),
            )
            ends = age_limit(client.birth, kind)
            if ends is not None and self.as_of < ends <= self.as_of + dt.timedelta(days=365):
                episode.end = ends - dt.timedelta(days=1)
            if kind in PATHWAY_STEPS and rng.random() < 0.7:
                episode.step = region.steps[PATHWAY_STEPS[kind]]
            client.episodes.append(episode)
        past = self.past_transition(client)
        for episode in client.episodes:
            client.records.append(self.episode_record(client, episode))
            if not self.chance():
                self.responsibility(
                    client, episode.holder, "own_worker", episode.start, episode=episode.id
                )
        client.records.extend(past)
        coordinator = self.coordination(client, multi)
        if not no_contact:
            holder = coordinator or client.episodes[0].holder
            start = min(e.start for e in client.episodes)
            self.responsibility(client, holder, "contact_person", start, client=client.id)
        health = len({e.service for e in client.episodes if KIND[e.kind].sector == "health"})
        if (lti or health >= 3) and not self.chance():
            gp = region.pools[region.service("general_practice", client.municipality)].pick(rng)
            start = min(e.start for e in client.episodes)
            self.responsibility(client, gp, "treating_physician", start, client=client.id)
        self.plans(client, multi)
        self.upcoming_transitions(client)

    def kinds(self, client: Client, multi: bool) -> list[str]:
        rng, region = self.rng, self.region
        names = [k for k, _ in client.band.kinds]
        weights = [w for _, w in client.band.kinds]
        if not multi:
            return rng.choices(names, weights=weights)
        wanted = rng.randint(2, 4)
        for _ in range(20):
            chosen: list[str] = []
            while len(chosen) < wanted:
                kind = rng.choices(names, weights=weights)[0]
                if kind not in chosen:
                    chosen.append(kind)
            providers = {region.provider[region.service(k, client.municipality)] for k in chosen}
            if len(providers) >= 2:
                return chosen
        return chosen

    def coordination(self, client: Client, multi: bool) -> str | None:
        """Coordinating responsibilities; returns the main coordinator, if any.

        Multi-service clients draw one of: nobody (no-coordinator), two responsible
        workers without a division (duplicated-role), or one coordinator (a fifth
        of them sharing the role with an agreed division). Any responsible worker
        may have had two predecessors within the year (worker-churn)."""
        rng = self.rng
        episodes = client.episodes
        starts = sorted(e.start for e in episodes)
        divided = False
        if not multi:
            if episodes[0].kind not in SOCIAL_KINDS:
                return None
            lead, role, since, second = episodes[0], "responsible_worker", starts[0], None
        else:
            draw = rng.random()
            if draw < self.params.gap_rate:
                return None
            social = [e for e in episodes if KIND[e.kind].sector == "social"]
            lead = (social or episodes)[0]
            role = client.band.coordinating_role
            if role == "work_ability_coordinator" and lead.kind != "work_ability_coordination":
                role = "responsible_worker"
            since = starts[1]
            second = next((e for e in episodes if e.provider != lead.provider), None)
            if draw < 2 * self.params.gap_rate:
                role = "responsible_worker"
            elif rng.random() < 0.2:
                divided = True
            else:
                second = None
        lead_since = since
        if role == "responsible_worker" and self.chance():
            lead_since = self.churn(client, lead, role)
        for episode, begin in ((lead, lead_since), (second, since)):
            if episode is not None:
                division = f"vastaa palvelusta {KIND[episode.kind].name}" if divided else None
                self.responsibility(
                    client, episode.holder, role, begin, division=division, client=client.id
                )
        return lead.holder

    def churn(self, client: Client, lead: Episode, role: str) -> Day:
        """Two predecessors of ``lead.holder`` within the year; returns when the holder began."""
        region, rng = self.region, self.rng
        pools = [region.pools[lead.service]] + [
            region.pools[region.service(lead.kind, m)] for m in range(len(region.municipalities))
        ]
        earlier: list[str] = []
        for pool in pools:
            for candidate in pool.professionals:
                if candidate != lead.holder and candidate not in earlier and len(earlier) < 2:
                    earlier.append(candidate)
        current = self.days_ago(30, 100)
        bounds = [
            (self.days_ago(300, 330), self.days_ago(200, 230)),
            (self.days_ago(150, 199), current - dt.timedelta(days=1)),
        ]
        rng.shuffle(earlier)
        for holder, (begin, end) in zip(earlier, bounds, strict=False):
            self.responsibility(client, holder, role, begin, end, client=client.id)
        return current

    # -- plans and goals ---------------------------------------------------------------

    def plans(self, client: Client, multi: bool) -> None:
        rng = self.rng
        episodes = [e for e in client.episodes if e.end is None or e.end >= self.as_of]
        groups: list[list[Episode]]
        if multi and rng.random() < 0.35:
            groups = [episodes]
            kinds = ["shared_plan"]
        else:
            by_provider: dict[str, list[Episode]] = {}
            for episode in episodes:
                by_provider.setdefault(episode.provider, []).append(episode)
            groups = list(by_provider.values())
            kinds = [KIND[group[0].kind].plan_kind for group in groups]
        uncovered = groups[-1][-1].service if self.chance() else None
        made = [
            self.plan(client, group, kind, uncovered)
            for group, kind in zip(groups, kinds, strict=True)
        ]
        conflict = CONFLICTS.get(client.band.name)
        if conflict is not None and len(made) >= 2 and self.chance():
            for plan, direction in zip(made, conflict, strict=False):
                self.goal(client, plan, direction)

    def plan(self, client: Client, group: list[Episode], kind: str, uncovered: str | None) -> str:
        """A plan in force for the group's episodes, covering all their services but
        ``uncovered`` (a service-not-in-plan gap)."""
        rng = self.rng
        valid_from = max(e.start for e in group)
        services = list(dict.fromkeys(e.service for e in group if e.service != uncovered))
        owner = group[0].holder
        participants = list(dict.fromkeys(e.holder for e in group if e.holder != owner))
        predecessor = valid_from - dt.timedelta(days=400) > client.birth and rng.random() < 0.3
        if predecessor:
            ended = valid_from - dt.timedelta(days=1)
            began = valid_from - dt.timedelta(days=365)
            previous = self.plan_record(
                client,
                kind,
                began,
                ended,
                owner,
                participants,
                services,
                ended - dt.timedelta(days=30),
                True,
                "group_meeting",
                rng.choice(FEEDBACK),
            )
            self.goal(client, previous["id"], rng.choice(client.band.directions), "achieved")
        if self.chance():
            review = self.days_ago(1, 60)
            valid_from = min(valid_from, review)
        else:
            review = self.as_of + dt.timedelta(days=rng.randint(14, 330))
        participated, mode = (
            True,
            rng.choice(("group_meeting", "group_meeting", "division_of_labour")),
        )
        if self.chance():
            participated, mode = False, "division_of_labour"
        feedback: str | None = rng.choice(FEEDBACK)
        if predecessor and self.chance():
            feedback = None
        record = self.plan_record(
            client,
            kind,
            valid_from,
            None,
            None if self.chance() else owner,
            participants,
            services,
            review,
            participated,
            mode,
            feedback,
        )
        for direction in rng.sample(client.band.directions, rng.randint(1, 2)):
            self.goal(client, record["id"], direction)
        return str(record["id"])

    def plan_record(
        self,
        client: Client,
        kind: str,
        valid_from: Day,
        valid_to: Day | None,
        owner: str | None,
        participants: list[str],
        services: list[str],
        review: Day,
        participated: bool,
        mode: str,
        feedback: str | None,
    ) -> Record:
        record: Record = {
            "type": "plan",
            "id": client.next_id("pl"),
            "client": client.id,
            "kind": kind,
        }
        if owner is not None:
            record["owner"] = owner
        record["participants"] = participants
        record["services"] = services
        record["review_date"] = review.isoformat()
        record["mode"] = mode
        record["client_participated"] = participated
        if feedback is not None:
            record["previous_goals_feedback"] = feedback
        record["valid_from"] = valid_from.isoformat()
        if valid_to is not None:
            record["valid_to"] = valid_to.isoformat()
        client.records.append(record)
        return record

    def goal(self, client: Client, plan: str, direction: str, status: str = "open") -> None:
        client.records.append(
            {
                "type": "goal",
                "id": client.next_id("g"),
                "plan": plan,
                "text": f"Tavoite: {direction}",
                "direction": direction,
                "status": status,
            }
        )
