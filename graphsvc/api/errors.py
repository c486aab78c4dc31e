"""GraphQL errors as clients see them: a stable ``extensions.code`` and the field at fault.

:class:`graphsvc.errors.GraphsvcError` codes pass through (BAD_INPUT,
NOT_FOUND, CONFLICT, UNAVAILABLE, FORBIDDEN, RATE_LIMITED); a request GraphQL
itself refuses (syntax, validation, limits) is BAD_INPUT; anything else raised
while resolving is masked as INTERNAL and logged in full with the request id.
What says where Neo4j runs (URIs, ports, addresses, database names) never
reaches a client: :func:`public_message` puts a plain sentence in its place.

Logs carry no input values: a refused request is logged with its code, the
field at fault and a short hash of the message (the same input gives the same
hash, so repeats can be counted without the values).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from graphql import GraphQLError

from graphsvc.errors import ConfigError, GraphsvcError, Unavailable

log = logging.getLogger("graphsvc.api")

MASKED = "Internal error: the service could not answer; the request id is in the logs."


def public_message(error: GraphsvcError) -> str:
    """The error's message as a client may read it."""
    if isinstance(error, Unavailable):
        return "the database cannot be reached at the moment; try again shortly"
    if isinstance(error, ConfigError):
        return "the service is not configured to answer this; the request id is in the logs"
    return str(error)


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return (
        error.path is not None
        and original is not None
        and not isinstance(original, GraphsvcError | GraphQLError)
    )


def code_of(error: GraphQLError) -> str:
    original = error.original_error
    if isinstance(original, GraphsvcError):
        return original.code
    return "INTERNAL" if is_unexpected(error) else "BAD_INPUT"


def format_error(error: GraphQLError, request_id: str) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    original = error.original_error
    extensions: dict[str, Any] = {"code": code_of(error)}
    if isinstance(original, GraphsvcError):
        formatted["message"] = public_message(original)
        if original.field is not None:
            extensions["field"] = original.field
    elif is_unexpected(error):
        formatted["message"] = MASKED
        extensions["requestId"] = request_id
    formatted["extensions"] = extensions
    return formatted


def log_errors(errors: list[GraphQLError]) -> None:
    for error in errors:
        if is_unexpected(error):
            original = error.original_error
            assert original is not None
            log.error(
                "unexpected error at %s: %s",
                ".".join(str(p) for p in error.path or ()),
                original,
                exc_info=(type(original), original, original.__traceback__),
            )
        else:
            original = error.original_error
            field = original.field if isinstance(original, GraphsvcError) else None
            where = ".".join(str(p) for p in error.path or ())
            code = code_of(error)
            log.info(
                "request refused (%s) at %s, field %s",
                code,
                where or "-",
                field or "-",
                extra={
                    "fields": {
                        "code": code,
                        "path": where,
                        "field": field,
                        "message_hash": fingerprint(error.message),
                        "detail": original.message
                        if isinstance(original, Unavailable | ConfigError)
                        else None,
                    }
                },
            )
