"""Consent-aware visibility on the maps, the family summary and My work: what organisation A
recorded about Pekka is absent for Sari (TE office, within Järvilinna) until Pekka's consent
from the wellbeing county (which the sote-keskus is within) to Järvilinna is active.

Expected values worked out by hand from graphsvc/data/demo/40-working-age.json and
00-region.json: of Pekka's 7 episodes only ``ep-pekka-tyollisyys`` is provided by the TE
office; the sote-keskus (org-sote-keskus, within org-hva) provides the doctor's, the mental
health nurse's and the adult social work episodes, and its Heikki Rantanen owns
``plan-pekka-sote``; occupational health (Anneli Rautio, Noora Kangas) and Kela (Marjut
Vainio) stay hidden either way.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graphsvc.auth.policy import RolePolicy
from graphsvc.auth.roles import Role
from graphsvc.database import Database
from graphsvc.demo import load_demo
from graphsvc.maps import MapKind, map_graph
from graphsvc.store import Caller
from tests.api_client import serve_app

pytestmark = pytest.mark.anyio

PEKKA = "cli-pekka-jarvinen"
SARI = "pro-sari-kallio"
SARI_AS = Caller(id=f"dev:{SARI}", role="professional", professional=SARI)

TE_EPISODES = {"ep-pekka-tyollisyys"}
SOTE_EPISODES = {"ep-pekka-laakari", "ep-pekka-mielenterveys", "ep-pekka-aikuissosiaalityo"}
ALL_EPISODES = (
    TE_EPISODES
    | SOTE_EPISODES
    | {
        "ep-pekka-tyoterveys",
        "ep-pekka-tyoterveyspsykologi",
        "ep-pekka-kela",
    }
)
SOTE_PEOPLE = {"Heikki Rantanen", "Tuomas Aalto", "Katja Huttunen"}
NEVER = {"Anneli Rautio", "Noora Kangas", "Marjut Vainio"}
SOTE_SERVICES = {"Lääkärin vastaanotto", "Mielenterveyshoitajan vastaanotto", "Aikuissosiaalityö"}
NEVER_SERVICES = {
    "Työterveyshuollon sairaanhoito",
    "Työterveyspsykologin vastaanotto",
    "Kelan ammatillinen kuntoutus",
}


def keys(graph: object, label: str) -> set[str]:
    nodes = graph.nodes  # type: ignore[attr-defined]
    return {key.partition(":")[2] for key in nodes if key.startswith(f"{label}:")}


async def grant(db: Database) -> None:
    async with serve_app(db) as admin:
        await admin.data(
            """mutation($input: ConsentInput!) { recordConsent(id: "con-pekka-te", input: $input)
              { node { id } } }""",
            input={
                "client": PEKKA,
                "fromOrg": "org-hva",
                "toOrg": "org-jarvilinna",
                "purpose": "INFORMATION_SHARING",
                "validFrom": str(dt.date.today() - dt.timedelta(days=1)),
            },
        )


async def test_sari_sees_on_pekkas_map_and_summary_only_what_consent_allows(
    db: Database,
) -> None:
    await load_demo(db)
    everything = await map_graph(db, MapKind.CLIENT, PEKKA, lang="en")
    assert keys(everything, "Episode") == ALL_EPISODES, "an admin's map (no policy) has all"

    mine = await map_graph(db, MapKind.CLIENT, PEKKA, lang="en", policy=RolePolicy(SARI_AS))
    assert keys(mine, "Episode") == TE_EPISODES
    assert keys(mine, "Plan") == {"plan-pekka-tyollistyminen"}
    assert keys(mine, "Professional") == {SARI}
    assert keys(mine, "Organisation") == {"org-tyollisyys"}

    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        page = (await sari.http.get(f"/maps/clients/{PEKKA}?lang=en")).text
        summary = (await sari.http.get(f"/summary/clients/{PEKKA}?lang=en")).text
    assert "Pekka Järvinen" in page and "Sari Kallio" in page
    for hidden in SOTE_PEOPLE | NEVER | SOTE_SERVICES | NEVER_SERVICES:
        assert hidden not in page, hidden
        assert hidden not in summary, hidden
    assert "Sari Kallio" in summary and "Työnhakijan palvelut" in summary

    await grant(db)
    shared = await map_graph(db, MapKind.CLIENT, PEKKA, lang="en", policy=RolePolicy(SARI_AS))
    assert keys(shared, "Episode") == TE_EPISODES | SOTE_EPISODES
    assert keys(shared, "Plan") == {"plan-pekka-tyollistyminen", "plan-pekka-sote"}
    assert keys(shared, "Professional") == {
        SARI,
        "pro-heikki-rantanen",
        "pro-tuomas-aalto",
        "pro-katja-huttunen",
    }
    async with serve_app(db, role=Role.PROFESSIONAL, professional=SARI) as sari:
        page = (await sari.http.get(f"/maps/clients/{PEKKA}?lang=en")).text
        summary = (await sari.http.get(f"/summary/clients/{PEKKA}?lang=en")).text
    for shown in SOTE_PEOPLE | SOTE_SERVICES:
        assert shown in page, shown
        assert shown in summary, shown
    for hidden in NEVER | NEVER_SERVICES:
        assert hidden not in page, hidden
        assert hidden not in summary, hidden


KARI = "pro-kari-lehto"
KARI_AS = Caller(id=f"dev:{KARI}", role="professional", professional=KARI)
KARI_PLANS = {"plan-gap-nuori-huhtikuu-hoito", "plan-gap-nuori-syyskuu-hoito"}
"""Kari Lehto owns these two plans (review 2027-05-03, 90-gap-cases.json) but holds no
responsibility for their clients: by the policy those clients are not his to see."""
WORK = """query($p: ID!) { myWork(professional: $p, reviewWithinDays: 3650)
  { clients { client { id } } plansDueForReview { id } } }"""


async def test_my_work_and_the_caseload_map_leave_out_clients_without_a_responsibility(
    db: Database,
) -> None:
    await load_demo(db)
    whole = await map_graph(db, MapKind.PROFESSIONAL, KARI)
    assert keys(whole, "Plan") >= KARI_PLANS
    own = await map_graph(db, MapKind.PROFESSIONAL, KARI, policy=RolePolicy(KARI_AS))
    assert not KARI_PLANS & keys(own, "Plan")
    assert not {"cli-gap-nuori-huhtikuu", "cli-gap-nuori-syyskuu"} & keys(own, "Client")

    async with serve_app(db) as admin:
        seen_by_admin = (await admin.data(WORK, p=KARI))["myWork"]
    async with serve_app(db, role=Role.PROFESSIONAL, professional=KARI) as kari:
        seen_by_kari = (await kari.data(WORK, p=KARI))["myWork"]
    assert {p["id"] for p in seen_by_admin["plansDueForReview"]} >= KARI_PLANS
    assert not KARI_PLANS & {p["id"] for p in seen_by_kari["plansDueForReview"]}
    clients = {c["client"]["id"] for c in seen_by_kari["clients"]}
    assert not {"cli-gap-nuori-huhtikuu", "cli-gap-nuori-syyskuu"} & clients
