from __future__ import annotations

from dataclasses import replace

import neo4j
import pytest

from graphsvc.database import Database, Transaction
from graphsvc.errors import BadInput, ConfigError, Conflict, Unavailable
from graphsvc.settings import Settings
from tests.conftest import free_port

pytestmark = pytest.mark.anyio


async def test_reads_go_to_the_named_database(db: Database) -> None:
    assert await db.read("health", "ping") == [{"ok": 1}]
    assert db.name == "neo4j"


async def test_a_transaction_commits_all_of_its_writes(db: Database) -> None:
    async def work(tx: Transaction) -> None:
        await tx.run("testing", "create-marker", id="m1")
        await tx.run("testing", "create-marker", id="m2")

    await db.write_tx(work)
    assert await db.read("testing", "count-markers") == [{"n": 2}]


async def test_a_failing_transaction_writes_nothing(db: Database) -> None:
    async def work(tx: Transaction) -> None:
        await tx.run("testing", "create-marker", id="m1")
        await tx.run("testing", "fail")

    with pytest.raises(neo4j.exceptions.ClientError):
        await db.write_tx(work)
    assert await db.read("testing", "count-markers") == [{"n": 0}]


async def test_a_duplicate_external_id_is_a_conflict(db: Database) -> None:
    await db.write("testing", "create-marker", id="m1")
    with pytest.raises(Conflict, match="refused the change"):
        await db.write("testing", "create-marker", id="m1")


async def test_parameters_must_match_the_declared_ones(db: Database) -> None:
    with pytest.raises(BadInput, match=r"takes parameters \['id'\], was given \['ident'\]"):
        await db.write("testing", "create-marker", ident="m1")


async def test_an_unreachable_server_is_unavailable_and_named(neo4j_settings: Settings) -> None:
    nowhere = replace(neo4j_settings, neo4j_uri=f"bolt://127.0.0.1:{free_port()}")
    db = Database(nowhere)
    try:
        with pytest.raises(
            Unavailable, match=r"Neo4j at bolt://127\.0\.0\.1:\d+ \(database 'neo4j'\)"
        ):
            await db.read("health", "ping")
    finally:
        await db.close()


async def test_a_transaction_over_the_memory_limit_says_so(neo4j_settings: Settings) -> None:
    # Neo4j reports it as a transient error, like a server that went away; the
    # message must not send the operator looking for a network fault.
    db = Database(replace(neo4j_settings, neo4j_retry_seconds=0))
    try:
        with pytest.raises(Unavailable) as refused:
            await db.read("testing", "exhaust-transaction-memory", n=10**10)
    finally:
        await db.close()
    assert "needs more memory than the server lets one transaction hold" in str(refused.value)
    assert "smaller units" in str(refused.value)
    assert "cannot be reached" not in str(refused.value)


def test_a_malformed_uri_is_a_configuration_error(neo4j_settings: Settings) -> None:
    with pytest.raises(ConfigError, match="NEO4J_URI='http://x' is not a Neo4j URI"):
        Database(replace(neo4j_settings, neo4j_uri="http://x"))


async def test_a_database_that_does_not_exist_is_named(neo4j_settings: Settings) -> None:
    db = Database(replace(neo4j_settings, neo4j_database="nosuchdb"))
    try:
        with pytest.raises(ConfigError, match=r"database 'nosuchdb'.* does not exist"):
            await db.read("health", "ping")
    finally:
        await db.close()
