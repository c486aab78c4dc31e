"""The local Neo4j as people use it: through the CLI, started, stopped, killed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphsvc import devdb
from graphsvc.database import Database
from graphsvc.errors import Unavailable
from graphsvc.settings import DevdbSettings, Settings
from tests.conftest import free_port

pytestmark = pytest.mark.neo4j


def graphsvc(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graphsvc", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture
def home(tmp_path: Path) -> Iterator[DevdbSettings]:
    """Settings for a second local Neo4j of the test's own, stopped afterwards."""
    settings = DevdbSettings(home=tmp_path / "db", port=free_port(), heap_mb=512, pagecache_mb=64)
    yield settings
    devdb.stop(settings)


def env_for(settings: DevdbSettings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHSVC_"))}
    env.update(
        GRAPHSVC_DEVDB_HOME=str(settings.home),
        GRAPHSVC_DEVDB_PORT=str(settings.port),
        GRAPHSVC_DEVDB_HEAP_MB=str(settings.heap_mb),
        GRAPHSVC_DEVDB_PAGECACHE_MB=str(settings.pagecache_mb),
    )
    env.update(extra)
    return env


def count_markers(settings: DevdbSettings) -> int:
    import asyncio

    async def run() -> int:
        db = Database(Settings(devdb=settings))
        try:
            return int((await db.read("testing", "count-markers"))[0]["n"])
        finally:
            await db.close()

    return asyncio.run(run())


def add_marker(settings: DevdbSettings) -> None:
    import asyncio

    async def run() -> None:
        db = Database(Settings(devdb=settings))
        try:
            await db.write("testing", "create-marker", id="survivor")
        finally:
            await db.close()

    asyncio.run(run())


def test_start_twice_is_harmless_stop_ends_the_process_and_data_survives(
    home: DevdbSettings,
) -> None:
    env = env_for(home)
    first = graphsvc("devdb", "start", env=env)
    assert first.returncode == 0, first.stderr
    pid = devdb.status(home).pid
    assert pid is not None
    add_marker(home)

    again = graphsvc("devdb", "start", env=env)
    assert again.returncode == 0, again.stderr
    assert devdb.status(home).pid == pid

    stopped = graphsvc("devdb", "stop", env=env)
    assert stopped.returncode == 0, stopped.stderr
    assert (
        not Path(f"/proc/{pid}").exists()
        or b"Launcher" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    )
    assert graphsvc("devdb", "status", env=env).returncode == 3

    assert graphsvc("devdb", "start", env=env).returncode == 0
    assert count_markers(home) == 1


def test_a_taken_port_is_one_clear_line(home: DevdbSettings) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", home.port))
        squatter.listen()
        result = graphsvc("devdb", "start", env=env_for(home))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"graphsvc: port {home.port} on 127.0.0.1 is taken by another process "
        "(stop it or set GRAPHSVC_DEVDB_PORT)"
    ]


def test_a_wrong_neo4j_uri_is_one_clear_line(home: DevdbSettings) -> None:
    unused = free_port()
    result = graphsvc("migrate", env=env_for(home, NEO4J_URI=f"bolt://127.0.0.1:{unused}"))
    assert result.returncode == 69
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"graphsvc: Neo4j at bolt://127.0.0.1:{unused} (database 'neo4j') cannot be reached"
    )


def test_a_wrong_password_is_one_clear_line_and_the_right_one_works(home: DevdbSettings) -> None:
    devdb.start(DevdbSettings(**{**home.__dict__, "password": "correct-horse"}))
    uri = home.uri
    wrong = graphsvc("migrate", env=env_for(home, NEO4J_URI=uri, NEO4J_PASSWORD="battery-staple"))
    assert wrong.returncode != 0
    assert wrong.stderr.strip().splitlines() == [
        f"graphsvc: Neo4j at {uri} (database 'neo4j') refused the credentials of user 'neo4j' "
        "(check NEO4J_USER and NEO4J_PASSWORD)"
    ]
    right = graphsvc("migrate", env=env_for(home, NEO4J_URI=uri, NEO4J_PASSWORD="correct-horse"))
    assert right.returncode == 0, right.stderr


@pytest.mark.anyio
async def test_a_database_killed_mid_session_fails_clearly_instead_of_hanging(
    home: DevdbSettings,
) -> None:
    devdb.start(home)
    db = Database(Settings(devdb=home, neo4j_retry_seconds=1.0))
    try:
        assert await db.read("health", "ping") == [{"ok": 1}]
        pid = devdb.status(home).pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(Unavailable, match=rf"Neo4j at {home.uri} \(database 'neo4j'\)"):
            await db.read("health", "ping")
    finally:
        await db.close()
