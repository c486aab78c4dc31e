"""Planners' analyses of a region: aggregates only, one module per analysis.

Each module has ``TITLE`` and ``async analyse(db, options, pseudonyms,
progress) -> Report``. Figures are computed from catalogue queries
(``cypher/analytics/``) that return no names, birth dates or free text;
everything shown passes :meth:`~graphsvc.analytics.report.Table.build`, which
suppresses cells under five. Callers go through :meth:`graphsvc.store.Store.analysis`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any, Protocol

from graphsvc.analytics.privacy import Pseudonyms
from graphsvc.analytics.report import Report
from graphsvc.database import Database
from graphsvc.errors import BadInput

Progress = Callable[[int, int], None]

ANALYSES = {
    "shared-clients": "graphsvc.analytics.shared_clients",
    "handoff-flows": "graphsvc.analytics.handoffs",
    "bottlenecks": "graphsvc.analytics.bottlenecks",
    "pathway-conformance": "graphsvc.analytics.pathways",
    "coordination-burden": "graphsvc.analytics.burden",
}


@dataclass(frozen=True)
class Options:
    region: str
    as_of: dt.date
    period: tuple[dt.date, dt.date] | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def start(self) -> dt.date:
        return self.as_of - dt.timedelta(days=365) if self.period is None else self.period[0]

    @property
    def end(self) -> dt.date:
        return self.as_of if self.period is None else self.period[1]

    def param(self, name: str, default: Any) -> Any:
        return self.params.get(name, default)


class Analysis(Protocol):
    TITLE: str
    PARAMS: Mapping[str, str]

    def analyse(
        self, db: Database, options: Options, pseudonyms: Pseudonyms, progress: Progress
    ) -> Awaitable[Report]: ...


def analysis(name: str) -> Analysis:
    if name not in ANALYSES:
        raise BadInput(f"no analysis {name!r}: expected one of {', '.join(ANALYSES)}")
    module: Any = import_module(ANALYSES[name])
    return module  # type: ignore[no-any-return]


def check_options(name: str, options: Options) -> None:
    days = [options.as_of, *(options.period or ())]
    if any(not 1900 <= day.year <= 2999 for day in days):
        raise BadInput(f"analysis {name}: dates must fall in the years 1900-2999")
    if options.period is not None and options.period[0] > options.period[1]:
        raise BadInput(f"analysis {name}: from {options.period[0]} is after to {options.period[1]}")
    known = analysis(name).PARAMS
    unknown = sorted(set(options.params) - set(known))
    if unknown:
        raise BadInput(
            f"analysis {name}: unknown parameter {', '.join(unknown)}; "
            f"expected any of {', '.join(known) or 'none'}"
        )


def _ignore(done: int, total: int) -> None:
    pass


async def run_analysis(
    db: Database,
    name: str,
    options: Options,
    pseudonyms: Pseudonyms,
    progress: Progress = _ignore,
) -> Report:
    check_options(name, options)
    return await analysis(name).analyse(db, options, pseudonyms, progress)


__all__ = ["ANALYSES", "Options", "Progress", "Pseudonyms", "Report", "run_analysis"]
