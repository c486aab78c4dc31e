"""A query text new to the process is run once before its concurrent copies, so Neo4j
plans it once (a client network with a professional's access predicates takes seconds
to plan; 32 requests of a new selection at once each planned it)."""

from __future__ import annotations

import asyncio

import pytest

from graphsvc.database import FirstRuns

pytestmark = pytest.mark.anyio


class Calls:
    """Counts how many calls run at once, as each one starts."""

    def __init__(self) -> None:
        self.running = 0
        self.seen: list[tuple[str, int]] = []

    async def __call__(self, name: str, fail: bool = False) -> str:
        self.running += 1
        self.seen.append((name, self.running))
        try:
            await asyncio.sleep(0.01)
            if fail:
                raise RuntimeError(f"{name} failed")
            return name
        finally:
            self.running -= 1


async def test_the_first_run_of_a_text_goes_alone_and_its_copies_then_together() -> None:
    runs, calls = FirstRuns(), Calls()
    answers = await asyncio.gather(
        *(runs.run("MATCH (n) RETURN n", lambda i=i: calls(f"copy {i}")) for i in range(8))
    )
    assert answers == [f"copy {i}" for i in range(8)]  # each caller gets its own answer
    assert calls.seen[0] == ("copy 0", 1)  # the first ran with nothing beside it
    assert max(at_once for _, at_once in calls.seen[1:]) == 7  # the rest were let go together


async def test_a_text_already_run_and_other_texts_are_never_held() -> None:
    runs, calls = FirstRuns(), Calls()
    await runs.run("RETURN 1", lambda: calls("warm"))
    calls.seen.clear()
    await asyncio.gather(
        runs.run("RETURN 1", lambda: calls("again a")),
        runs.run("RETURN 1", lambda: calls("again b")),
        runs.run("RETURN 2", lambda: calls("new")),
    )
    assert [at_once for _, at_once in calls.seen] == [1, 2, 3]


async def test_when_the_first_run_fails_only_its_caller_sees_the_error() -> None:
    runs, calls = FirstRuns(), Calls()
    first, second = await asyncio.gather(
        runs.run("RETURN x", lambda: calls("first", fail=True)),
        runs.run("RETURN x", lambda: calls("second")),
        return_exceptions=True,
    )
    assert isinstance(first, RuntimeError)
    assert second == "second"
