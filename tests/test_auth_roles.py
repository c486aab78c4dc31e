"""Who sees what: anonymous callers, roles, consent-aware visibility and the audit trail,
on the demo region (expected values read from graphsvc/data/demo/*.json by hand)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graphsvc.auth.roles import Role
from graphsvc.database import Database
from graphsvc.demo import load_demo
from graphsvc.queries import Query
from tests.api_client import Api, serve_app

pytestmark = pytest.mark.anyio

PEKKA = "cli-pekka-jarvinen"
SARI = "pro-sari-kallio"  # TE office (org-tyollisyys, part of org-jarvilinna)
SARI_CLIENTS = {PEKKA, "cli-ville-koskinen"}  # her responsibilities in 40- and 50- files
PEKKA_PLANS = {
    "plan-pekka-tyollistyminen",  # owned by Sari (TE office)
    "plan-pekka-sote",  # Heikki Rantanen, sote-keskus (within org-hva)
    "plan-pekka-kela",  # Kela
    "plan-pekka-tyoterveys",  # occupational health
}
PEKKA_QUERY = """
query($id: ID!) { client(id: $id) { id name
  plans { id goals { id } } episodes { id }
  responsibilities { id } } }
"""


async def pekka(api: Api) -> dict[str, Any] | None:
    client: dict[str, Any] | None = (await api.data(PEKKA_QUERY, id=PEKKA))["client"]
    return client


async def audit_events(db: Database, client: str | None = None) -> list[dict[str, Any]]:
    rows = await db.read("audit", "trail", client=client, **{"from": None, "to": None})
    return [row["event"] for row in rows]


async def test_anonymous_callers_get_401_and_read_nothing(db: Database) -> None:
    await load_demo(db)
    async with serve_app(db, role=None) as api:
        response = await api.http.post("/graphql", json={"query": "{ clients { totalCount } }"})
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert "data" not in response.json()
        assert (await api.http.get(f"/maps/clients/{PEKKA}")).status_code == 401
        page = await api.http.get("/")
        assert page.status_code == 303 and page.headers["location"] == "/auth/sign-in"
    assert await audit_events(db) == []


async def test_a_professional_lists_only_clients_they_are_responsible_for(db: Database) -> None:
    await load_demo(db)
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as api:
        data = await api.data("{ clients(first: 50) { totalCount nodes { id } } }")
    assert data["clients"]["totalCount"] == len(SARI_CLIENTS)
    assert {n["id"] for n in data["clients"]["nodes"]} == SARI_CLIENTS
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as api:
        other = await api.data('{ client(id: "cli-eetu-virtanen") { id name } }')
    assert other["client"] is None


async def test_a_planner_reads_no_client_data(db: Database) -> None:
    await load_demo(db)
    async with serve_app(db, role=Role.PLANNER) as api:
        data = await api.data("{ clients { totalCount nodes { name birthDate } } }")
        one = await api.data(PEKKA_QUERY, id=PEKKA)
        orgs = await api.data("{ organisations { totalCount } }")
    assert data["clients"] == {"totalCount": 0, "nodes": []}
    assert one["client"] is None
    assert orgs["organisations"]["totalCount"] > 0, "reference data stays readable"


async def test_consent_from_another_organisation_shows_its_plan_until_withdrawn(
    db: Database,
) -> None:
    """Pekka's four plans: Sari (TE office) sees the TE plan only; the sote plan appears
    while Pekka's consent from the sote service area to Järvilinna is active."""
    await load_demo(db)
    today = dt.date.today()
    async with serve_app(db) as admin:
        assert {p["id"] for p in (await pekka(admin) or {})["plans"]} == PEKKA_PLANS
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        seen = await pekka(sari)
        assert seen is not None and seen["name"] == "Pekka Järvinen"
        assert {p["id"] for p in seen["plans"]} == {"plan-pekka-tyollistyminen"}
        assert {e["id"] for e in seen["episodes"]} == {"ep-pekka-tyollisyys"}
        assert {r["id"] for r in seen["responsibilities"]} == {
            "res-pekka-vastuu-te",
            "res-pekka-yhteyshenkilo",
        }

    grant = """mutation($input: ConsentInput!) { recordConsent(id: "con-pekka-te", input: $input)
      { node { id } } }"""
    async with serve_app(db) as admin:
        await admin.data(
            grant,
            input={
                "client": PEKKA,
                "fromOrg": "org-hva",
                "toOrg": "org-jarvilinna",
                "purpose": "INFORMATION_SHARING",
                "validFrom": str(today - dt.timedelta(days=1)),
            },
        )
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        seen = await pekka(sari)
        assert seen is not None
        assert {p["id"] for p in seen["plans"]} == {"plan-pekka-tyollistyminen", "plan-pekka-sote"}
        sote = next(p for p in seen["plans"] if p["id"] == "plan-pekka-sote")
        assert {g["id"] for g in sote["goals"]} == {"goal-pekka-masennus", "goal-pekka-elake"}

    async with serve_app(db) as admin:
        await admin.data(
            'mutation($on: Date!) { withdrawConsent(id: "con-pekka-te", on: $on) { node { id } } }',
            on=str(today),
        )
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        seen = await pekka(sari)
        assert seen is not None
        assert {p["id"] for p in seen["plans"]} == {"plan-pekka-tyollistyminen"}


async def test_an_expired_consent_shows_nothing_more(db: Database) -> None:
    await load_demo(db)
    today = dt.date.today()
    async with serve_app(db) as admin:
        await admin.data(
            """mutation($input: ConsentInput!) { recordConsent(id: "con-old", input: $input)
              { node { id } } }""",
            input={
                "client": PEKKA,
                "fromOrg": "org-hva",
                "toOrg": "org-jarvilinna",
                "purpose": "INFORMATION_SHARING",
                "validFrom": str(today - dt.timedelta(days=30)),
                "validTo": str(today - dt.timedelta(days=1)),
            },
        )
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        seen = await pekka(sari)
    assert seen is not None
    assert {p["id"] for p in seen["plans"]} == {"plan-pekka-tyollistyminen"}


CONSENT = """mutation($input: ConsentInput!, $id: ID!) { recordConsent(id: $id, input: $input)
  { node { id } } }"""


def consent_input(client: str) -> dict[str, Any]:
    return {
        "client": client,
        "fromOrg": "org-hva",
        "toOrg": "org-jarvilinna",
        "purpose": "INFORMATION_SHARING",
        "validFrom": str(dt.date.today()),
    }


async def test_only_a_coordinator_of_the_client_records_consent(db: Database) -> None:
    await load_demo(db)
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        refused = await sari.error(CONSENT, id="con-a", input=consent_input(PEKKA))
    assert refused["extensions"]["code"] == "FORBIDDEN"
    async with serve_app(db, role=Role.COORDINATOR, professional=SARI) as sari:
        other = await sari.error(CONSENT, id="con-b", input=consent_input("cli-eetu-virtanen"))
        done = await sari.data(CONSENT, id="con-c", input=consent_input(PEKKA))
    assert other["extensions"]["code"] == "FORBIDDEN"
    assert done["recordConsent"]["node"]["id"] == "con-c"
    async with serve_app(db, role=Role.PLANNER) as planner:
        planned = await planner.error(CONSENT, id="con-d", input=consent_input(PEKKA))
    assert planned["extensions"]["code"] == "FORBIDDEN"
    async with serve_app(db) as admin:
        stored = await admin.data(
            '{ a: consent(id: "con-a") { id } b: consent(id: "con-b") '
            '{ id } c: consent(id: "con-c") { id } d: consent(id: "con-d") '
            "{ id } }"
        )
    assert stored == {"a": None, "b": None, "c": {"id": "con-c"}, "d": None}


async def test_every_read_is_in_the_audit_trail_with_its_client(db: Database) -> None:
    await load_demo(db)
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        await sari.data("{ clients(first: 50) { nodes { id } } }")
        await pekka(sari)
    events = await audit_events(db)
    assert {e["client"] for e in events} == SARI_CLIENTS
    assert {e["agent"] for e in events} == {f"dev:{SARI}"}
    assert {e["role"] for e in events} == {"professional"}
    assert {tuple(e["organisations"]) for e in events} == {("org-tyollisyys",)}
    about_pekka = await audit_events(db, PEKKA)
    assert len(about_pekka) == 2, "one event per request that read Pekka's data"
    assert set(about_pekka[1]["kinds"]) == {"Client", "Plan", "Goal", "Episode", "Responsibility"}
    assert len({e["request_id"] for e in about_pekka}) == 2


async def test_an_audit_write_failure_refuses_the_read(db: Database) -> None:
    """A uniqueness constraint on the request id makes the second event of a request fail:
    the answer must then carry no data at all."""
    await load_demo(db)
    await db.run_auto_commit("testing", "audit-unique-request")
    try:
        async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
            body = await sari.gql("{ clients(first: 50) { nodes { id name } } }")
    finally:
        await db.run_auto_commit("testing", "audit-drop-unique-request")
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
    assert "Pekka" not in str(body)


async def test_admins_read_a_clients_access_log_and_nobody_else_does(db: Database) -> None:
    await load_demo(db)
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        await pekka(sari)
        refused = await sari.error(f'{{ auditTrail(client: "{PEKKA}") {{ id }} }}')
    assert refused["extensions"]["code"] == "FORBIDDEN"
    today = dt.date.today()
    async with serve_app(db) as admin:
        log = await admin.data(
            "query($c: ID!, $from: Date!, $to: Date!) { auditTrail(client: $c, from: $from, "
            "to: $to) { action agent role organisations client kinds requestId } }",
            c=PEKKA,
            **{"from": str(today), "to": str(today)},
        )
        before = await admin.data(
            f'{{ auditTrail(client: "{PEKKA}", to: "{today - dt.timedelta(days=1)}") {{ id }} }}'
        )
    (event,) = log["auditTrail"]
    assert event["action"] == "R"
    assert event["agent"] == f"dev:{SARI}" and event["role"] == "professional"
    assert event["organisations"] == ["org-tyollisyys"]
    assert event["client"] == PEKKA and "Plan" in event["kinds"]
    assert before["auditTrail"] == []


async def test_the_answer_says_how_much_of_pekka_was_withheld(db: Database) -> None:
    """Sari sees 1 of Pekka's 7 episodes, 1 of 4 plans, and of the 10 responsibilities for
    him or his episodes the 3 held at the TE office: 6, 3 and 7 withheld."""
    await load_demo(db)
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        body = await sari.gql(PEKKA_QUERY, id=PEKKA)
    assert body["extensions"]["withheld"] == {
        PEKKA: {"episodes": 6, "plans": 3, "responsibilities": 7}
    }
    async with serve_app(db) as admin:
        whole = await admin.gql(PEKKA_QUERY, id=PEKKA)
    assert "withheld" not in whole.get("extensions", {})


async def test_the_withheld_counts_come_with_the_read_itself(db: Database) -> None:
    """Pekka's withheld parts, asked for in a page of Sari's clients, are counted by the
    query that reads the page: its only other query is the audit record. Of Ville (her
    other client, 50-well-coordinated.json, no consent) she does not see the adult social
    work episode of the sote centre, nor Heikki Rantanen's two responsibilities there (for
    Ville and for that episode); his plan is hers: 1, 0 and 2 withheld."""
    await load_demo(db)
    seen: list[str] = []

    def note(query: Query, seconds: float) -> None:
        seen.append(query.area)

    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        db.observers.append(note)
        try:
            body = await sari.gql("{ clients(first: 50) { nodes { id episodes { id } } } }")
        finally:
            db.observers.remove(note)
    assert {n["id"] for n in body["data"]["clients"]["nodes"]} == SARI_CLIENTS
    withheld = body["extensions"]["withheld"]
    assert withheld == {
        PEKKA: {"episodes": 6, "plans": 3, "responsibilities": 7},
        "cli-ville-koskinen": {"episodes": 1, "plans": 0, "responsibilities": 2},
    }
    assert seen.count("compiled") == 1
    assert "api" not in seen  # no separate count of what was withheld


async def test_an_answer_that_asks_for_none_of_pekkas_parts_withholds_nothing(
    db: Database,
) -> None:
    """Sari asks only for Pekka's name: nothing of what she asked for was left out."""
    await load_demo(db)
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        body = await sari.gql("query($id: ID!) { client(id: $id) { id name } }", id=PEKKA)
    assert body["data"]["client"]["name"] == "Pekka Järvinen"
    assert "withheld" not in body.get("extensions", {})


async def test_a_refused_change_does_not_tell_whether_the_record_exists(db: Database) -> None:
    """Hanna coordinates Eetu. Ending Pekka's responsibility (not hers to see) and ending
    one that does not exist are refused alike; only an admin learns that the second is
    not there."""
    await load_demo(db)
    end = 'mutation { endResponsibility(id: "ID", on: "2026-12-01") { node { id } } }'
    async with serve_app(db, role=Role.COORDINATOR, professional="pro-hanna-salo") as hanna:
        not_hers = await hanna.error(end.replace("ID", "res-pekka-vastuu-sote"))
        missing = await hanna.error(end.replace("ID", "res-no-such-responsibility"))
    async with serve_app(db) as admin:
        told = await admin.error(end.replace("ID", "res-no-such-responsibility"))
    assert not_hers["extensions"]["code"] == missing["extensions"]["code"] == "FORBIDDEN"
    assert not_hers["message"] == missing["message"]
    assert told["extensions"]["code"] == "NOT_FOUND"
