"""One thing wrong with an input record, said so that a person can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Problem:
    """Renders as ``demo.json record 12 (client c-17): field birth_date: expected ...``."""

    source: str
    position: str | None = None
    """Where in the source: ``record 12`` in a JSON document, ``line 12`` in JSON Lines."""
    record: str | None = None
    """The record's type and id when they are known, ``client c-17``."""
    field: str | None = None
    message: str

    def __str__(self) -> str:
        where = self.source
        if self.position is not None:
            where += f" {self.position}"
        if self.record is not None:
            where += f" ({self.record})"
        field = "" if self.field is None else f"field {self.field}: "
        return f"{where}: {field}{self.message}"
