"""No personal data and suppressed small cells in every output of every analysis.

A generated region of 300 clients is loaded; every name, birth date, client
and professional id and free text of its records is a secret that no format
may show: the CLI's table, csv and json, GraphQL, and the planner page.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from graphsvc.analytics import ANALYSES, Options, Pseudonyms, run_analysis
from graphsvc.analytics.report import SUPPRESSED, Column, Table, render
from graphsvc.database import Database
from graphsvc.generate import DEFAULT_AS_OF, GenerateParams, write
from graphsvc.importing import load_file
from graphsvc.settings import DEV_PSEUDONYM_KEY
from tests.api_client import Api, serve_app

pytestmark = pytest.mark.anyio
REGION = "g3-region"
PERIOD = ("2026-01-01", "2026-11-22")
FORMATS = ("table", "csv", "json")


@pytest.fixture
async def secrets(db: Database, tmp_path: Path) -> set[str]:
    path = tmp_path / "region.jsonl"
    write(GenerateParams(clients=300, seed=3), path)
    await load_file(db, path)
    found: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        record: dict[str, Any] = json.loads(line)
        kind = record.get("type")
        if kind in ("client", "family", "professional"):
            found |= {record["id"], record["name"]}
        if kind == "client":
            found.add(record["birth_date"])
        if kind == "goal":
            found.add(record["text"])
        if record.get("division"):
            found.add(record["division"])
    # The reports' own dates are not the clients' birth dates, whatever a client's is.
    return found - {
        DEFAULT_AS_OF.isoformat(),
        *PERIOD,
        "2025-11-22",
        "2026-04-01",
        "2026-07-01",
        "2026-10-01",
    }


def leaked(text: str, secrets: set[str]) -> list[str]:
    return sorted(secret for secret in secrets if secret in text)


def options(name: str) -> Options:
    if name in ("handoff-flows", "coordination-burden"):
        period = (dt.date.fromisoformat(PERIOD[0]), dt.date.fromisoformat(PERIOD[1]))
        return Options(REGION, DEFAULT_AS_OF, period=period)
    return Options(REGION, DEFAULT_AS_OF)


@pytest.fixture
async def api(db: Database, secrets: set[str]) -> AsyncIterator[Api]:
    async with serve_app(db) as served:
        yield served


@pytest.mark.parametrize("fmt", FORMATS)
async def test_every_analysis_rendered_shows_no_personal_data_and_marks_small_cells(
    db: Database, secrets: set[str], fmt: str
) -> None:
    marked = 0
    for name in ANALYSES:
        report = await run_analysis(db, name, options(name), Pseudonyms(DEV_PSEUDONYM_KEY))
        text = render(report, fmt).decode()
        assert leaked(text, secrets) == [], name
        assert "fewer than 5" in text
        marked += text.count(SUPPRESSED)
    assert marked > 0, "a region of 300 clients has small cells somewhere"


async def test_the_command_writes_each_format_without_personal_data(
    secrets: set[str], cli_env: dict[str, str], tmp_path: Path
) -> None:
    for fmt in FORMATS:
        out = tmp_path / f"shared.{fmt}"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "graphsvc",
                "analytics",
                "shared-clients",
                "--region",
                REGION,
                "--as-of",
                DEFAULT_AS_OF.isoformat(),
                "--format",
                fmt,
                "-o",
                str(out),
            ],
            env=cli_env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        text = out.read_text(encoding="utf-8")
        assert leaked(text + done.stderr, secrets) == []
        assert SUPPRESSED in text


async def test_the_command_refuses_half_a_period(cli_env: dict[str, str]) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "graphsvc",
            "analytics",
            "handoff-flows",
            "--region",
            REGION,
            "--from",
            "2026-01-01",
        ],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 65
    assert "give both --from and --to" in done.stderr


QUERY = """
query ($analysis: Analysis!, $region: ID!, $asOf: Date, $from: Date, $to: Date) {
  analytics(analysis: $analysis, region: $region, asOf: $asOf, from: $from, to: $to) {
    analysis minCell suppressedCells notes tables { name columns rows }
  }
}
"""


async def test_graphql_answers_every_analysis_without_personal_data(
    api: Api, secrets: set[str]
) -> None:
    suppressed = 0
    for name in (
        "SHARED_CLIENTS",
        "HANDOFF_FLOWS",
        "BOTTLENECKS",
        "PATHWAY_CONFORMANCE",
        "COORDINATION_BURDEN",
    ):
        data = await api.data(
            QUERY,
            analysis=name,
            region=REGION,
            asOf=DEFAULT_AS_OF.isoformat(),
            **({"from": PERIOD[0], "to": PERIOD[1]} if "FLOWS" in name else {}),
        )
        text = json.dumps(data, ensure_ascii=False)
        assert leaked(text, secrets) == [], name
        report = data["analytics"]
        assert report["minCell"] == 5
        cells = [cell for table in report["tables"] for row in table["rows"] for cell in row]
        assert report["suppressedCells"] == cells.count(SUPPRESSED)
        suppressed += report["suppressedCells"]
    assert suppressed > 0


async def test_graphql_refuses_unknown_parameters_naming_them(api: Api) -> None:
    error = await api.error(
        '{ analytics(analysis: BOTTLENECKS, region: "g3-region", params: {tpo: 3}) { title } }'
    )
    assert error["extensions"]["code"] == "BAD_INPUT"
    assert "tpo" in error["message"]


async def test_planner_page_carries_aggregates_only(api: Api, secrets: set[str]) -> None:
    response = await api.http.get(
        f"/planning?region={REGION}&as_of={DEFAULT_AS_OF}&from={PERIOD[0]}&to={PERIOD[1]}"
    )
    assert response.status_code == 200
    assert leaked(response.text, secrets) == []
    start = response.text.index('<script type="application/json" id="reports">')
    reports = json.loads(response.text[start:].split(">", 1)[1].split("</script>", 1)[0])
    assert set(reports) == set(ANALYSES)
    assert SUPPRESSED in json.dumps(reports)
    policy = response.headers["content-security-policy"]
    assert "http" not in policy and "connect-src 'none'" in policy


def test_suppression_rules_on_a_hand_made_table() -> None:
    columns = (
        Column("n", "count"),
        Column("share", "figure", "n", "part"),
        Column("part", "count"),
    )
    table = Table.build(
        "t",
        columns,
        [
            {"n": 4, "share": 0.5, "part": 2},
            {"n": 10, "share": 0.3, "part": 3},
            {"n": 10, "share": 0.6, "part": 6},
            {"n": 0, "share": None, "part": 0},
        ],
    )
    assert table.rows == (
        (SUPPRESSED, SUPPRESSED, SUPPRESSED),
        (10, SUPPRESSED, SUPPRESSED),
        (10, 0.6, 6),
        (0, None, 0),
    )
    assert table.suppressed == 5
