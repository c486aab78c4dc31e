"""The coordinator page shows gaps closing and opening without a reload (Debian's chromium).

Hand-worked facts as in tests/test_alerts.py: Matias has no treating physician
today (``no-treating-physician``) until one is assigned; ending the assignment
yesterday opens it again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
from selenium.webdriver.chrome.webdriver import WebDriver

from graphsvc.api.app import create_app
from graphsvc.database import Database
from graphsvc.gaps import find_gaps
from graphsvc.importing import load_records
from graphsvc.settings import Settings
from tests.live_server import admin_headers, serving
from tests.model_records import world
from tests.test_browser import browser, console_errors, sign_in, wait_for

__all__ = ["browser"]

pytestmark = pytest.mark.browser

GAP = "#gaps li[data-rule='no-treating-physician'][data-subject-id='c-matias']"


@pytest.fixture
def app(neo4j_settings: Settings) -> Iterator[str]:
    asyncio.run(_load(neo4j_settings))
    # a loaded machine may take longer than 30 s for the first, cold gap evaluation
    settings = replace(neo4j_settings, request_timeout=300.0)
    with serving(create_app(settings)) as url:
        yield url


async def _load(settings: Settings) -> None:
    db = Database(settings)
    try:
        await db.run_auto_commit("admin", "delete-everything")
        await load_records(db, world(), source="alerts world")
        await find_gaps(db, clients=["c-matias"])  # the rules' queries planned once
    finally:
        await db.close()


def mutate(app: str, query: str) -> None:
    body = httpx.post(
        f"{app}/graphql", json={"query": query}, headers=admin_headers(), timeout=120
    ).json()
    assert "errors" not in body, body


def test_the_page_shows_a_gap_closing_and_opening_without_a_reload(
    app: str, browser: WebDriver
) -> None:
    sign_in(browser, app)
    browser.get(f"{app}/?lang=en&client=c-matias")
    wait_for(browser, f'return document.querySelector("{GAP}") !== null', timeout=120)
    browser.execute_script("window.notReloaded = true;")
    time.sleep(1.0)  # the page's subscription is made once the client is shown

    mutate(
        app,
        """mutation { assignResponsibility(id: "rs-doctor", input: {professional: "p-anna",
        role: TREATING_PHYSICIAN, client: "c-matias", validFrom: "2024-01-01"})
        { node { id } } }""",
    )
    wait_for(browser, f'return document.querySelector("{GAP}") === null', timeout=30)
    status = browser.find_element("id", "alerts-status").text
    assert status == "- No treating physician"

    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    mutate(
        app,
        f'mutation {{ endResponsibility(id: "rs-doctor", on: "{yesterday}") {{ node {{ id }} }} }}',
    )
    wait_for(browser, f'return document.querySelector("{GAP}.new") !== null', timeout=30)
    assert browser.find_element("id", "alerts-status").text == "+ No treating physician"
    assert browser.execute_script("return window.notReloaded === true")
    assert console_errors(browser) == []
