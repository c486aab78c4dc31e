"""Precision and recall of the gap engine per family on the evaluation set.

The cases (``tests/gap_evaluation/cases.py``) are small realistic networks
written from the domain brief and the seeds, each recorded with what a worker
would normally enter, with the families a coordinator expects for each client.
All of them load into one region; the engine runs once over it as of
2026-11-22, and each (client, family) pair is a true or false positive or
negative. The report is printed (``pytest -s`` shows it) and every family must
reach 0.95 in both measures.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from graphsvc.database import Database
from graphsvc.gaps import find_gaps
from graphsvc.importing import load_records
from tests.gap_evaluation.cases import CASES, FAMILIES
from tests.gap_evaluation.region import region

pytestmark = pytest.mark.anyio

AS_OF = dt.date(2026, 11, 22)
TARGET = 0.95


def test_the_evaluation_set_is_large_enough_and_well_formed() -> None:
    assert len(CASES) >= 40
    clients = [c for case in CASES for c in case.expected]
    assert len(clients) == len(set(clients))
    for case in CASES:
        assert case.story and case.reasoning, case.name
        for families in case.expected.values():
            assert families <= set(FAMILIES), case.name
    for family in FAMILIES:  # each family has cases that expect it and cases that do not
        expecting = [c for c in CASES if any(family in f for f in c.expected.values())]
        assert len(expecting) >= 2, family


async def test_precision_and_recall_per_family_reach_the_target(db: Database) -> None:
    records = region() + [record for case in CASES for record in case.records]
    await load_records(db, records, source="gap evaluation set")
    findings = await find_gaps(db, region="ev", as_of=AS_OF)
    found: dict[str, set[str]] = {}
    for finding in findings:
        if finding.client_id is not None:
            found.setdefault(finding.client_id, set()).add(finding.family.value)

    counts: dict[str, Counter[str]] = {family: Counter() for family in FAMILIES}
    misses: list[str] = []
    for case in CASES:
        for client, expected in case.expected.items():
            got = found.get(client, set())
            for family in FAMILIES:
                outcome = {
                    (True, True): "tp",
                    (False, True): "fp",
                    (True, False): "fn",
                    (False, False): "tn",
                }[(family in expected, family in got)]
                counts[family][outcome] += 1
                if outcome in ("fp", "fn"):
                    misses.append(f"{outcome} {family}: {case.name} ({client})")

    lines = [f"{'family':<18}{'tp':>4}{'fp':>4}{'fn':>4}{'tn':>4}  precision  recall"]
    scores: dict[str, tuple[float, float]] = {}
    for family, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        scores[family] = (precision, recall)
        lines.append(
            f"{family:<18}{c['tp']:>4}{c['fp']:>4}{c['fn']:>4}{c['tn']:>4}"
            f"  {precision:>9.2f}  {recall:>6.2f}"
        )
    report = "\n".join(["", f"gap evaluation, {len(CASES)} cases", *lines, *misses])
    print(report)
    for precision, recall in scores.values():
        assert precision >= TARGET and recall >= TARGET, report
