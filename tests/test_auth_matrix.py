"""The access matrix: every root query field, every mutation and every map and summary route,
for every role, on an own client, another client, another organisation's record without the
client's consent and one with it: nothing is read or written outside the role.

The lists of root fields and mutations come from the schema, so a new one without a row here
fails :func:`test_every_root_field_and_mutation_has_a_row`. Expected outcomes are worked out
by hand per role class from the policy (README, section Access control) and the demo data
(graphsvc/data/demo/*.json), with Hanna Salo (speech therapist at the family centre,
org-perhekeskus) as the professional and the coordinator:

- own: Eetu Virtanen, whose speech therapy episode she is responsible for, and what her own
  organisation (or nobody in particular) recorded about him;
- other client: Pekka Järvinen or Jenna Mäkinen, for whom she holds no responsibility;
- other organisation: what early childhood education (org-varhaiskasvatus, within the city
  of Järvilinna) recorded about Eetu: no consent from it to the family centre;
- consented: what child neurology (org-lastenneurologia) recorded about Eetu: his consent
  ``con-eetu-ln-perhekeskus`` from child neurology to the family centre is active.

Allowed writes are made to fail after the permission check and before anything is written
(``expectedVersion: -1`` answers CONFLICT, a create with a taken id answers CONFLICT), and
refused ones answer FORBIDDEN: every mutation cell must leave the graph as it was.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx
import pytest

from graphsvc.api.schema import build_schema
from graphsvc.auth.roles import Role
from graphsvc.auth.tokens import development_token
from graphsvc.database import Database
from graphsvc.demo import load_demo
from graphsvc.settings import Settings
from tests.api_client import serve_app

pytestmark = pytest.mark.anyio

HANNA = "pro-hanna-salo"
EETU = "cli-eetu-virtanen"
PEKKA = "cli-pekka-jarvinen"
JENNA = "cli-jenna-makinen"


class Scope(StrEnum):
    ANY = "any"
    OWN = "own"
    OTHER = "other client"
    OTHER_ORG = "other organisation"
    CONSENTED = "consented"


ROLES: tuple[Role | None, ...] = (
    None,
    Role.PROFESSIONAL,
    Role.COORDINATOR,
    Role.PLANNER,
    Role.ADMIN,
)

IDS: dict[str, dict[Scope, str]] = {
    "client": {Scope.OWN: EETU, Scope.OTHER: PEKKA},
    "family": {Scope.OWN: "fam-virtanen", Scope.OTHER: "fam-makinen"},
    "episode": {
        Scope.OWN: "ep-eetu-puheterapia",
        Scope.OTHER: "ep-pekka-laakari",
        Scope.OTHER_ORG: "ep-eetu-varhaiskasvatus",
        Scope.CONSENTED: "ep-eetu-lastenneurologia",
    },
    "responsibility": {
        Scope.OWN: "res-eetu-puhe-omatyontekija",
        Scope.OTHER: "res-pekka-vastuu-sote",
        Scope.OTHER_ORG: "res-eetu-vk-omatyontekija",
        Scope.CONSENTED: "res-eetu-hoitava-laakari",
    },
    # plan-eetu-kuntoutus has no owner: recorded by no one organisation, visible with Eetu
    "plan": {
        Scope.OWN: "plan-eetu-kuntoutus",
        Scope.OTHER: "plan-pekka-sote",
        Scope.OTHER_ORG: "plan-eetu-vasu-2026",
    },
    "goal": {
        Scope.OWN: "goal-eetu-kuntoutus-puhe",
        Scope.OTHER: "goal-pekka-masennus",
        Scope.OTHER_ORG: "goal-eetu-vasu-2026",
    },
    "consent": {Scope.OWN: "con-eetu-ln-perhekeskus", Scope.OTHER: "con-jenna-perheneuvola-ls"},
    "handoff": {Scope.OWN: "ho-m-eetu", Scope.OTHER: "ho-m-jenna"},
    "transition": {Scope.OWN: "tr-m-eetu", Scope.OTHER: "tr-jenna-jalkihuolto"},
}
"""The record of each kind in each scope; ho-m-* and tr-m-eetu are made by the fixture."""

ACCEPTED = {Scope.OWN: "ho-m-eetu-accepted", Scope.OTHER: "ho-m-jenna-accepted"}
CLIENT_OF = {Scope.OWN: EETU, Scope.OTHER: JENNA}
PEKKA_OR_EETU = {Scope.OWN: EETU, Scope.OTHER: PEKKA}
COORDINATOR_KINDS = {
    "responsibility",
    "handoff",
    "consent",
    "plan",
    "goal",
    "episode",
    "transition",
}


def may_read(role: Role | None, scope: Scope, *, client_data: bool = True) -> bool:
    """Whether ``role`` reads a record in ``scope`` (by the policy, worked by hand)."""
    if role is Role.ADMIN:
        return True
    if role is None:
        return False
    if not client_data:
        return True
    if role is Role.PLANNER:
        return False
    return scope in (Scope.OWN, Scope.CONSENTED)


def may_write(role: Role | None, kind: str | None, scope: Scope) -> bool:
    """Admins write everything; coordinators the coordination records of their own clients
    that they may read; nobody else writes."""
    if role is Role.ADMIN:
        return True
    return (
        role is Role.COORDINATOR
        and kind in COORDINATOR_KINDS
        and scope in (Scope.OWN, Scope.CONSENTED)
    )


# --- the queries ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """A query for one scope, whether the answer showed the thing asked for, and whether
    the role class may see it."""

    query: Callable[[Scope], str | None]
    seen: Callable[[dict[str, Any], Scope], bool]
    expected: Callable[[Role | None, Scope], bool]


def by_id(field: str, kind: str) -> Probe:
    return Probe(
        lambda scope: (
            f'{{ {field}(id: "{IDS[kind][scope]}") {{ id }} }}' if scope in IDS[kind] else None
        ),
        lambda data, scope: data[field] is not None,
        may_read,
    )


def reference(query: str, seen: Callable[[dict[str, Any]], bool]) -> Probe:
    return Probe(
        lambda scope: query if scope is Scope.ANY else None,
        lambda data, scope: seen(data),
        lambda role, scope: may_read(role, scope, client_data=False),
    )


def admin_only(query: str) -> Probe:
    return Probe(
        lambda scope: query if scope is Scope.ANY else None,
        lambda data, scope: True,
        lambda role, scope: role is Role.ADMIN,
    )


def nodes(data: dict[str, Any], field: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = data[field]["nodes"]
    return found


QUERIES: dict[str, Probe] = {
    **{
        field: by_id(field, kind)
        for field, kind in [
            ("client", "client"),
            ("family", "family"),
            ("episode", "episode"),
            ("responsibility", "responsibility"),
            ("plan", "plan"),
            ("goal", "goal"),
            ("consent", "consent"),
            ("handoff", "handoff"),
            ("transition", "transition"),
        ]
    },
    "region": reference('{ region(id: "reg-jarvimaa") { id } }', lambda d: d["region"] is not None),
    "organisation": reference(
        '{ organisation(id: "org-perhekeskus") { id } }', lambda d: d["organisation"] is not None
    ),
    "professional": reference(
        f'{{ professional(id: "{HANNA}") {{ id }} }}', lambda d: d["professional"] is not None
    ),
    "service": reference(
        '{ service(id: "svc-puheterapia") { id } }', lambda d: d["service"] is not None
    ),
    "carePathway": reference(
        '{ carePathway(id: "pw-lastenneurologia") { id } }',
        lambda d: d["carePathway"] is not None,
    ),
    "pathwayStep": reference(
        '{ pathwayStep(id: "step-ln-1") { id } }', lambda d: d["pathwayStep"] is not None
    ),
    "organisations": reference(
        "{ organisations(first: 5) { totalCount } }",
        lambda d: d["organisations"]["totalCount"] > 0,
    ),
    "professionals": reference(
        "{ professionals(first: 5) { totalCount } }",
        lambda d: d["professionals"]["totalCount"] > 0,
    ),
    "services": reference(
        "{ services(first: 5) { totalCount } }", lambda d: d["services"]["totalCount"] > 0
    ),
    "carePathways": reference(
        "{ carePathways(first: 5) { totalCount } }",
        lambda d: d["carePathways"]["totalCount"] > 0,
    ),
    "regionGapSettings": reference(
        '{ regionGapSettings(region: "reg-jarvimaa") { region } }',
        lambda d: d["regionGapSettings"] is not None,
    ),
    "clients": Probe(
        lambda scope: (
            "{ clients(first: 100) { totalCount nodes { id } } }"
            if scope in PEKKA_OR_EETU
            else None
        ),
        lambda data, scope: PEKKA_OR_EETU[scope] in {n["id"] for n in nodes(data, "clients")},
        may_read,
    ),
    "handoffs": Probe(
        lambda scope: (
            f'{{ handoffs(client: "{CLIENT_OF[scope]}") {{ nodes {{ id }} }} }}'
            if scope in CLIENT_OF
            else None
        ),
        lambda data, scope: len(nodes(data, "handoffs")) > 0,
        may_read,
    ),
    # Pekka has open gaps (demo README): only those who may read him see any of them
    "gaps": Probe(
        lambda scope: (
            '{ gaps(region: "reg-jarvimaa", first: 1000) { nodes { clientId } } }'
            if scope is Scope.OTHER
            else None
        ),
        lambda data, scope: PEKKA in {n["clientId"] for n in nodes(data, "gaps")},
        may_read,
    ),
    "myWork": Probe(
        lambda scope: (
            f'{{ myWork(professional: "{HANNA if scope is Scope.OWN else "pro-sari-kallio"}") '
            "{ professional { id } } }"
            if scope in (Scope.OWN, Scope.OTHER)
            else None
        ),
        lambda data, scope: data["myWork"] is not None,
        lambda role, scope: (
            role is Role.ADMIN
            or (role in (Role.PROFESSIONAL, Role.COORDINATOR) and scope is Scope.OWN)
        ),
    ),
    "analytics": Probe(
        lambda scope: (
            '{ analytics(analysis: SHARED_CLIENTS, region: "reg-jarvimaa") { analysis } }'
            if scope is Scope.ANY
            else None
        ),
        lambda data, scope: data["analytics"] is not None,
        lambda role, scope: role in (Role.PLANNER, Role.ADMIN),
    ),
    "auditTrail": admin_only("{ auditTrail { id } }"),
}


# --- the mutations -------------------------------------------------------------------------


@dataclass(frozen=True)
class Write:
    kind: str | None
    """The record kind for the coordinators' rule (None: reference data)."""
    document: Callable[[Scope], str | None]


def ref(document: str) -> Write:
    return Write(None, lambda scope: document if scope is Scope.ANY else None)


def update(name: str, kind: str, fields: str) -> Write:
    return Write(
        kind,
        lambda scope: (
            f'{name}(id: "{IDS[kind][scope]}", input: {{{fields}}}, expectedVersion: -1)'
            if scope in IDS[kind]
            else None
        ),
    )


def verb(name: str, kind: str, ids: dict[Scope, str] | None = None) -> Write:
    targets = IDS[kind] if ids is None else ids
    return Write(
        kind,
        lambda scope: (
            f'{name}(id: "{targets[scope]}", on: "2026-12-01", expectedVersion: -1)'
            if scope in targets
            else None
        ),
    )


def create(name: str, kind: str, inputs: dict[Scope, str]) -> Write:
    """A create with the id of a stored record of the same kind: CONFLICT once allowed."""
    return Write(
        kind,
        lambda scope: (
            f'{name}(id: "{IDS[kind][scope]}", input: {{{inputs[scope]}}})'
            if scope in inputs
            else None
        ),
    )


PW = "pw-lastenneurologia"
MUTATIONS: dict[str, Write] = {
    "createRegion": ref('createRegion(id: "reg-jarvimaa", input: {name: "X"})'),
    "updateRegion": ref(
        'updateRegion(id: "reg-jarvimaa", input: {name: "X"}, expectedVersion: -1)'
    ),
    "createOrganisation": ref(
        'createOrganisation(id: "org-perhekeskus", input: {name: "X", kind: NGO, '
        'region: "reg-jarvimaa"})'
    ),
    "updateOrganisation": ref(
        'updateOrganisation(id: "org-perhekeskus", input: {name: "X"}, expectedVersion: -1)'
    ),
    "createProfessional": ref(
        f'createProfessional(id: "{HANNA}", input: {{name: "X", profession: "x", '
        'organisation: "org-perhekeskus"})'
    ),
    "updateProfessional": ref(
        f'updateProfessional(id: "{HANNA}", input: {{profession: "x"}}, expectedVersion: -1)'
    ),
    "createService": ref(
        'createService(id: "svc-puheterapia", input: {name: "X", kind: "speech_therapy", '
        'level: BASIC, sector: HEALTH, provider: "org-perhekeskus"})'
    ),
    "updateService": ref(
        'updateService(id: "svc-puheterapia", input: {level: SPECIAL}, expectedVersion: -1)'
    ),
    "createCarePathway": ref(
        f'createCarePathway(id: "{PW}", input: {{name: "X", need: "x", region: "reg-jarvimaa"}})'
    ),
    "updateCarePathway": ref(
        f'updateCarePathway(id: "{PW}", input: {{need: "x"}}, expectedVersion: -1)'
    ),
    "createPathwayStep": ref(
        f'createPathwayStep(id: "step-ln-1", input: {{pathway: "{PW}", order: 1, name: "X"}})'
    ),
    "updatePathwayStep": ref(
        'updatePathwayStep(id: "step-ln-1", input: {handoff: "x"}, expectedVersion: -1)'
    ),
    "updateRegionGapSettings": ref(
        'updateRegionGapSettings(region: "reg-jarvimaa", settings: {noSuchRule: {}})'
    ),
    "createFamily": create(
        "createFamily", "family", {Scope.OWN: 'name: "X"', Scope.OTHER: 'name: "X"'}
    ),
    "updateFamily": update("updateFamily", "family", 'name: "X"'),
    "createClient": create(
        "createClient",
        "client",
        {
            s: 'name: "X", birthDate: "2000-01-01", region: "reg-jarvimaa"'
            for s in (Scope.OWN, Scope.OTHER)
        },
    ),
    "updateClient": update("updateClient", "client", 'name: "X"'),
    "updateEpisode": update("updateEpisode", "episode", "status: ACTIVE"),
    "startEpisode": create(
        "startEpisode",
        "episode",
        {
            Scope.OWN: f'client: "{EETU}", service: "svc-puheterapia", start: "2024-01-01"',
            Scope.OTHER: f'client: "{PEKKA}", service: "svc-laakarin-vastaanotto", '
            'start: "2024-01-01"',
        },
    ),
    "endEpisode": verb("endEpisode", "episode"),
    "updateResponsibility": update("updateResponsibility", "responsibility", 'division: "x"'),
    "assignResponsibility": create(
        "assignResponsibility",
        "responsibility",
        {
            Scope.OWN: f'professional: "{HANNA}", role: OWN_WORKER, '
            'episode: "ep-eetu-puheterapia", validFrom: "2024-02-05"',
            Scope.OTHER: f'professional: "pro-heikki-rantanen", role: RESPONSIBLE_WORKER, '
            f'client: "{PEKKA}", validFrom: "2026-05-04"',
        },
    ),
    "endResponsibility": verb("endResponsibility", "responsibility"),
    "createPlan": create(
        "createPlan",
        "plan",
        {
            Scope.OWN: f'client: "{EETU}", kind: REHABILITATION_PLAN, validFrom: "2024-01-01"',
            Scope.OTHER: f'client: "{PEKKA}", kind: CLIENT_PLAN, validFrom: "2026-05-18"',
        },
    ),
    "updatePlan": update("updatePlan", "plan", 'reviewDate: "2027-06-01"'),
    "createGoal": create(
        "createGoal",
        "goal",
        {
            Scope.OWN: 'plan: "plan-eetu-kuntoutus", text: "x", direction: HEALTH, status: OPEN',
            Scope.OTHER: 'plan: "plan-pekka-sote", text: "x", direction: HEALTH, status: OPEN',
        },
    ),
    "updateGoal": update("updateGoal", "goal", "status: OPEN"),
    "recordConsent": create(
        "recordConsent",
        "consent",
        {
            s: f'client: "{CLIENT_OF[s]}", fromOrg: "org-hva", toOrg: "org-jarvilinna", '
            'purpose: INFORMATION_SHARING, validFrom: "2026-01-01"'
            for s in (Scope.OWN, Scope.OTHER)
        },
    ),
    "updateConsent": update("updateConsent", "consent", 'validTo: "2027-06-01"'),
    "withdrawConsent": verb("withdrawConsent", "consent"),
    "createTransition": create(
        "createTransition",
        "transition",
        {
            s: f'client: "{CLIENT_OF[s]}", kind: HOSPITAL_TO_HOME, dueDate: "2027-01-01"'
            for s in (Scope.OWN, Scope.OTHER)
        },
    ),
    "updateTransition": update("updateTransition", "transition", 'dueDate: "2027-02-01"'),
    "requestHandoff": create(
        "requestHandoff",
        "handoff",
        {
            s: f'client: "{CLIENT_OF[s]}", fromOrg: "org-lastenneurologia", '
            'toOrg: "org-perhekeskus", requested: "2026-11-01"'
            for s in (Scope.OWN, Scope.OTHER)
        },
    ),
    "updateHandoff": update("updateHandoff", "handoff", 'toOrg: "org-perhekeskus"'),
    "acceptHandoff": verb("acceptHandoff", "handoff"),
    "rejectHandoff": verb("rejectHandoff", "handoff"),
    "completeHandoff": verb("completeHandoff", "handoff", ACCEPTED),
}


# --- the maps and summaries ----------------------------------------------------------------

ROUTES: dict[str, tuple[dict[Scope, str], Callable[[Role | None, Scope], bool]]] = {
    "/maps/clients/{id}": (PEKKA_OR_EETU, may_read),
    "/maps/professionals/{id}": (
        {Scope.OWN: HANNA, Scope.OTHER: "pro-sari-kallio"},
        lambda role, scope: (
            role is Role.ADMIN
            or (role in (Role.PROFESSIONAL, Role.COORDINATOR) and scope is Scope.OWN)
        ),
    ),
    "/maps/organisations/{id}": ({Scope.ANY: "org-perhekeskus"}, lambda r, s: r is Role.ADMIN),
    "/maps/pathways/{id}": ({Scope.ANY: PW}, lambda r, s: r is Role.ADMIN),
    "/maps/regions/{id}": ({Scope.ANY: "reg-jarvimaa"}, lambda r, s: r is Role.ADMIN),
    "/summary/clients/{id}": (PEKKA_OR_EETU, may_read),
    # a family's summary only when every member may be read: Hanna reads Eetu, not his
    # parents and sister, so not the Virtanen family's summary
    "/summary/families/{id}": (
        {Scope.OWN: "fam-virtanen", Scope.OTHER: "fam-makinen"},
        lambda r, s: r is Role.ADMIN,
    ),
}
OTHER_ORG_SERVICE = "päiväkoti Satakieli"
"""The name of early childhood education's service on Eetu's map (svc-varhaiskasvatus)."""
CONSENTED_SERVICE = "Lastenneurologian tutkimus ja hoito"
"""The name of child neurology's service on Eetu's map (svc-lastenneurologia)."""


# --- fixtures and helpers ------------------------------------------------------------------


@dataclass
class World:
    db: Database
    http: httpx.AsyncClient
    """The app, in-process, with no caller of its own: each request names its role."""


@pytest.fixture(scope="module")
async def world(neo4j_settings: Settings) -> AsyncIterator[World]:
    """The demo region, loaded once for the module, with the handoffs and transition the
    verbs need (requested and accepted handoffs, a transition of Eetu's), and one app."""
    db = Database(neo4j_settings)
    await db.run_auto_commit("admin", "delete-everything")
    await load_demo(db)
    async with serve_app(db) as admin:
        for client, id in ((EETU, "ho-m-eetu"), (JENNA, "ho-m-jenna")):
            for suffix in ("", "-accepted"):
                await admin.data(
                    f'mutation {{ requestHandoff(id: "{id}{suffix}", input: {{client: "{client}", '
                    'fromOrg: "org-lastenneurologia", toOrg: "org-perhekeskus", '
                    'requested: "2026-11-01"}) { node { id } } }'
                )
            await admin.data(
                f'mutation {{ acceptHandoff(id: "{id}-accepted", on: "2026-11-02") '
                "{ node { id } } }"
            )
        await admin.data(
            f'mutation {{ createTransition(id: "tr-m-eetu", input: {{client: "{EETU}", '
            'kind: DAYCARE_TO_SCHOOL, dueDate: "2027-08-01"}) { node { id } } }'
        )
    try:
        async with serve_app(db, role=None) as api:
            yield World(db, api.http)
    finally:
        await db.close()


def as_role(db: Database, role: Role | None, subject: str | None = None) -> dict[str, str]:
    """The request headers of ``role`` (Hanna for professional and coordinator)."""
    if role is None:
        return {}
    professional = HANNA if role in (Role.PROFESSIONAL, Role.COORDINATOR) else None
    token = development_token(db.settings.auth, role, professional, subject=subject)
    return {"authorization": f"Bearer {token}", "x-requested-with": "graphsvc"}


async def snapshot(db: Database) -> tuple[list[Any], list[Any]]:
    """Every node and relationship but the audit trail's, with every property."""
    nodes = [
        (sorted(r["labels"]), sorted(r["props"].items()))
        for r in await db.read("testing", "dump-nodes")
        if "AuditEvent" not in r["labels"]
    ]
    rels = [
        (r["from"], r["type"], sorted(r["props"].items()), r["to"])
        for r in await db.read("testing", "dump-relationships")
        if "AuditEvent" not in r["from_labels"] + r["to_labels"]
    ]
    return sorted(nodes, key=repr), sorted(rels, key=repr)


def role_name(role: Role | None) -> str:
    return "anonymous" if role is None else role.value


# --- the tests -----------------------------------------------------------------------------


def test_every_root_field_and_mutation_has_a_row() -> None:
    schema = build_schema()
    query_type = schema.get_type_by_name("Query")
    mutation_type = schema.get_type_by_name("Mutation")
    assert query_type is not None and mutation_type is not None
    fields = {f.graphql_name or to_camel(f.python_name) for f in query_type.fields}  # type: ignore[union-attr]
    mutations = {f.graphql_name or to_camel(f.python_name) for f in mutation_type.fields}  # type: ignore[union-attr]
    assert fields == set(QUERIES), "every root field needs a row in QUERIES"
    assert mutations == set(MUTATIONS), "every mutation needs a row in MUTATIONS"


def to_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@pytest.mark.parametrize("field", sorted(QUERIES))
async def test_a_root_field_reads_only_what_the_role_may(world: World, field: str) -> None:
    probe = QUERIES[field]
    for role in ROLES:
        for scope in Scope:
            query = probe.query(scope)
            if query is None:
                continue
            cell = f"{field} / {role_name(role)} / {scope}"
            response = await world.http.post(
                "/graphql", json={"query": query}, headers=as_role(world.db, role)
            )
            if role is None:
                assert response.status_code == 401, cell
                assert "data" not in response.json(), cell
                continue
            body = response.json()
            data = body.get("data")
            shown = bool(data) and data.get(field) is not None and probe.seen(data, scope)
            assert shown is probe.expected(role, scope), (cell, body)
            if not shown and body.get("errors"):
                assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", cell


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
async def test_a_mutation_writes_only_as_the_role_may(world: World, mutation: str) -> None:
    write = MUTATIONS[mutation]
    before = await snapshot(world.db)
    for role in ROLES:
        for scope in Scope:
            document = write.document(scope)
            if document is None:
                continue
            cell = f"{mutation} / {role_name(role)} / {scope}"
            response = await world.http.post(
                "/graphql",
                json={"query": f"mutation {{ {document} {{ __typename }} }}"},
                headers=as_role(world.db, role),
            )
            if role is None:
                assert response.status_code == 401, cell
                continue
            errors = response.json().get("errors") or []
            assert len(errors) == 1, (cell, response.json())
            code = errors[0]["extensions"]["code"]
            if may_write(role, write.kind, scope):
                allowed = "BAD_INPUT" if mutation == "updateRegionGapSettings" else "CONFLICT"
                assert code == allowed, (cell, errors[0]["message"])
            else:
                assert code == "FORBIDDEN", (cell, errors[0]["message"])
    assert await snapshot(world.db) == before, "no mutation cell may write anything"


@pytest.mark.parametrize("route", sorted(ROUTES))
async def test_a_map_or_summary_opens_only_as_the_role_may(world: World, route: str) -> None:
    ids, expected = ROUTES[route]
    for role in ROLES:
        for scope, id in ids.items():
            cell = f"{route} / {role_name(role)} / {scope}"
            response = await world.http.get(route.format(id=id), headers=as_role(world.db, role))
            if role is None:
                assert response.status_code == 401, cell
                continue
            assert (response.status_code == 200) is expected(role, scope), cell
            if response.status_code != 200:
                # the refusal may repeat the id asked for, never what is behind it
                assert "Virtanen" not in response.text and "Järvinen" not in response.text, cell


@pytest.mark.parametrize("route", ["/maps/clients/{id}", "/summary/clients/{id}"])
async def test_eetus_map_and_summary_hold_other_organisations_parts_only_with_consent(
    world: World, route: str
) -> None:
    for role in (Role.PROFESSIONAL, Role.COORDINATOR, Role.ADMIN):
        page = (await world.http.get(route.format(id=EETU), headers=as_role(world.db, role))).text
        cell = f"{route} / {role_name(role)}"
        assert (OTHER_ORG_SERVICE in page) is may_read(role, Scope.OTHER_ORG), cell
        assert (CONSENTED_SERVICE in page) is may_read(role, Scope.CONSENTED), cell


async def test_all_the_matrix_reads_of_a_professional_touch_only_her_clients(world: World) -> None:
    """Every query cell of the matrix again, as Hanna under a subject of its own: the trail
    shows she read Eetu's data, the Virtanen family's (the family node, hers through Eetu,
    is recorded as read for each member: Sanna, Mikko, Aada) and Jenna's requested handoff
    to the family centre (it waits for her in My work: a request addressed to her
    organisation is hers to see), and nothing of Pekka, whatever she asked about him."""
    subject = "matrix-hanna"
    headers = as_role(world.db, Role.PROFESSIONAL, subject=subject)
    for probe in QUERIES.values():
        for scope in Scope:
            query = probe.query(scope)
            if query is not None:
                await world.http.post("/graphql", json={"query": query}, headers=headers)
    rows = await world.db.read("audit", "trail", client=None, **{"from": None, "to": None})
    read = {row["event"]["client"] for row in rows if row["event"]["agent"] == subject}
    virtanen = {"cli-sanna-virtanen", "cli-mikko-virtanen", "cli-aada-virtanen", EETU}
    assert read == virtanen | {JENNA}


# --- audit completeness: a scripted session of each role -----------------------------------

Step = tuple[str, str, dict[str, set[str]]]
"""(method and path, GraphQL document or "", expected clients by audit action)"""

SCRIPTS: dict[Role, list[Step]] = {
    Role.PROFESSIONAL: [
        ("POST /graphql", "{ clients(first: 100) { nodes { id } } }", {"R": {EETU}}),
        ("POST /graphql", f'{{ client(id: "{PEKKA}") {{ id }} }}', {}),
        ("GET /maps/clients/" + EETU, "", {"R": {EETU}}),
    ],
    Role.COORDINATOR: [
        ("POST /graphql", "{ clients(first: 100) { nodes { id } } }", {"R": {EETU}}),
        (
            "POST /graphql",
            f'{{ client(id: "{EETU}") {{ episodes {{ id }} plans {{ id goals {{ id }} }} }} }}',
            {"R": {EETU}},
        ),
        ("POST /graphql", f'{{ client(id: "{PEKKA}") {{ id }} }}', {}),
        ("GET /maps/clients/" + EETU, "", {"R": {EETU}}),
        ("GET /summary/clients/" + EETU, "", {"R": {EETU}}),
        (
            "POST /graphql",
            'mutation { updateGoal(id: "goal-eetu-kuntoutus-puhe", input: {status: OPEN}, '
            "expectedVersion: -1) { __typename } }",
            # the coordinator's write reads first whether Eetu is theirs to change
            {"R": {EETU}, "U": {EETU}},
        ),
    ],
    Role.PLANNER: [
        ("POST /graphql", "{ organisations(first: 5) { nodes { id name } } }", {}),
        ("POST /graphql", f'{{ client(id: "{PEKKA}") {{ id name }} }}', {}),
        (
            "POST /graphql",
            '{ analytics(analysis: SHARED_CLIENTS, region: "reg-jarvimaa") { analysis } }',
            {},
        ),
    ],
    Role.ADMIN: [
        (
            "POST /graphql",
            f'{{ a: client(id: "{PEKKA}") {{ id }} b: client(id: "{EETU}") {{ plans {{ id }} }} }}',
            {"R": {PEKKA, EETU}},
        ),
        ("GET /maps/clients/" + PEKKA, "", {"R": {PEKKA}}),
        # the Virtanen family: Sanna, Mikko, Aada and Eetu (10-family-special-needs.json)
        (
            "GET /summary/families/fam-virtanen",
            "",
            {
                "R": {
                    "cli-sanna-virtanen",
                    "cli-mikko-virtanen",
                    "cli-aada-virtanen",
                    EETU,
                }
            },
        ),
        (
            "POST /graphql",
            'mutation { updateClient(id: "cli-pekka-jarvinen", input: {name: "X"}, '
            "expectedVersion: -1) { __typename } }",
            {"U": {PEKKA}},
        ),
    ],
}


@pytest.mark.parametrize("role", list(SCRIPTS), ids=str)
async def test_every_read_of_a_scripted_session_is_in_the_trail(world: World, role: Role) -> None:
    """Each request of the session is in the trail under its request id, with exactly the
    clients whose data it answered with (or wrote), and nothing else is."""
    subject = f"script-{role}"
    headers = as_role(world.db, role, subject=subject)
    expected: dict[str, dict[str, set[str]]] = {}
    for target, document, clients in SCRIPTS[role]:
        method, path = target.split(" ")
        if method == "GET":
            response = await world.http.get(path, headers=headers)
        else:
            response = await world.http.post(path, json={"query": document}, headers=headers)
        assert response.status_code == 200, (target, response.text)
        expected[response.headers["x-request-id"]] = clients
    rows = await world.db.read("audit", "trail", client=None, **{"from": None, "to": None})
    seen: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        event = row["event"]
        if event["agent"] == subject:
            by_action = seen.setdefault(event["request_id"], {})
            by_action.setdefault(event["action"], set()).add(event["client"])
    assert seen == {rid: clients for rid, clients in expected.items() if clients}
