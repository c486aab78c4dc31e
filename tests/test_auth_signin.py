"""The page's sign-in through the real OpenID provider (tests/oidc_provider.mjs): authorization
code with PKCE, state and nonce, over HTTP without a browser (tests/test_auth_browser.py
does it in chromium). The sign-in routes read no client data, so the app runs without its
database here."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, replace

import httpx
import pytest

from graphsvc.api.app import create_app
from graphsvc.auth.oidc import FLOW_COOKIE
from graphsvc.auth.sessions import COOKIE
from graphsvc.auth.tokens import Verifier
from graphsvc.settings import Settings
from tests.oidc import AUDIENCE, Provider, oidc_provider

pytestmark = pytest.mark.anyio

APP = "http://127.0.0.1:8013"
CALLBACK = f"{APP}/auth/callback"
PAGE_CLIENT = {"client_id": "graphsvc-page", "client_secret": "s-page", "redirect_uris": [CALLBACK]}
USERS = {
    "sari": {"roles": ["graphsvc-professional"], "professional": "pro-sari-kallio"},
    "visitor": {"roles": ["guest"]},
}


@pytest.fixture(scope="module")
def idp() -> Iterator[Provider]:
    with oidc_provider(clients=[PAGE_CLIENT], users=USERS) as provider:
        yield provider


@dataclass
class Browser:
    app: httpx.AsyncClient
    provider: httpx.AsyncClient
    verifier: Verifier

    async def to_provider(self) -> tuple[httpx.Response, dict[str, str]]:
        started = await self.app.get("/auth/login")
        assert started.status_code == 303
        url = started.headers["location"]
        return started, dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))

    async def sign_in_at_provider(self, started: httpx.Response, login: str) -> str:
        """The provider's login form, filled in; answers the callback URL it sends back.
        (Without the provider's own session of an earlier sign-in, which would skip the form.)"""
        self.provider.cookies.clear()
        form = await self.provider.get(started.headers["location"], follow_redirects=True)
        action = re.search(r'action="([^"]+)"', form.text)
        assert action is not None, "the provider shows its login page"
        answer = await self.provider.post(
            str(form.url.join(action.group(1))),
            data={"prompt": "login", "login": login, "password": "any"},
        )
        while not answer.headers["location"].startswith(CALLBACK):
            answer = await self.provider.get(str(answer.url.join(answer.headers["location"])))
        location: str = answer.headers["location"]
        return location


@pytest.fixture
async def browser(idp: Provider) -> AsyncIterator[Browser]:
    settings = Settings.from_env()
    auth = replace(
        settings.auth,
        oidc_issuer=idp.issuer,
        oidc_audience=AUDIENCE,
        oidc_client_id=PAGE_CLIENT["client_id"],
        oidc_client_secret=PAGE_CLIENT["client_secret"],
        oidc_scope="openid api",
        oidc_resource=AUDIENCE,
    )
    app = create_app(replace(settings, auth=auth, development=True))
    async with (
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=APP) as to_app,
        httpx.AsyncClient() as to_provider,
    ):
        yield Browser(to_app, to_provider, app.state.verifier)


async def test_the_page_signs_in_with_pkce_and_keeps_the_providers_token(
    browser: Browser,
) -> None:
    started, asked = await browser.to_provider()
    assert asked["response_type"] == "code" and asked["redirect_uri"] == CALLBACK
    assert asked["code_challenge_method"] == "S256"
    assert len(asked["code_challenge"]) == 43, "a base64url SHA-256"
    assert asked["state"] and asked["nonce"] and asked["state"] != asked["nonce"]
    back = await browser.sign_in_at_provider(started, "sari")
    done = await browser.app.get(back.removeprefix(APP))
    assert done.status_code == 200, done.text
    session = done.cookies.get(COOKIE)
    assert session is not None
    token = session.rsplit(".", 2)[0]
    caller = await browser.verifier.caller(token)
    assert (caller.id, caller.role, caller.professional) == (
        "sari",
        "professional",
        "pro-sari-kallio",
    )


async def test_a_callback_of_another_sign_in_or_a_replayed_code_starts_no_session(
    browser: Browser,
) -> None:
    started, _ = await browser.to_provider()
    back = await browser.sign_in_at_provider(started, "sari")
    forged = re.sub(r"state=[^&]+", "state=forged", back)
    refused = await browser.app.get(forged.removeprefix(APP))
    assert refused.status_code == 401 and COOKIE not in refused.cookies
    browser.app.cookies.clear()
    lost = await browser.app.get(back.removeprefix(APP))
    assert lost.status_code == 401 and COOKIE not in lost.cookies, "no flow cookie: refused"

    started, _ = await browser.to_provider()
    flow = browser.app.cookies.get(FLOW_COOKIE)
    back = await browser.sign_in_at_provider(started, "sari")
    first = await browser.app.get(back.removeprefix(APP))
    assert first.status_code == 200
    browser.app.cookies.clear()
    again = await browser.app.get(
        back.removeprefix(APP), headers={"cookie": f"{FLOW_COOKIE}={flow}"}
    )
    assert again.status_code == 401 and COOKIE not in again.cookies, "a code works once"


async def test_an_account_without_a_graphsvc_role_gets_no_session(browser: Browser) -> None:
    started, _ = await browser.to_provider()
    back = await browser.sign_in_at_provider(started, "visitor")
    answer = await browser.app.get(back.removeprefix(APP))
    assert answer.status_code == 401
    assert COOKIE not in answer.cookies
    assert "no graphsvc role" in answer.text
