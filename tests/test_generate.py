"""Generated regions: reproducible, valid, loadable, and with the shapes and gap shares asked for.

The shares are measured here from the generated records alone, with the
definitions of ``docs/model.md`` and the gap rules (``cypher/gaps/``), not
taken from the generator's own bookkeeping.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import random
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from graphsvc import vocab
from graphsvc.database import Database
from graphsvc.errors import BadInput
from graphsvc.generate import GAP_KINDS, GenerateParams, generate, write
from graphsvc.generate.reference import build_region
from graphsvc.importing import load_file, validate_record
from graphsvc.migrate import migrate
from graphsvc.model import Record

DAY = dt.timedelta(days=1)


def generated(params: GenerateParams) -> str:
    out = io.StringIO()
    generate(params, out)
    return out.getvalue()


@cache
def sample(clients: int, seed: int, gap_rate: float) -> tuple[list[Record], list[str]]:
    """The records of a generated region and its batch names, in file order."""
    text = generated(GenerateParams(clients=clients, seed=seed, gap_rate=gap_rate))
    records: list[Record] = []
    batches: list[str] = []
    for line in text.splitlines():
        item = json.loads(line)
        if "batch" in item:
            batches.append(item["batch"])
        elif "type" in item:
            records.append(item)
    return records, batches


def test_the_same_arguments_give_the_same_bytes(tmp_path: Path) -> None:
    params = GenerateParams(clients=1500, seed=7)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write(params, first)
    write(params, second)
    assert first.read_bytes() == second.read_bytes()


def test_another_seed_gives_another_region() -> None:
    assert generated(GenerateParams(clients=500, seed=1)) != generated(
        GenerateParams(clients=500, seed=2)
    )


def test_the_cli_writes_the_same_file_as_the_library(tmp_path: Path) -> None:
    path = tmp_path / "region.jsonl"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "graphsvc",
            "generate",
            "--clients",
            "300",
            "--seed",
            "5",
            "-o",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "300 clients" in done.stdout
    assert path.read_text(encoding="utf-8") == generated(GenerateParams(clients=300, seed=5))


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        pytest.param({"clients": 0}, "clients", id="no clients is refused"),
        pytest.param(
            {"clients": 10, "gap_rate": 0.9}, "gap_rate", id="a gap rate over 0.3 is refused"
        ),
        pytest.param(
            {"clients": 10, "multi_service_share": 1.5},
            "multi_service_share",
            id="a share over 1 is refused",
        ),
    ],
)
def test_bad_arguments_name_the_argument(arguments: dict[str, Any], field: str) -> None:
    with pytest.raises(BadInput) as error:
        GenerateParams(**arguments)
    assert error.value.field == field


def test_every_record_is_valid_and_every_reference_resolves_in_order() -> None:
    records, batches = sample(2000, 3, 0.05)
    assert batches[0] == "reference" and len(batches) == 3
    seen: set[tuple[str, str]] = set()
    targets = {
        "part_of": "organisation",
        "provider": "organisation",
        "owner": "professional",
        "from_org": "organisation",
        "to_org": "organisation",
        "from_episode": "episode",
        "to_episode": "episode",
        "from_professional": "professional",
        "to_professional": "professional",
    }
    for record in records:
        assert validate_record(record) == [], record
        for name, value in record.items():
            if name in ("type", "id") or not isinstance(value, str):
                continue
            target = targets.get(name, name)
            if target in {
                "region",
                "organisation",
                "family",
                "client",
                "professional",
                "service",
                "episode",
                "plan",
                "pathway",
                "step",
                "transition",
                "consent",
            }:
                assert (target, value) in seen, f"{record['id']}.{name} -> {value} not yet written"
        for name, target in (("participants", "professional"), ("services", "service")):
            for value in record.get(name, []):
                assert (target, value) in seen
        key = (record["type"], record["id"])
        assert key not in seen, f"duplicate id {key}"
        seen.add(key)
    assert sum(1 for kind, _ in seen if kind == "client") == 2000


def test_reference_data_comes_first_and_client_batches_hold_about_the_batch_size() -> None:
    text = generated(GenerateParams(clients=3000, seed=4, batch_clients=1000))
    batch_of: dict[str, Counter[str]] = defaultdict(Counter)
    current = ""
    for line in text.splitlines():
        item = json.loads(line)
        if "batch" in item:
            current = item["batch"]
        elif "type" in item:
            batch_of[current][item["type"]] += 1
    reference = batch_of.pop("reference")
    assert reference["client"] == 0 and reference["organisation"] > 20 and reference["pathway"] == 3
    assert len(batch_of) == 3
    sizes = [counts["client"] for counts in batch_of.values()]
    assert sum(sizes) == 3000
    for size in sizes[:-1]:
        assert 1000 <= size < 1010, sizes
    for counts in batch_of.values():
        assert counts["organisation"] == counts["professional"] == 0


class Measured:
    """A generated region read back from its records, as of a date."""

    def __init__(self, records: list[Record], as_of: dt.date):
        self.d = as_of
        self.by_type: dict[str, list[Record]] = defaultdict(list)
        for record in records:
            self.by_type[record["type"]].append(self._dated(record))
        self.ids = {(r["type"], r["id"]): r for r in records}
        self.parent = {o["id"]: o.get("part_of") for o in self.by_type["organisation"]}
        self.works_in = {p["id"]: p["organisation"] for p in self.by_type["professional"]}
        self.service = {s["id"]: s for s in self.by_type["service"]}
        self.clients = {c["id"]: c for c in self.by_type["client"]}
        self.episodes = defaultdict(list)
        for e in self.by_type["episode"]:
            if self.active_episode(e):
                self.episodes[e["client"]].append(e)
        self.episode_client = {e["id"]: e["client"] for e in self.by_type["episode"]}
        self.plan_client = {p["id"]: p["client"] for p in self.by_type["plan"]}
        self.roles: dict[str, list[Record]] = defaultdict(list)
        self.scoped: dict[str, list[Record]] = defaultdict(list)
        for r in self.by_type["responsibility"]:
            if "client" in r:
                self.roles[r["client"]].append(r)
            for scope in ("episode", "plan"):
                if scope in r:
                    self.scoped[r[scope]].append(r)
        self.plans = defaultdict(list)
        for p in self.by_type["plan"]:
            self.plans[p["client"]].append(p)
        self.goals = defaultdict(list)
        for g in self.by_type["goal"]:
            self.goals[g["plan"]].append(g)
        self.family = defaultdict(list)
        for c in self.clients.values():
            if "family" in c:
                self.family[c["family"]].append(c["id"])

    @staticmethod
    def _dated(record: Record) -> Record:
        out = dict(record)
        for name, value in record.items():
            if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
                out[name] = dt.date.fromisoformat(value)
        return out

    def within(self, start: dt.date, end: dt.date | None, on: dt.date | None = None) -> bool:
        on = self.d if on is None else on
        return start <= on and (end is None or end >= on)

    def active_episode(self, e: Record) -> bool:
        return e["status"] != "cancelled" and self.within(e["start"], e.get("end"))

    def active(self, r: Record, on: dt.date | None = None) -> bool:
        return self.within(r["valid_from"], r.get("valid_to"), on)

    def ancestors(self, org: str) -> Iterator[str]:
        seen: str | None = org
        while seen is not None:
            yield seen
            seen = self.parent.get(seen)

    def providers(self, client: str) -> set[str]:
        return {self.service[e["service"]]["provider"] for e in self.episodes[client]}

    def client_roles(self, client: str, on: dt.date | None = None) -> list[Record]:
        return [r for r in self.roles[client] if self.active(r, on)]

    def age(self, client: str) -> int:
        birth = self.clients[client]["birth_date"]
        return self.d.year - birth.year - ((self.d.month, self.d.day) < (birth.month, birth.day))

    # -- subjects and findings per gap kind: (eligible, flagged) ----------------------

    def served(self) -> list[str]:
        return [c for c in self.clients if self.episodes[c]]

    def multi(self) -> list[str]:
        return [c for c in self.served() if len(self.providers(c)) >= 2]

    def shares(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}

        def share(kind: str, subjects: list[Any], flagged: Any) -> None:
            out[kind] = (len(subjects), sum(1 for s in subjects if flagged(s)))

        multi, served = self.multi(), self.served()
        coordinating = {str(r) for r in vocab.COORDINATING_ROLES}
        share(
            "no-coordinator",
            multi,
            lambda c: not any(r["role"] in coordinating for r in self.client_roles(c)),
        )

        def duplicated(c: str) -> bool:
            held: dict[str, list[Record]] = defaultdict(list)
            for r in self.client_roles(c):
                if r["role"] in {str(x) for x in vocab.EXCLUSIVE_ROLES}:
                    held[r["role"]].append(r)
            return any(
                len({r["professional"] for r in rs}) >= 2 and not all("division" in r for r in rs)
                for rs in held.values()
            )

        share("duplicated-role", multi, duplicated)

        def overlapping(c: str) -> bool:
            kinds: dict[str, set[str]] = defaultdict(set)
            for e in self.episodes[c]:
                service = self.service[e["service"]]
                kinds[service["kind"]].add(service["provider"])
            return any(len(p) >= 2 for p in kinds.values())

        share("overlapping-services", multi, overlapping)

        def no_contact(c: str) -> bool:
            people = [c]
            if self.age(c) < 18 and "family" in self.clients[c]:
                people = self.family[self.clients[c]["family"]]
            return not any(
                r["role"] == "contact_person" for p in people for r in self.client_roles(p)
            )

        share("no-contact-person", served, no_contact)

        episodes = []
        for c in served:
            orgs = {
                org
                for r in self.client_roles(c)
                for org in self.ancestors(self.works_in[r["professional"]])
            }
            for e in self.episodes[c]:
                if self.service[e["service"]]["provider"] not in orgs:
                    episodes.append(e)
        share(
            "episode-without-responsible",
            episodes,
            lambda e: not any(self.active(r) for r in self.scoped[e["id"]]),
        )

        def health(c: str) -> int:
            return len(
                {
                    e["service"]
                    for e in self.episodes[c]
                    if self.service[e["service"]]["sector"] == "health"
                }
            )

        needs_physician = [
            c for c in served if self.clients[c].get("long_term_illness") or health(c) >= 3
        ]
        share(
            "no-treating-physician",
            needs_physician,
            lambda c: not any(r["role"] == "treating_physician" for r in self.client_roles(c)),
        )

        in_force = {c: [p for p in self.plans[c] if self.active(p)] for c in served}
        planned = [c for c in served if in_force[c]]
        share(
            "service-not-in-plan",
            planned,
            lambda c: any(
                e["service"] not in {s for p in in_force[c] for s in p["services"]}
                for e in self.episodes[c]
            ),
        )
        plans = [p for c in served for p in in_force[c]]
        share("plan-without-owner", plans, lambda p: "owner" not in p)
        share("plan-review-overdue", plans, lambda p: p["review_date"] < self.d)
        share("client-not-participating", plans, lambda p: not p["client_participated"])
        following = [
            p
            for p in plans
            if any(
                q["kind"] == p["kind"]
                and q.get("valid_to") is not None
                and q["valid_to"] < p["valid_from"]
                for q in self.plans[p["client"]]
            )
        ]
        share("no-goal-feedback", following, lambda p: "previous_goals_feedback" not in p)
        conflicts = {frozenset(str(d) for d in pair) for pair in vocab.CONFLICTING_DIRECTIONS}

        def conflicting(c: str) -> bool:
            directions = [
                {g["direction"] for g in self.goals[p["id"]] if g["status"] == "open"}
                for p in in_force[c]
            ]
            return any(
                frozenset({a, b}) in conflicts
                for i, first in enumerate(directions)
                for other in directions[i + 1 :]
                for a in first
                for b in other
            )

        share(
            "conflicting-plan-goals",
            [c for c in served if self.age(c) >= 18 and len(in_force[c]) >= 2],
            conflicting,
        )

        handoffs_at: dict[str, list[Record]] = defaultdict(list)
        for h in self.by_type["handoff"]:
            if "transition" in h:
                handoffs_at[h["transition"]].append(h)

        def accepted(t: Record) -> bool:
            return any(
                h["status"] in ("accepted", "completed") and h["decided"] <= self.d
                for h in handoffs_at[t["id"]]
            )

        transitions = self.by_type["transition"]
        share(
            "handoff-missing",
            [t for t in transitions if self.d - 365 * DAY <= t["due_date"] <= self.d],
            lambda t: not accepted(t),
        )

        consents = defaultdict(list)
        for k in self.by_type["consent"]:
            consents[k["client"]].append(k)

        def without_consent(h: Record) -> bool:
            return not any(
                k["from_org"] in set(self.ancestors(h["from_org"]))
                and k["to_org"] in set(self.ancestors(h["to_org"]))
                and self.active(k, h["requested"])
                for k in consents[h["client"]]
            )

        share(
            "handoff-without-consent",
            [
                h
                for h in self.by_type["handoff"]
                if h["status"] != "rejected"
                and h["from_org"] != h["to_org"]
                and self.d - 365 * DAY <= h["requested"] <= self.d
            ],
            without_consent,
        )

        def no_receiver(t: Record) -> bool:
            target = t.get("to_episode")
            owned = target is not None and any(
                self.active(r, t["due_date"]) for r in self.scoped[target]
            )
            return not (accepted(t) or owned)

        share(
            "transition-without-receiver",
            [t for t in transitions if self.d < t["due_date"] <= self.d + 180 * DAY],
            no_receiver,
        )

        def churn(c: str) -> bool:
            start = self.d - 365 * DAY
            workers = {
                r["professional"]
                for r in self.roles[c]
                if r["role"] == "responsible_worker"
                and r["valid_from"] <= self.d
                and (r.get("valid_to") is None or r["valid_to"] >= start)
            }
            return len(workers) >= 3

        share(
            "worker-churn",
            [
                c
                for c in served
                if any(r["role"] == "responsible_worker" for r in self.client_roles(c))
            ],
            churn,
        )
        return out


@pytest.fixture(scope="module")
def measured() -> Measured:
    records, _ = sample(20000, 11, 0.1)
    return Measured(records, GenerateParams(clients=1).as_of)


@pytest.fixture(scope="module")
def shares(measured: Measured) -> dict[str, tuple[int, int]]:
    return measured.shares()


def near(observed: int, total: int, expected: float) -> bool:
    """Within four standard errors of a binomial share, plus a little for rounding."""
    return (
        abs(observed / total - expected) <= 4 * math.sqrt(expected * (1 - expected) / total) + 0.01
    )


def test_a_minority_of_served_clients_get_services_from_several_organisations(
    measured: Measured,
) -> None:
    served, multi = len(measured.served()), len(measured.multi())
    assert near(multi, served, 0.15), (multi, served)


@pytest.mark.parametrize("kind", list(GAP_KINDS), ids=lambda kind: f"{kind} is near the gap rate")
def test_each_gap_kind_is_near_the_requested_share(
    shares: dict[str, tuple[int, int]], kind: str
) -> None:
    subjects, flagged = shares[kind]
    assert subjects >= 40, f"too few subjects for {kind} to measure: {subjects}"
    assert near(flagged, subjects, 0.1), f"{kind}: {flagged} of {subjects}"


def test_a_gap_rate_of_zero_leaves_no_client_gap() -> None:
    records, _ = sample(3000, 12, 0.0)
    shares = Measured(records, GenerateParams(clients=1).as_of).shares()
    assert {kind: flagged for kind, (_, flagged) in shares.items() if flagged} == {}


def test_another_as_of_date_moves_the_transitions_and_keeps_them_handed_over() -> None:
    as_of = dt.date(2027, 6, 1)
    text = generated(GenerateParams(clients=5000, seed=13, gap_rate=0.0, as_of=as_of))
    records = [item for item in map(json.loads, text.splitlines()) if "type" in item]
    shares = Measured(records, as_of).shares()
    subjects, flagged = shares["transition-without-receiver"]
    assert subjects >= 10 and flagged == 0
    due = Counter(
        r["kind"]
        for r in records
        if r["type"] == "transition"
        and as_of < dt.date.fromisoformat(r["due_date"]) <= as_of + 180 * DAY
    )
    assert due["daycare_to_school"] > 0


def test_the_region_has_families_all_age_bands_and_real_caseloads(measured: Measured) -> None:
    ages = Counter()
    for client in measured.clients:
        age = measured.age(client)
        ages["child" if age < 18 else "working age" if age < 65 else "elderly"] += 1
    total = sum(ages.values())
    assert 0.15 < ages["child"] / total < 0.35
    assert 0.15 < ages["elderly"] / total < 0.35
    members = sum(1 for c in measured.clients.values() if "family" in c)
    assert 0.3 < members / total < 0.8
    caseload: Counter[str] = Counter()
    for client in measured.clients:
        held = {r["professional"] for r in measured.client_roles(client)}
        for e in measured.episodes[client]:
            held.update(r["professional"] for r in measured.scoped[e["id"]] if measured.active(r))
        caseload.update(held)
    loads = sorted(caseload.values())
    median = loads[len(loads) // 2]
    assert 8 <= median <= 30, median
    over = sum(1 for n in loads if n > 30) / len(loads)
    assert 0.0 < over < 0.25, over


pytestmark = pytest.mark.anyio


async def test_a_generated_region_of_1000_clients_loads_whole(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "region.jsonl"
    write(GenerateParams(clients=1000, seed=21), path)
    await migrate(db)
    report = await load_file(db, path)
    records, _ = sample(1000, 21, 0.05)
    expected = Counter(r["type"] for r in records)
    assert dict(report.records) == {k: v for k, v in expected.items()}
    rows = await db.read("testing", "demo-label-counts")
    labels = {row["label"]: row["n"] for row in rows}
    assert labels["Client"] == 1000
    assert labels["Episode"] == expected["episode"]
    again = await load_file(db, path)
    assert again.nodes_added == 0 and again.relationships_added == 0


def test_a_national_size_region_runs_out_of_place_names_and_still_gets_built() -> None:
    # 8,000 clients a municipality would make 125 for a million; the names are 12 heads
    # times 8 tails, 96 in all, so there are 96 larger ones (it looped for ever before)
    region, _ = build_region(GenerateParams(clients=1_000_000), random.Random(7))
    assert len(region.municipalities) == len(set(region.municipalities)) == 96
    assert math.isclose(sum(region.municipality_weights), 1.0)
