"""Actions on the coordinator page, by keyboard alone, in Debian's headless chromium.

Each test signs in through the development sign-in as a coordinator (or, for the
refused case, a professional) who holds a current responsibility for the client,
opens the client on the demo's reference day, reaches the action from the gap's
"what to do" (or the list of actions) with Tab, fills it in with the keyboard and
sends it. The page then asks for the client's gaps again: the gap the action fixes
must leave the list and the map, and the page must say which gaps closed and opened.

Expected gaps are worked out by hand from ``graphsvc/data/demo/`` (its README lists
the designed findings as of 2026-11-22) and the rule definitions in the README.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from graphsvc.api.app import create_app
from graphsvc.api.page import PageText, action_texts
from graphsvc.auth.roles import Role
from graphsvc.auth.tokens import development_token
from graphsvc.database import Database
from graphsvc.gaps import find_gaps
from graphsvc.settings import Settings
from tests.live_server import load_fresh_demo, serving
from tests.test_browser import (  # noqa: F401 (fixtures)
    AS_OF,
    EETU,
    browser,
    console_errors,
    off_machine,
    requested_urls,
    sign_in,
    wait_for,
)
from tests.test_browser_a11y import serious_violations

pytestmark = pytest.mark.browser

PATIENCE = 300
"""Seconds to wait for an answer: a mutation evaluates the client's gaps twice, and on a
busy machine the first query of each shape waits for Neo4j to plan it."""
JENNA = "cli-jenna-makinen"
PEKKA = "cli-pekka-jarvinen"
AUNE = "cli-aune-lehtonen"
ONNI = "cli-onni-laine"


@pytest.fixture(scope="module")
def demo(neo4j_settings: Settings) -> Iterator[str]:
    """The app serving the demo region, as in ``tests/test_browser.py``, with a request
    timeout long enough for a mutation on a busy machine (it evaluates the client's gaps
    before and after the change, and the page then asks for them again)."""
    load_fresh_demo(neo4j_settings)
    settings = replace(neo4j_settings, request_timeout=600.0)
    with serving(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="module", autouse=True)
def warm_gap_engine(demo: str, neo4j_settings: Settings) -> None:
    """Plan every rule's query once, so the first page does not wait for it."""
    asyncio.run(_find_gaps(neo4j_settings, EETU))


async def _find_gaps(settings: Settings, client: str) -> None:
    db = Database(settings)
    try:
        await find_gaps(db, clients=[client], as_of=AS_OF)
    finally:
        await db.close()


# ---- driving the page by keyboard ---------------------------------------------------------


def open_client(
    driver: WebDriver,
    demo: str,
    professional: str,
    client: str,
    *,
    role: str = "coordinator",
    as_of: dt.date = AS_OF,
) -> None:
    sign_in(driver, demo, f"role={role}&professional={professional}")
    driver.get(f"{demo}/?lang=en&as_of={as_of}&client={client}")
    wait_for(
        driver,
        f"return document.getElementById('actions').dataset.ready === '{client}'"
        " || document.getElementById('status').classList.contains('error')",
        PATIENCE,
    )
    assert not driver.find_element(By.ID, "status").text, "the client did not open"
    wait_for(driver, "return Number(document.getElementById('map').dataset.loads || 0) > 0")


def press(driver: WebDriver, *keys: str) -> None:
    ActionChains(driver).send_keys(*keys).perform()


def focused(driver: WebDriver) -> Any:
    return driver.switch_to.active_element


def tab_to(driver: WebDriver, css: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``css`` has the focus."""
    target = driver.find_element(By.CSS_SELECTOR, css)
    for _ in range(limit):
        if focused(driver) == target:
            return
        # Shift+Tab when the target comes before the focus (4: the target follows it)
        follows = driver.execute_script(
            "return document.activeElement.compareDocumentPosition(arguments[0]) & 4", target
        )
        if follows:
            press(driver, Keys.TAB)
        else:
            ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(
                Keys.SHIFT
            ).perform()
    raise AssertionError(f"Tab never reached {css}")


def type_into(driver: WebDriver, field: str, text: str) -> None:
    tab_to(driver, f"#{field}")
    length = len(driver.find_element(By.ID, field).get_attribute("value") or "")
    press(driver, Keys.END, *([Keys.BACKSPACE] * length), text)


def choose(driver: WebDriver, select: str, text: str) -> None:
    """Tab to a select and move its choice with the arrow keys to the option containing ``text``."""
    tab_to(driver, f"#{select}")
    labels: list[str] = driver.execute_script(
        "return [...arguments[0].options].map(o => o.textContent)",
        driver.find_element(By.ID, select),
    )
    wanted = [i for i, label in enumerate(labels) if text in label]
    assert wanted, f"no option of #{select} says {text!r}: {labels}"
    now = int(driver.execute_script(f"return document.getElementById('{select}').selectedIndex"))
    step = Keys.ARROW_DOWN if wanted[0] > now else Keys.ARROW_UP
    for _ in range(abs(wanted[0] - now)):
        press(driver, step)
    chosen = driver.execute_script(
        f"const s = document.getElementById('{select}'); return s.options[s.selectedIndex].text"
    )
    assert text in chosen


def selected_text(driver: WebDriver, select: str) -> str:
    text: str = driver.execute_script(
        f"const s = document.getElementById('{select}'); return s.options[s.selectedIndex].text"
    )
    return text


def fix(driver: WebDriver, rule: str, subject: str) -> None:
    """Tab from the client's heading to the gap's fix and press Enter."""
    tab_to(driver, f'#gaps li[data-rule="{rule}"][data-subject-id="{subject}"] button.fix')
    press(driver, Keys.ENTER)


def start(driver: WebDriver, action: str) -> None:
    tab_to(driver, f'.action-choices button[data-action="{action}"]')
    press(driver, Keys.ENTER)


def send_form(driver: WebDriver, button_css: str) -> dict[str, Any]:
    """Tab to the form's button, press Enter, wait for the answer and the map drawn again."""
    loads = int(
        driver.execute_script("return Number(document.getElementById('map').dataset.loads)")
    )
    driver.execute_script("document.getElementById('action-result').dataset.code = 'waiting'")
    tab_to(driver, button_css)
    press(driver, Keys.ENTER)
    wait_for(
        driver,
        "const r = document.getElementById('action-result');"
        "return !r.hidden && r.dataset.code !== 'waiting' && !r.textContent.includes('Saving')",
        PATIENCE,
    )
    code = driver.execute_script("return document.getElementById('action-result').dataset.code")
    if not code:
        wait_for(
            driver,
            f"return Number(document.getElementById('map').dataset.loads) > {loads}",
            PATIENCE,
        )
    result: dict[str, Any] = driver.execute_script(
        """
        const r = document.getElementById('action-result');
        const keys = id => [...document.querySelectorAll(`#${id} li`)]
          .map(li => `${li.dataset.rule} ${li.dataset.subjectId}`);
        return {code: r.dataset.code, text: r.innerText, closed: keys('gaps-closed'),
                opened: keys('gaps-opened'), focused: document.activeElement === r};
        """
    )
    return result


def listed(driver: WebDriver) -> set[str]:
    """The gaps in the page's list, as 'rule subject'."""
    items = driver.find_elements(By.CSS_SELECTOR, "#gaps li")
    return {f"{i.get_attribute('data-rule')} {i.get_attribute('data-subject-id')}" for i in items}


def title_of(driver: WebDriver, rule: str) -> str:
    title: str = driver.find_element(By.CSS_SELECTOR, f'#gaps li[data-rule="{rule}"] h4').text
    return title


def on_map(driver: WebDriver, title: str) -> int:
    """How many nodes and edges of the client's map are marked with a gap of this title."""
    driver.switch_to.frame(driver.find_element(By.ID, "map"))
    try:
        wait_for(driver, "return window.graphsvcMap && window.graphsvcMap.ready", PATIENCE)
        count: int = driver.execute_script(
            """
            const marked = graphsvcMap.nodes.get().concat(graphsvcMap.edges.get())
              .filter(item => item.gapCount > 0 && String(item.title).includes(arguments[0]));
            return marked.length;
            """,
            f"⚠ {title} (",
        )
    finally:
        driver.switch_to.default_content()
    return count


def admin_changes(demo: str, settings: Settings, query: str) -> dict[str, Any]:
    """Someone else (an admin, with a bearer token) changes the data meanwhile."""
    token = development_token(settings.auth, Role.ADMIN)
    request = urllib.request.Request(
        f"{demo}/graphql",
        data=json.dumps({"query": query}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=PATIENCE) as response:
        answer: dict[str, Any] = json.loads(response.read())
    assert "errors" not in answer, answer
    return answer


def share_with(
    demo: str, settings: Settings, client: str, to_org: str, from_orgs: tuple[str, ...]
) -> None:
    """The client consents to information sharing from these organisations to the
    coordinator's (recorded by an admin): what they recorded becomes visible to her, and
    with it the gaps that rest on it (a gap is shown only to who may see all it rests on)."""
    for from_org in from_orgs:
        admin_changes(
            demo,
            settings,
            f'mutation {{ recordConsent(input: {{client: "{client}", fromOrg: "{from_org}", '
            f'toOrg: "{to_org}", purpose: INFORMATION_SHARING, validFrom: "2026-11-01"}}) '
            "{ node { id } } }",
        )


# ---- the actions -------------------------------------------------------------------------


def test_naming_a_responsible_worker_for_eetu_closes_his_coordination_gaps(
    demo: str,
    neo4j_settings: Settings,
    browser: WebDriver,  # noqa: F811
) -> None:
    """Eetu has services from six organisations and nobody coordinating (no-coordinator),
    no contact person, and home help nobody answers for. Jenni Aaltonen (family social
    work, his own worker there) names herself his service counsellor (palveluohjaaja): a
    coordinating role and a contact role, so all three close; nothing opens. (The rehab
    plan without an owner stays: a service counsellor does not keep plans, a responsible
    worker would.) The family has consented to sharing with family social work what the
    five other organisations recorded (no-coordinator rests on all his episodes)."""
    share_with(
        demo,
        neo4j_settings,
        EETU,
        "org-perhesosiaalityo",
        (
            "org-erityislapset-ry",
            "org-kotiapu-pihlaja",
            "org-lastenneurologia",
            "org-perhekeskus",
            "org-varhaiskasvatus",
        ),
    )
    open_client(browser, demo, "pro-jenni-aaltonen", EETU)
    gaps = listed(browser)
    assert {
        f"no-coordinator {EETU}",
        f"no-contact-person {EETU}",
        "episode-without-responsible ep-eetu-kotipalvelu",
    } <= gaps
    title = title_of(browser, "no-coordinator")
    assert on_map(browser, title) > 0
    fix(browser, "no-coordinator", EETU)
    assert focused(browser).text == "Assign a responsibility"
    assert selected_text(browser, "assign-role") == "responsible worker"
    assert selected_text(browser, "assign-scope") == "the client as a whole"
    choose(browser, "assign-role", "service counsellor")
    type_into(browser, "assign-find-name", "aaltonen")
    tab_to(browser, 'button.find[data-picker="assign"]')
    press(browser, Keys.ENTER)
    wait_for(browser, "return document.getElementById('assign-professional').options.length > 0")
    assert selected_text(browser, "assign-professional").startswith(
        "Jenni Aaltonen, sosiaaliohjaaja"
    )
    assert browser.find_element(By.ID, "assign-from").get_attribute("value") == str(AS_OF)
    result = send_form(browser, "#action-assign button[type=submit]")
    assert result["code"] == ""
    assert sorted(result["closed"]) == [
        "episode-without-responsible ep-eetu-kotipalvelu",
        f"no-contact-person {EETU}",
        f"no-coordinator {EETU}",
    ]
    assert result["opened"] == []
    assert result["focused"], "the focus moves to what the action did"
    assert "plan-without-owner plan-eetu-kuntoutus" in listed(browser)
    assert listed(browser) == gaps - {
        f"no-coordinator {EETU}",
        f"no-contact-person {EETU}",
        "episode-without-responsible ep-eetu-kotipalvelu",
    }
    assert on_map(browser, title) == 0
    assert (
        "Jenni Aaltonen, service counsellor: the client as a whole"
        in browser.find_element(By.ID, "action-state").text
    )
    assert serious_violations(browser) == []
    assert console_errors(browser) == []
    assert off_machine(requested_urls(browser)) == [], "every request stays on this machine"


def test_the_rehabilitation_plan_gets_an_owner(demo: str, browser: WebDriver) -> None:  # noqa: F811
    """plan-eetu-kuntoutus has participants but no owner (plan-without-owner). The child
    neurologist Outi Rinne, one of its participants, takes it on."""
    open_client(browser, demo, "pro-outi-rinne", EETU)
    assert "plan-without-owner plan-eetu-kuntoutus" in listed(browser)
    title = title_of(browser, "plan-without-owner")
    assert on_map(browser, title) > 0
    fix(browser, "plan-without-owner", "plan-eetu-kuntoutus")
    assert focused(browser).text == "A plan's review date and owner"
    assert selected_text(browser, "plan-plan").startswith("rehabilitation plan")
    assert browser.find_element(By.ID, "plan-review").get_attribute("value") == "2027-02-15"
    type_into(browser, "plan-find-name", "rinne")
    tab_to(browser, 'button.find[data-picker="plan"]')
    press(browser, Keys.ENTER)
    wait_for(browser, "return document.getElementById('plan-professional').options.length > 1")
    choose(browser, "plan-professional", "Outi Rinne")
    result = send_form(browser, "#action-plan button[type=submit]")
    assert result["closed"] == ["plan-without-owner plan-eetu-kuntoutus"]
    assert result["opened"] == []
    assert "plan-without-owner plan-eetu-kuntoutus" not in listed(browser)
    assert on_map(browser, title) == 0
    state = browser.find_element(By.ID, "action-state").text
    assert "rehabilitation plan: Review date 2027-02-15, Outi Rinne" in state
    assert console_errors(browser) == []


def test_ending_one_of_two_responsible_workers_closes_pekkas_duplicated_role(
    demo: str,
    neo4j_settings: Settings,
    browser: WebDriver,  # noqa: F811
) -> None:
    """Pekka has two responsible workers with no division (TE office and sote-keskus).
    With his consent the sote-keskus sees the TE office's; Heikki Rantanen (sote-keskus)
    ends his own on the day before; one is left."""
    share_with(demo, neo4j_settings, PEKKA, "org-sote-keskus", ("org-tyollisyys",))
    open_client(browser, demo, "pro-heikki-rantanen", PEKKA)
    assert f"duplicated-role {PEKKA}" in listed(browser)
    title = title_of(browser, "duplicated-role")
    assert on_map(browser, title) > 0
    fix(browser, "duplicated-role", PEKKA)
    assert focused(browser).text == "End a responsibility"
    # both responsible workers are offered; he picks his own
    choose(browser, "end-responsibility", "Heikki Rantanen, responsible worker")
    assert selected_text(browser, "end-responsibility").startswith(
        "Heikki Rantanen, responsible worker: the client as a whole (2026-05-04"
    )
    type_into(browser, "end-on", "2026-11-21")
    result = send_form(browser, "#action-end button[type=submit]")
    assert result["closed"] == [f"duplicated-role {PEKKA}"]
    assert result["opened"] == []
    assert f"duplicated-role {PEKKA}" not in listed(browser)
    assert on_map(browser, title) == 0
    assert console_errors(browser) == []


def test_accepting_aunes_discharge_handoff_closes_the_missing_handoff(
    demo: str,
    neo4j_settings: Settings,
    browser: WebDriver,  # noqa: F811
) -> None:
    """Aune went home from hospital on 2026-11-12 while home care had not accepted the
    handoff (handoff-missing at tr-aune-kotiutus). With her consent to sharing from the
    ward and home care, her service counsellor sees it and accepts it for home care;
    completing it afterwards changes no gap."""
    share_with(demo, neo4j_settings, AUNE, "org-sote-keskus", ("org-sisataudit", "org-kotihoito"))
    open_client(browser, demo, "pro-leena-miettinen", AUNE)
    assert "handoff-missing tr-aune-kotiutus" in listed(browser)
    title = title_of(browser, "handoff-missing")
    assert on_map(browser, title) > 0
    fix(browser, "handoff-missing", "tr-aune-kotiutus")
    assert focused(browser).text == "Accept, reject or complete a handoff"
    assert selected_text(browser, "decide-handoff").startswith(
        "Sisätautien vuodeosasto 4 → Kotihoito, Järvilinna, requested"
    )
    result = send_form(browser, '#action-decide button[value="accept"]')
    assert result["closed"] == ["handoff-missing tr-aune-kotiutus"]
    assert result["opened"] == []
    assert "handoff-missing tr-aune-kotiutus" not in listed(browser)
    assert on_map(browser, title) == 0
    assert ", accepted, " in browser.find_element(By.ID, "action-state").text

    tab_to(browser, "#decide-handoff")
    assert selected_text(browser, "decide-handoff").endswith("accepted, requested on 2026-11-10")
    result = send_form(browser, '#action-decide button[value="complete"]')
    assert result["closed"] == [] and result["opened"] == []
    assert "The gaps did not change." in result["text"]
    assert ", completed, " in browser.find_element(By.ID, "action-state").text
    assert console_errors(browser) == []


def test_completing_onnis_handoff_closes_it_when_it_has_gone_stale(
    demo: str,
    browser: WebDriver,  # noqa: F811
) -> None:
    """Onni's handoff to adult psychiatry was accepted on 2026-11-05; on 2026-12-10 it has
    waited 35 days for completion (more than 30: handoff-stale). His own worker Sanna
    Ojala completes it that day."""
    open_client(browser, demo, "pro-sanna-ojala", ONNI, as_of=dt.date(2026, 12, 10))
    assert "handoff-stale ho-onni-aikuisten-psykiatria" in listed(browser)
    title = title_of(browser, "handoff-stale")
    assert on_map(browser, title) > 0
    fix(browser, "handoff-stale", "ho-onni-aikuisten-psykiatria")
    assert browser.find_element(By.ID, "decide-on").get_attribute("value") == "2026-12-10"
    result = send_form(browser, '#action-decide button[value="complete"]')
    assert result["closed"] == ["handoff-stale ho-onni-aikuisten-psykiatria"]
    assert result["opened"] == []
    assert "handoff-stale ho-onni-aikuisten-psykiatria" not in listed(browser)
    assert on_map(browser, title) == 0
    assert console_errors(browser) == []


def test_a_handoff_at_jennas_eighteenth_birthday_requested_rejected_and_accepted(
    demo: str,
    neo4j_settings: Settings,
    browser: WebDriver,  # noqa: F811
) -> None:
    """Jenna turns 18 on 2027-01-20 with nobody receiving her in adult psychiatry
    (transition-without-receiver at tr-jenna-aikuisten-psykiatria). Her responsible
    worker requests the handoff without a consent: handoff-without-consent opens on the
    new handoff. Rejecting that request closes it. She records Jenna's consent from youth
    to adult psychiatry, requests again relying on it (nothing opens) and the request is
    accepted: the transition has its receiver. Jenna has consented to sharing from youth
    psychiatry and her foster home with child welfare (both transitions rest on their
    episodes)."""
    share_with(
        demo,
        neo4j_settings,
        JENNA,
        "org-lastensuojelu",
        ("org-nuorisopsykiatria", "org-nuorisokoti-kotiranta"),
    )
    open_client(browser, demo, "pro-riikka-koskinen", JENNA)
    assert "transition-without-receiver tr-jenna-aikuisten-psykiatria" in listed(browser)
    receiver_title = title_of(browser, "transition-without-receiver")
    marked = on_map(browser, receiver_title)
    assert marked > 0
    fix(browser, "transition-without-receiver", "tr-jenna-aikuisten-psykiatria")
    assert focused(browser).text == "Request a handoff"
    assert selected_text(browser, "request-transition") == (
        "from child to adult services, 2027-01-20"
    )
    # she names the sending and the receiving organisation
    choose(browser, "request-from-org", "Nuorisopsykiatrian poliklinikka")
    choose(browser, "request-to-org", "Aikuispsykiatrian poliklinikka")
    type_into(browser, "request-find-name", "jokinen")
    tab_to(browser, 'button.find[data-picker="request"]')
    press(browser, Keys.ENTER)
    wait_for(browser, "return document.getElementById('request-professional').options.length > 1")
    assert selected_text(browser, "request-professional").startswith("Minna Jokinen")
    assert selected_text(browser, "request-consent") == "(none)"
    result = send_form(browser, "#action-request button[type=submit]")
    assert result["closed"] == []
    assert [key.split()[0] for key in result["opened"]] == ["handoff-without-consent"]
    unconsented = result["opened"][0].split()[1]
    assert f"handoff-without-consent {unconsented}" in listed(browser)

    start(browser, "decide")
    choose(browser, "decide-handoff", "Minna Jokinen")
    result = send_form(browser, '#action-decide button[value="reject"]')
    assert result["closed"] == [f"handoff-without-consent {unconsented}"]
    assert result["opened"] == []

    start(browser, "consent")
    choose(browser, "consent-from", "Nuorisopsykiatrian poliklinikka")
    choose(browser, "consent-to", "Aikuispsykiatrian poliklinikka")
    choose(browser, "consent-purpose", "handoff")
    result = send_form(browser, "#action-consent button[type=submit]")
    assert result["closed"] == [] and result["opened"] == []

    fix(browser, "transition-without-receiver", "tr-jenna-aikuisten-psykiatria")
    choose(browser, "request-from-org", "Nuorisopsykiatrian poliklinikka")
    choose(browser, "request-to-org", "Aikuispsykiatrian poliklinikka")
    choose(browser, "request-consent", "Nuorisopsykiatrian poliklinikka → Aikuispsykiatrian")
    result = send_form(browser, "#action-request button[type=submit]")
    assert result["closed"] == [] and result["opened"] == []

    # the request now waits at the transition: its fix is to decide it
    fix(browser, "transition-without-receiver", "tr-jenna-aikuisten-psykiatria")
    assert focused(browser).text == "Accept, reject or complete a handoff"
    assert ", requested, " in selected_text(browser, "decide-handoff")
    result = send_form(browser, '#action-decide button[value="accept"]')
    assert result["closed"] == ["transition-without-receiver tr-jenna-aikuisten-psykiatria"]
    assert result["opened"] == []
    assert "transition-without-receiver tr-jenna-aikuisten-psykiatria" not in listed(browser)
    assert "transition-without-receiver tr-jenna-jalkihuolto" in listed(browser)
    assert on_map(browser, receiver_title) < marked
    assert console_errors(browser) == []


def test_recording_the_consent_a_past_handoff_lacked(
    demo: str,
    browser: WebDriver,  # noqa: F811
) -> None:
    """ho-jenna-nuorisopsykiatriaan (family centre to youth psychiatry, 2025-12-15) relied
    on a consent covering the family centre to child welfare only. The consent Jenna gave
    for it is recorded, valid from the request date: the gap closes."""
    open_client(browser, demo, "pro-riikka-koskinen", JENNA)
    gap = "handoff-without-consent ho-jenna-nuorisopsykiatriaan"
    assert gap in listed(browser)
    title = title_of(browser, "handoff-without-consent")
    assert on_map(browser, title) > 0
    fix(browser, "handoff-without-consent", "ho-jenna-nuorisopsykiatriaan")
    assert focused(browser).text == "Record a consent"
    assert selected_text(browser, "consent-from") == "Järvilinnan perhekeskus"
    assert selected_text(browser, "consent-to") == "Nuorisopsykiatrian poliklinikka"
    assert selected_text(browser, "consent-purpose") == "handoff"
    assert browser.find_element(By.ID, "consent-from-date").get_attribute("value") == "2025-12-15"
    result = send_form(browser, "#action-consent button[type=submit]")
    assert result["closed"] == [gap]
    assert result["opened"] == []
    assert gap not in listed(browser)
    assert on_map(browser, title) == 0
    assert console_errors(browser) == []


def test_withdrawing_aunes_planning_consent_opens_a_gap(
    demo: str,
    browser: WebDriver,  # noqa: F811
) -> None:
    """Aune's care plan was made without her, mediated with her joint-planning consent
    (con-aune-suunnittelu). When she withdraws it, the plan is one made without the client
    (client-not-participating): the page says the gap opened and shows it."""
    open_client(browser, demo, "pro-leena-miettinen", AUNE)
    gap = "client-not-participating plan-aune-hoito-ja-palvelu"
    assert gap not in listed(browser)
    start(browser, "withdraw")
    assert focused(browser).text == "Withdraw a consent"
    choose(browser, "withdraw-consent", "joint planning")
    result = send_form(browser, "#action-withdraw button[type=submit]")
    assert result["closed"] == []
    assert result["opened"] == [gap]
    assert gap in listed(browser)
    assert on_map(browser, title_of(browser, "client-not-participating")) > 0
    assert "withdrawn 2026-11-22" in browser.find_element(By.ID, "action-state").text
    assert console_errors(browser) == []


def test_an_overdue_review_gets_a_new_date(demo: str, browser: WebDriver) -> None:  # noqa: F811
    """Jenna's care and upbringing plan was due for review on 2026-10-31
    (plan-review-overdue). Its owner, Tommi Heino, sets the review for 2027-01-15."""
    open_client(browser, demo, "pro-tommi-heino", JENNA)
    gap = "plan-review-overdue plan-jenna-hoito-ja-kasvatus"
    assert gap in listed(browser)
    title = title_of(browser, "plan-review-overdue")
    assert on_map(browser, title) > 0
    fix(browser, "plan-review-overdue", "plan-jenna-hoito-ja-kasvatus")
    assert browser.find_element(By.ID, "plan-review").get_attribute("value") == "2026-10-31"
    type_into(browser, "plan-review", "2027-01-15")
    result = send_form(browser, "#action-plan button[type=submit]")
    assert result["closed"] == [gap]
    assert result["opened"] == []
    assert gap not in listed(browser)
    assert on_map(browser, title) == 0
    assert console_errors(browser) == []


# ---- refused actions -----------------------------------------------------------------------


def test_a_stale_version_is_refused_with_the_current_state(
    demo: str,
    browser: WebDriver,  # noqa: F811
    neo4j_settings: Settings,
) -> None:
    """Sanna Ojala opens Onni's care plan (review 2027-01-29); meanwhile someone else moves
    the review to 2027-01-30. Her change (2027-02-15) was made on the old version: the page
    says someone else changed it, shows the review date now stored, and nothing of hers is
    written."""
    open_client(browser, demo, "pro-sanna-ojala", ONNI)
    before = listed(browser)
    start(browser, "plan")
    choose(browser, "plan-plan", "care plan")
    assert browser.find_element(By.ID, "plan-review").get_attribute("value") == "2027-01-29"
    admin_changes(
        demo,
        neo4j_settings,
        'mutation { updatePlan(id: "plan-onni-hoito", input: {reviewDate: "2027-01-30"}) '
        "{ node { reviewDate } } }",
    )
    type_into(browser, "plan-review", "2027-02-15")
    result = send_form(browser, "#action-plan button[type=submit]")
    assert result["code"] == "CONFLICT"
    assert result["text"].startswith("Someone else changed this in the meantime")
    assert "it changed since it was read" in result["text"]
    assert result["focused"]
    state = browser.find_element(By.ID, "action-state").text
    assert "care plan: Review date 2027-01-30, Kari Lehto" in state
    assert browser.find_element(By.ID, "plan-review").get_attribute("value") == "2027-01-30"
    assert listed(browser) == before
    assert console_errors(browser) == []


def test_a_professional_may_not_withdraw_a_consent_and_is_told_why(
    demo: str,
    browser: WebDriver,  # noqa: F811
) -> None:
    """Pirjo Seppälä (home care, Aune's own worker) signed in as a professional reads
    Aune's network but changes nothing: her withdrawal of the discharge consent is refused
    and the consent is shown as it stands, still in force."""
    open_client(browser, demo, "pro-pirjo-seppala", AUNE, role="professional")
    before = listed(browser)
    start(browser, "withdraw")
    choose(browser, "withdraw-consent", "Sisätautien vuodeosasto 4 → Kotihoito")
    result = send_form(browser, "#action-withdraw button[type=submit]")
    assert result["code"] == "FORBIDDEN"
    assert result["text"].startswith("You may not do this (")
    assert "Nothing was changed" in result["text"]
    state = browser.find_element(By.ID, "action-state").text
    assert "Sisätautien vuodeosasto 4 → Kotihoito, Järvilinna, handoff, 2026-11-10\u2013" in state
    assert "withdrawn" not in state
    assert listed(browser) == before
    assert serious_violations(browser) == []
    assert console_errors(browser) == []


def test_every_word_the_actions_show_is_there_in_finnish_and_english() -> None:
    """The actions' script reads its words from the page's texts: each one it names must be
    there in both languages, or the page would show "undefined"."""
    script = (
        Path(__file__).resolve().parent.parent
        / "graphsvc"
        / "api"
        / "static"
        / "coordinator-actions.js"
    ).read_text(encoding="utf-8")
    named = set(re.findall(r"TEXTS\.(\w+)", script))
    assert {"conflict", "forbidden", "closed", "opened", "fix", "whole_client"} <= named
    for lang in ("fi", "en"):
        texts = {term.value: term.label(lang) for term in PageText} | action_texts(lang)
        assert named - texts.keys() == set(), lang
        assert (
            texts["role_SERVICE_COUNSELLOR"]
            == {"fi": "palveluohjaaja", "en": "service counsellor"}[lang]
        )
