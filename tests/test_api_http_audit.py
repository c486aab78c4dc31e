"""The GraphQL-over-HTTP audit suite (npm graphql-http) against a live ``graphsvc serve``."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import REPO
from tests.live_server import admin_headers, live_server


def test_the_live_server_passes_every_graphql_over_http_audit(cli_env: dict[str, str]) -> None:
    assert shutil.which("node"), "node is needed for the GraphQL-over-HTTP audit"
    if not (REPO / "node_modules" / "graphql-http").is_dir():
        pytest.fail("graphql-http is not installed: run scripts/bootstrap (npm ci)", pytrace=False)
    with live_server(cli_env) as url:
        run = subprocess.run(
            [
                "node",
                str(REPO / "tests" / "test_api_http_audit.mjs"),
                f"{url}/graphql",
                admin_headers()["authorization"],
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            timeout=120,
        )
    results = json.loads(run.stdout)
    assert len(results) > 30, "the audit suite ran"
    errors = [f"{r['id']} {r['name']}: {r['reason']}" for r in results if r["status"] == "error"]
    assert errors == []
