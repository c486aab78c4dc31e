"""A map of one kind: read through the Store, put in words, findings placed, drawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

from graphsvc.database import Database
from graphsvc.maps import client, organisation, pathway, professional, region
from graphsvc.maps.builder import GraphBuilder
from graphsvc.maps.findings import attach_gaps
from graphsvc.maps.language import localise
from graphsvc.store import AccessPolicy, AllowAll, Reads, Store
from graphsvc.vocab import Lang, Term
from visualise import builders
from visualise.graph import MapGraph
from visualise.servicemap import ServiceMap


class MapKind(Term):
    CLIENT = "client", "asiakas", "client"
    PROFESSIONAL = "professional", "ammattilainen", "professional"
    ORGANISATION = "organisation", "organisaatio", "organisation"
    PATHWAY = "pathway", "hoitoketju", "care pathway"
    REGION = "region", "alue", "region"


Reader = Callable[[Reads, GraphBuilder, str, dt.date], Awaitable[None]]

READERS: dict[MapKind, Reader] = {
    MapKind.CLIENT: client.read,
    MapKind.PROFESSIONAL: professional.read,
    MapKind.ORGANISATION: organisation.read,
    MapKind.PATHWAY: pathway.read,
    MapKind.REGION: region.read,
}

DRAW: dict[MapKind, Callable[[MapGraph, Lang], ServiceMap]] = {
    MapKind.CLIENT: builders.client_map,
    MapKind.PROFESSIONAL: builders.professional_map,
    MapKind.ORGANISATION: builders.organisation_map,
    MapKind.PATHWAY: builders.pathway_map,
    MapKind.REGION: builders.region_map,
}

GAP_SCOPES = {
    MapKind.CLIENT: "client",
    MapKind.PATHWAY: "pathway",
    MapKind.PROFESSIONAL: "caseload",
}
"""Maps that carry the gap engine's findings; organisation and region maps carry none."""


def store_of(source: Database | Store, policy: AccessPolicy | None) -> Store:
    """The Store a map reads through: the caller's own (the HTTP endpoints pass it, with
    its caller, policy and breaker), or one over ``source`` with ``policy`` (all: None)."""
    if isinstance(source, Store):
        if policy is not None:
            raise ValueError("a map read through a Store takes the Store's policy")
        return source
    return Store(source, policy=AllowAll() if policy is None else policy)


async def build_map(
    source: Database | Store,
    kind: MapKind,
    subject_id: str,
    *,
    lang: Lang = "fi",
    as_of: dt.date | None = None,
    policy: AccessPolicy | None = None,
) -> ServiceMap:
    graph = await map_graph(source, kind, subject_id, lang=lang, as_of=as_of, policy=policy)
    return DRAW[kind](graph, lang)


async def map_graph(
    source: Database | Store,
    kind: MapKind,
    subject_id: str,
    *,
    lang: Lang = "fi",
    as_of: dt.date | None = None,
    policy: AccessPolicy | None = None,
) -> MapGraph:
    """The graph of one map as of a date (default today), with the gap engine's findings on it.

    With a ``policy`` (or a Store's), the map holds only what the caller may see (the
    policy's predicates are in the map's Cypher) and only the findings about what it shows."""
    store = store_of(source, policy)
    day = dt.date.today() if as_of is None else as_of
    builder = await read_map(store, kind, subject_id, lang=lang, as_of=day)
    if kind in GAP_SCOPES:
        await attach_gaps(store, builder, subject_id, day, scope=GAP_SCOPES[kind])
    return builder.graph


async def read_map(
    source: Database | Store,
    kind: MapKind,
    subject_id: str,
    *,
    lang: Lang,
    as_of: dt.date,
    policy: AccessPolicy | None = None,
) -> GraphBuilder:
    """The map's nodes and edges as stored on ``as_of``, read in one read transaction of the
    Store and put in ``lang``; no gaps yet."""
    builder = GraphBuilder(lang)
    read = READERS[kind]

    async def work(rows: Reads) -> None:
        await read(rows, builder, subject_id, as_of)

    await store_of(source, policy).in_one_read(work)
    localise(builder)
    return builder
