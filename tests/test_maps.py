"""Maps from the store: the graph each map reads from Neo4j, and gaps placed on it."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graphsvc.database import Database
from graphsvc.errors import NotFound
from graphsvc.importing import load_records
from graphsvc.maps import MapKind, build_map, map_graph, read_map
from visualise.graph import MapGraph
from visualise.terms import NodeKind

pytestmark = pytest.mark.anyio

AS_OF = dt.date(2026, 6, 1)


def r(type_: str, id_: str, **fields: Any) -> dict[str, Any]:
    return {"type": type_, "id": id_, **fields}


RECORDS = [
    r("region", "kainuu", name="Kainuu"),
    r(
        "organisation",
        "county",
        name="Kainuun hyvinvointialue",
        kind="wellbeing_county",
        region="kainuu",
    ),
    r(
        "organisation",
        "fc",
        name="Perhekeskus",
        kind="family_centre",
        region="kainuu",
        part_of="county",
    ),
    r(
        "organisation",
        "hosp",
        name="Keskussairaala",
        kind="hospital",
        region="kainuu",
        part_of="county",
    ),
    r("organisation", "ngo", name="Tukiyhdistys", kind="ngo", region="kainuu"),
    r("family", "fam", name="Virtasen perhe"),
    r(
        "client",
        "aino",
        name="Aino Virtanen",
        birth_date="2019-04-02",
        region="kainuu",
        family="fam",
        family_role="child",
    ),
    r(
        "client",
        "maija",
        name="Maija Virtanen",
        birth_date="1988-01-10",
        region="kainuu",
        family="fam",
        family_role="parent",
    ),
    r("client", "other", name="Olli Muu", birth_date="1970-05-05", region="kainuu"),
    r(
        "professional",
        "liisa",
        name="Liisa Lehto",
        profession="sosiaalityöntekijä",
        organisation="fc",
    ),
    r(
        "professional",
        "pekka",
        name="Pekka Puro",
        profession="lastenneurologi",
        organisation="hosp",
    ),
    r(
        "professional",
        "gone",
        name="Entinen",
        profession="terapeutti",
        organisation="fc",
        valid_to="2025-01-01",
    ),
    r(
        "service",
        "neuro",
        name="Lastenneurologia",
        kind="child_neurology",
        level="special",
        sector="health",
        provider="hosp",
    ),
    r(
        "service",
        "speech",
        name="Puheterapia",
        kind="speech_therapy",
        level="basic",
        sector="health",
        provider="fc",
    ),
    r(
        "service",
        "peer",
        name="Vertaisryhmä",
        kind="peer_group",
        level="basic",
        sector="third_sector",
        provider="ngo",
    ),
    r("episode", "e-neuro", client="aino", service="neuro", start="2025-09-01", status="active"),
    r("episode", "e-speech", client="aino", service="speech", start="2026-07-01", status="planned"),
    r(
        "episode",
        "e-old",
        client="aino",
        service="peer",
        start="2020-01-01",
        end="2021-01-01",
        status="ended",
    ),
    r("episode", "e-cancel", client="aino", service="peer", start="2026-01-01", status="cancelled"),
    r(
        "responsibility",
        "r-coord",
        professional="liisa",
        role="coordinator",
        client="aino",
        valid_from="2025-01-01",
    ),
    r(
        "responsibility",
        "r-contact",
        professional="liisa",
        role="contact_person",
        client="maija",
        valid_from="2025-01-01",
    ),
    r(
        "responsibility",
        "r-doc",
        professional="pekka",
        role="treating_physician",
        episode="e-neuro",
        valid_from="2025-09-01",
    ),
    r(
        "responsibility",
        "r-past",
        professional="pekka",
        role="own_worker",
        client="aino",
        valid_from="2020-01-01",
        valid_to="2021-01-01",
    ),
    r(
        "plan",
        "p-care",
        client="aino",
        kind="care_plan",
        owner="pekka",
        services=["neuro"],
        review_date="2026-03-01",
        mode="group_meeting",
        client_participated=True,
        valid_from="2025-09-01",
    ),
    r(
        "transition",
        "t-home",
        client="aino",
        kind="hospital_to_home",
        due_date="2026-06-30",
        from_episode="e-neuro",
        to_episode="e-speech",
    ),
    r(
        "handoff",
        "h1",
        client="aino",
        transition="t-home",
        from_episode="e-neuro",
        to_episode="e-speech",
        from_org="hosp",
        to_org="fc",
        status="requested",
        requested="2026-05-20",
    ),
    r(
        "pathway",
        "pw",
        name="Lasten neurologiset häiriöt",
        need="neurologiset häiriöt",
        region="kainuu",
    ),
    r(
        "step",
        "s1",
        pathway="pw",
        order=1,
        name="Arvio",
        organisation="fc",
        handoff="lähete sairaalaan",
    ),
    r("step", "s2", pathway="pw", order=2, name="Diagnoosi", organisation="hosp", service="neuro"),
    r("step", "s3", pathway="pw", order=3, name="Kuntoutus"),
    r(
        "responsibility",
        "r-step",
        professional="pekka",
        role="step_owner",
        step="s2",
        valid_from="2025-01-01",
    ),
    r(
        "handoff",
        "h2",
        client="other",
        from_org="fc",
        to_org="hosp",
        status="rejected",
        requested="2026-02-01",
        decided="2026-02-03",
    ),
]


@pytest.fixture
async def loaded(db: Database) -> Database:
    await load_records(db, RECORDS, source="test_maps")
    return db


def kinds(graph: MapGraph) -> dict[str, str]:
    return {node: data["kind"] for node, data in graph.nodes(data=True)}


def edges(graph: MapGraph, kind: str) -> set[tuple[str, str]]:
    return {(a, b) for a, b, data in graph.edges(data=True) if data["kind"] == kind}


async def test_client_map_holds_family_services_people_plan_and_transition(
    loaded: Database,
) -> None:
    graph = await map_graph(loaded, MapKind.CLIENT, "aino", lang="fi", as_of=AS_OF)
    assert graph.graph["focus"] == "Client:aino"
    assert set(kinds(graph)) == {
        "Client:aino",
        "Client:maija",
        "Family:fam",
        "Episode:e-neuro",
        "Episode:e-speech",
        "Organisation:hosp",
        "Organisation:fc",
        "Professional:liisa",
        "Professional:pekka",
        "Plan:p-care",
        "Transition:t-home",
    }, "the ended-long-ago and the cancelled episodes and past roles stay off the map"
    assert graph.nodes["Episode:e-neuro"]["label"] == "Lastenneurologia"
    assert graph.nodes["Episode:e-neuro"]["group"] == "Organisation:hosp"
    assert edges(graph, "transition") == {
        ("Episode:e-neuro", "Transition:t-home"),
        ("Transition:t-home", "Episode:e-speech"),
    }
    assert edges(graph, "handoff") == {("Episode:e-neuro", "Episode:e-speech")}
    assert ("Plan:p-care", "Episode:e-neuro") in edges(graph, "covers")


async def test_client_map_marks_coordinator_and_the_familys_contact_person(
    loaded: Database,
) -> None:
    graph = await map_graph(loaded, MapKind.CLIENT, "aino", lang="fi", as_of=AS_OF)
    liisa = graph.nodes["Professional:liisa"]
    assert liisa["coordinator"] is True
    assert liisa["contact_person"] is True, "a child's family member's contact person counts"
    assert sorted(liisa["roles"]) == ["contact_person", "coordinator"]
    pekka = graph.nodes["Professional:pekka"]
    assert "coordinator" not in pekka and pekka["roles"] == ["treating_physician"]
    roles = {
        (a, b, d.get("role"))
        for a, b, d in graph.edges(data=True)
        if d["kind"] == "responsible_for"
    }
    assert ("Professional:pekka", "Episode:e-neuro", "treating_physician") in roles
    assert ("Professional:liisa", "Client:maija", "contact_person") in roles


async def test_client_map_as_of_an_earlier_date_shows_what_held_then(loaded: Database) -> None:
    graph = await map_graph(loaded, MapKind.CLIENT, "aino", lang="en", as_of=dt.date(2020, 6, 1))
    assert "Episode:e-old" in graph
    assert "Episode:e-neuro" not in graph
    assert graph.nodes["Professional:pekka"]["roles"] == ["own_worker"]


async def test_professional_map_counts_the_caseload(loaded: Database) -> None:
    graph = await map_graph(loaded, MapKind.PROFESSIONAL, "pekka", lang="en", as_of=AS_OF)
    me = graph.nodes["Professional:pekka"]
    assert me["caseload"] == 1
    assert {"Episode:e-neuro", "PathwayStep:s2", "Plan:p-care", "Client:aino"} <= set(graph)
    assert ("Client:aino", "Episode:e-neuro") in edges(graph, "receives")


async def test_organisation_map_shows_units_services_staff_and_flows(loaded: Database) -> None:
    graph = await map_graph(loaded, MapKind.ORGANISATION, "fc", lang="en", as_of=AS_OF)
    assert ("Organisation:fc", "Organisation:county") in edges(graph, "part_of")
    assert ("Service:speech", "Organisation:fc") in edges(graph, "provided_by")
    assert ("Professional:liisa", "Organisation:fc") in edges(graph, "works_in")
    assert "Professional:gone" not in graph, "someone who left is not staff"
    flows = {(a, b): d for a, b, d in graph.edges(data=True) if d["kind"] == "flow"}
    assert flows[("Organisation:hosp", "Organisation:fc")]["count"] == 1
    assert flows[("Organisation:fc", "Organisation:hosp")]["note"] == "rejected 1"


async def test_pathway_map_chains_steps_with_their_handoff_text(loaded: Database) -> None:
    graph = await map_graph(loaded, MapKind.PATHWAY, "pw", lang="fi", as_of=AS_OF)
    next_steps = {(a, b): d for a, b, d in graph.edges(data=True) if d["kind"] == "next_step"}
    assert set(next_steps) == {
        ("PathwayStep:s1", "PathwayStep:s2"),
        ("PathwayStep:s2", "PathwayStep:s3"),
    }
    assert next_steps[("PathwayStep:s1", "PathwayStep:s2")]["note"] == "lähete sairaalaan"
    assert "note" not in next_steps[("PathwayStep:s2", "PathwayStep:s3")]
    assert ("PathwayStep:s2", "Organisation:hosp") in edges(graph, "responsible_org")
    assert not any(b for a, b in edges(graph, "responsible_org") if a == "PathwayStep:s3")
    assert graph.nodes["Professional:pekka"]["roles"] == ["step_owner"]


async def test_region_map_counts_handoffs_between_organisations(loaded: Database) -> None:
    graph = await map_graph(loaded, MapKind.REGION, "kainuu", lang="en", as_of=AS_OF)
    assert {n for n, k in kinds(graph).items() if k == NodeKind.ORGANISATION} == {
        "Organisation:county",
        "Organisation:fc",
        "Organisation:hosp",
        "Organisation:ngo",
    }
    assert edges(graph, "flow") == {
        ("Organisation:hosp", "Organisation:fc"),
        ("Organisation:fc", "Organisation:hosp"),
    }
    assert graph.nodes["Organisation:fc"]["group"] == "Organisation:county"


@pytest.mark.parametrize("kind", list(MapKind), ids=lambda k: f"an unknown {k.value} is not found")
async def test_unknown_subject_is_not_found(loaded: Database, kind: MapKind) -> None:
    with pytest.raises(NotFound, match="nobody-here"):
        await map_graph(loaded, kind, "nobody-here", as_of=AS_OF)


async def test_built_client_map_is_a_page_with_the_clients_name(loaded: Database) -> None:
    smap = await build_map(loaded, MapKind.CLIENT, "aino", lang="fi", as_of=AS_OF)
    assert smap.title == "Palvelukartta: Aino Virtanen"
    assert smap.num_nodes() == 11
    assert "Aino Virtanen" in smap.render()


class FakeSeverity:
    def label(self, lang: str) -> str:
        return "korkea" if lang == "fi" else "high"


class Finding:
    """Stands in for the gap engine's Finding in the placement tests below."""

    def __init__(self, subject_type: str, subject_id: str, evidence: list[dict[str, str]]):
        self.rule_id = "rule"
        self.subject_type = subject_type
        self.subject_id = subject_id
        self.client_id: str | None = None
        self.evidence = evidence
        self.severity = FakeSeverity()

    def title(self, lang: str) -> str:
        return "title"

    def explanation(self, lang: str) -> str:
        return "explanation"

    def remedy(self, lang: str) -> str:
        return "remedy"


@pytest.mark.parametrize(
    ("finding", "where"),
    [
        (Finding("client", "aino", []), "Client:aino"),
        (Finding("transition", "t-home", []), "Transition:t-home"),
        (Finding("handoff", "h1", []), ("Episode:e-neuro", "Episode:e-speech")),
        (Finding("responsibility", "r-doc", []), ("Professional:pekka", "Episode:e-neuro")),
        (
            Finding(
                "consent",
                "nope",
                [
                    {"type": "FOR", "from": "r-x", "to": "e-neuro"},
                    {"label": "Episode", "id": "e-speech"},
                ],
            ),
            "Episode:e-speech",
        ),
        (Finding("goal", "unknown", []), "Client:aino"),
    ],
    ids=[
        "a finding about the client lands on the client",
        "a finding about a transition lands on its node",
        "a finding about a handoff lands on the handoff edge",
        "a finding about a responsibility lands on the role edge",
        "otherwise the first evidence node on the map",
        "otherwise the centre of the map",
    ],
)
async def test_gaps_land_on_what_they_concern(
    loaded: Database, finding: Finding, where: str | tuple[str, str]
) -> None:
    builder = await read_map(loaded, MapKind.CLIENT, "aino", lang="en", as_of=AS_OF)
    graph = builder.graph
    assert builder.attach([finding], fallback=True) == 1
    marked_nodes = [n for n, d in graph.nodes(data=True) if d.get("gaps")]
    marked_edges = [(a, b) for a, b, d in graph.edges(data=True) if d.get("gaps")]
    assert marked_nodes + marked_edges == [where]
    (mark,) = (graph.nodes[where] if isinstance(where, str) else _edge_data(graph, where))["gaps"]
    assert (mark.severity, mark.remedy) == ("high", "remedy")


def _edge_data(graph: MapGraph, pair: tuple[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = next(iter(graph[pair[0]][pair[1]].values()))
    return data


async def test_map_command_writes_a_page_that_needs_no_network(
    loaded: Database, cli_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "aino.html"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "graphsvc",
            "map",
            "client",
            "aino",
            "--lang",
            "en",
            "--as-of",
            "2026-06-01",
            "-o",
            str(out),
        ],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Service map: Aino Virtanen, 11 nodes" in done.stdout
    html = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Lastenneurologia" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?:""", html)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["client", "nobody"], "no client with id 'nobody'"),
        (["client", "aino", "--as-of", "1.6.2026"], "'1.6.2026' is not a date YYYY-MM-DD"),
    ],
    ids=["an unknown client is named", "a date in the wrong form is named"],
)
async def test_map_command_explains_what_is_wrong(
    loaded: Database, cli_env: dict[str, str], tmp_path: Path, args: list[str], message: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "graphsvc", "map", *args, "-o", str(tmp_path / "x.html")],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert message in done.stderr
    assert not (tmp_path / "x.html").exists()


async def test_gap_engine_findings_are_drawn_on_the_client_map(loaded: Database) -> None:
    graph = await map_graph(loaded, MapKind.CLIENT, "aino", lang="en", as_of=AS_OF)
    marks = {
        (where, gap.rule_id)
        for where, data in graph.nodes(data=True)
        for gap in data.get("gaps", [])
    } | {
        ((a, b), gap.rule_id)
        for a, b, data in graph.edges(data=True)
        for gap in data.get("gaps", [])
    }
    assert marks == {
        ("Plan:p-care", "plan-review-overdue"),
        ("Transition:t-home", "transition-without-receiver"),
        (("Episode:e-neuro", "Episode:e-speech"), "handoff-without-consent"),
    }, "the overdue plan, the transition nobody receives and the handoff without consent"
    (gap,) = [g for g in graph.nodes["Plan:p-care"]["gaps"] if g.rule_id == "plan-review-overdue"]
    assert "2026-03-01" in gap.explanation
    assert gap.remedy


async def test_pathway_map_draws_the_pathways_own_gaps_only(loaded: Database) -> None:
    graph = await map_graph(loaded, MapKind.PATHWAY, "pw", lang="en", as_of=AS_OF)
    marks = {
        (where, gap.rule_id)
        for where, data in graph.nodes(data=True)
        for gap in data.get("gaps", [])
    } | {
        ((a, b), gap.rule_id)
        for a, b, data in graph.edges(data=True)
        for gap in data.get("gaps", [])
    }
    assert marks == {
        ("PathwayStep:s3", "step-without-organisation"),
        (("PathwayStep:s2", "PathwayStep:s3"), "step-without-handoff"),
    }, "no handoff agreed from step 2 is drawn on the arrow to step 3; Aino's gaps stay off"
