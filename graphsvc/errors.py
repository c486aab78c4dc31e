"""Every error graphsvc raises on purpose.

    GraphsvcError                  code          CLI exit  HTTP
     +-- BadInput                  BAD_INPUT     65        400  (a record or argument is wrong)
     |    +-- ImportFailed         BAD_INPUT     65        400  (a file had bad records)
     |    +-- TooLarge             BAD_INPUT     65        413  (a request over a size limit)
     +-- NotFound                  NOT_FOUND     66        404
     +-- Conflict                  CONFLICT      75        409  (clashes with the stored state)
     +-- Forbidden                 FORBIDDEN     77        403
     +-- RateLimited               RATE_LIMITED  75        429  (too many requests; retry later)
     +-- Unavailable               UNAVAILABLE   69        503  (Neo4j cannot be reached)
     +-- ConfigError               BAD_INPUT     78        500  (settings are not as needed)

Each error carries a plain message and, where it helps, the field at fault and
a hint. The GraphQL layer maps ``code`` to ``extensions.code``; the CLI exits
with ``exit_status``. Anything else is unexpected: masked for clients as
INTERNAL and logged in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class GraphsvcError(Exception):
    code = "INTERNAL"
    exit_status = 70
    http_status = 500

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.hint = hint

    def __str__(self) -> str:
        return self.message if self.hint is None else f"{self.message} ({self.hint})"


class BadInput(GraphsvcError):
    code = "BAD_INPUT"
    exit_status = 65
    http_status = 400


class ImportFailed(BadInput):
    """A file had bad records; nothing was written. ``details`` holds each problem as a
    value (record, field, what was expected), ``problems`` the same rendered one a line."""

    def __init__(self, message: str, problems: Sequence[Any]):
        first = next((p for p in problems if getattr(p, "field", None) is not None), None)
        super().__init__(message, field=None if first is None else first.field)
        self.details = list(problems)
        self.problems = [str(problem) for problem in problems]

    def __str__(self) -> str:
        return "\n".join([self.message, *self.problems])


class NotFound(GraphsvcError):
    code = "NOT_FOUND"
    exit_status = 66
    http_status = 404


class Conflict(GraphsvcError):
    code = "CONFLICT"
    exit_status = 75
    http_status = 409


class Forbidden(GraphsvcError):
    code = "FORBIDDEN"
    exit_status = 77
    http_status = 403


class Unavailable(GraphsvcError):
    code = "UNAVAILABLE"
    exit_status = 69
    http_status = 503


class ConfigError(GraphsvcError):
    code = "BAD_INPUT"
    exit_status = 78
    http_status = 500


class TooLarge(BadInput):
    http_status = 413


class RateLimited(GraphsvcError):
    code = "RATE_LIMITED"
    exit_status = 75
    http_status = 429
