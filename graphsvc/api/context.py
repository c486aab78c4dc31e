"""What every GraphQL request carries: the caller, the store and its DataLoaders.

The loaders are made per request, so nothing is cached between requests; within
one request every nested field of the same kind is fetched in one batch, so
the number of Cypher round trips does not grow with the number of results.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader

from graphsvc.database import Database
from graphsvc.gaps import Finding
from graphsvc.settings import Settings
from graphsvc.store import Direction, Link, Node, Store

NodeKey = tuple[str, str]
"""(label, id)"""
LinkKey = tuple[str, Direction, str, str]
"""(source label, direction, relationship type, source id)"""
GapKey = tuple[str, dt.date | None]
"""(client, region or pathway id, the date gaps are found as of: None for today)"""


class Loaders:
    def __init__(self, store: Store):
        self.store = store
        self.nodes: DataLoader[NodeKey, Node | None] = DataLoader(self._nodes)
        self.links: DataLoader[LinkKey, list[Link]] = DataLoader(self._links)
        self.client_gaps: DataLoader[GapKey, list[Finding]] = DataLoader(self._client_gaps)
        self.region_gaps: DataLoader[GapKey, list[Finding]] = DataLoader(self._region_gaps)
        self.pathway_gaps: DataLoader[GapKey, list[Finding]] = DataLoader(self._pathway_gaps)

    async def _nodes(self, keys: list[NodeKey]) -> Sequence[Node | None]:
        by_label: dict[str, list[str]] = defaultdict(list)
        for label, id in keys:
            by_label[label].append(id)
        labels = list(by_label)
        found = await asyncio.gather(*(self.store.nodes(lb, by_label[lb]) for lb in labels))
        nodes = dict(zip(labels, found, strict=True))
        return [nodes[label].get(id) for label, id in keys]

    async def _links(self, keys: list[LinkKey]) -> Sequence[list[Link]]:
        groups: dict[tuple[str, Direction, str], list[str]] = defaultdict(list)
        for label, direction, type, id in keys:
            groups[(label, direction, type)].append(id)
        names = list(groups)
        found = await asyncio.gather(*(self.store.links(*name, groups[name]) for name in names))
        links = dict(zip(names, found, strict=True))
        return [links[(label, d, t)].get(id, []) for label, d, t, id in keys]

    async def _client_gaps(self, keys: list[GapKey]) -> Sequence[list[Finding]]:
        """All clients asked for on one date in one call of the gap engine."""
        by_date: dict[dt.date | None, list[str]] = defaultdict(list)
        for id, as_of in keys:
            by_date[as_of].append(id)
        found: dict[tuple[str, dt.date | None], list[Finding]] = defaultdict(list)
        for as_of, ids in by_date.items():
            for finding in await self.store.gaps(clients=ids, as_of=as_of):
                if finding.client_id is not None:
                    found[(finding.client_id, as_of)].append(finding)
        return [found.get(key, []) for key in keys]

    async def _region_gaps(self, keys: list[GapKey]) -> Sequence[list[Finding]]:
        return await asyncio.gather(
            *(self.store.gaps(region=id, as_of=as_of) for id, as_of in keys)
        )

    async def _pathway_gaps(self, keys: list[GapKey]) -> Sequence[list[Finding]]:
        return await asyncio.gather(
            *(self.store.gaps(pathway=id, as_of=as_of) for id, as_of in keys)
        )


@dataclass
class Context:
    request: Request
    response: Response | None
    settings: Settings
    db: Database
    store: Store
    loaders: Loaders
    request_id: str
    extra: dict[str, Any] = field(default_factory=dict)
