"""Transitions: past ones with their handoffs, and upcoming ones at age limits."""

from __future__ import annotations

import datetime as dt

from graphsvc.generate.catalogue import AGE_LIMITED
from graphsvc.generate.draws import Client, Day, Draws, Episode, age_limit
from graphsvc.model import Record


class TransitionDraws(Draws):
    def past_transition(self, client: Client) -> list[Record]:
        """An ended episode, a transition from it to the first active one, and the handoff."""
        rng, region = self.rng, self.region
        if client.band.past_transition is None or rng.random() >= 0.25:
            return []
        from_kind, kind = client.band.past_transition
        service = region.service(from_kind, client.municipality)
        target = client.episodes[0]
        if region.provider[service] == target.provider:
            return []
        due = max(self.days_ago(10, 720), client.birth + dt.timedelta(days=400))
        if due > self.as_of:
            return []
        target.start = due
        begin = max(due - dt.timedelta(days=rng.randint(120, 900)), client.birth)
        ended = Episode(
            client.next_id("e"),
            service,
            from_kind,
            region.provider[service],
            begin,
            region.pools[service].pick(rng),
            end=due - dt.timedelta(days=1),
        )
        records = [self.episode_record(client, ended)]
        self.responsibility(
            client, ended.holder, "own_worker", ended.start, ended.end, episode=ended.id
        )
        records.append(client.records.pop())
        transition = client.next_id("t")
        records.append(
            {
                "type": "transition",
                "id": transition,
                "client": client.id,
                "kind": kind,
                "due_date": due.isoformat(),
                "from_episode": ended.id,
                "to_episode": target.id,
            }
        )
        if self.chance():
            requested = due - dt.timedelta(days=rng.randint(1, 20))
            records.extend(
                self.handoff(client, ended, target, transition, "requested", requested, None)
            )
        else:
            requested = due - dt.timedelta(days=rng.randint(15, 40))
            decided = requested + dt.timedelta(days=rng.randint(1, 10))
            records.extend(
                self.handoff(
                    client,
                    ended,
                    target,
                    transition,
                    "completed",
                    requested,
                    decided,
                    completed=due,
                )
            )
        return records

    def handoff(
        self,
        client: Client,
        source: Episode,
        target: Episode,
        transition: str,
        status: str,
        requested: Day,
        decided: Day | None,
        completed: Day | None = None,
    ) -> list[Record]:
        to_org = target.provider
        if self.chance():
            kela = self.region.region_orgs["kela"]
            to_org = kela if to_org != kela else self.region.region_orgs["voucher"]
        consent: Record = {
            "type": "consent",
            "id": client.next_id("k"),
            "client": client.id,
            "from_org": source.provider,
            "to_org": to_org,
            "purpose": "handoff",
            "valid_from": requested.isoformat(),
        }
        handoff: Record = {
            "type": "handoff",
            "id": client.next_id("h"),
            "client": client.id,
            "transition": transition,
            "from_episode": source.id,
            "to_episode": target.id,
            "from_professional": source.holder,
            "to_professional": target.holder,
            "from_org": source.provider,
            "to_org": target.provider,
            "status": status,
            "requested": requested.isoformat(),
        }
        if decided is not None:
            handoff["decided"] = decided.isoformat()
        if completed is not None:
            handoff["completed"] = completed.isoformat()
        handoff["consent"] = consent["id"]
        return [consent, handoff]

    def upcoming_transitions(self, client: Client) -> None:
        """Age-limited services ending within a year (youth psychiatry and child welfare at
        18, day care at school start): the recorded transition and, unless drawn as a gap,
        the receiving episode, its owner and an accepted handoff."""
        rng, region = self.rng, self.region
        done: set[str] = set()
        for episode in list(client.episodes):
            due = age_limit(client.birth, episode.kind)
            if due is None or not self.as_of < due <= self.as_of + dt.timedelta(days=365):
                continue
            kind, receiving, _ = AGE_LIMITED[episode.kind]
            if kind in done:
                continue
            done.add(kind)
            transition = client.next_id("t")
            record: Record = {
                "type": "transition",
                "id": transition,
                "client": client.id,
                "kind": kind,
                "due_date": due.isoformat(),
                "from_episode": episode.id,
            }
            if self.chance():
                client.records.append(record)
                continue
            service = region.service(receiving, client.municipality)
            target = Episode(
                client.next_id("e"),
                service,
                receiving,
                region.provider[service],
                due,
                region.pools[service].pick(rng),
            )
            client.records.append(self.episode_record(client, target))
            record["to_episode"] = target.id
            client.records.append(record)
            # accepted within the last 30 days: within the days to complete
            # (handoff-stale), so a gap rate of 0 leaves no finding
            requested = self.days_ago(10, 30)
            self.responsibility(client, target.holder, "own_worker", requested, episode=target.id)
            decided = requested + dt.timedelta(days=rng.randint(1, 9))
            client.records.extend(
                self.handoff(client, episode, target, transition, "accepted", requested, decided)
            )
