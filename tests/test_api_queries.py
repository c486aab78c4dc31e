from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from graphsvc.database import Database
from graphsvc.importing import load_records
from tests.api_client import Api, serve_app
from tests.model_records import world

pytestmark = pytest.mark.anyio


@pytest.fixture
async def api(db: Database) -> AsyncIterator[Api]:
    await load_records(db, world(), source="model world")
    async with serve_app(db) as api:
        yield api


async def test_a_client_is_found_by_id_with_its_whole_network(api: Api) -> None:
    data = await api.data(
        """query($id: ID!) { client(id: $id) {
            name birthDate longTermIllness municipality familyRole
            region { id } family { name members { client { id } role } }
            episodes { id status service { id provider { name } } }
            services { id } professionals { id name }
            responsibilities { role validFrom professional { id } }
            plans { kind owner { id } participants { id } services { id } goals { text } }
            consents { purpose fromOrg { id } toOrg { id } }
            transitions { kind fromEpisode { id } toEpisode { id } }
            handoffs { status consent { id } fromProfessional { id } toProfessional { id } }
        } }""",
        id="c-matias",
    )
    client = data["client"]
    assert client["name"] == "Matias Virtanen"
    assert client["birthDate"] == "2001-05-14"
    assert client["longTermIllness"] is True
    assert client["familyRole"] == "CHILD"
    assert client["region"] == {"id": "r-south"}
    assert client["family"]["members"] == [{"client": {"id": "c-matias"}, "role": "CHILD"}]
    assert {e["id"]: e["service"]["id"] for e in client["episodes"]} == {
        "e-physio": "s-physio",
        "e-rehab": "s-rehab",
    }
    assert [s["id"] for s in client["services"]] == ["s-physio", "s-rehab"]
    assert [p["id"] for p in client["professionals"]] == ["p-ben"]
    assert client["responsibilities"] == [
        {
            "role": "WORK_ABILITY_COORDINATOR",
            "validFrom": "2023-07-01",
            "professional": {"id": "p-ben"},
        }
    ]
    plan = client["plans"][0]
    assert plan["owner"] == {"id": "p-ben"}
    assert sorted(p["id"] for p in plan["participants"]) == ["p-anna", "p-ben"]
    assert plan["goals"] == [{"text": "Farmanomiopinnot"}]
    assert client["consents"] == [
        {"purpose": "HANDOFF", "fromOrg": {"id": "o-sote"}, "toOrg": {"id": "o-kela"}}
    ]
    assert client["handoffs"] == [
        {
            "status": "COMPLETED",
            "consent": {"id": "cs-1"},
            "fromProfessional": {"id": "p-anna"},
            "toProfessional": {"id": "p-ben"},
        }
    ]


async def test_an_unknown_id_answers_null(api: Api) -> None:
    assert await api.data('{ client(id: "nobody") { id } }') == {"client": None}


@pytest.mark.parametrize(
    ("field", "id", "selection", "expected"),
    [
        ("region", "r-south", "name", {"name": "Eteläinen hyvinvointialue"}),
        (
            "organisation",
            "o-sote",
            "kind parent { id } region { id }",
            {"kind": "SOTE_CENTRE", "parent": {"id": "o-county"}, "region": {"id": "r-south"}},
        ),
        ("family", "f-1", "name", {"name": "Virtanen"}),
        (
            "professional",
            "p-anna",
            "profession employments { organisation { id } validFrom }",
            {
                "profession": "sosiaalityöntekijä",
                "employments": [{"organisation": {"id": "o-sote"}, "validFrom": "2020-01-01"}],
            },
        ),
        (
            "service",
            "s-rehab",
            "level sector provider { id }",
            {"level": "SPECIAL", "sector": "BENEFITS", "provider": {"id": "o-kela"}},
        ),
        (
            "episode",
            "e-physio",
            "end status step { id } client { id }",
            {
                "end": "2023-06-30",
                "status": "ENDED",
                "step": {"id": "st-1"},
                "client": {"id": "c-matias"},
            },
        ),
        (
            "responsibility",
            "rs-plan",
            "division scope { ... on Plan { id } }",
            {"division": "Anna kirjaa, Ben koordinoi", "scope": {"id": "pl-1"}},
        ),
        (
            "plan",
            "pl-1",
            "reviewDate previousGoalsFeedback mode",
            {
                "reviewDate": "2024-06-30",
                "previousGoalsFeedback": "PARTLY_MET",
                "mode": "GROUP_MEETING",
            },
        ),
        (
            "goal",
            "g-1",
            "direction plan { id }",
            {"direction": "EDUCATION", "plan": {"id": "pl-1"}},
        ),
        ("consent", "cs-1", "validTo withdrawn", {"validTo": "2025-06-01", "withdrawn": None}),
        (
            "carePathway",
            "pw-work",
            "need steps { order }",
            {"need": "työkyvyn tuki", "steps": [{"order": 1}, {"order": 2}]},
        ),
        (
            "pathwayStep",
            "st-1",
            "handoff organisation { id } service { id } responsibilities { id }",
            {
                "handoff": "Lähete ja yhteinen palaveri",
                "organisation": {"id": "o-sote"},
                "service": {"id": "s-physio"},
                "responsibilities": [{"id": "rs-step"}],
            },
        ),
        (
            "transition",
            "t-1",
            "dueDate kind",
            {"dueDate": "2023-07-01", "kind": "WORK_TRIAL_TO_WORK_OR_STUDY"},
        ),
        (
            "handoff",
            "h-1",
            "decided completed transition { id } fromOrg { id }",
            {
                "decided": "2023-06-10",
                "completed": "2023-07-01",
                "transition": {"id": "t-1"},
                "fromOrg": {"id": "o-sote"},
            },
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and " " not in v and "{" not in v else None,
)
async def test_every_kind_of_record_is_found_by_id(
    api: Api, field: str, id: str, selection: str, expected: dict[str, object]
) -> None:
    data = await api.data(f'{{ {field}(id: "{id}") {{ {selection} }} }}')
    assert data[field] == expected


async def test_clients_are_filtered_sorted_and_paged_in_order(api: Api) -> None:
    query = """query($where: ClientWhere, $after: String) {
        clients(where: $where, orderBy: {field: NAME, direction: DESC}, first: 1, after: $after) {
            totalCount nodes { id } pageInfo { hasNextPage endCursor }
        } }"""
    first = (await api.data(query, where={"name": {"contains": "virtanen"}}))["clients"]
    assert first["totalCount"] == 2
    assert first["nodes"] == [{"id": "c-matias"}]
    assert first["pageInfo"]["hasNextPage"] is True
    after = first["pageInfo"]["endCursor"]
    second = (await api.data(query, where={"name": {"contains": "virtanen"}}, after=after))[
        "clients"
    ]
    assert second["nodes"] == [{"id": "c-liisa"}]
    assert second["pageInfo"]["hasNextPage"] is False


async def test_a_page_by_id_reads_on_from_the_last_client_seen(api: Api) -> None:
    query = """query($after: String, $direction: SortDirection!) {
        clients(orderBy: {field: ID, direction: $direction}, first: 1, after: $after) {
            totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor }
        } }"""
    first = (await api.data(query, direction="ASC"))["clients"]
    assert first["nodes"] == [{"id": "c-liisa"}]
    backwards = (await api.data(query, direction="DESC"))["clients"]
    assert backwards["nodes"] == [{"id": "c-matias"}]
    # two clients arrive, one sorting before each cursor
    for id, name in (("c-aaltonen", "Aaltonen"), ("c-nieminen", "Nieminen")):
        await api.data(
            f"""mutation {{ createClient(id: "{id}", input: {{name: "{name}",
                birthDate: "2015-03-01", region: "r-south"}}) {{ node {{ id }} }} }}"""
        )
    # the next page starts after the client the cursor stood on, not one position
    # further down a list that grew in front of it (which would show c-liisa again)
    second = await api.data(query, direction="ASC", after=first["pageInfo"]["endCursor"])
    assert second["clients"]["nodes"] == [{"id": "c-matias"}]
    assert second["clients"]["totalCount"] == 4
    assert second["clients"]["pageInfo"]["hasPreviousPage"] is True
    assert second["clients"]["pageInfo"]["hasNextPage"] is True  # c-nieminen follows
    third = await api.data(query, direction="ASC", after=second["clients"]["pageInfo"]["endCursor"])
    assert third["clients"]["nodes"] == [{"id": "c-nieminen"}]
    down = await api.data(query, direction="DESC", after=backwards["pageInfo"]["endCursor"])
    assert down["clients"]["nodes"] == [{"id": "c-liisa"}]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({}, ["c-liisa", "c-matias"]),
        ({"birthDate": {"from": "1990-01-01"}}, ["c-matias"]),
        ({"birthDate": {"to": "1975-02-01"}}, ["c-liisa"]),
        ({"id": {"in": ["c-liisa", "nobody"]}}, ["c-liisa"]),
        ({"municipality": {"eq": "Espoo"}}, ["c-matias"]),
        ({"NOT": {"municipality": {"eq": "Espoo"}}}, ["c-liisa"]),
        ({"longTermIllness": {"eq": True}}, ["c-matias"]),
        (
            {"OR": [{"id": {"eq": "c-liisa"}}, {"municipality": {"eq": "Espoo"}}]},
            ["c-liisa", "c-matias"],
        ),
        ({"AND": [{"name": {"contains": "LIISA"}}, {"birthDate": {"from": "1990-01-01"}}]}, []),
        ({"NOT": {"OR": [{"id": {"eq": "c-liisa"}}, {"id": {"eq": "c-matias"}}]}}, []),
        ({"OR": []}, []),
    ],
    ids=[
        "an empty filter matches everyone",
        "born on or after a date",
        "born on or before a date, inclusive",
        "id in a list with an unknown id",
        "equal municipality",
        "not a municipality includes clients without one",
        "a boolean flag",
        "either of two conditions",
        "both of two conditions that exclude each other",
        "neither of two ids",
        "an empty OR matches nobody",
    ],
)
async def test_client_where_filters(
    api: Api, where: dict[str, object], expected: list[str]
) -> None:
    data = await api.data(
        "query($where: ClientWhere) { clients(where: $where, first: 100) { nodes { id } } }",
        where=where,
    )
    assert sorted(n["id"] for n in data["clients"]["nodes"]) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('{ organisations(region: "r-south") { nodes { id } } }', ["o-county", "o-sote"]),
        ("{ organisations(where: {kind: {in: [KELA]}}) { nodes { id } } }", ["o-kela"]),
        ('{ professionals(organisation: "o-kela") { nodes { id } } }', ["p-ben"]),
        (
            '{ professionals(where: {profession: {contains: "koordinaattori"}}) { nodes { id } } }',
            ["p-ben"],
        ),
        ('{ services(provider: "o-sote") { nodes { id } } }', ["s-physio"]),
        ("{ services(where: {sector: {eq: BENEFITS}}) { nodes { id } } }", ["s-rehab"]),
        ('{ carePathways(region: "r-north") { nodes { id } } }', []),
        ('{ carePathways(where: {need: {contains: "työkyky"}}) { nodes { id } } }', []),
        ('{ carePathways(where: {need: {contains: "työkyvyn"}}) { nodes { id } } }', ["pw-work"]),
        (
            '{ handoffs(client: "c-matias", where: {completed: {from: "2023-07-01"}}) '
            "{ nodes { id } } }",
            ["h-1"],
        ),
        ("{ handoffs(where: {status: {eq: REQUESTED}}) { nodes { id } } }", []),
        ('{ clients(region: "r-north") { nodes { id } } }', []),
    ],
    ids=[
        "organisations of a region",
        "organisations of a kind",
        "professionals of an organisation",
        "professionals by profession text",
        "services of a provider",
        "services of a sector",
        "pathways of a region without any",
        "pathways whose need does not contain the text",
        "pathways whose need contains the text",
        "handoffs of a client completed on or after a date",
        "handoffs in a status nobody has",
        "clients of a region without any",
    ],
)
async def test_each_list_is_narrowed_by_its_filters(
    api: Api, query: str, expected: list[str]
) -> None:
    data = await api.data(query)
    (connection,) = data.values()
    assert sorted(n["id"] for n in connection["nodes"]) == expected


async def test_sorting_by_a_date_descending(api: Api) -> None:
    data = await api.data(
        "{ clients(orderBy: {field: BIRTH_DATE, direction: DESC}) { nodes { id } } }"
    )
    assert [n["id"] for n in data["clients"]["nodes"]] == ["c-matias", "c-liisa"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("{ clients(first: 1001) { totalCount } }", "first"),
        ("{ clients(first: -1) { totalCount } }", "first"),
        ('{ clients(after: "bm9wZQ==") { totalCount } }', "after"),
        ('{ clients(after: "not base64!") { totalCount } }', "after"),
        ('{ clients(after: "\\u0080") { totalCount } }', "after"),
    ],
    ids=[
        "a page over the maximum size",
        "a negative page size",
        "a cursor of another kind",
        "garbage as a cursor",
        "a cursor that is not ASCII",
    ],
)
async def test_bad_paging_is_refused_naming_the_argument(api: Api, query: str, field: str) -> None:
    error = await api.error(query)
    assert error["extensions"] == {"code": "BAD_INPUT", "field": field}


async def test_a_clients_gaps_come_with_finnish_and_english_texts(api: Api) -> None:
    data = await api.data(
        """{ client(id: "c-matias") { gaps { rule family severity subjectType subjectId clientId
            fi: title(lang: FI) en: title(lang: EN) explanation(lang: EN) remedy
            evidence { label id } } } }"""
    )
    gaps = {gap["rule"]: gap for gap in data["client"]["gaps"]}
    physician = gaps["no-treating-physician"]
    assert physician["family"] == "NO_OWNER"
    assert physician["clientId"] == "c-matias"
    assert physician["fi"] != physician["en"]
    assert "Matias Virtanen" in physician["explanation"]
    assert {"label": "Client", "id": "c-matias"} in physician["evidence"]


async def test_plan_and_pathway_gaps_are_about_them(api: Api) -> None:
    data = await api.data(
        """{ plan(id: "pl-1") { gaps(asOf: "2025-01-01") { rule } }
            carePathway(id: "pw-work") { gaps { rule subjectId } } }"""
    )
    assert {"rule": "plan-review-overdue"} in data["plan"]["gaps"]
    assert all(g["rule"] != "no-treating-physician" for g in data["plan"]["gaps"])
    # The pathway's own gaps and those of clients on it (Matias realises step 1), not Liisa's.
    pathway = data["carePathway"]["gaps"]
    assert {"rule": "step-without-organisation", "subjectId": "st-2"} in pathway
    assert {g["subjectId"] for g in pathway} <= {"pw-work", "st-1", "st-2", "pl-1", "c-matias"}


async def test_an_organisations_gaps_mention_it(api: Api) -> None:
    data = await api.data(
        '{ organisation(id: "o-sote") { gaps { evidence { label id } subjectType subjectId } } }'
    )
    for gap in data["organisation"]["gaps"]:
        assert {"label": "Organisation", "id": "o-sote"} in gap["evidence"] or (
            gap["subjectType"].lower() == "organisation" and gap["subjectId"] == "o-sote"
        )


@pytest.mark.parametrize(
    ("arguments", "allowed"),
    [
        ("families: [NO_OWNER]", lambda g: g["family"] == "NO_OWNER"),
        ("severities: [HIGH, MEDIUM]", lambda g: g["severity"] in {"HIGH", "MEDIUM"}),
        ('rules: ["no-treating-physician"]', lambda g: g["rule"] == "no-treating-physician"),
    ],
    ids=["by family", "by severity", "by rule"],
)
async def test_region_gaps_are_narrowed_by_family_severity_and_rule(
    api: Api, arguments: str, allowed: Any
) -> None:
    everything = await api.data('{ gaps(region: "r-south", first: 1000) { totalCount } }')
    data = await api.data(
        f'{{ gaps(region: "r-south", {arguments}, first: 1000) '
        "{ totalCount nodes { rule family severity } } }"
    )
    found = data["gaps"]["nodes"]
    assert found, "the model world has gaps of each of these kinds"
    assert all(allowed(g) for g in found)
    assert data["gaps"]["totalCount"] == len(found) <= everything["gaps"]["totalCount"]


async def test_region_gaps_are_paged(api: Api) -> None:
    first = await api.data(
        '{ gaps(region: "r-south", first: 2) { totalCount nodes { rule subjectId } '
        "pageInfo { endCursor hasNextPage } } }"
    )
    rest = await api.data(
        'query($after: String) { gaps(region: "r-south", first: 1000, after: $after) '
        "{ nodes { rule subjectId } } }",
        after=first["gaps"]["pageInfo"]["endCursor"],
    )
    everything = await api.data(
        '{ gaps(region: "r-south", first: 1000) { nodes { rule subjectId } } }'
    )
    assert first["gaps"]["totalCount"] > 2
    assert first["gaps"]["nodes"] + rest["gaps"]["nodes"] == everything["gaps"]["nodes"]


async def test_an_unknown_gap_rule_is_bad_input(api: Api) -> None:
    error = await api.error('{ gaps(region: "r-south", rules: ["no-such-rule"]) { totalCount } }')
    assert error["extensions"]["code"] == "BAD_INPUT"
    assert "no-such-rule" in error["message"]


async def test_a_plan_recorded_without_mode_or_participation_reads_them_as_null(
    api: Api,
) -> None:
    # what a worker who only records a review date enters (docs/model.md: "not recorded")
    plan = {
        "type": "plan",
        "id": "pl-review-only",
        "client": "c-matias",
        "kind": "client_plan",
        "review_date": "2027-01-31",
        "valid_from": "2026-11-01",
    }
    await load_records(api.db, [plan], source="test")
    data = await api.data(
        '{ plan(id: "pl-review-only") { reviewDate mode clientParticipated } '
        'p1: plan(id: "pl-1") { mode clientParticipated } }'
    )
    assert data["plan"] == {"reviewDate": "2027-01-31", "mode": None, "clientParticipated": None}
    assert data["p1"] == {"mode": "GROUP_MEETING", "clientParticipated": True}
