"""Shared clients (yhteisasiakkaat): clients of two services at once, by age band.

For every pair of *sides* (a side is a service kind, a service, or a named
group of either, e.g. ``{"psychiatry": ["child_psychiatry", "youth_psychiatry"]}``)
and every age band on the as-of date: the clients of side A, of side B, of
both, and the shares ``both / A`` and ``both / B``. A client counts for a side
when one of their episodes of a service of that side is active on the date.
The LAPE theses (seed 002) cite such a figure: of placed children under 13,
35 % are also clients of child or youth psychiatry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

from graphsvc.analytics import Options, Progress
from graphsvc.analytics.privacy import Pseudonyms
from graphsvc.analytics.report import Report, Table, count, figure, share, text
from graphsvc.database import Database
from graphsvc.errors import BadInput

TITLE = "Shared clients"
DEFAULT_BANDS = (0, 13, 18, 30, 65)
PARAMS = {
    "sides": 'named groups of kinds (or services), e.g. {"placed": ["foster_care"]}; '
    "default every kind on its own",
    "kinds": "the kinds (or services) to pair, each a side of its own",
    "by": '"kind" (default) or "service": what the sides list',
    "bands": "lower bounds of the age bands in years, default [0, 13, 18, 30, 65]",
}
ALL_AGES = "all"
COLUMNS = (
    text("band"),
    text("side_a"),
    text("side_b"),
    count("clients_a"),
    count("clients_b"),
    count("both"),
    figure("share_of_a", "clients_a", "both"),
    figure("share_of_b", "clients_b", "both"),
)


def band_labels(bounds: Sequence[int]) -> list[str]:
    labels = []
    for low, high in zip(bounds, [*bounds[1:], None], strict=True):
        labels.append(f"{low}+" if high is None else f"{low}-{high - 1}")
    return labels


def band_of(age: int, bounds: Sequence[int], labels: Sequence[str]) -> str | None:
    found = None
    for low, label in zip(bounds, labels, strict=True):
        if age >= low:
            found = label
    return found


def _bounds(value: Any) -> list[int]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, int) and v >= 0 for v in value)
        or sorted(set(value)) != value
    ):
        raise BadInput(f"parameter bands: expected increasing whole years, got {value!r}")
    return list(value)


def _sides(options: Options, seen: set[str]) -> dict[str, frozenset[str]]:
    sides = options.param("sides", None)
    if sides is not None:
        if not isinstance(sides, Mapping) or not all(
            isinstance(v, list) and all(isinstance(k, str) for k in v) for v in sides.values()
        ):
            raise BadInput(f"parameter sides: expected {{name: [kind, ...]}}, got {sides!r}")
        return {str(name): frozenset(kinds) for name, kinds in sides.items()}
    kinds = options.param("kinds", None)
    if kinds is not None:
        if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
            raise BadInput(f"parameter kinds: expected a list of kinds, got {kinds!r}")
        return {kind: frozenset({kind}) for kind in kinds}
    return {kind: frozenset({kind}) for kind in sorted(seen)}


async def analyse(
    db: Database, options: Options, pseudonyms: Pseudonyms, progress: Progress
) -> Report:
    by = options.param("by", "kind")
    if by not in ("kind", "service"):
        raise BadInput(f'parameter by: expected "kind" or "service", got {by!r}')
    bounds = _bounds(options.param("bands", list(DEFAULT_BANDS)))
    labels = band_labels(bounds)
    progress(0, 2)
    rows = await db.read(
        "analytics", "active-services-by-client", region=options.region, as_of=options.as_of, by=by
    )
    progress(1, 2)
    sides = _sides(options, {s for row in rows for s in row["services"]})
    names = list(sides)
    single: Counter[tuple[str, str]] = Counter()
    pair: Counter[tuple[str, str, str]] = Counter()
    for row in rows:
        services = set(row["services"])
        mine = [name for name in names if sides[name] & services]
        band = band_of(int(row["age"]), bounds, labels)
        for label in (ALL_AGES, band) if band is not None else (ALL_AGES,):
            for name in mine:
                single[label, name] += 1
            for a, b in combinations(mine, 2):
                pair[label, a, b] += 1
    table_rows = []
    for label in (ALL_AGES, *labels):
        for a, b in combinations(names, 2):
            clients_a, clients_b, both = single[label, a], single[label, b], pair[label, a, b]
            table_rows.append(
                {
                    "band": label,
                    "side_a": a,
                    "side_b": b,
                    "clients_a": clients_a,
                    "clients_b": clients_b,
                    "both": both,
                    "share_of_a": share(both, clients_a),
                    "share_of_b": share(both, clients_b),
                }
            )
    progress(2, 2)
    sides_note = "; ".join(
        f"{name} = {', '.join(sorted(kinds))}" for name, kinds in sides.items() if kinds != {name}
    )
    return Report(
        analysis="shared-clients",
        title=TITLE,
        region=options.region,
        as_of=options.as_of,
        period=None,
        tables=(Table.build("pairs", COLUMNS, table_rows),),
        notes=(
            "share_of_a = both / clients_a: the share of side A's clients who are also "
            "clients of side B; ages in whole years on the date",
            *([f"sides: {sides_note}"] if sides_note else []),
        ),
    )
