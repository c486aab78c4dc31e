"""Relay-style connections: ``first``/``after`` pages with ``totalCount``.

A cursor is an opaque base64 string naming a position in the sorted, filtered
list; filtering, sorting and cutting the page all happen in Cypher.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from graphsvc.errors import BadInput

MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 20
N = TypeVar("N")
V = TypeVar("V")


def cursor(position: int) -> str:
    return base64.b64encode(f"position:{position}".encode()).decode()


def position(after: str | None) -> int:
    """The first position after ``after`` (0 without a cursor)."""
    if after is None:
        return 0
    try:
        kind, _, number = base64.b64decode(after, validate=True).decode().partition(":")
        if kind == "position" and number.isdigit() and len(number) <= 9:
            return int(number) + 1
    except ValueError:  # not base64, not ASCII, or not UTF-8
        pass
    raise BadInput(f"after={after!r} is not a cursor from this list", field="after")


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise BadInput(f"first={first}: expected 0 to {MAX_PAGE_SIZE}", field="first")
    return first


@strawberry.type(description="Where the page stands in its list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether items follow this page.")
    has_previous_page: bool = strawberry.field(description="Whether items precede this page.")
    start_cursor: str | None = strawberry.field(
        description="The cursor of the page's first item; null on an empty page."
    )
    end_cursor: str | None = strawberry.field(
        description="The cursor of the page's last item, to give as after for the next "
        "page; null on an empty page."
    )


@strawberry.type(description="An item of a page with its cursor.")
class Edge(Generic[N]):
    cursor: str = strawberry.field(
        description="The item's position in the list, opaque; give it as after to start after it."
    )
    node: N = strawberry.field(description="The item.")


@strawberry.type(
    description="One page of a list: the items (as nodes, or as edges with their cursors), "
    "how many the whole list holds, and where the page stands."
)
class Connection(Generic[N]):
    total_count: int = strawberry.field(
        description="How many items the whole list holds, over all pages (leave it out "
        "when not needed: it costs a count)."
    )
    edges: list[Edge[N]] = strawberry.field(description="The page's items with their cursors.")
    page_info: PageInfo = strawberry.field(description="Where the page stands in the list.")

    @strawberry.field(description="The page's items.")  # type: ignore[untyped-decorator,unused-ignore]
    def nodes(self) -> list[N]:
        return [edge.node for edge in self.edges]


def connection(nodes: Sequence[V], total: int, skip: int, build: Callable[[V], N]) -> Connection[N]:
    edges = [Edge(cursor=cursor(skip + i), node=build(node)) for i, node in enumerate(nodes)]
    return Connection(
        total_count=total,
        edges=edges,
        page_info=PageInfo(
            has_next_page=skip + len(edges) < total,
            has_previous_page=skip > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
