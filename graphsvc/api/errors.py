"""GraphQL errors as clients see them: a stable ``extensions.code`` and the field at fault.

:class:`graphsvc.errors.GraphsvcError` codes pass through (BAD_INPUT,
NOT_FOUND, CONFLICT, UNAVAILABLE, FORBIDDEN); a request GraphQL itself refuses
(syntax, validation, limits) is BAD_INPUT; anything else raised while
resolving is masked as INTERNAL and logged in full with the request id.
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError

from graphsvc.errors import GraphsvcError

log = logging.getLogger("graphsvc.api")

MASKED = "Internal error: the service could not answer; the request id is in the logs."


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
        formatted["message"] = str(original)
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
            log.info("request refused (%s): %s", code_of(error), error.message)
