"""Sign-in on the coordinator page through the OpenID provider, in Debian's chromium.

The suite's provider (``tests/oidc_provider.mjs``, npm oidc-provider) knows a sign-in
client for the page (authorization code with PKCE) and the user ``sari``, whose access
token names her role (professional) and her professional id (Sari Kallio, TE office).
The browser opens the page, follows "Sign in with your organisation's account" to the
provider's own login page, signs in there and comes back to the page: the search finds
her clients only (Pekka Järvinen and Ville Koskinen, from the demo's 40- and 50- files).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from graphsvc.api.app import create_app
from graphsvc.database import Database
from graphsvc.settings import Settings
from tests.conftest import free_port
from tests.live_server import load_fresh_demo, serving
from tests.oidc import AUDIENCE, oidc_provider
from tests.test_browser import browser, wait_for  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

PAGE_CLIENT = {"client_id": "graphsvc-page", "client_secret": "s-page", "ttl": 3600}
"""The page's client at the provider; its access tokens (the session) last an hour."""
USERS = {"sari": {"roles": ["graphsvc-professional"], "professional": "pro-sari-kallio"}}


async def _trail(settings: Settings) -> list[dict[str, Any]]:
    db = Database(settings)
    try:
        rows = await db.read("audit", "trail", client=None, **{"from": None, "to": None})
    finally:
        await db.close()
    return [row["event"] for row in rows]


@pytest.fixture
def page(neo4j_settings: Settings) -> Iterator[str]:
    """The app on 127.0.0.1 serving the demo, its page signing in through the provider."""
    load_fresh_demo(neo4j_settings)
    port = free_port()
    callback = f"http://127.0.0.1:{port}/auth/callback"
    with oidc_provider(clients=[{**PAGE_CLIENT, "redirect_uris": [callback]}], users=USERS) as idp:
        auth = replace(
            neo4j_settings.auth,
            oidc_issuer=idp.issuer,
            oidc_audience=AUDIENCE,
            oidc_client_id=PAGE_CLIENT["client_id"],
            oidc_client_secret=PAGE_CLIENT["client_secret"],
            oidc_scope="openid api",
            oidc_resource=AUDIENCE,
        )
        # development mode only for the cookies: over plain http on 127.0.0.1 the page's
        # cookies cannot be Secure; the session's token is the provider's all the same
        # the first read of a professional plans its queries (the policy's predicates make
        # them long): on a busy machine that can pass the default request timeout
        settings = replace(neo4j_settings, auth=auth, development=True, request_timeout=600.0)
        with serving(create_app(settings), port) as url:
            yield url


def test_a_professional_signs_in_through_the_provider_and_finds_only_own_clients(
    page: str,
    browser: WebDriver,  # noqa: F811
    neo4j_settings: Settings,
) -> None:
    browser.get(f"{page}/?lang=en")
    assert "/auth/sign-in" in browser.current_url, "the page asks to sign in first"
    browser.find_element(By.CSS_SELECTOR, 'a[href="/auth/login"]').click()
    wait_for(browser, "return document.querySelector('input[name=login]') !== null")
    assert not browser.current_url.startswith(page), "the login page is the provider's"
    browser.find_element(By.NAME, "login").send_keys("sari")
    browser.find_element(By.NAME, "password").send_keys("any", Keys.ENTER)
    wait_for(browser, "return document.getElementById('q') !== null")
    assert browser.current_url.startswith(page)
    browser.get(f"{page}/?lang=en")  # signed in: the page itself, in English this time
    wait_for(browser, "return document.getElementById('q') !== null")

    browser.find_element(By.ID, "q").send_keys("Virtanen", Keys.ENTER)
    wait_for(browser, "return !document.getElementById('status').textContent.includes('…')")
    wait_for(browser, "return document.getElementById('status').textContent.length > 0")
    assert browser.find_element(By.ID, "status").text == "No client found. Check the name or id."
    search = browser.find_element(By.ID, "q")
    search.clear()
    search.send_keys("Järvinen", Keys.ENTER)
    wait_for(
        browser,
        "return document.querySelectorAll('#results button').length > 0"
        " || !document.getElementById('status').textContent.includes('…')",
        timeout=120,
    )
    found = browser.find_elements(By.CSS_SELECTOR, "#results button")
    status = browser.find_element(By.ID, "status").text
    assert [b.get_attribute("data-client") for b in found] == ["cli-pekka-jarvinen"], status

    events = asyncio.run(_trail(neo4j_settings))
    assert events, "the searches were audited"
    assert {e["agent"] for e in events} == {"sari"}, "as the provider's subject, not dev:"
    assert {e["role"] for e in events} == {"professional"}
