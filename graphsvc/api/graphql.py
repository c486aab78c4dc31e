"""The ``/graphql`` endpoint: strawberry's ASGI view with graphsvc's context and errors."""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from graphsvc.api.context import Context, Loaders
from graphsvc.api.errors import code_of, format_error
from graphsvc.api.logs import request_id
from graphsvc.auth.audit import Audit, AuditFailed
from graphsvc.auth.policy import RolePolicy
from graphsvc.store import Caller, Store

GRAPHQL_RESPONSE = "application/graphql-response+json"


def wants_graphql_response(request: Request | WebSocket) -> bool:
    return GRAPHQL_RESPONSE in request.headers.get("accept", "")


class GraphQLView(GraphQL[Context, None]):
    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        state = request.app.state
        if isinstance(response, Response) and wants_graphql_response(request):
            response.media_type = GRAPHQL_RESPONSE
        request.state.sub_response = response
        caller = getattr(request.state, "caller", None) or Caller()
        audit = Audit(
            state.db, caller, request_id.get(), recorder=getattr(state, "reads_recorder", None)
        )
        store = Store(
            state.db, caller=caller, policy=RolePolicy(caller), guard=state.breaker, auditor=audit
        )
        request.state.store = store
        request.state.audit = audit
        return Context(
            request=request,  # type: ignore[arg-type]
            response=response if isinstance(response, Response) else None,
            settings=state.settings,
            db=state.db,
            store=store,
            loaders=Loaders(store),
            request_id=request_id.get(),
        )

    async def execute_single(self, *args: Any, **kwargs: Any) -> Any:
        """As strawberry's, but a mutation over GET is 405 Method Not Allowed, as
        GraphQL over HTTP asks."""
        try:
            return await super().execute_single(*args, **kwargs)
        except HTTPException as error:
            if isinstance(error.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, error.reason) from error
            raise

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type == GRAPHQL_RESPONSE:
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        return response

    async def process_result(
        self, request: Request | WebSocket, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response: dict[str, Any] = {"data": result.data}
        sub_response = getattr(request.state, "sub_response", None)
        store: Store | None = getattr(request.state, "store", None)
        audit: Audit | None = getattr(request.state, "audit", None)
        if store is not None and audit is not None and store.reads:
            try:
                await audit.record_reads(store.reads)
            except AuditFailed as failed:
                # Nothing read leaves unrecorded: the answer is the audit error alone.
                request.app.state.metrics.graphql_errors.labels(failed.code).inc()
                error = GraphQLError(failed.message, original_error=failed)
                return {"data": None, "errors": [format_error(error, request_id.get())]}
        withheld = await store.withheld() if store is not None and result.data else {}
        refused = (
            result.data is None
            and bool(result.errors)
            and not any(error.path for error in result.errors or ())
        )
        if refused and getattr(sub_response, "media_type", None) == GRAPHQL_RESPONSE:
            # GraphQL over HTTP: a request refused before execution is a 400 without data.
            assert isinstance(sub_response, Response)
            sub_response.status_code = 400
            del response["data"]
        if result.errors:
            metrics = request.app.state.metrics
            for error in result.errors:
                metrics.graphql_errors.labels(code_of(error)).inc()
            response["errors"] = [format_error(e, request_id.get()) for e in result.errors]
        if result.extensions or withheld:
            response["extensions"] = dict(result.extensions or {})
        if withheld:
            # Parts the caller may not see are absent; say so, per client, without saying what.
            response["extensions"]["withheld"] = withheld
        return response  # type: ignore[return-value]
