"""The organisation map: its parent and units, its services, its staff, the handoffs in and out."""

from __future__ import annotations

import datetime as dt

from graphsvc.errors import NotFound
from graphsvc.maps.builder import LOOKBACK_DAYS, GraphBuilder, cancelled
from graphsvc.maps.language import Count, Words
from graphsvc.store import Reads
from visualise.terms import EdgeKind


async def read(rows: Reads, b: GraphBuilder, org_id: str, day: dt.date) -> None:
    found = await rows.rows("maps", "organisation", id=org_id)
    if not found:
        raise NotFound(f"no organisation with id {org_id!r}", field="id")
    (row,) = found
    me = b.organisation(row["organisation"])
    assert me is not None
    b.focus(me, str(row["organisation"].get("name") or org_id))
    parent = b.organisation(row["parent"])
    if parent is not None:
        b.edge(me, parent, EdgeKind.PART_OF)
    for unit_props in row["units"]:
        unit = b.organisation(unit_props)
        if unit is not None:
            b.edge(unit, me, EdgeKind.PART_OF)
    for row in await rows.rows(
        "maps", "organisation-services", id=org_id, as_of=day, cancelled=cancelled()
    ):
        key = b.service(row["service"])
        b.data(key)["group"] = me
        b.notes[key] = Count(Words.EPISODES_RUNNING, row["active_episodes"])
        b.edge(key, me, EdgeKind.PROVIDED_BY)
    for row in await rows.rows("maps", "organisation-staff", id=org_id, as_of=day):
        person = b.professional(row["professional"])
        b.notes[person] = Count(Words.RESPONSIBILITIES, row["responsibilities"])
        b.data(person)["group"] = me
        b.edge(person, me, EdgeKind.WORKS_IN)
    flows = await rows.rows(
        "maps", "organisation-flows", id=org_id, as_of=day, lookback_days=LOOKBACK_DAYS
    )
    b.flows((r["source"], r["target"], r["status"], r["handoffs"]) for r in flows)
