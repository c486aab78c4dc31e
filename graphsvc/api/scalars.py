"""Scalars stricter than strawberry's: a Date is exactly ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
import re

from strawberry.schema.types.base_scalars import wrap_parser
from strawberry.types.scalar import ScalarDefinition

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str) -> dt.date:
    """``2026-01-01`` only: not ``20260101`` or ``2026-W01-1``, which Python also reads."""
    if not _DAY.fullmatch(value):
        raise ValueError("expected a date YYYY-MM-DD")
    return dt.date.fromisoformat(value)


DATE = ScalarDefinition(
    name="Date",
    description="A calendar day, YYYY-MM-DD",
    specified_by_url=None,
    serialize=dt.date.isoformat,
    parse_value=wrap_parser(parse_date, "Date"),
    parse_literal=None,
    origin=dt.date,
)
