"""The coordinator page and the maps in Debian's headless chromium, on the demo region.

chromium and chromedriver come from Debian (``scripts/bootstrap`` installs
them); selenium drives them with no browser download. The real app serves the
demo on 127.0.0.1; chromium's performance log lists every request the pages
made, and its console log every error.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from graphsvc.api.app import create_app
from graphsvc.database import Database
from graphsvc.gaps import find_gaps
from graphsvc.maps import MapKind, map_graph
from graphsvc.settings import Settings
from tests.live_server import load_fresh_demo, serving
from visualise.builders import region_map
from visualise.graph import new_graph

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AS_OF = dt.date(2026, 11, 22)
"""The demo's reference date (graphsvc/data/demo/README.md)."""
EETU = "cli-eetu-virtanen"
EETU_EPISODES = {
    "Episode:ep-eetu-varhaiskasvatus",
    "Episode:ep-eetu-lastenneurologia",
    "Episode:ep-eetu-fysioterapia",
    "Episode:ep-eetu-puheterapia",
    "Episode:ep-eetu-perhesosiaalityo",
    "Episode:ep-eetu-kotipalvelu",
    "Episode:ep-eetu-vertaistuki",
}
EETU_GAPS = {
    "no-coordinator",
    "episode-without-responsible",
    "plan-without-owner",
    "no-contact-person",
    "service-not-in-plan",
}
"""Eetu's designed true cases in the demo README."""

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
]


def start_chromium(profile: Path) -> WebDriver:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.fail(
            "the browser tests need Debian's chromium and chromium-driver: run scripts/bootstrap",
            pytrace=False,
        )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    driver = start_chromium(tmp_path / "profile")
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def demo(neo4j_settings: Settings) -> Iterator[str]:
    """The app on a free port of 127.0.0.1 serving the demo region; yields its base URL."""
    load_fresh_demo(neo4j_settings)
    with serving(create_app(neo4j_settings)) as url:
        yield url


async def _expected(settings: Settings) -> tuple[int, set[str]]:
    """What the server's own map and gap engine hold for Eetu on the demo's date."""
    db = Database(settings)
    try:
        graph = await map_graph(db, MapKind.CLIENT, EETU, lang="en", as_of=AS_OF)
        findings = await find_gaps(db, clients=[EETU], as_of=AS_OF)
        return graph.number_of_nodes(), {finding.rule_id for finding in findings}
    finally:
        await db.close()


def sign_in(driver: WebDriver, demo: str, query: str = "role=admin") -> None:
    """Sign in through the page's development sign-in (a session cookie for the page)."""
    driver.get(f"{demo}/auth/dev?{query}")


def wait_for(driver: WebDriver, script: str, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for: {script}")
        time.sleep(0.1)


def requested_urls(driver: WebDriver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver: WebDriver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


LOCAL_SCHEMES = ("data", "about", "blob", "file", "chrome", "chrome-untrusted")
"""Never on the network: inline data, files, and chromium's own start page."""


def off_machine(urls: list[str]) -> list[str]:
    """Requests that would leave the machine: any not to 127.0.0.1 nor of a local scheme."""
    return [
        url
        for url in urls
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).hostname != "127.0.0.1"
    ]


def test_coordinator_finds_a_demo_client_and_sees_map_and_gaps(
    demo: str, browser: WebDriver, neo4j_settings: Settings
) -> None:
    node_count, rules = asyncio.run(_expected(neo4j_settings))
    assert rules >= EETU_GAPS
    sign_in(browser, demo)
    browser.get(f"{demo}/?lang=en&as_of={AS_OF}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Client's service map"
    search = browser.find_element(By.ID, "q")
    search.send_keys("Virtanen", Keys.ENTER)
    wait_for(browser, "return document.querySelectorAll('#results button').length === 4")
    assert browser.find_element(By.ID, "status").text == "Found 4 clients."
    eetu = browser.find_element(By.CSS_SELECTOR, f'#results button[data-client="{EETU}"]')
    eetu.send_keys(Keys.ENTER)
    wait_for(browser, "return document.querySelectorAll('#gaps li').length > 0")
    assert browser.find_element(By.ID, "client-heading").text == "Eetu Virtanen"
    assert browser.switch_to.active_element.get_attribute("id") == "client-heading"
    items = browser.find_elements(By.CSS_SELECTOR, "#gaps li")
    assert {item.get_attribute("data-rule") for item in items} == rules
    for item in items:
        assert "What is wrong: " in item.text and "What to do: " in item.text
    assert (
        browser.find_element(By.ID, "gaps-heading").text == f"Gaps in coordination ({len(rules)})"
    )
    assert f"client={EETU}" in browser.current_url

    browser.switch_to.frame(browser.find_element(By.ID, "map"))
    wait_for(browser, "return window.graphsvcMap && window.graphsvcMap.ready")
    ids = set(browser.execute_script("return graphsvcMap.nodes.getIds()"))
    assert len(ids) == node_count
    assert {f"Client:{EETU}", "Family:fam-virtanen"} | EETU_EPISODES <= ids
    marked = browser.execute_script(
        "return graphsvcMap.nodes.get({filter: n => n.gapCount > 0}).map(n => n.id)"
    )
    assert f"Client:{EETU}" in marked, "the gaps about Eetu are drawn on him"
    browser.switch_to.default_content()

    assert console_errors(browser) == []
    assert off_machine(requested_urls(browser)) == []


def test_language_switch_keeps_the_client_and_speaks_finnish(demo: str, browser: WebDriver) -> None:
    sign_in(browser, demo)
    browser.get(f"{demo}/?lang=en&as_of={AS_OF}&client={EETU}")
    wait_for(browser, "return document.querySelectorAll('#gaps li').length > 0")
    browser.find_element(By.ID, "lang-fi").click()
    wait_for(browser, "return document.documentElement.lang === 'fi'")
    wait_for(browser, "return document.querySelectorAll('#gaps li').length > 0")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Asiakkaan palvelukartta"
    assert browser.find_element(By.ID, "client-heading").text == "Eetu Virtanen"
    assert "Mitä tehdä: " in browser.find_element(By.CSS_SELECTOR, "#gaps li").text
    frame = browser.find_element(By.ID, "map")
    assert "lang=fi" in frame.get_attribute("src")
    browser.switch_to.frame(frame)
    wait_for(browser, "return window.graphsvcMap && window.graphsvcMap.ready")
    assert "Selite" in browser.find_element(By.ID, "legend-heading").text
    browser.switch_to.default_content()
    assert console_errors(browser) == []


def test_search_that_finds_nobody_says_so(demo: str, browser: WebDriver) -> None:
    sign_in(browser, demo)
    browser.get(f"{demo}/?lang=en")
    browser.find_element(By.ID, "q").send_keys("Nobody Atall", Keys.ENTER)
    wait_for(browser, "return document.getElementById('status').textContent.length > 0")
    wait_for(browser, "return !document.getElementById('status').textContent.includes('Searching')")
    assert browser.find_element(By.ID, "status").text == "No client found. Check the name or id."
    assert not browser.find_element(By.ID, "client").is_displayed()


def test_map_file_written_by_the_command_opens_with_the_network_cut_off(
    demo: str, browser: WebDriver, cli_env: dict[str, str], tmp_path: Path
) -> None:
    page = tmp_path / "eetu.html"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "graphsvc",
            "map",
            "client",
            EETU,
            "--as-of",
            str(AS_OF),
            "-o",
            str(page),
        ],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
    )
    browser.get(page.as_uri())
    wait_for(browser, "return window.graphsvcMap && window.graphsvcMap.ready")
    ids = set(browser.execute_script("return graphsvcMap.nodes.getIds()"))
    assert ids >= EETU_EPISODES
    assert f"{len(ids)} nodes" in done.stdout
    assert browser.find_element(By.TAG_NAME, "h1").text == "Palvelukartta: Eetu Virtanen"
    assert console_errors(browser) == []
    urls = requested_urls(browser)
    assert page.as_uri() in urls
    assert off_machine(urls) == []
    assert not [url for url in urls if url.startswith("http")], "a file needs no server at all"


def test_large_map_is_drawn_where_it_was_laid_out_without_physics(
    browser: WebDriver, tmp_path: Path
) -> None:
    graph = new_graph(title="Large")
    for n in range(1000):
        graph.add_node(f"o{n}", kind="organisation", label=f"Unit {n}", group=f"area{n % 20}")
    for n in range(999):
        graph.add_edge(f"o{n}", f"o{(n * 7 + 1) % 1000}", kind="flow", count=n % 9 + 1)
    smap = region_map(graph, "en")
    page = tmp_path / "large.html"
    smap.write(page)
    browser.get(page.as_uri())
    wait_for(browser, "return window.graphsvcMap && window.graphsvcMap.ready")
    assert browser.execute_script("return graphsvcMap.nodes.length") == 1000
    time.sleep(0.5)
    drawn = browser.execute_script("return graphsvcMap.network.getPositions(['o0', 'o999'])")
    for node in ("o0", "o999"):
        laid_out = smap.node_map[node]
        assert drawn[node]["x"] == pytest.approx(laid_out["x"], abs=0.5)
        assert drawn[node]["y"] == pytest.approx(laid_out["y"], abs=0.5)
    assert console_errors(browser) == []


def test_a_professional_signed_in_on_the_page_finds_only_own_clients(
    demo: str, browser: WebDriver
) -> None:
    """Sari Kallio (TE office) is responsible for Pekka Järvinen and Ville Koskinen only:
    searching the Virtanen family finds nobody, searching Järvinen finds Pekka."""
    browser.get(f"{demo}/?lang=en")
    assert "/auth/sign-in" in browser.current_url, "the page asks to sign in first"
    link = browser.find_element(
        By.CSS_SELECTOR, 'a[href="/auth/dev?role=professional&professional=pro-sari-kallio"]'
    )
    link.click()
    wait_for(browser, "return document.getElementById('q') !== null")
    browser.get(f"{demo}/?lang=en")
    browser.find_element(By.ID, "q").send_keys("Virtanen", Keys.ENTER)
    wait_for(browser, "return !document.getElementById('status').textContent.includes('…')")
    wait_for(browser, "return document.getElementById('status').textContent.length > 0")
    assert browser.find_element(By.ID, "status").text == "No client found. Check the name or id."
    search = browser.find_element(By.ID, "q")
    search.clear()
    search.send_keys("Järvinen", Keys.ENTER)
    wait_for(browser, "return document.querySelectorAll('#results button').length > 0")
    found = browser.find_elements(By.CSS_SELECTOR, "#results button")
    assert [b.get_attribute("data-client") for b in found] == ["cli-pekka-jarvinen"]
