"""Checks on one record that need nothing but the record (``docs/model.md``, "Records").

:func:`check_record` returns the problems and, when there are none, the record
with its values parsed (dates as :class:`datetime.date`), ready to be written.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphsvc import vocab
from graphsvc.importing.problems import Problem
from graphsvc.model import DATE_ORDER, SCOPES, SPECS, Field, Kind, RecordSpec
from graphsvc.vocab import HandoffStatus

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TYPES = ", ".join(SPECS)


@dataclass(frozen=True)
class Record:
    """A record that passed the checks on its own: values parsed, absent optionals left out."""

    type: str
    id: str
    values: Mapping[str, Any]
    position: str | None = None

    @property
    def spec(self) -> RecordSpec:
        return SPECS[self.type]

    @property
    def name(self) -> str:
        return f"{self.type} {self.id}"


def shown(value: Any) -> str:
    """A value as it appears in the input, shortened for a message."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def check_record(
    raw: Any, *, source: str, position: str | None = None
) -> tuple[list[Problem], Record | None]:
    def problem(message: str, field: str | None = None, record: str | None = None) -> Problem:
        return Problem(
            source=source, position=position, record=record, field=field, message=message
        )

    if not isinstance(raw, Mapping):
        return [problem(f"expected a JSON object (a record), got {shown(raw)}")], None
    kind, ident = raw.get("type"), raw.get("id")
    spec = SPECS.get(kind) if isinstance(kind, str) else None
    if spec is None:
        message = "is missing" if kind is None else f"expected one of {_TYPES}, got {shown(kind)}"
        return [problem(message, "type", None if not isinstance(ident, str) else f"id {ident}")], (
            None
        )
    if not isinstance(ident, str) or not ident.strip():
        message = (
            "is missing" if ident is None else f"expected a non-empty string, got {shown(ident)}"
        )
        return [problem(message, "id", spec.type)], None

    name = f"{spec.type} {ident}"
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key in sorted(raw.keys() - spec.by_name.keys() - {"type", "id"}):
        fields = ", ".join(spec.names)
        problems.append(problem(f"is not a field of a {spec.type} (fields: {fields})", key, name))
    for field in spec.fields:
        value = raw.get(field.name)
        if value is None:
            if field.required:
                problems.append(problem(f"is required: {field.expectation()}", field.name, name))
            continue
        if field.kind is Kind.SETTINGS:
            wrong = _settings_problem(value)
            if wrong is not None:
                problems.append(problem(wrong, field.name, name))
                continue
        parsed = _PARSE[field.kind](field, value)
        if parsed is None:
            problems.append(
                problem(f"expected {field.expectation()}, got {shown(value)}", field.name, name)
            )
        else:
            values[field.name] = parsed
    if not problems:
        problems.extend(problem(message, field, name) for field, message in _rules(spec, values))
    if problems:
        return problems, None
    return [], Record(spec.type, ident, values, position)


def _text(field: Field, value: Any) -> Any:
    return value if isinstance(value, str) and value.strip() else None


def _date(field: Field, value: Any) -> Any:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _bool(field: Field, value: Any) -> Any:
    return value if isinstance(value, bool) else None


def _positive_int(field: Field, value: Any) -> Any:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    return value if ok else None


def _code(field: Field, value: Any) -> Any:
    if field.vocab is vocab.ServiceKind and isinstance(value, str):
        found = vocab.service_kind(value)
        return None if found is None else found.value
    return value if isinstance(value, str) and value in field.codes else None


def _ids(field: Field, value: Any) -> Any:
    ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    return list(dict.fromkeys(value)) if ok else None


def _settings(field: Field, value: Any) -> Any:
    from graphsvc.gaps.engine import checked_settings

    return checked_settings(value)


def _settings_problem(value: Any) -> str | None:
    """What is wrong with a settings object (unknown name, wrong type), or None."""
    from graphsvc.errors import BadInput

    try:
        _settings(Field("settings", Kind.SETTINGS), value)
    except BadInput as error:
        return error.message + (f" ({error.hint})" if error.hint else "")
    return None


_PARSE: dict[Kind, Callable[[Field, Any], Any]] = {
    Kind.TEXT: _text,
    Kind.REF: _text,
    Kind.DATE: _date,
    Kind.BOOL: _bool,
    Kind.POSITIVE_INT: _positive_int,
    Kind.CODE: _code,
    Kind.REFS: _ids,
    Kind.SETTINGS: _settings,
}
"""Per kind of field: the value in the form it is written, or None when it is not
what the field takes."""


def _rules(spec: RecordSpec, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The rules across fields of one record, as (field, message) pairs."""
    found: list[tuple[str, str]] = []
    for sequence in DATE_ORDER.get(spec.type, ()):
        present = [(name, values[name]) for name in sequence if name in values]
        for (before, first), (after, second) in itertools.pairwise(present):
            if second < first:
                found.append(
                    (after, f"{second.isoformat()} is before {before} {first.isoformat()}")
                )
    if spec.type == "client":
        if "family" in values and "family_role" not in values:
            found.append(
                ("family_role", "is required with family: " + _expect(spec, "family_role"))
            )
        if "family_role" in values and "family" not in values:
            found.append(("family", "is required with family_role: the id of a family"))
    if spec.type == "responsibility":
        scopes = [name for name in SCOPES if name in values]
        if len(scopes) != 1:
            given = "none" if not scopes else " and ".join(scopes)
            found.append(("scope", f"exactly one of {', '.join(SCOPES)} is required; got {given}"))
    if spec.type == "handoff":
        status = values["status"]
        if status in (HandoffStatus.ACCEPTED, HandoffStatus.COMPLETED) and "decided" not in values:
            found.append(("decided", f"is required when status is {status}"))
        if status == HandoffStatus.COMPLETED and "completed" not in values:
            found.append(("completed", "is required when status is completed"))
    return found


def _expect(spec: RecordSpec, name: str) -> str:
    field = spec.field(name)
    assert field is not None
    return field.expectation()
