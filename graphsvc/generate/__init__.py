"""Synthetic regions: ``graphsvc generate --clients N --seed S -o FILE``.

Writes JSON Lines (``docs/model.md``): the format line, a ``reference`` batch
(region, organisations, services, professionals, pathways), then one batch per
``--batch-clients`` clients with everything of theirs. Records are written as
they are drawn, so memory holds the reference data and one household, whatever
N. Only ``random.Random(seed)`` draws, and nothing depends on the clock, so the
same arguments give the same bytes.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from graphsvc.generate.clients import ClientGenerator
from graphsvc.generate.params import DEFAULT_AS_OF, GAP_KINDS, GenerateParams
from graphsvc.generate.reference import build_region
from graphsvc.model import FORMAT

__all__ = ["DEFAULT_AS_OF", "GAP_KINDS", "GenerateParams", "Generated", "generate", "write"]


@dataclass(frozen=True)
class Generated:
    path: str
    clients: int
    households: int
    records: int
    batches: int
    bytes: int

    def __str__(self) -> str:
        return (
            f"{self.path}: {self.clients} clients in {self.households} households, "
            f"{self.records} records in {self.batches} batches, {self.bytes / 1e6:.1f} MB"
        )


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def generate(params: GenerateParams, out: IO[str]) -> tuple[int, int, int, int]:
    """Write the region to ``out``; returns (clients, households, records, batches)."""
    rng = random.Random(params.seed)
    out.write(_line({"format": FORMAT}))
    out.write(_line({"batch": "reference"}))
    region, reference = build_region(params, rng)
    out.writelines(_line(record) for record in reference)
    records, batches = len(reference), 1
    people = ClientGenerator(params, region, rng)
    in_batch = params.batch_clients
    while people.clients < params.clients:
        if in_batch >= params.batch_clients:
            batches += 1
            out.write(_line({"batch": f"clients-{batches - 1:05d}"}))
            in_batch = 0
        count, household = people.household(params.clients - people.clients)
        in_batch += count
        records += len(household)
        out.writelines(_line(record) for record in household)
    return people.clients, people.households, records, batches


def write(params: GenerateParams, path: Path) -> Generated:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        clients, households, records, batches = generate(params, out)
    return Generated(str(path), clients, households, records, batches, path.stat().st_size)
