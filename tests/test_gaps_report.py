"""Gap reports: a table for people, JSON with evidence for programs, CSV for spreadsheets."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_gaps_rules import TWO_ORGS, load

from graphsvc.database import Database
from graphsvc.gaps import Family, Finding, Severity
from graphsvc.gaps.report import render

AS_OF = dt.date(2026, 11, 22)
FINDING = Finding(
    rule_id="no-coordinator",
    family=Family.NO_OWNER,
    severity=Severity.HIGH,
    subject_type="Client",
    subject_id="cli-äijälä",
    client_id="cli-äijälä",
    region_id="r1",
    evidence=(
        {"label": "Client", "id": "cli-äijälä"},
        {"label": "Episode", "id": "e1"},
        {"type": "HAS_EPISODE", "from": "cli-äijälä", "to": "e1"},
    ),
    facts={
        "client": "Väinö Äijälä",
        "organisations": ["Opetustoimi", "Sote-keskus"],
        "organisation_count": 2,
    },
)


def test_csv_opens_in_a_spreadsheet_with_finnish_letters_intact() -> None:
    data = render([FINDING], "csv", "fi", AS_OF)
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that tells Excel it is UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, row = rows
    record = dict(zip(header, row, strict=True))
    assert record["severity"] == "korkea"
    assert record["family"] == "vastuuton"
    assert "Väinö Äijälä" in record["explanation"]
    assert "Opetustoimi, Sote-keskus" in record["explanation"]
    assert record["evidence"] == "Client:cli-äijälä; Episode:e1; cli-äijälä-HAS_EPISODE->e1"
    assert data.count(b"\r\n") == 2


def test_json_carries_evidence_facts_and_texts() -> None:
    document = json.loads(render([FINDING], "json", "en", AS_OF))
    assert document["as_of"] == "2026-11-22" and document["count"] == 1
    (finding,) = document["findings"]
    assert finding["evidence"][2] == {"type": "HAS_EPISODE", "from": "cli-äijälä", "to": "e1"}
    assert finding["facts"]["organisation_count"] == 2
    assert finding["title"] == "Several organisations, no coordinator"
    assert finding["remedy"].startswith("Name a responsible worker or coordinator for Väinö")


def test_the_table_speaks_the_asked_language() -> None:
    fi = render([FINDING], "table", "fi", AS_OF).decode()
    en = render([FINDING], "table", "en", AS_OF).decode()
    assert "Monta organisaatiota, ei koordinaattoria" in fi and "korkea" in fi
    assert "Several organisations, no coordinator" in en and "high" in en
    assert render([], "table", "fi", AS_OF).decode().strip() == "Ei havaintoja."


@pytest.mark.anyio
async def test_the_cli_writes_a_region_report(
    db: Database, cli_env: dict[str, str], tmp_path: Path
) -> None:
    await load(db, TWO_ORGS)
    out = tmp_path / "gaps.csv"
    command = [
        sys.executable,
        "-m",
        "graphsvc",
        "gaps",
        "--region",
        "r1",
        "--as-of",
        "2026-11-22",
        "--rule",
        "no-coordinator",
    ]
    done = subprocess.run(
        [*command, "--format", "json", "--lang", "en"],
        env=cli_env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (finding,) = json.loads(done.stdout)["findings"]
    assert finding["subject_id"] == "aino" and finding["rule"] == "no-coordinator"
    done = subprocess.run(
        [*command, "--format", "csv", "-o", str(out)], env=cli_env, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and b"aino" in out.read_bytes()
    bad = subprocess.run(
        [*command, "--rule", "no-such-rule"],
        env=cli_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 65 and "no gap rule 'no-such-rule'" in bad.stderr
