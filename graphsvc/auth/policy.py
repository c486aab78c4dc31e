"""What each role may read, as Cypher predicates (the Store's access seam).

:meth:`RolePolicy.cypher_filter` answers, for a node variable of a label, a
boolean Cypher expression that the read queries AND into their patterns, so
the database returns only what the caller may see: ``totalCount`` and pages
stay true and nothing is filtered in Python. Parameters start ``acl_``.

- admin: everything (no predicate).
- planner: no client data at all (clients and everything recorded about them);
  reference data (organisations, professionals, services, pathways, regions).
- professional and coordinator: clients they hold a current responsibility for
  (for the client, or for one of the client's episodes or plans) and those
  clients' networks. What organisation A recorded about the client (episodes
  of A's services, plans owned by A's professionals and their goals,
  responsibilities held by A's professionals) only while the caller's
  organisation B is A or within A (``PART_OF``), or the client's consent from
  A (or an organisation A is within) to B (or an organisation B is within) is
  active today.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphsvc.auth.roles import Role
from graphsvc.store import Caller

CLIENT_DATA = (
    "Client",
    "Family",
    "Episode",
    "Plan",
    "Goal",
    "Consent",
    "Handoff",
    "Transition",
    "Responsibility",
)
"""Labels whose nodes are a client's data; the rest is reference data every role may read."""

RECORDED_BY = {
    "Episode": "({v})-[:OF_SERVICE]->(:Service)-[:PROVIDED_BY]->({v}_a:Organisation)",
    "Plan": "({v})-[:OWNED_BY]->(:Professional)-[:WORKS_IN]->({v}_a:Organisation)",
    "Goal": "({v})<-[:HAS_GOAL]-(:Plan)-[:OWNED_BY]->(:Professional)"
    "-[:WORKS_IN]->({v}_a:Organisation)",
    "Responsibility": "({v})<-[:HOLDS]-(:Professional)-[:WORKS_IN]->({v}_a:Organisation)",
}
"""The organisation ``{v}_a`` that recorded a node (consent-aware labels only)."""

OWNER = {
    "Family": "({v}_c:Client)-[:MEMBER_OF]->({v})",
    "Episode": "({v}_c:Client)-[:HAS_EPISODE]->({v})",
    "Plan": "({v}_c:Client)-[:HAS_PLAN]->({v})",
    "Goal": "({v}_c:Client)-[:HAS_PLAN]->(:Plan)-[:HAS_GOAL]->({v})",
    "Consent": "({v}_c:Client)-[:GAVE_CONSENT]->({v})",
    "Handoff": "({v}_c:Client)-[:HAS_HANDOFF]->({v})",
    "Transition": "({v}_c:Client)-[:HAS_TRANSITION]->({v})",
}
"""How a node ``{v}`` of client data reaches its client ``{v}_c``."""


def active(x: str) -> str:
    return f"{x}.valid_from <= $acl_today AND ({x}.valid_to IS NULL OR {x}.valid_to >= $acl_today)"


def works_now(x: str) -> str:
    return (
        f"({x}.valid_from IS NULL OR {x}.valid_from <= $acl_today) "
        f"AND ({x}.valid_to IS NULL OR {x}.valid_to >= $acl_today)"
    )


def reach(client: str) -> str:
    """The caller holds a current responsibility for ``client`` or its episode or plan."""
    r, s = f"{client}_r", f"{client}_s"
    return (
        f"EXISTS {{ MATCH (:Professional {{id: $acl_professional}})-[:HOLDS]->({r}:Responsibility)"
        f"-[:FOR]->({s}) WHERE {active(r)} AND ({s} = {client} OR "
        f"({client})-[:HAS_EPISODE|HAS_PLAN]->({s})) }}"
    )


def organisation_allows(client: str, a: str) -> str:
    """Organisation ``a`` (which recorded the data) is the caller's or contains the caller's,
    or the client's consent from ``a`` (or what ``a`` is within) to the caller's organisation
    (or what it is within) is active."""
    b, w, k, f, t = (f"{a}_{x}" for x in "bwkft")
    mine = (
        f"EXISTS {{ MATCH (:Professional {{id: $acl_professional}})-[{w}:WORKS_IN]->"
        f"({b}:Organisation) WHERE {works_now(w)} AND ({b} = {a} OR ({b})-[:PART_OF*1..]->({a})) }}"
    )
    consented = (
        f"EXISTS {{ MATCH ({client})-[:GAVE_CONSENT]->({k}:Consent)-[:FROM_ORG]->"
        f"({f}:Organisation), ({k})-[:TO_ORG]->({t}:Organisation), "
        f"(:Professional {{id: $acl_professional}})-[{w}:WORKS_IN]->({b}:Organisation) "
        f"WHERE {active(k)} AND ({k}.withdrawn IS NULL OR {k}.withdrawn > $acl_today) "
        f"AND {works_now(w)} AND ({f} = {a} OR ({a})-[:PART_OF*1..]->({f})) "
        f"AND ({b} = {t} OR ({b})-[:PART_OF*1..]->({t})) }}"
    )
    return f"({mine} OR {consented})"


def recorded_visible(label: str, v: str, client: str) -> str:
    """What ``v`` of ``label`` records is visible given who recorded it (no recorder: visible)."""
    pattern = RECORDED_BY[label].format(v=v)
    return (
        f"(NOT EXISTS {{ {pattern} }} OR EXISTS {{ MATCH {pattern} "
        f"WHERE {organisation_allows(client, v + '_a')} }})"
    )


def professional_predicate(label: str, v: str) -> str:
    """The predicate over ``v`` of ``label`` for a professional or coordinator."""
    if label == "Client":
        return reach(v)
    if label == "Responsibility":
        c = f"{v}_c"
        held = f"{reach(c)} AND {recorded_visible(label, v, c)}"
        return (
            f"(NOT EXISTS {{ ({v})-[:FOR]->(:Client|Episode|Plan) }} "
            f"OR EXISTS {{ MATCH ({v})-[:FOR]->({c}:Client) WHERE {held} }} "
            f"OR EXISTS {{ MATCH ({v})-[:FOR]->()<-[:HAS_EPISODE|HAS_PLAN]-({c}:Client) "
            f"WHERE {held} }})"
        )
    owner = OWNER[label].format(v=v)
    c = f"{v}_c"
    if label in RECORDED_BY:
        return f"EXISTS {{ MATCH {owner} WHERE {reach(c)} AND {recorded_visible(label, v, c)} }}"
    return f"EXISTS {{ MATCH {owner} WHERE {reach(c)} }}"


class RolePolicy:
    """The access policy of one caller (made per request)."""

    def __init__(self, caller: Caller, today: dt.date | None = None):
        self.caller = caller
        self.today = dt.date.today() if today is None else today

    @property
    def role(self) -> Role | None:
        return Role(self.caller.role) if self.caller.role else None

    def params(self) -> dict[str, Any]:
        return {"acl_professional": self.caller.professional, "acl_today": self.today}

    def cypher_filter(self, label: str, var: str) -> tuple[str, dict[str, Any]] | None:
        role = self.role
        if role is Role.ADMIN:
            return None
        if label not in CLIENT_DATA:
            return None if role is not None else ("false", {})
        if role in (Role.PROFESSIONAL, Role.COORDINATOR) and self.caller.professional:
            return professional_predicate(label, var), self.params()
        return "false", {}

    def recorder_filter(
        self, label: str, var: str, client: str
    ) -> tuple[str, dict[str, Any]] | None:
        """For ``var`` of ``label`` (an episode, plan, goal or responsibility) of a client
        ``client`` the caller already sees: whether who recorded it lets the caller see it.
        The same rule as :meth:`cypher_filter` less the reach of the client, so a query
        about a visible client's parts stays short (quick for Neo4j to plan)."""
        role = self.role
        if role is Role.ADMIN:
            return None
        if role in (Role.PROFESSIONAL, Role.COORDINATOR) and self.caller.professional:
            return recorded_visible(label, var, client), self.params()
        return "false", {}

    def can_read(self, caller: Caller, label: str, id: str) -> bool:
        """For what is not a node read: a region's analytics (aggregates and pseudonymous
        ids) are open to planners and admins. Node reads are decided by the predicates."""
        if label == "Analysis":
            return self.role in (Role.PLANNER, Role.ADMIN)
        if label == "Work":
            # a professional's own work list (myWork): theirs, or an admin's view of it
            return self.role is Role.ADMIN or (
                self.role in (Role.PROFESSIONAL, Role.COORDINATOR) and caller.professional == id
            )
        return True
