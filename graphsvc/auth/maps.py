"""Who may open which map, decided with the same Cypher policy as GraphQL, and audited.

Admins open every map. Professionals and coordinators open the map of a client
they may see (the policy's predicate on the client, in Cypher) and their own
professional map; planners, and every other map for non-admins, are refused
as not found, so a map does not reveal that an id exists. Opening a client's
map is recorded in the audit trail before the page leaves.
"""

from __future__ import annotations

from starlette.requests import Request

from graphsvc.auth.audit import Audit
from graphsvc.auth.policy import RolePolicy
from graphsvc.auth.roles import Role
from graphsvc.errors import NotFound
from graphsvc.maps import MapKind
from graphsvc.store import Caller, Store


async def authorize_map(request: Request, kind: MapKind, id: str) -> None:
    caller: Caller = getattr(request.state, "caller", None) or Caller()
    if caller.role == Role.ADMIN:
        if kind is MapKind.CLIENT:
            await _audit(request, caller, id)
        return
    if kind is MapKind.PROFESSIONAL and caller.professional == id:
        return
    if kind is MapKind.CLIENT and await may_see_clients(request, [id]):
        await _audit(request, caller, id)
        return
    raise NotFound(f"no {kind.value} {id} to show")


async def may_see_clients(request: Request, ids: list[str]) -> bool:
    """Whether the caller (a professional or coordinator) may see every one of these clients,
    decided by the policy's Cypher predicate on each client. Other roles may not."""
    caller: Caller = getattr(request.state, "caller", None) or Caller()
    if caller.role not in (Role.PROFESSIONAL, Role.COORDINATOR) or not ids:
        return False
    db = request.app.state.db
    store = Store(db, caller=caller, policy=RolePolicy(caller), guard=request.app.state.breaker)
    return set(ids) <= set(await store.nodes("Client", ids))


async def _audit(request: Request, caller: Caller, client: str) -> None:
    await audit_clients(request, [client], operation="map")


async def audit_clients(request: Request, clients: list[str], *, operation: str) -> None:
    """Record that the caller read these clients' data, before the answer leaves."""
    from graphsvc.api.logs import request_id

    caller: Caller = getattr(request.state, "caller", None) or Caller()
    state = request.app.state
    audit = Audit(
        state.db,
        caller,
        request_id.get(),
        operation=operation,
        recorder=getattr(state, "reads_recorder", None),
    )
    await audit.record_reads({"Client": set(clients)})
