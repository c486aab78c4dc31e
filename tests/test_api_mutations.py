from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from graphsvc.database import Database
from graphsvc.importing import load_records
from tests.api_client import Api, serve_app
from tests.model_records import world

pytestmark = pytest.mark.anyio

CHANGED = "node { id } gapsOpened { rule clientId title(lang: EN) } gapsClosed { rule }"


@pytest.fixture
async def api(db: Database) -> AsyncIterator[Api]:
    await load_records(db, world(), source="model world")
    async with serve_app(db) as api:
        yield api


async def graph_size(db: Database) -> tuple[int, int]:
    row = (await db.read("admin", "count-graph"))[0]
    return row["nodes"], row["relationships"]


async def test_a_new_client_is_created_and_can_be_read_back(api: Api) -> None:
    data = await api.data(
        """mutation { createClient(id: "c-new", input: {name: "Aino Uusi", birthDate: "2015-03-01",
            region: "r-south", family: "f-1", familyRole: CHILD})
            { node { id name familyRole } } }"""
    )
    assert data["createClient"]["node"] == {
        "id": "c-new",
        "name": "Aino Uusi",
        "familyRole": "CHILD",
    }
    read = await api.data('{ family(id: "f-1") { members { client { id } } } }')
    assert {"client": {"id": "c-new"}} in read["family"]["members"]


async def test_a_created_record_without_an_id_gets_one(api: Api) -> None:
    data = await api.data('mutation { createRegion(input: {name: "Itä"}) { node { id name } } }')
    node = data["createRegion"]["node"]
    assert node["id"].startswith("region-")
    assert (await api.data(f'{{ region(id: "{node["id"]}") {{ name }} }}'))["region"] == {
        "name": "Itä"
    }


@pytest.mark.parametrize(
    ("mutation", "code", "field"),
    [
        (
            'createClient(id: "c-matias", input: {name: "X", birthDate: "2000-01-01", region: '
            '"r-south"})',
            "CONFLICT",
            "id",
        ),
        (
            'createClient(id: "c-x", input: {name: "X", birthDate: "2000-01-01"})',
            "BAD_INPUT",
            "region",
        ),
        (
            'createClient(id: "c-x", input: {name: "X", birthDate: "2000-01-01", region: '
            '"r-nowhere"})',
            "BAD_INPUT",
            "region",
        ),
        (
            'createClient(id: "c-x", input: {name: "X", birthDate: "2000-01-01", region: '
            '"r-south", '
            'family: "f-1"})',
            "BAD_INPUT",
            "familyRole",
        ),
        ('updateClient(id: "c-nobody", input: {name: "X"})', "NOT_FOUND", "id"),
        ('updateEpisode(id: "e-rehab", input: {end: "2020-01-01"})', "BAD_INPUT", "end"),
        (
            'assignResponsibility(input: {professional: "p-anna", role: OWN_WORKER, client: '
            '"c-matias", '
            'episode: "e-rehab", validFrom: "2024-01-01"})',
            "BAD_INPUT",
            "scope",
        ),
        ('updateOrganisation(id: "o-county", input: {partOf: "o-sote"})', "BAD_INPUT", "partOf"),
        ('withdrawConsent(id: "cs-nobody", on: "2024-01-01")', "NOT_FOUND", "id"),
        ('acceptHandoff(id: "h-1", on: "2024-01-01")', "CONFLICT", "status"),
        ('rejectHandoff(id: "h-1", on: "2024-01-01")', "CONFLICT", "status"),
        ('endEpisode(id: "e-physio", on: "2024-01-01")', "CONFLICT", "status"),
    ],
    ids=[
        "creating a client whose id is taken",
        "a client without a region",
        "a client in a region that does not exist",
        "a family without the client's role in it",
        "updating a client that does not exist",
        "an episode ending before it started",
        "a responsibility with two scopes",
        "an organisation made part of its own unit",
        "withdrawing a consent that does not exist",
        "accepting a completed handoff",
        "rejecting a completed handoff",
        "ending an episode that has ended",
    ],
)
async def test_a_refused_mutation_names_the_field_and_writes_nothing(
    api: Api, mutation: str, code: str, field: str | None
) -> None:
    before = await graph_size(api.db)
    snapshot = await api.data(
        '{ client(id: "c-matias") { name } organisation(id: "o-county") { parent { id } } }'
    )
    error = await api.error(f"mutation {{ {mutation} {{ node {{ id }} }} }}")
    assert error["extensions"]["code"] == code
    assert error["extensions"].get("field") == field
    assert error["message"]
    assert await graph_size(api.db) == before
    assert (
        await api.data(
            '{ client(id: "c-matias") { name } organisation(id: "o-county") { parent { id } } }'
        )
        == snapshot
    )


async def test_an_update_changes_only_the_given_fields_and_null_removes_one(api: Api) -> None:
    await api.data(
        'mutation { updateClient(id: "c-matias", input: {municipality: null}) { node { id } } }'
    )
    data = await api.data(
        'mutation { updateClient(id: "c-matias", input: {name: "Matias V."}) '
        "{ node { name municipality birthDate region { id } family { id } } } }"
    )
    assert data["updateClient"]["node"] == {
        "name": "Matias V.",
        "municipality": None,
        "birthDate": "2001-05-14",
        "region": {"id": "r-south"},
        "family": {"id": "f-1"},
    }


async def test_assigning_a_treating_physician_closes_that_gap_and_ending_it_reopens_it(
    api: Api,
) -> None:
    gaps = await api.data('{ client(id: "c-matias") { gaps { rule } } }')
    assert {"rule": "no-treating-physician"} in gaps["client"]["gaps"]

    assigned = await api.data(
        f"""mutation {{ assignResponsibility(id: "rs-doc", input: {{professional: "p-anna",
            role: TREATING_PHYSICIAN, client: "c-matias", validFrom: "2024-01-01"}})
            {{ {CHANGED} }} }}"""
    )
    result = assigned["assignResponsibility"]
    assert result["node"] == {"id": "rs-doc"}
    assert {"rule": "no-treating-physician"} in result["gapsClosed"]
    assert all(g["rule"] != "no-treating-physician" for g in result["gapsOpened"])

    ended = await api.data(
        f'mutation {{ endResponsibility(id: "rs-doc", on: "2024-02-01") {{ {CHANGED} }} }}'
    )
    reopened = [
        g for g in ended["endResponsibility"]["gapsOpened"] if g["rule"] == "no-treating-physician"
    ]
    assert reopened and reopened[0]["clientId"] == "c-matias"
    assert reopened[0]["title"]
    read = await api.data('{ responsibility(id: "rs-doc") { validTo professional { id } } }')
    assert read["responsibility"] == {"validTo": "2024-02-01", "professional": {"id": "p-anna"}}


async def test_a_consent_is_recorded_and_withdrawn_once(api: Api) -> None:
    recorded = await api.data(
        """mutation { recordConsent(id: "cs-2", input: {client: "c-liisa", fromOrg: "o-sote",
            toOrg: "o-kela", purpose: INFORMATION_SHARING, validFrom: "2024-01-01"})
            { node { id withdrawn } } }"""
    )
    assert recorded["recordConsent"]["node"] == {"id": "cs-2", "withdrawn": None}
    withdrawn = await api.data(
        'mutation { withdrawConsent(id: "cs-2", on: "2024-03-01") { node { withdrawn } } }'
    )
    assert withdrawn["withdrawConsent"]["node"] == {"withdrawn": "2024-03-01"}
    again = await api.error(
        'mutation { withdrawConsent(id: "cs-2", on: "2024-04-01") { node { id } } }'
    )
    assert again["extensions"] == {"code": "CONFLICT", "field": "withdrawn"}
    assert "2024-03-01" in again["message"]


async def test_an_episode_starts_active_and_ends(api: Api) -> None:
    started = await api.data(
        """mutation { startEpisode(id: "e-new", input: {client: "c-liisa", service: "s-physio",
            start: "2024-01-01"}) { node { status start client { id } service { id } } } }"""
    )
    assert started["startEpisode"]["node"] == {
        "status": "ACTIVE",
        "start": "2024-01-01",
        "client": {"id": "c-liisa"},
        "service": {"id": "s-physio"},
    }
    ended = await api.data(
        'mutation { endEpisode(id: "e-new", on: "2024-05-31") { node { status end } } }'
    )
    assert ended["endEpisode"]["node"] == {"status": "ENDED", "end": "2024-05-31"}


async def test_a_handoff_is_requested_accepted_and_completed_in_that_order(api: Api) -> None:
    requested = await api.data(
        """mutation { requestHandoff(id: "h-2", input: {client: "c-matias", fromOrg: "o-kela",
            toOrg: "o-sote", fromProfessional: "p-ben", toProfessional: "p-anna",
            requested: "2024-01-10", consent: "cs-1"}) { node { status requested } } }"""
    )
    assert requested["requestHandoff"]["node"] == {"status": "REQUESTED", "requested": "2024-01-10"}
    early = await api.error(
        'mutation { completeHandoff(id: "h-2", on: "2024-01-20") { node { id } } }'
    )
    assert early["extensions"] == {"code": "CONFLICT", "field": "status"}
    before_request = await api.error(
        'mutation { acceptHandoff(id: "h-2", on: "2024-01-01") { node { id } } }'
    )
    assert before_request["extensions"]["code"] == "BAD_INPUT"
    accepted = await api.data(
        'mutation { acceptHandoff(id: "h-2", on: "2024-01-15") { node { status decided } } }'
    )
    assert accepted["acceptHandoff"]["node"] == {"status": "ACCEPTED", "decided": "2024-01-15"}
    done = await api.data(
        'mutation { completeHandoff(id: "h-2", on: "2024-02-01") { node { status completed } } }'
    )
    assert done["completeHandoff"]["node"] == {"status": "COMPLETED", "completed": "2024-02-01"}


async def test_a_handoff_can_be_rejected_while_requested(api: Api) -> None:
    await api.data(
        """mutation { requestHandoff(id: "h-3", input: {client: "c-matias", fromOrg: "o-kela",
            toOrg: "o-sote", requested: "2024-01-10"}) { node { id } } }"""
    )
    rejected = await api.data(
        'mutation { rejectHandoff(id: "h-3", on: "2024-01-12") { node { status decided } } }'
    )
    assert rejected["rejectHandoff"]["node"] == {"status": "REJECTED", "decided": "2024-01-12"}


@pytest.mark.parametrize(
    ("mutation", "query", "expected"),
    [
        (
            'updateRegion(id: "r-north", input: {name: "Pohjoinen"})',
            '{ region(id: "r-north") { name } }',
            {"region": {"name": "Pohjoinen"}},
        ),
        (
            'createOrganisation(id: "o-ngo", input: {name: "Yhdistys", kind: NGO, region: '
            '"r-south", partOf: null})',
            '{ organisation(id: "o-ngo") { kind region { id } } }',
            {"organisation": {"kind": "NGO", "region": {"id": "r-south"}}},
        ),
        (
            'createFamily(id: "f-2", input: {name: "Korhonen"})',
            '{ family(id: "f-2") { name } }',
            {"family": {"name": "Korhonen"}},
        ),
        (
            'createProfessional(id: "p-new", input: {name: "Cilla", profession: "psykologi", '
            'organisation: "o-sote"})',
            '{ professional(id: "p-new") { employments { organisation { id } } } }',
            {"professional": {"employments": [{"organisation": {"id": "o-sote"}}]}},
        ),
        (
            'createService(id: "s-new", input: {name: "Puheterapia", kind: "speech_therapy", '
            'level: BASIC, sector: HEALTH, provider: "o-sote"})',
            '{ service(id: "s-new") { provider { id } } }',
            {"service": {"provider": {"id": "o-sote"}}},
        ),
        (
            'createPlan(id: "pl-2", input: {client: "c-liisa", kind: CLIENT_PLAN, mode: '
            'DIVISION_OF_LABOUR, clientParticipated: false, validFrom: "2024-01-01", services: '
            '["s-physio"]})',
            '{ plan(id: "pl-2") { services { id } client { id } } }',
            {"plan": {"services": [{"id": "s-physio"}], "client": {"id": "c-liisa"}}},
        ),
        (
            'createGoal(id: "g-2", input: {plan: "pl-1", text: "Työ", direction: WORK, status: '
            "OPEN})",
            '{ goal(id: "g-2") { plan { id } } }',
            {"goal": {"plan": {"id": "pl-1"}}},
        ),
        (
            'createCarePathway(id: "pw-2", input: {name: "Polku", need: "tarve", region: '
            '"r-north"})',
            '{ carePathway(id: "pw-2") { region { id } } }',
            {"carePathway": {"region": {"id": "r-north"}}},
        ),
        (
            'createPathwayStep(id: "st-3", input: {pathway: "pw-work", order: 3, name: "Työ"})',
            '{ carePathway(id: "pw-work") { steps { id } } }',
            {"carePathway": {"steps": [{"id": "st-1"}, {"id": "st-2"}, {"id": "st-3"}]}},
        ),
        (
            'createTransition(id: "t-2", input: {client: "c-liisa", kind: HOSPITAL_TO_HOME, '
            'dueDate: "2024-05-01"})',
            '{ transition(id: "t-2") { client { id } } }',
            {"transition": {"client": {"id": "c-liisa"}}},
        ),
        (
            'updatePlan(id: "pl-1", input: {owner: "p-anna"})',
            '{ plan(id: "pl-1") { owner { id } } }',
            {"plan": {"owner": {"id": "p-anna"}}},
        ),
        (
            'updateHandoff(id: "h-1", input: {consent: null})',
            '{ handoff(id: "h-1") { consent { id } } }',
            {"handoff": {"consent": None}},
        ),
        (
            'updateResponsibility(id: "rs-client", input: {division: "Ben koordinoi"})',
            '{ responsibility(id: "rs-client") { division } }',
            {"responsibility": {"division": "Ben koordinoi"}},
        ),
        (
            'updateConsent(id: "cs-1", input: {validTo: "2026-01-01"})',
            '{ consent(id: "cs-1") { validTo } }',
            {"consent": {"validTo": "2026-01-01"}},
        ),
        (
            'updateService(id: "s-physio", input: {level: SPECIAL})',
            '{ service(id: "s-physio") { level } }',
            {"service": {"level": "SPECIAL"}},
        ),
        (
            'updateProfessional(id: "p-ben", input: {profession: "palveluohjaaja"})',
            '{ professional(id: "p-ben") { profession } }',
            {"professional": {"profession": "palveluohjaaja"}},
        ),
        (
            'updateFamily(id: "f-1", input: {name: "Virtanen-Aalto"})',
            '{ family(id: "f-1") { name } }',
            {"family": {"name": "Virtanen-Aalto"}},
        ),
        (
            'updateGoal(id: "g-1", input: {status: ACHIEVED})',
            '{ goal(id: "g-1") { status } }',
            {"goal": {"status": "ACHIEVED"}},
        ),
        (
            'updateCarePathway(id: "pw-work", input: {need: "työkyky"})',
            '{ carePathway(id: "pw-work") { need } }',
            {"carePathway": {"need": "työkyky"}},
        ),
        (
            'updatePathwayStep(id: "st-2", input: {handoff: "Palaveri"})',
            '{ pathwayStep(id: "st-2") { handoff } }',
            {"pathwayStep": {"handoff": "Palaveri"}},
        ),
        (
            'updateTransition(id: "t-1", input: {dueDate: "2023-08-01"})',
            '{ transition(id: "t-1") { dueDate } }',
            {"transition": {"dueDate": "2023-08-01"}},
        ),
        (
            'updateEpisode(id: "e-rehab", input: {step: "st-2"})',
            '{ episode(id: "e-rehab") { step { id } } }',
            {"episode": {"step": {"id": "st-2"}}},
        ),
        (
            'updateOrganisation(id: "o-kela", input: {region: "r-south"})',
            '{ organisation(id: "o-kela") { region { id } } }',
            {"organisation": {"region": {"id": "r-south"}}},
        ),
    ],
    ids=lambda v: v.split("(")[0] if isinstance(v, str) and v[0].islower() else None,
)
async def test_every_record_type_is_created_or_updated(
    api: Api, mutation: str, query: str, expected: dict[str, Any]
) -> None:
    await api.data(f"mutation {{ {mutation} {{ node {{ id }} }} }}")
    assert await api.data(query) == expected


async def test_mutations_are_refused_over_get_and_write_nothing(api: Api) -> None:
    response = await api.http.get(
        "/graphql",
        params={
            "query": 'mutation { createRegion(id: "r-get", input: {name: "GET"}) { node { id } } }'
        },
    )
    assert response.status_code == 405
    assert await api.data('{ region(id: "r-get") { id } }') == {"region": None}
