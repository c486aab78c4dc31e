"""The one place that talks to Neo4j.

:class:`Database` owns the async driver, names the database on every call,
runs reads and writes in managed transactions (the driver retries transient
errors such as deadlocks and leader switches) and turns driver errors into
:mod:`graphsvc.errors`. Queries come from the catalogue by area and name;
there is no way to run a Cypher string from elsewhere.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import AsyncGraphDatabase, AsyncManagedTransaction
from neo4j import exceptions as neo4j_errors
from neo4j.time import Date, DateTime

from graphsvc.bounded import BoundedCache
from graphsvc.errors import BadInput, ConfigError, Conflict, GraphsvcError, Unavailable
from graphsvc.queries import Catalogue, Query, catalogue
from graphsvc.settings import Settings

_ACL_MARKER = re.compile(r"/\*acl (\w+)\*/ true")
"""Where a catalogue query lets the access policy narrow what a node variable matches."""


def guarded(text: str, guards: Mapping[str, str]) -> str:
    """The query with each ``/*acl VAR*/ true`` marker whose VAR has a guard replaced by it."""
    if not guards:
        return text
    return _ACL_MARKER.sub(
        lambda m: f"({guards[m.group(1)]})" if m.group(1) in guards else m.group(0), text
    )


T = TypeVar("T")
Row = dict[str, Any]
"""One row of a Cypher result, by column."""
QueryObserver = Callable[[Query, float], None]
log = logging.getLogger(__name__)
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def native(value: Any) -> Any:
    """A value from the driver as plain Python: Neo4j dates to ``datetime.date``,
    recursively through lists and maps."""
    if isinstance(value, Date | DateTime):
        return value.to_native()
    if isinstance(value, list):
        return [native(v) for v in value]
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    return value


class Transaction:
    """A managed transaction: every query in it commits together or not at all."""

    def __init__(self, db: Database, tx: AsyncManagedTransaction):
        self._db = db
        self._tx = tx

    async def run(self, area: str, name: str, **params: Any) -> list[Row]:
        return await self.run_query(self._db.query(area, name, params), **params)

    async def run_guarded(
        self, area: str, name: str, guards: Mapping[str, str], **params: Any
    ) -> list[Row]:
        """As :meth:`run`, with the access policy's predicates in the query's ``/*acl*/``
        markers (see :meth:`Database.read_guarded`)."""
        query = self._db.query(area, name, params)
        started = time.perf_counter()
        result = await self._tx.run(guarded(query.text, guards), params)
        records = [record.data() for record in await result.fetch(2**31 - 1)]
        self._db.observe(query, time.perf_counter() - started)
        return records

    async def run_query(self, query: Query, *, plain: bool = False, **params: Any) -> list[Row]:
        """A query built from catalogue queries (the gap engine's combined rules).
        ``plain``: the query returns no nodes, relationships or paths, so its rows are
        taken as they arrive, without the driver's conversion (a tenth of the cost)."""
        started = time.perf_counter()
        result = await self._tx.run(query.text, params)
        fetched = await result.fetch(2**31 - 1)
        if plain:
            records = [dict(zip(record.keys(), record.values(), strict=True)) for record in fetched]
        else:
            records = [record.data() for record in fetched]
        self._db.observe(query, time.perf_counter() - started)
        return records


class FirstRuns:
    """Lets one caller run a query text this process has not run before while the
    others with the same text wait for it to finish. Neo4j plans a text on every
    concurrent miss of its plan cache: a client network compiled with a
    professional's access predicates takes seconds to plan, and 32 requests of a
    new selection arriving together kept a server from answering for 30 s."""

    def __init__(self, max_bytes: int = 2**20):
        self._ran: BoundedCache[bool] = BoundedCache(max_bytes)
        self._running: dict[bytes, asyncio.Event] = {}

    async def run(self, text: str, call: Callable[[], Awaitable[T]]) -> T:
        key = BoundedCache.key(text)
        if self._ran.get(key) is None:
            first = self._running.get(key)
            if first is not None:
                await first.wait()  # then run as usual: planned, or failed for it alone
            else:
                self._running[key] = done = asyncio.Event()
                try:
                    result = await call()
                    self._ran.put(key, True, 64)
                    return result
                finally:
                    del self._running[key]
                    done.set()
        return await call()


class Database:
    def __init__(self, settings: Settings, queries: Catalogue | None = None):
        self.settings = settings
        self.name = settings.neo4j_database
        self.queries = catalogue() if queries is None else queries
        self.observers: list[QueryObserver] = []
        self.first_runs = FirstRuns()
        scheme = settings.uri.partition("://")[0]
        if scheme not in BOLT_SCHEMES:
            raise ConfigError(
                f"NEO4J_URI={settings.uri!r} is not a Neo4j URI: expected one of "
                + ", ".join(f"{s}://" for s in BOLT_SCHEMES)
            )
        auth = (
            None
            if settings.password is None
            else neo4j.basic_auth(settings.neo4j_user, settings.password)
        )
        try:
            self._driver = AsyncGraphDatabase.driver(
                settings.uri,
                auth=auth,
                connection_timeout=5.0,
                connection_acquisition_timeout=10.0,
                max_transaction_retry_time=settings.neo4j_retry_seconds,
                notifications_min_severity="OFF",
            )
        except (ValueError, neo4j_errors.ConfigurationError) as error:
            raise ConfigError(f"NEO4J_URI={settings.uri!r} is not a Neo4j URI: {error}") from None

    @property
    def where(self) -> str:
        return f"Neo4j at {self.settings.uri} (database {self.name!r})"

    def query(self, area: str, name: str, params: Mapping[str, Any]) -> Query:
        query = self.queries(area, name)
        if {p for p in params if not p.startswith("acl_")} != query.params:
            raise BadInput(
                f"query {query.qualified_name} takes parameters {sorted(query.params)}, "
                f"was given {sorted(params)}"
            )
        return query

    def observe(self, query: Query, seconds: float) -> None:
        for observer in self.observers:
            observer(query, seconds)

    async def close(self) -> None:
        await self._driver.close()

    async def read(self, area: str, name: str, **params: Any) -> list[Row]:
        """One query in a retried read transaction (routed to a reader in a cluster)."""
        return await self._execute(neo4j.RoutingControl.READ, area, name, params)

    async def read_compiled(
        self, query: Query, params: dict[str, Any], *, observed: bool = True, plain: bool = False
    ) -> list[Row]:
        """A query built in code (compiled from the model, or the gap rules combined), not
        named in the catalogue, in one read transaction, its values converted to plain
        Python (``observed=False``: not reported to the observers, for warming up).
        ``plain``: the rows as the driver decoded them, dates still Neo4j's (such a query
        returns maps and lists, never nodes): for a reader that converts each value it
        uses as it goes."""
        if set(params) != query.params:
            raise BadInput(f"compiled query {query.qualified_name} lost its parameters")
        async with self._errors():
            started = time.perf_counter()
            records, _, _ = await self.first_runs.run(
                query.text,
                lambda: self._driver.execute_query(
                    query.text, params, database_=self.name, routing_=neo4j.RoutingControl.READ
                ),
            )
            if observed:
                self.observe(query, time.perf_counter() - started)
            if plain:
                return [dict(zip(r.keys(), r.values(), strict=True)) for r in records]
            return [native(record.data()) for record in records]

    async def read_guarded(
        self, area: str, name: str, guards: Mapping[str, str], **params: Any
    ) -> list[Row]:
        """As :meth:`read`, with each ``/*acl VAR*/ true`` marker of the query replaced by
        the access policy's Cypher predicate for ``VAR`` (its parameters start ``acl_``)."""
        return await self._execute(neo4j.RoutingControl.READ, area, name, params, guards)

    async def write(self, area: str, name: str, **params: Any) -> list[Row]:
        """One query in a retried write transaction."""
        return await self._execute(neo4j.RoutingControl.WRITE, area, name, params)

    async def warm_up(
        self,
        area: str,
        name: str,
        *,
        write: bool = False,
        guards: Mapping[str, str] | None = None,
        **params: Any,
    ) -> None:
        """Run a catalogue query once so Neo4j plans and caches it, with parameters of the
        types real calls send and values that match nothing; not reported to observers."""
        routing = neo4j.RoutingControl.WRITE if write else neo4j.RoutingControl.READ
        await self._execute(routing, area, name, params, guards, observed=False)

    async def _execute(
        self,
        routing: neo4j.RoutingControl,
        area: str,
        name: str,
        params: dict[str, Any],
        guards: Mapping[str, str] | None = None,
        *,
        observed: bool = True,
    ) -> list[Row]:
        # execute_query pipelines BEGIN, RUN and COMMIT: about half the latency of
        # a session with execute_read for a single query, with the same retries.
        query = self.query(area, name, params)
        text = guarded(query.text, guards or {})
        async with self._errors():
            started = time.perf_counter()
            records, _, _ = await self._driver.execute_query(
                text, params, database_=self.name, routing_=routing
            )
            if observed:
                self.observe(query, time.perf_counter() - started)
            return [record.data() for record in records]

    async def read_tx(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        async with self._errors(), self._driver.session(database=self.name) as session:
            return await session.execute_read(lambda tx: work(Transaction(self, tx)))

    async def write_tx(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run ``work`` in one write transaction, retried as a whole on transient errors."""
        async with self._errors(), self._driver.session(database=self.name) as session:
            return await session.execute_write(lambda tx: work(Transaction(self, tx)))

    async def run_auto_commit(self, area: str, name: str, **params: Any) -> list[Row]:
        """For schema changes and ``CALL {} IN TRANSACTIONS``, which need their own transactions."""
        query = self.query(area, name, params)
        async with self._errors(), self._driver.session(database=self.name) as session:
            started = time.perf_counter()
            result = await session.run(query.text, params)
            records = [record.data() async for record in result]
            self.observe(query, time.perf_counter() - started)
            return records

    async def server_version(self) -> str:
        async with self._errors():
            info = await self._driver.get_server_info()
            return info.agent

    @asynccontextmanager
    async def _errors(self) -> AsyncIterator[None]:
        try:
            yield
        except GraphsvcError:
            raise
        except neo4j_errors.AuthError:
            raise ConfigError(
                f"{self.where} refused the credentials of user {self.settings.neo4j_user!r}",
                hint="check NEO4J_USER and NEO4J_PASSWORD",
            ) from None
        except neo4j_errors.ConstraintError as error:
            # Neo4j's text names labels, properties and values: it goes to the log only.
            log.warning("constraint refused a write: %s", error.code)
            raise Conflict(
                "the database refused the change: a record with this id exists already",
                field="id",
            ) from None
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as error:
            reason = " ".join(str(error).split())
            raise Unavailable(f"{self.where} cannot be reached: {reason}") from None
        except neo4j_errors.TransientError as error:
            if error.code and error.code.endswith("MemoryPoolOutOfMemoryError"):
                raise Unavailable(
                    f"{self.where} refused a transaction: it needs more memory than the server "
                    "lets one transaction hold (dbms.memory.transaction.total.max)",
                    hint="write the data in smaller units, such as declared batches, "
                    "or give Neo4j more heap",
                ) from None
            reason = " ".join(str(error).split())
            raise Unavailable(
                f"{self.where} could not finish a transaction, retried for "
                f"{self.settings.neo4j_retry_seconds:g} s: {reason}"
            ) from None
        except neo4j_errors.ClientError as error:
            if error.code and "DatabaseNotFound" in error.code:
                raise ConfigError(
                    f"{self.where} does not exist", hint="check NEO4J_DATABASE"
                ) from None
            raise


@asynccontextmanager
async def connect(settings: Settings | None = None) -> AsyncIterator[Database]:
    db = Database(Settings.from_env() if settings is None else settings)
    try:
        yield db
    finally:
        await db.close()
