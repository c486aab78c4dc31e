"""The regional map: handoff flows between a region's organisations."""

from __future__ import annotations

import datetime as dt

from graphsvc.errors import NotFound
from graphsvc.maps.builder import LOOKBACK_DAYS, GraphBuilder
from graphsvc.store import Reads
from visualise.terms import EdgeKind


async def read(rows: Reads, b: GraphBuilder, region_id: str, day: dt.date) -> None:
    found = await rows.rows("maps", "region", id=region_id)
    if not found:
        raise NotFound(f"no region with id {region_id!r}", field="id")
    region = found[0]["region"]
    b.graph.graph["title"] = str(region.get("name") or region_id)
    parents: dict[str, str] = {}
    for row in await rows.rows("maps", "region-organisations", id=region_id):
        key = b.organisation(row["organisation"])
        if key is not None and row["parent"] is not None:
            parents[key] = f"Organisation:{row['parent']}"
    for key, parent in parents.items():
        b.data(key)["group"] = parent
        if parent in b.graph:
            b.edge(key, parent, EdgeKind.PART_OF)
    flows = await rows.rows(
        "maps", "region-flows", id=region_id, as_of=day, lookback_days=LOOKBACK_DAYS
    )
    b.flows(({"id": r["source"]}, r["target"], r["status"], r["handoffs"]) for r in flows)
