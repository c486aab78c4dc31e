"""Shared fixtures: one real Neo4j for the whole session, emptied before each test.

Unless ``NEO4J_URI`` names a server, the session starts its own throwaway local
Neo4j (``graphsvc.devdb``) on a free port with its data in a temporary
directory, and stops it at the end. When no database can be had the session
fails with the reason; database tests are never skipped.
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from graphsvc import devdb
from graphsvc.database import Database
from graphsvc.errors import GraphsvcError
from graphsvc.migrate import migrate
from graphsvc.settings import Settings

# Test servers never start the daily re-evaluation on their own (tests run it by command).
os.environ.setdefault("GRAPHSVC_ALERTS_HOUR", "off")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings that point at the session's database, started here if need be."""
    settings = Settings.from_env()
    started: devdb.DevdbSettings | None = None
    if settings.neo4j_uri is None:
        home = tmp_path_factory.mktemp("neo4j")
        started = replace(settings.devdb, home=home, port=free_port(), password=None)
        try:
            devdb.start(started)
        except GraphsvcError as error:
            pytest.fail(f"the test session could not start its local Neo4j: {error}", pytrace=False)
        settings = replace(settings, devdb=started)
    try:
        asyncio.run(_migrate(settings))
    except GraphsvcError as error:
        pytest.fail(f"the test database is not usable: {error}", pytrace=False)
    yield settings
    if started is not None:
        devdb.stop(started)


async def _migrate(settings: Settings) -> None:
    db = Database(settings)
    try:
        await migrate(db)
    finally:
        await db.close()


@pytest.fixture
async def db(neo4j_settings: Settings) -> AsyncIterator[Database]:
    """A connection to the session's database, emptied before the test."""
    database = Database(neo4j_settings)
    await database.run_auto_commit("admin", "delete-everything")
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
def cli_env(neo4j_settings: Settings) -> dict[str, str]:
    """Environment for running ``python -m graphsvc`` against the session's database."""
    env = dict(os.environ)
    if neo4j_settings.neo4j_uri is None:
        env["GRAPHSVC_DEVDB_PORT"] = str(neo4j_settings.devdb.port)
        env["GRAPHSVC_DEVDB_HOME"] = str(neo4j_settings.devdb.home)
    return env


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that ask for the database are marked ``neo4j`` (so ``-m "not neo4j"`` works)."""
    for item in items:
        if {"db", "neo4j_settings", "cli_env"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.neo4j)


REPO = Path(__file__).resolve().parent.parent
