"""The family's summary, the planner page and My work follow the same roles as GraphQL,
on the demo region (who is responsible for whom read from graphsvc/data/demo/*.json)."""

from __future__ import annotations

import pytest

from graphsvc.auth.roles import Role
from graphsvc.database import Database
from graphsvc.demo import load_demo
from tests.api_client import serve_app
from tests.test_auth_roles import PEKKA, SARI, audit_events

pytestmark = pytest.mark.anyio

EETU = "cli-eetu-virtanen"  # Sari Kallio (TE office) has no responsibility in 10-family-...
MY_WORK = (
    'query($p: ID!) { myWork(professional: $p, asOf: "2026-11-22") { clients { client { id } } } }'
)


async def test_a_professional_reads_the_summary_of_their_own_client_only(db: Database) -> None:
    await load_demo(db)
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as api:
        own = await api.http.get(f"/summary/clients/{PEKKA}", params={"as_of": "2026-11-22"})
        other = await api.http.get(f"/summary/clients/{EETU}", params={"as_of": "2026-11-22"})
        family = await api.http.get("/summary/families/fam-virtanen")
    assert own.status_code == 200
    assert "Järvinen" in own.text
    assert other.status_code == 404 and "Virtanen" not in other.text
    assert family.status_code == 404 and "Virtanen" not in family.text
    read = {event["client"] for event in await audit_events(db)}
    assert PEKKA in read and EETU not in read


async def test_a_planner_reads_no_summary(db: Database) -> None:
    await load_demo(db)
    async with serve_app(db, role=Role.PLANNER) as api:
        response = await api.http.get(f"/summary/clients/{PEKKA}")
    assert response.status_code == 404
    assert "Järvinen" not in response.text


async def test_my_work_is_read_by_the_professional_or_an_admin(db: Database) -> None:
    await load_demo(db)
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as api:
        own = await api.data(MY_WORK, p=SARI)
        error = await api.error(MY_WORK, p="pro-jenni-aaltonen")
    assert {c["client"]["id"] for c in own["myWork"]["clients"]} <= {PEKKA, "cli-ville-koskinen"}
    assert error["extensions"]["code"] == "FORBIDDEN"
    async with serve_app(db, role=Role.ADMIN) as api:
        assert (await api.data(MY_WORK, p="pro-jenni-aaltonen"))["myWork"] is not None


async def test_the_planner_page_is_for_planners_and_admins(db: Database) -> None:
    await load_demo(db)
    page = "/planning?region=reg-jarvimaa&as_of=2026-11-22"
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as api:
        refused = await api.http.get(page)
    async with serve_app(db, role=Role.PLANNER) as api:
        shown = await api.http.get(page)
    assert refused.status_code == 403
    assert shown.status_code == 200
