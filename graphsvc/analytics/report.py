"""What every analysis returns: tables of aggregates, suppressed and rendered alike.

An analysis builds its tables from column specs; :meth:`Table.build` applies
small-cell suppression once, so no output format can forget it. A ``count``
cell (clients, families, handoffs, professionals) of 1 to 4 is replaced by
:data:`SUPPRESSED`; a ``figure`` cell (a share, median, p90, mean, index)
resting on fewer than :data:`MIN_CELL` of its base count, or a share whose
numerator is suppressed, is replaced too, as statistical releases do. Zero is
shown: it identifies nobody.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

MIN_CELL = 5
SUPPRESSED = "<5"
"""The mark of a suppressed cell, in every format."""
SUPPRESSION_NOTE = (
    f"{SUPPRESSED}: fewer than {MIN_CELL} clients (or families, handoffs, professionals); "
    "the figure and figures resting on it are suppressed"
)

Cell = str | int | float | None
Kind = Literal["text", "number", "count", "figure"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "text"
    base: str | None = None
    """For a ``figure``: the ``count`` column it rests on."""
    part: str | None = None
    """For a share: the ``count`` column of its numerator, suppressed with it."""


def count(name: str) -> Column:
    return Column(name, "count")


def figure(name: str, base: str, part: str | None = None) -> Column:
    return Column(name, "figure", base, part)


def text(name: str) -> Column:
    return Column(name, "text")


def number(name: str) -> Column:
    """A figure that rests on no count of people (a centrality, a step number)."""
    return Column(name, "number")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    suppressed: int = 0

    @classmethod
    def build(
        cls, name: str, columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]
    ) -> Table:
        position = {column.name: i for i, column in enumerate(columns)}
        out: list[tuple[Cell, ...]] = []
        hidden = 0
        for row in rows:
            cells: list[Cell] = []
            for column in columns:
                value = row.get(column.name)
                if column.kind == "count" and isinstance(value, int) and 0 < value < MIN_CELL:
                    value = SUPPRESSED
                elif column.kind == "figure" and value is not None:
                    assert column.base is not None and column.base in position
                    base = row.get(column.base)
                    small = not isinstance(base, int) or base < MIN_CELL
                    if column.part is not None:
                        part = row.get(column.part)
                        small = small or (isinstance(part, int) and 0 < part < MIN_CELL)
                    if small:
                        value = SUPPRESSED
                if value == SUPPRESSED:
                    hidden += 1
                cells.append(_rounded(value))
            out.append(tuple(cells))
        return cls(name, tuple(column.name for column in columns), tuple(out), hidden)

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _rounded(value: Any) -> Cell:
    if isinstance(value, float):
        return round(value, 3)
    if value is None or isinstance(value, str | int):
        return value
    return str(value)


@dataclass(frozen=True)
class Report:
    analysis: str
    title: str
    region: str
    as_of: dt.date | None
    period: tuple[dt.date, dt.date] | None
    tables: tuple[Table, ...]
    notes: tuple[str, ...] = field(default=())

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)

    @property
    def suppressed(self) -> int:
        return sum(t.suppressed for t in self.tables)

    def as_json(self) -> dict[str, Any]:
        return {
            "analysis": self.analysis,
            "title": self.title,
            "region": self.region,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "from": None if self.period is None else self.period[0].isoformat(),
            "to": None if self.period is None else self.period[1].isoformat(),
            "min_cell": MIN_CELL,
            "suppressed_mark": SUPPRESSED,
            "suppressed_cells": self.suppressed,
            "notes": [*self.notes, SUPPRESSION_NOTE],
            "tables": [
                {"name": t.name, "columns": list(t.columns), "rows": [list(r) for r in t.rows]}
                for t in self.tables
            ],
        }


def render(report: Report, fmt: str) -> bytes:
    """The report as ``table`` (aligned text), ``csv`` (one section per table) or ``json``."""
    if fmt == "json":
        return (json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n").encode()
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["# " + report.title, report.region, _when(report)])
        for table in report.tables:
            writer.writerow([])
            writer.writerow(["# " + table.name])
            writer.writerow(table.columns)
            writer.writerows([["" if c is None else c for c in row] for row in table.rows])
        writer.writerow([])
        writer.writerow(["# " + SUPPRESSION_NOTE])
        return buffer.getvalue().encode()
    lines = [f"{report.title} - {report.region}, {_when(report)}"]
    for table in report.tables:
        lines += ["", f"{table.name}:"]
        shown = [[_show(c) for c in row] for row in table.rows]
        widths = [
            max([len(name), *(len(row[i]) for row in shown)])
            for i, name in enumerate(table.columns)
        ]
        lines.append("  ".join(n.ljust(w) for n, w in zip(table.columns, widths, strict=True)))
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in shown]
        if not shown:
            lines.append("(none)")
    lines += ["", *report.notes, SUPPRESSION_NOTE, ""]
    return "\n".join(line.rstrip() for line in lines).encode()


def _show(cell: Cell) -> str:
    if cell is None:
        return "-"
    if isinstance(cell, float):
        return f"{cell:.3f}".rstrip("0").rstrip(".")
    return str(cell)


def _when(report: Report) -> str:
    if report.period is not None:
        return f"{report.period[0]} - {report.period[1]}"
    return f"as of {report.as_of}"


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle values for an even count)."""
    return float(statistics.median(values)) if values else None


def p90(values: Sequence[float]) -> float | None:
    """The 90th percentile by nearest rank: the smallest value with 90 % at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[math.ceil(0.9 * len(ordered)) - 1])


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
