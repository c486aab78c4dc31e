"""Every error graphsvc raises on purpose.

    GraphsvcError                  code       CLI exit
     +-- BadInput                  BAD_INPUT  65  (a record or argument is wrong)
     |    +-- ImportFailed         BAD_INPUT  65  (a file had bad records; nothing written)
     +-- NotFound                  NOT_FOUND  66
     +-- Conflict                  CONFLICT   75  (the change clashes with the stored state)
     +-- Forbidden                 FORBIDDEN  77
     +-- Unavailable               UNAVAILABLE 69 (Neo4j or another part cannot be reached)
     +-- ConfigError               BAD_INPUT  78  (settings or the machine are not as needed)

Each error carries a plain message and, where it helps, the field at fault and
a hint. The GraphQL layer maps ``code`` to ``extensions.code``; the CLI exits
with ``exit_status``. Anything else is unexpected: masked for clients as
INTERNAL and logged in full.
"""

from __future__ import annotations


class GraphsvcError(Exception):
    code = "INTERNAL"
    exit_status = 70

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


class ImportFailed(BadInput):
    """A file had bad records; ``problems`` lists each one, nothing was written."""

    def __init__(self, message: str, problems: list[str]):
        super().__init__(message)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join([self.message, *self.problems])


class NotFound(GraphsvcError):
    code = "NOT_FOUND"
    exit_status = 66


class Conflict(GraphsvcError):
    code = "CONFLICT"
    exit_status = 75


class Forbidden(GraphsvcError):
    code = "FORBIDDEN"
    exit_status = 77


class Unavailable(GraphsvcError):
    code = "UNAVAILABLE"
    exit_status = 69


class ConfigError(GraphsvcError):
    code = "BAD_INPUT"
    exit_status = 78
