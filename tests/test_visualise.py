"""The map builders on small hand-made graphs: nodes, edges, marks, gaps, legend, offline HTML."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest

from visualise.builders import (
    client_map,
    organisation_map,
    pathway_map,
    professional_map,
    region_map,
)
from visualise.graph import GapMark, MapGraph, new_graph
from visualise.layout import LARGE, group_positions
from visualise.servicemap import ServiceMap
from visualise.terms import CONTACT_COLOR, COORDINATOR_COLOR, GAP_COLOR

NO_COORDINATOR = GapMark(
    rule_id="no_coordinator",
    severity="high",
    title="No coordinator",
    explanation="Three organisations serve Aino and nobody coordinates.",
    remedy="Name a responsible worker.",
)
MISSING_HANDOFF = GapMark(
    rule_id="missing_handoff",
    severity="high",
    title="Missing handoff",
    explanation="Child psychiatry ends at 18 with no receiving owner.",
    remedy="Agree the handoff with adult psychiatry.",
)


def family_graph() -> MapGraph:
    """Aino (7) and her mother; two services in two organisations; a coordinator and a gap."""
    g = new_graph(focus="aino", title="Aino")
    g.add_node("aino", kind="client", label="Aino", birth_date="2018-03-01", gaps=[NO_COORDINATOR])
    g.add_node("fam", kind="family", label="Family Virtanen")
    g.add_node("mother", kind="client", label="Maija")
    g.add_node("ped", kind="organisation", label="Children's hospital", org_kind="hospital")
    g.add_node("fc", kind="organisation", label="Family centre", org_kind="family_centre")
    g.add_node("neuro", kind="service", label="Child neurology", status="active", sector="health")
    g.add_node("speech", kind="service", label="Speech therapy", status="planned")
    g.add_node("liisa", kind="professional", label="Liisa", roles=["coordinator"], coordinator=True)
    g.add_node(
        "pekka", kind="professional", label="Pekka", roles=["contact_person"], contact_person=True
    )
    g.add_edge("aino", "fam", kind="member_of")
    g.add_edge("mother", "fam", kind="member_of")
    g.add_edge("aino", "neuro", kind="receives")
    g.add_edge("aino", "speech", kind="receives")
    g.add_edge("neuro", "ped", kind="provided_by")
    g.add_edge("speech", "fc", kind="provided_by")
    g.add_edge("liisa", "aino", kind="responsible_for", role="coordinator")
    g.add_edge("pekka", "fam", kind="responsible_for", role="contact_person")
    g.add_edge(
        "neuro",
        "speech",
        kind="transition",
        transition_kind="hospital_to_home",
        due_date="2026-12-01",
        gaps=[MISSING_HANDOFF],
    )
    g.add_edge("ped", "fc", kind="handoff", status="requested")
    return g


def node(smap: ServiceMap, node_id: str) -> dict[str, Any]:
    found: dict[str, Any] = smap.node_map[node_id]
    return found


def edges_of_kind(smap: ServiceMap, kind: str) -> list[dict[str, Any]]:
    return [edge for edge in smap.edges if edge["kind"] == kind]


def legend_labels(smap: ServiceMap) -> list[str]:
    return [entry.label for entry in smap.legend]


def test_client_map_has_every_person_service_and_organisation_of_the_graph() -> None:
    smap = client_map(family_graph(), "en")
    assert sorted(smap.get_nodes()) == sorted(
        ["aino", "fam", "mother", "ped", "fc", "neuro", "speech", "liisa", "pekka"]
    )
    assert smap.num_edges() == 10
    assert smap.title == "Service map: Aino"


def test_client_is_fixed_at_the_centre_of_the_client_map() -> None:
    aino = node(client_map(family_graph(), "en"), "aino")
    assert (aino["x"], aino["y"], aino["fixed"]) == (0.0, 0.0, True)


def test_coordinator_and_contact_person_are_marked_in_colour_and_in_words() -> None:
    smap = client_map(family_graph(), "en")
    liisa, pekka = node(smap, "liisa"), node(smap, "pekka")
    assert liisa["color"]["border"] == COORDINATOR_COLOR
    assert liisa["label"].startswith("\u2605 Liisa")
    assert "coordinates the whole" in liisa["title"]
    assert pekka["color"]["border"] == CONTACT_COLOR
    assert "the family's contact person" in pekka["title"]
    assert "coordinates the whole" not in pekka["title"]


def test_gap_on_a_node_is_drawn_on_it_with_explanation_and_remedy_in_the_tooltip() -> None:
    aino = node(client_map(family_graph(), "en"), "aino")
    assert aino["color"]["border"] == GAP_COLOR
    assert aino["label"].startswith("\u26a0")
    assert NO_COORDINATOR.explanation in aino["title"]
    assert NO_COORDINATOR.remedy in aino["title"]


def test_gap_on_an_edge_is_drawn_on_that_edge_only() -> None:
    smap = client_map(family_graph(), "en")
    (transition,) = edges_of_kind(smap, "transition")
    assert transition["color"]["color"] == GAP_COLOR
    assert transition["dashes"] is True
    assert MISSING_HANDOFF.remedy in transition["title"]
    (receives, *_) = edges_of_kind(smap, "receives")
    assert receives["color"]["color"] != GAP_COLOR
    assert "\u26a0" not in receives["title"]


def test_gap_list_names_what_each_gap_concerns() -> None:
    items = client_map(family_graph(), "en").gap_items
    assert [(item.gap.rule_id, item.concerns) for item in items] == [
        ("no_coordinator", "Aino"),
        ("missing_handoff", "transition: Child neurology \u2192 Speech therapy"),
    ]


def test_transitions_and_handoffs_are_directed_and_other_edges_are_not() -> None:
    smap = client_map(family_graph(), "en")
    directed = {e["kind"] for e in smap.edges if e["arrows"]["to"]["enabled"]}
    assert directed == {"transition", "handoff"}
    assert {(e["from"], e["to"]) for e in edges_of_kind(smap, "handoff")} == {("ped", "fc")}


def test_legend_lists_what_the_map_shows_and_nothing_else() -> None:
    labels = legend_labels(client_map(family_graph(), "en"))
    for shown in ["client", "family", "organisation", "service", "professional"]:
        assert shown in labels
    for shown in ["transition", "handoff", "family member", "responsibility"]:
        assert shown in labels
    assert "\u2605 coordinates the whole" in labels
    assert "\u26a0 gap: see the explanation" in labels
    assert "care pathway" not in labels
    assert "plan" not in labels


@pytest.mark.parametrize(
    ("lang", "role", "kind", "transition"),
    [
        ("fi", "koordinaattori", "asiakas", "sairaalasta kotiin"),
        ("en", "coordinator", "client", "from hospital to home"),
    ],
    ids=["finnish map speaks finnish", "english map speaks english"],
)
def test_labels_follow_the_language(lang: Any, role: str, kind: str, transition: str) -> None:
    smap = client_map(family_graph(), lang)
    assert role in node(smap, "liisa")["label"]
    assert kind in legend_labels(smap)
    (edge,) = edges_of_kind(smap, "transition")
    assert transition in edge["label"]
    assert f'<html lang="{lang}">' in smap.render()


def test_professional_map_shows_the_caseload_around_the_professional() -> None:
    g = new_graph(focus="liisa", title="Liisa")
    g.add_node("liisa", kind="professional", label="Liisa", caseload=2)
    for client in ["aino", "matias"]:
        g.add_node(client, kind="client", label=client.title())
        g.add_edge("liisa", client, kind="responsible_for", role="responsible_worker")
    smap = professional_map(g, "fi")
    assert smap.title == "Asiakkaat ja vastuut: Liisa"
    assert node(smap, "liisa")["fixed"] is True
    assert [e["label"] for e in smap.edges] == ["vastuutyöntekijä", "vastuutyöntekijä"]
    assert "asiakkaita 2" in node(smap, "liisa")["title"]


def test_organisation_map_shows_units_services_and_staff() -> None:
    g = new_graph(focus="county", title="Pohjois-Savo")
    g.add_node("county", kind="organisation", label="Pohjois-Savo", org_kind="wellbeing_county")
    g.add_node("unit", kind="organisation", label="Kuopio family centre", org_kind="family_centre")
    g.add_node("svc", kind="service", label="Family work", level="basic", sector="social")
    g.add_node("anna", kind="professional", label="Anna", profession="sosiaaliohjaaja")
    g.add_edge("unit", "county", kind="part_of")
    g.add_edge("svc", "unit", kind="provided_by")
    g.add_edge("anna", "unit", kind="works_in")
    smap = organisation_map(g, "en")
    assert smap.num_nodes() == 4
    assert "wellbeing services county" in node(smap, "county")["title"]
    assert "basic level, social services" in node(smap, "svc")["title"]
    assert {"part of", "works in", "provided by"} <= set(legend_labels(smap))


def pathway_graph() -> MapGraph:
    g = new_graph(focus="pw", title="Child neurology")
    g.add_node("pw", kind="pathway", label="Child neurology")
    names = {3: "Rehabilitation", 1: "Assessment", 2: "Diagnosis"}
    for order, name in names.items():
        g.add_node(f"s{order}", kind="step", label=name, order=order)
        g.add_edge("pw", f"s{order}", kind="has_step")
    g.add_node("org", kind="organisation", label="Hospital")
    g.add_edge("s2", "org", kind="responsible_org")
    g.add_edge("s1", "s2", kind="next_step", note="referral with the assessment")
    g.add_edge("s2", "s3", kind="next_step", gaps=[MISSING_HANDOFF])
    g.nodes["s3"]["gaps"] = [NO_COORDINATOR]
    return g


def test_pathway_steps_are_set_in_order_from_left_to_right() -> None:
    smap = pathway_map(pathway_graph(), "en")
    xs = [node(smap, f"s{order}")["x"] for order in (1, 2, 3)]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert node(smap, "s1")["label"] == "1. Assessment"
    assert node(smap, "pw")["x"] < xs[0]


def test_pathway_map_marks_the_step_without_handoff_and_without_owner() -> None:
    smap = pathway_map(pathway_graph(), "en")
    by_pair = {(e["from"], e["to"]): e for e in edges_of_kind(smap, "next_step")}
    assert by_pair[("s2", "s3")]["color"]["color"] == GAP_COLOR
    assert by_pair[("s1", "s2")]["color"]["color"] != GAP_COLOR
    assert "referral with the assessment" in by_pair[("s1", "s2")]["title"]
    assert node(smap, "s3")["color"]["border"] == GAP_COLOR
    assert len(smap.gap_items) == 2


def test_region_map_draws_bigger_flows_wider() -> None:
    g = new_graph(title="Kainuu")
    for org in ["a", "b", "c"]:
        g.add_node(org, kind="organisation", label=org)
    g.add_edge("a", "b", kind="flow", count=40)
    g.add_edge("b", "c", kind="flow", count=2)
    smap = region_map(g, "en")
    widths = {(e["from"], e["to"]): e["width"] for e in smap.edges}
    assert widths[("a", "b")] > widths[("b", "c")]
    assert {e["label"] for e in smap.edges} == {"40", "2"}


def big_region(organisations: int) -> MapGraph:
    g = new_graph(title="Big")
    for i in range(organisations):
        g.add_node(f"o{i}", kind="organisation", label=f"Org {i}", group=f"area{i % 7}")
    for i in range(organisations - 1):
        g.add_edge(f"o{i}", f"o{i + 1}", kind="flow", count=1)
    return g


def test_small_maps_use_physics_and_large_maps_get_positions_with_physics_off() -> None:
    small = region_map(big_region(LARGE), "en")
    assert small.physics is True
    assert small.vis_options()["physics"]["enabled"] is True
    large = region_map(big_region(LARGE + 1), "en")
    assert large.physics is False
    assert large.vis_options()["physics"] == {"enabled": False}
    points = {(n["x"], n["y"]) for n in large.nodes}
    assert len(points) == LARGE + 1, "every node has its own place"


def test_large_layout_keeps_each_group_together() -> None:
    g = big_region(700)
    positions = group_positions(g)
    centre: dict[str, tuple[float, float]] = {}
    for group in {data["group"] for _, data in g.nodes(data=True)}:
        members = [positions[n] for n, d in g.nodes(data=True) if d["group"] == group]
        centre[group] = (
            sum(x for x, _ in members) / len(members),
            sum(y for _, y in members) / len(members),
        )
    for n, data in g.nodes(data=True):
        own = math.dist(positions[n], centre[data["group"]])
        nearest = min(centre, key=lambda group: math.dist(positions[n], centre[group]))
        assert nearest == data["group"], f"{n} sits nearer another group ({own:.0f} px)"


def test_written_page_needs_nothing_from_the_network(tmp_path: Any) -> None:
    page = tmp_path / "map.html"
    client_map(family_graph(), "fi").write(page)
    html = page.read_text(encoding="utf-8")
    fetched = re.findall(
        r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
        html,
        flags=re.I,
    )
    assert fetched == []
    assert "new vis.Network(" in html
    assert "vis.DataSet" in html and len(html) > 400_000, "vis-network is inlined"


def test_names_cannot_break_out_of_the_page() -> None:
    g = new_graph(focus="x", title="<b>x</b>")
    g.add_node("x", kind="client", label="</script><script>alert(1)</script>")
    html = client_map(g, "en").render()
    assert "<script>alert(1)" not in html
    assert "<b>x</b>" not in html


def test_unknown_kind_is_refused_with_the_node_named() -> None:
    g = new_graph()
    g.add_node("n1", kind="spaceship", label="?")
    with pytest.raises(ValueError, match="node 'n1': kind 'spaceship'"):
        client_map(g, "en")


def test_focus_missing_from_the_graph_is_refused() -> None:
    g = new_graph(focus="ghost")
    g.add_node("n1", kind="client", label="Aino")
    with pytest.raises(ValueError, match="focus 'ghost'"):
        client_map(g, "en")
