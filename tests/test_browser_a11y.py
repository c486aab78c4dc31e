"""Accessibility and print, in Debian's headless chromium on the demo region.

axe-core (pinned in package.json, installed by ``npm ci``) is injected into each
page by the test through the driver, never served by the app, and must find no
serious or critical violation on the coordinator page, every kind of map and
the family's summary. The summary must print on one A4 sheet with chromium's
own print-to-PDF.
"""

from __future__ import annotations

import asyncio
import base64
import io
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from graphsvc.database import Database
from graphsvc.gaps import find_gaps
from graphsvc.settings import Settings
from tests.test_browser import (  # noqa: F401 (fixtures)
    AS_OF,
    EETU,
    browser,
    console_errors,
    demo,
    sign_in,
    wait_for,
)

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
A4_POINTS = (595.3, 841.9)
PATIENCE = 120
"""Seconds to wait for the page's answers: the first gap evaluation is slow on a busy machine."""


@pytest.fixture(scope="module", autouse=True)
def warm_gap_engine(demo: str, neo4j_settings: Settings) -> None:  # noqa: F811
    """The first gap evaluation on a fresh Neo4j plans every rule's query; do it once here,
    so the pages' first answers do not wait for it on a busy machine."""
    asyncio.run(_find_eetus_gaps(neo4j_settings))


@pytest.fixture(autouse=True)
def signed_in(browser: WebDriver, demo: str) -> None:  # noqa: F811
    """Every page here needs a session: an admin's, through the development sign-in."""
    sign_in(browser, demo)


async def _find_eetus_gaps(settings: Settings) -> None:
    db = Database(settings)
    try:
        await find_gaps(db, clients=[EETU], as_of=AS_OF)
    finally:
        await db.close()


@cache
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run scripts/bootstrap (npm ci)", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def serious_violations(driver: WebDriver) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page now shown (frames apart)."""
    driver.execute_script(axe_source())
    driver.set_script_timeout(120)
    found: list[dict[str, Any]] = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {iframes: false, resultTypes: ['violations']})
          .then(result => done(result.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))
          .catch(error => done([{id: 'axe-failed', help: String(error)}]));
        """
    )
    return found


MAP_ROUTES = [
    f"/maps/clients/{EETU}",
    "/maps/professionals/pro-outi-rinne",
    "/maps/organisations/org-perhekeskus",
    "/maps/pathways/pw-lastenneurologia",
    "/maps/regions/reg-jarvimaa",
]
SUMMARY_ROUTES = [
    "/summary/families/fam-virtanen",
    f"/summary/clients/{EETU}",
    "/summary/clients/cli-aino-nieminen",
]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_coordinator_page_has_no_serious_accessibility_violations(
    demo: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
    lang: str,
) -> None:
    browser.get(f"{demo}/?lang={lang}&as_of={AS_OF}")
    assert serious_violations(browser) == []
    browser.get(f"{demo}/?lang={lang}&as_of={AS_OF}&client={EETU}")
    wait_for(browser, "return document.querySelectorAll('#gaps li').length > 0", PATIENCE)
    assert serious_violations(browser) == []
    assert console_errors(browser) == []


@pytest.mark.parametrize("route", MAP_ROUTES)
def test_every_kind_of_map_has_no_serious_accessibility_violations(
    demo: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
    route: str,
) -> None:
    browser.get(f"{demo}{route}?lang=en&as_of={AS_OF}")
    wait_for(browser, "return window.graphsvcMap && window.graphsvcMap.ready", PATIENCE)
    assert serious_violations(browser) == []


@pytest.mark.parametrize("route", SUMMARY_ROUTES)
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_summary_has_no_serious_accessibility_violations(
    demo: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
    route: str,
    lang: str,
) -> None:
    browser.get(f"{demo}{route}?lang={lang}&as_of={AS_OF}")
    assert browser.find_element(By.TAG_NAME, "h1").text
    assert serious_violations(browser) == []
    assert console_errors(browser) == []


def print_to_pdf(driver: WebDriver) -> PdfReader:
    """The page as chromium prints it to PDF on A4, with the page's own print styles."""
    printed = driver.execute_cdp_cmd(
        "Page.printToPDF",
        {
            "paperWidth": 8.27,
            "paperHeight": 11.69,
            "preferCSSPageSize": True,
            "printBackground": True,
        },
    )
    return PdfReader(io.BytesIO(base64.b64decode(printed["data"])))


def pdf_words(pdf: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "Family summary: Virtasen perhe",
                "No contact person has been named for you yet.",
                "Kaisa Lindholm",
                "Jenni Aaltonen",
                "Kahden sanan lauseet arjen tilanteissa",
                "The next review is on 29 January 2027",
            ],
        ),
        (
            "fi",
            [
                "Perheen yhteenveto: Virtasen perhe",
                "Teille ei ole vielä nimetty yhteyshenkilöä.",
                "Kaisa Lindholm",
                "Jenni Aaltonen",
                "Kahden sanan lauseet arjen tilanteissa",
                "Seuraava arviointi on 29.1.2027",
            ],
        ),
    ],
)
def test_the_virtanen_family_summary_prints_on_one_a4_page(
    demo: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
    lang: str,
    expected: list[str],
) -> None:
    browser.get(f"{demo}/summary/families/fam-virtanen?lang={lang}&as_of={AS_OF}")
    pdf = print_to_pdf(browser)
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=1.5)
    text = pdf_words(pdf)
    for words in expected:
        assert words in text


def test_aino_summary_prints_her_contact_person(
    demo: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
) -> None:
    browser.get(f"{demo}/summary/clients/cli-aino-nieminen?lang=en&as_of={AS_OF}")
    pdf = print_to_pdf(browser)
    assert len(pdf.pages) == 1
    text = pdf_words(pdf)
    assert "Your contact person: Veera Saarinen, erityisopettaja." in text
    assert "Lukemisen perustaidot pienryhmässä" in text


def test_the_coordinator_page_works_by_keyboard_alone(
    demo: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
) -> None:
    """Tab from the top reaches the search, Enter searches, Tab reaches the results and
    Enter opens one; focus moves to the client's heading, and every control focused on
    the way shows a visible focus outline."""
    browser.get(f"{demo}/?lang=en&as_of={AS_OF}")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    seen = []
    for _ in range(12):
        active = browser.switch_to.active_element
        seen.append(active.get_attribute("id") or active.tag_name)
        if active.get_attribute("id") == "q":
            break
        active.send_keys(Keys.TAB)
    assert seen[-1] == "q", f"Tab never reached the search field: {seen}"
    browser.switch_to.active_element.send_keys("Virtanen", Keys.ENTER)
    wait_for(browser, "return document.querySelectorAll('#results button').length === 4", PATIENCE)
    for _ in range(10):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element.get_attribute("data-client"):
            break
    focused = browser.switch_to.active_element
    assert focused.get_attribute("data-client"), "Tab did not reach the results"
    outline = browser.execute_script(
        "const s = getComputedStyle(document.activeElement);"
        "return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0"
        " || s.boxShadow !== 'none';"
    )
    assert outline, "the focused result shows no focus indicator"
    while focused.get_attribute("data-client") != EETU:
        focused.send_keys(Keys.TAB)
        focused = browser.switch_to.active_element
    focused.send_keys(Keys.ENTER)
    wait_for(browser, "return document.querySelectorAll('#gaps li').length > 0", PATIENCE)
    assert browser.switch_to.active_element.get_attribute("id") == "client-heading"


def test_my_work_by_keyboard_lists_the_waiting_handoff_and_opens_the_client(
    demo: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
) -> None:
    """Pirjo Seppälä (home care): Aune's discharge handoff waits for her unit and Aune has
    a handoff-missing gap (graphsvc/data/demo/60-hospital-discharge.json)."""
    browser.get(f"{demo}/?lang=en&as_of={AS_OF}")
    field = browser.find_element(By.ID, "professional")
    assert browser.find_element(By.CSS_SELECTOR, "label[for=professional]").text
    field.send_keys("pro-pirjo-seppala", Keys.ENTER)
    wait_for(browser, "return !document.getElementById('mywork-result').hidden", PATIENCE)
    assert browser.switch_to.active_element.get_attribute("id") == "work-clients-heading"
    clients = browser.find_elements(By.CSS_SELECTOR, "#work-clients li")
    assert len(clients) == 1
    assert clients[0].text.startswith("Aune Lehtonen gaps: 1, the worst: high: ")
    handoffs = browser.find_elements(By.CSS_SELECTOR, "#work-handoffs li")
    assert len(handoffs) == 1
    assert "Aune Lehtonen" in handoffs[0].text and "requested on 2026-11-10" in handoffs[0].text
    assert browser.find_element(By.CSS_SELECTOR, "#work-plans li").text == "Nothing."
    browser.switch_to.active_element.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("data-client") == "cli-aune-lehtonen"
    focused.send_keys(Keys.ENTER)
    wait_for(
        browser,
        "return document.getElementById('client-heading').textContent === 'Aune Lehtonen'",
        PATIENCE,
    )
    rules = {
        item.get_attribute("data-rule")
        for item in browser.find_elements(By.CSS_SELECTOR, "#gaps li")
    }
    assert rules == {"handoff-missing"}
    assert serious_violations(browser) == []
    assert console_errors(browser) == []
