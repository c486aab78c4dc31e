"""A canonical dump of the whole graph, to compare databases in import and export tests."""

from __future__ import annotations

import json
from typing import Any

from neo4j.time import Date

from graphsvc.database import Database

Node = tuple[str, str]
"""(label, id)"""


def plain(value: Any) -> Any:
    if isinstance(value, Date):
        return value.iso_format()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


async def nodes(db: Database) -> dict[Node, dict[str, Any]]:
    """Every node's properties (dates as ISO strings) by (label, id), without the
    ``version`` counter of writes (tests of it read it on its own)."""
    rows = await db.read("testing", "dump-nodes")
    return {
        (":".join(sorted(r["labels"])), r["props"]["id"]): plain(
            {key: value for key, value in r["props"].items() if key != "version"}
        )
        for r in rows
    }


Relationship = tuple[Node, str, str, Node]
"""((label, id), type, properties as JSON, (label, id))"""


async def relationships(db: Database) -> list[Relationship]:
    """Every relationship, sorted, duplicates kept."""
    rows = await db.read("testing", "dump-relationships")
    return sorted(
        (
            (":".join(sorted(r["from_labels"])), r["from"]),
            r["type"],
            json.dumps(plain(r["props"]), sort_keys=True),
            (":".join(sorted(r["to_labels"])), r["to"]),
        )
        for r in rows
    )


async def dump(db: Database) -> tuple[dict[Node, dict[str, Any]], list[Relationship]]:
    return await nodes(db), await relationships(db)
