"""The family's summary on the demo region: whom to call, who does what, goals, next review.

Expected values are read by hand from ``graphsvc/data/demo/`` (10 for the
Virtanen family, 50 for Aino Nieminen) on the demo's date 2026-11-22.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator

import pytest

from graphsvc.api.summary import render
from graphsvc.database import Database
from graphsvc.demo import load_demo
from graphsvc.errors import NotFound
from graphsvc.importing import load_records
from graphsvc.settings import Settings
from graphsvc.store import Store
from graphsvc.vocab import Role
from tests.api_client import serve_app
from tests.live_server import load_fresh_demo

pytestmark = pytest.mark.anyio

AS_OF = dt.date(2026, 11, 22)

VIRTANEN_SERVICES = {
    # service: (provider, the own worker named for it or None)
    "Varhaiskasvatus, päiväkoti Satakieli": ("Järvilinnan varhaiskasvatus", "Kaisa Lindholm"),
    "Lastenneurologian tutkimus ja hoito": ("Lastenneurologian poliklinikka", "Outi Rinne"),
    "Lasten fysioterapia": ("Järvilinnan perhekeskus", "Jukka Peltola"),
    "Puheterapia": ("Järvilinnan perhekeskus", "Hanna Salo"),
    "Perhesosiaalityö": ("Lapsiperheiden sosiaalityö", "Jenni Aaltonen"),
    "Lapsiperheiden kotipalvelu (palveluseteli)": ("Kotiapu Pihlaja Oy", None),
    "Erityislasten vanhempien vertaistukiryhmä": (
        "Järvimaan Erityislasten Omaiset ry",
        "Tarja Hirvonen",
    ),
}
VIRTANEN_OPEN_GOALS = {
    "Eetu ilmaisee tarpeitaan puheella ja tukiviittomilla päiväkodin arjessa",
    "Eetu kävelee itsenäisesti päiväkodin pihalla",
    "Kahden sanan lauseet arjen tilanteissa",
    "Vanhempien jaksaminen: kotipalvelu kahtena iltapäivänä viikossa",
}
ENDED_PLAN_GOAL = "Eetu osallistuu ryhmän leikkeihin kuvien ja tukiviittomien avulla"


@pytest.fixture(scope="module")
def demo_loaded(neo4j_settings: Settings) -> Settings:
    """The demo region, loaded once for the read-only tests of this module."""
    load_fresh_demo(neo4j_settings)
    return neo4j_settings


@pytest.fixture
async def demo(demo_loaded: Settings) -> AsyncIterator[Database]:
    db = Database(demo_loaded)
    try:
        yield db
    finally:
        await db.close()


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


async def test_virtanen_family_has_no_contact_person_and_the_page_says_whom_to_ask(
    demo: Database,
) -> None:
    summary = await Store(demo).summary("family", "fam-virtanen", AS_OF)
    assert summary.name == "Virtasen perhe"
    assert set(summary.members) == {
        "Sanna Virtanen",
        "Mikko Virtanen",
        "Aada Virtanen",
        "Eetu Virtanen",
    }
    # nobody in the family has a contact person nor a coordinator (the designed gaps)
    assert summary.contacts == ()
    assert summary.coordinators == ()
    assert {
        line.service: (line.provider, line.workers[0].person.name if line.workers else None)
        for line in summary.services
    } == VIRTANEN_SERVICES
    assert {line.client for line in summary.services} == {"Eetu Virtanen"}
    # Outi Rinne is Eetu's treating physician besides his own worker in child neurology
    assert [(d.person.name, d.role) for d in summary.client_duties] == [
        ("Outi Rinne", Role.TREATING_PHYSICIAN)
    ]
    # the 2025 ECE plan ended on 2026-08-16; three plans are in force
    assert {(p.kind, p.review_date, p.owner.name if p.owner else None) for p in summary.plans} == {
        ("ece_plan", dt.date(2027, 5, 31), "Kaisa Lindholm"),
        ("rehabilitation_plan", dt.date(2027, 2, 15), None),
        ("client_plan", dt.date(2027, 1, 29), "Jenni Aaltonen"),
    }
    assert {g.text for p in summary.plans for g in p.goals} == VIRTANEN_OPEN_GOALS
    nxt = summary.next_review
    assert nxt is not None
    assert (nxt.kind, nxt.review_date) == ("client_plan", dt.date(2027, 1, 29))

    english = words(render(summary, "en"))
    assert "Family summary: Virtasen perhe" in english
    assert "No contact person has been named for you yet." in english
    assert "Ask any of the workers below to name one for you." in english
    assert (
        "The next review is on 29 January 2027: Client plan (Eetu Virtanen), Jenni Aaltonen."
    ) in english
    for goal in VIRTANEN_OPEN_GOALS:
        assert goal in english
    assert ENDED_PLAN_GOAL not in english
    assert "Lapsiperheiden kotipalvelu (palveluseteli)" in english
    assert "no worker named" in english
    assert (
        "Outi Rinne, lastenneurologi (Lastenneurologian poliklinikka): treating physician"
    ) in english

    finnish = words(render(summary, "fi"))
    assert "Perheen yhteenveto: Virtasen perhe" in finnish
    assert "Teille ei ole vielä nimetty yhteyshenkilöä." in finnish
    assert (
        "Seuraava arviointi on 29.1.2027: Asiakassuunnitelma (Eetu Virtanen), Jenni Aaltonen."
    ) in finnish
    assert "Kahden sanan lauseet arjen tilanteissa (avoin)" in finnish
    assert "Vastuuhenkilö: ei nimetty" in finnish


async def test_aino_knows_her_contact_person_and_where_to_reach_her(demo: Database) -> None:
    summary = await Store(demo).summary("client", "cli-aino-nieminen", AS_OF)
    assert [(d.person.name, d.person.organisations) for d in summary.contacts] == [
        ("Veera Saarinen", ("Järvilinnan perusopetus",))
    ]
    # day care ended on 2026-08-07; school support runs since 2026-08-12
    assert [line.service for line in summary.services] == ["Erityinen tuki perusopetuksessa"]
    english = words(render(summary, "en"))
    assert "Your contact person: Veera Saarinen, erityisopettaja." in english
    assert "You can reach them through their workplace: Järvilinnan perusopetus." in english
    assert "Lukemisen perustaidot pienryhmässä (open)" in english
    assert (
        "The next review is on 28 May 2027: Individual education plan (HOJKS), Veera Saarinen."
    ) in english
    finnish = words(render(summary, "fi"))
    assert "Yhteyshenkilönne: Veera Saarinen, erityisopettaja." in finnish
    assert "Tavoitatte hänet työpaikan kautta: Järvilinnan perusopetus." in finnish


async def test_unknown_client_or_family_is_not_found(demo: Database) -> None:
    with pytest.raises(NotFound):
        await Store(demo).summary("client", "cli-nobody", AS_OF)
    with pytest.raises(NotFound):
        await Store(demo).summary("family", "fam-nobody", AS_OF)


async def test_summary_routes_answer_the_page_or_a_clear_error(demo: Database) -> None:
    async with serve_app(demo) as api:
        page = await api.http.get(
            "/summary/families/fam-virtanen", params={"lang": "en", "as_of": "2026-11-22"}
        )
        assert page.status_code == 200
        assert "Family summary: Virtasen perhe" in page.text
        assert "script-src" not in page.headers["content-security-policy"]
        missing = await api.http.get("/summary/families/fam-nobody")
        assert missing.status_code == 404
        assert "there is no family fam-nobody" in missing.text
        wrong = await api.http.get("/summary/clients/cli-eetu-virtanen", params={"lang": "sv"})
        assert wrong.status_code == 400
        assert "expected fi or en" in wrong.text


async def test_a_child_is_covered_by_a_parents_contact_person(db: Database) -> None:
    """A family member's contact person covers a child (docs/model.md), not an adult."""
    await load_demo(db)
    await load_records(
        db,
        [
            {
                "type": "responsibility",
                "id": "res-test-sanna-yhteyshenkilo",
                "professional": "pro-jenni-aaltonen",
                "role": "contact_person",
                "valid_from": "2026-11-01",
                "client": "cli-sanna-virtanen",
            }
        ],
        source="test",
    )
    eetu = await Store(db).summary("client", "cli-eetu-virtanen", AS_OF)
    assert [d.person.name for d in eetu.contacts] == ["Jenni Aaltonen"]
    mikko = await Store(db).summary("client", "cli-mikko-virtanen", AS_OF)
    assert mikko.contacts == ()
    before = await Store(db).summary("client", "cli-eetu-virtanen", dt.date(2026, 10, 31))
    assert before.contacts == ()
