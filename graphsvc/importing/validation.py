"""Checks on one record that need nothing but the record (``docs/model.md``, "Records").

:func:`check_record` returns the problems and, when there are none, the record
with its values parsed (dates as :class:`datetime.date`), ready to be written.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphsvc import vocab
from graphsvc.importing.problems import Problem
from graphsvc.model import DATE_ORDER, SCOPES, SPECS, Field, Kind, RecordSpec
from graphsvc.vocab import HandoffStatus

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TYPES = ", ".join(SPECS)

MAX_ID = 100
"""Characters of an id or a reference."""
LONG_TEXTS = frozenset({"text", "division", "handoff"})
"""Text fields that hold sentences (a goal, a division of work, a handoff practice)."""
MAX_LONG_TEXT = 2000
MAX_SHORT_TEXT = 200
"""Characters of any other text field (names, professions, municipalities, kinds)."""
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)
"""Dates outside these are refused in every date field; a birth date must also not be
in the future."""
MAX_POSITIVE_INT = 1_000_000
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Any character :func:`text_problem` names: controls (Unicode category Cc is exactly
U+0000-U+001F and U+007F-U+009F), bidirectional controls and lone surrogates."""
_SUSPECT_IN_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""The same without line feed and tab."""


def text_problem(value: str, limit: int, *, lines: bool = False) -> str | None:
    """What is wrong with a text, or None: lone surrogates, control characters (line
    breaks and tabs allowed where ``lines``), bidirectional overrides that could make
    a name read otherwise on a page, and more than ``limit`` characters (after NFC)."""
    if (_SUSPECT_IN_LINES if lines else _SUSPECT).search(value) is None:
        # the common case, in one pass of a compiled pattern: no character to name
        return f"is {len(value)} characters long; at most {limit}" if len(value) > limit else None
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        return "contains a lone surrogate (not valid Unicode text)"
    allowed = "\n\t" if lines else ""
    for ch in value:
        if ch in _BIDI_CONTROLS:
            return f"contains the bidirectional control U+{ord(ch):04X}; remove it"
        if unicodedata.category(ch) == "Cc" and ch not in allowed:
            return f"contains the control character U+{ord(ch):04X}; remove it"
    if len(value) > limit:
        return f"is {len(value)} characters long; at most {limit}"
    return None


@dataclass(frozen=True)
class Checked:
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
    """A value as it appears in the input, shortened for a message (never longer than
    60 characters, lone surrogates escaped, too deep nesting not walked)."""
    if isinstance(value, str) and len(value) > 60:
        value = value[:57]
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (RecursionError, ValueError):
        return "a value nested too deeply"
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= 60 else text[:57] + "..."


def check_record(
    raw: Any, *, source: str, position: str | None = None
) -> tuple[list[Problem], Checked | None]:
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
        return [
            problem(message, "type", None if not isinstance(ident, str) else f"id {shown(ident)}")
        ], None
    if not isinstance(ident, str) or not ident.strip():
        message = (
            "is missing" if ident is None else f"expected a non-empty string, got {shown(ident)}"
        )
        return [problem(message, "id", spec.type)], None
    wrong = text_problem(ident, MAX_ID)
    if wrong is not None:
        return [problem(wrong, "id", spec.type)], None

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
        wrong = _wrong_text(field, value)
        if wrong is not None:
            problems.append(problem(wrong, field.name, name))
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
    return [], Checked(spec.type, ident, values, position)


def _wrong_text(field: Field, value: Any) -> str | None:
    """The problem of a text, an id or each id of a list, or None."""
    if field.kind in (Kind.REF, Kind.REFS):
        limit, lines = MAX_ID, False
    elif field.kind is Kind.TEXT:
        long = field.name in LONG_TEXTS
        limit, lines = (MAX_LONG_TEXT, True) if long else (MAX_SHORT_TEXT, False)
    elif field.kind is Kind.DATE:
        day = _date(field, value) if isinstance(value, str) and _DATE.fullmatch(value) else None
        if day is None and isinstance(value, str) and _DATE.fullmatch(value):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return None  # not a real date: said as such by the parser's message
            return f"{value} is outside {EARLIEST.isoformat()} to {LATEST.isoformat()}"
        return None
    else:
        return None
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            wrong = text_problem(unicodedata.normalize("NFC", item), limit, lines=lines)
            if wrong is not None:
                return wrong
    return None


def _text(field: Field, value: Any) -> Any:
    ok = isinstance(value, str) and value.strip()
    return unicodedata.normalize("NFC", value) if ok else None


def _date(field: Field, value: Any) -> Any:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def _bool(field: Field, value: Any) -> Any:
    return value if isinstance(value, bool) else None


def _positive_int(field: Field, value: Any) -> Any:
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_POSITIVE_INT
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
        born = values.get("birth_date")
        if born is not None and born > dt.date.today():
            found.append(("birth_date", f"{born.isoformat()} is in the future"))
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
