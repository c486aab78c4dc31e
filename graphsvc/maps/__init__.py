"""Service maps from the store: Cypher (``cypher/maps/``) in, a networkx graph out, gaps attached.

:func:`map_graph` reads what one map needs in one read transaction of the
:class:`~graphsvc.store.Store` (the caller's policy in every query, under the
API's breaker) and builds the graph :mod:`visualise.graph` describes;
:func:`build_map` draws it. One reader per map kind (:mod:`.client`,
:mod:`.professional`, :mod:`.organisation`, :mod:`.pathway`, :mod:`.region`)
leaves codes on the graph; :mod:`.language` puts them in Finnish or English
once; :mod:`.findings` places the gap engine's findings on what they are about.
Node ids in the graph are ``Label:id`` (ids are unique per label only).
"""

from graphsvc.maps.build import MapKind, build_map, map_graph, read_map
from graphsvc.maps.builder import ADULT_AGE, LOOKBACK_DAYS, GraphBuilder
from graphsvc.maps.findings import ON_OUTGOING_EDGE
from graphsvc.maps.language import FindingLike

__all__ = [
    "ADULT_AGE",
    "LOOKBACK_DAYS",
    "ON_OUTGOING_EDGE",
    "FindingLike",
    "GraphBuilder",
    "MapKind",
    "build_map",
    "map_graph",
    "read_map",
]
