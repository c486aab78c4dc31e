"""The planner page in Debian's chromium: every chart draws, offline, without errors."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from graphsvc.api.app import create_app
from graphsvc.database import Database
from graphsvc.generate import DEFAULT_AS_OF, GenerateParams, write
from graphsvc.importing import load_file
from graphsvc.settings import Settings
from tests.live_server import serving
from tests.test_browser import (
    console_errors,
    off_machine,
    requested_urls,
    sign_in,
    start_chromium,
    wait_for,
)

pytestmark = pytest.mark.browser
CHARTS = (
    "shared-clients",
    "handoff-flows",
    "bottlenecks",
    "pathway-conformance",
    "coordination-burden",
)


async def _load(settings: Settings, path: Path) -> None:
    db = Database(settings)
    try:
        await db.run_auto_commit("admin", "delete-everything")
        write(GenerateParams(clients=300, seed=3), path)
        await load_file(db, path)
    finally:
        await db.close()


@pytest.fixture
def planning(neo4j_settings: Settings, tmp_path: Path) -> Iterator[str]:
    asyncio.run(_load(neo4j_settings, tmp_path / "region.jsonl"))
    with serving(create_app(neo4j_settings)) as url:
        yield url


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    driver = start_chromium(tmp_path / "profile")
    try:
        yield driver
    finally:
        driver.quit()


def test_every_chart_draws_offline_without_console_errors(
    planning: str, browser: WebDriver
) -> None:
    sign_in(browser, planning, "role=planner")
    requested_urls(browser)  # the sign-in's own requests are not the page's
    browser.get(
        f"{planning}/planning?region=g3-region&as_of={DEFAULT_AS_OF}&from=2026-01-01&to=2026-11-22"
    )
    wait_for(browser, "return window.graphsvcPlanning && window.graphsvcPlanning.done", 90)
    state = browser.execute_script("return window.graphsvcPlanning")
    assert state["failed"] == {}
    assert set(state["drawn"]) == set(CHARTS)
    for chart in CHARTS:
        element = browser.find_element(By.ID, f"chart-{chart}")
        assert element.get_attribute("data-state") == "drawn"
        marks = element.find_elements(
            By.CSS_SELECTOR,
            "svg .mark-rect path, svg .mark-rule line, "
            "svg .mark-line path, svg .mark-rect, svg .mark-rule",
        )
        assert marks, f"{chart} drew no marks"
    heat = browser.find_elements(By.CSS_SELECTOR, "#chart-shared-clients svg .mark-rect path")
    assert len(heat) > 10, "the heat map has a cell per pair of kinds"
    flows = browser.find_elements(By.CSS_SELECTOR, "#chart-handoff-flows svg .mark-rule line")
    assert flows, "the flow diagram draws a line per organisation pair"
    assert console_errors(browser) == []
    urls = requested_urls(browser)
    assert off_machine(urls) == []
    fetched = {u.removeprefix(planning).split("?")[0] for u in urls if u.startswith("http")}
    assert fetched == {"/planning", "/static/planning.css", "/static/planning.js"}, (
        "the charting libraries are inlined: nothing else is fetched"
    )
