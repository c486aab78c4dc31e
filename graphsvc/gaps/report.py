"""Findings as a text table, JSON (with evidence) or CSV for spreadsheets.

CSV is UTF-8 with a byte order mark and CRLF line ends, which Excel and
LibreOffice open with the Finnish letters intact by double-click.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import textwrap
from collections.abc import Sequence
from typing import Literal

from graphsvc.gaps.findings import Finding
from graphsvc.vocab import Lang

Format = Literal["table", "json", "csv"]
FORMATS: tuple[Format, ...] = ("table", "json", "csv")

_CSV_COLUMNS = (
    "rule",
    "family",
    "severity",
    "subject_type",
    "subject_id",
    "client_id",
    "region_id",
    "title",
    "explanation",
    "remedy",
    "evidence",
)
_HEADINGS = {
    "fi": ("vakavuus", "sääntö", "kohde", "asiakas", "havainto"),
    "en": ("severity", "rule", "subject", "client", "finding"),
}
_NONE = {"fi": "Ei havaintoja.", "en": "No findings."}


def render(findings: Sequence[Finding], fmt: Format, lang: Lang, as_of: dt.date) -> bytes:
    """The report as bytes ready to write to a file or stdout."""
    if fmt == "json":
        return _json(findings, lang, as_of).encode("utf-8")
    if fmt == "csv":
        return _csv(findings, lang).encode("utf-8-sig")
    return _table(findings, lang).encode("utf-8")


def _json(findings: Sequence[Finding], lang: Lang, as_of: dt.date) -> str:
    document = {
        "as_of": as_of.isoformat(),
        "lang": lang,
        "count": len(findings),
        "findings": [finding.as_dict(lang) for finding in findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _csv(findings: Sequence[Finding], lang: Lang) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_CSV_COLUMNS)
    for finding in findings:
        row = finding.as_dict(lang)
        row["evidence"] = "; ".join(_evidence_text(item) for item in finding.evidence)
        row["family"] = finding.family.label(lang)
        row["severity"] = finding.severity.label(lang)
        writer.writerow(["" if row[c] is None else row[c] for c in _CSV_COLUMNS])
    return out.getvalue()


def _evidence_text(item: dict[str, str] | object) -> str:
    assert isinstance(item, dict)
    if "label" in item:
        return f"{item['label']}:{item['id']}"
    return f"{item['from']}-{item['type']}->{item['to']}"


def _table(findings: Sequence[Finding], lang: Lang) -> str:
    if not findings:
        return _NONE[lang] + "\n"
    rows = [
        (
            f.severity.label(lang),
            f.rule_id,
            f"{f.subject_type} {f.subject_id}",
            f.client_id or "-",
            f"{f.title(lang)}: {f.explanation(lang)}",
        )
        for f in findings
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(_HEADINGS[lang][:4])]
    indent = sum(widths) + 2 * len(widths)
    lines = ["  ".join(h.ljust(w) for h, w in zip(_HEADINGS[lang], [*widths, 0], strict=True))]
    for row in rows:
        text = textwrap.wrap(row[4], width=max(40, 160 - indent)) or [""]
        lines.append("  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True)))
        lines[-1] += "  " + text[0]
        lines.extend(" " * indent + more for more in text[1:])
    return "\n".join(lines) + "\n"
