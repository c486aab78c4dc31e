"""The demo region (``graphsvc/data/demo``): the four cases of the domain brief.

The files are loaded in name order, each all-or-nothing through the importer,
after the schema migrations; loading them again changes nothing. What each
case is designed to show is written down in ``graphsvc/data/demo/README.md``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graphsvc.database import Database
from graphsvc.importing import LoadReport, load_file
from graphsvc.migrate import migrate

DEMO_DIR = Path(__file__).resolve().parent / "data" / "demo"

REFERENCE_DATE = dt.date(2026, 11, 22)
"""The date the demo's designed findings hold on; its dates were chosen relative to it."""


def demo_files(directory: Path = DEMO_DIR) -> list[Path]:
    return sorted(directory.glob("*.json"))


async def load_demo(db: Database, directory: Path = DEMO_DIR) -> LoadReport:
    """Migrate, then load every demo file in name order; returns the summed report."""
    await migrate(db)
    report = LoadReport(str(directory))
    for path in demo_files(directory):
        report += await load_file(db, path)
    return report
