from __future__ import annotations

from dataclasses import replace

from starlette.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.settings import Settings
from tests.conftest import free_port


def test_healthz_answers_with_the_neo4j_version(neo4j_settings: Settings) -> None:
    with TestClient(create_app(neo4j_settings)) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"].startswith("Neo4j/5.")


def test_healthz_reports_an_unreachable_database(neo4j_settings: Settings) -> None:
    app = create_app(replace(neo4j_settings, neo4j_uri=f"bolt://127.0.0.1:{free_port()}"))
    with TestClient(app) as client:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert "cannot be reached" in response.json()["error"]
