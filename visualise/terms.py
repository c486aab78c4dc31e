"""What a map can show, each with its Finnish and English label and its look.

The store names node and edge kinds with these codes (``kind`` attribute of a
networkx node or edge); the builders turn them into shapes, colours and the
legend. Colours are paired with distinct shapes or line styles so that a map
can be read without telling colours apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphsvc.vocab import Term


@dataclass(frozen=True)
class NodeStyle:
    shape: str
    color: str
    size: int


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    directed: bool = False
    dashed: bool = False
    width: float = 1.5


class NodeKind(Term):
    CLIENT = "client", "asiakas", "client"
    FAMILY = "family", "perhe", "family"
    ORGANISATION = "organisation", "organisaatio", "organisation"
    SERVICE = "service", "palvelu", "service"
    PROFESSIONAL = "professional", "ammattilainen", "professional"
    PLAN = "plan", "suunnitelma", "plan"
    PATHWAY = "pathway", "hoitoketju", "care pathway"
    STEP = "step", "hoitoketjun vaihe", "pathway step"
    TRANSITION = "transition", "siirtymä", "transition"
    REGION = "region", "alue", "region"


class EdgeKind(Term):
    MEMBER_OF = "member_of", "perheenjäsen", "family member"
    RECEIVES = "receives", "saa palvelua", "receives the service"
    PROVIDED_BY = "provided_by", "palvelun tuottaja", "provided by"
    PART_OF = "part_of", "osa organisaatiota", "part of"
    WORKS_IN = "works_in", "työskentelee", "works in"
    RESPONSIBLE_FOR = "responsible_for", "vastuu", "responsibility"
    HAS_PLAN = "has_plan", "suunnitelma", "plan of"
    COVERS = "covers", "suunnitelma kattaa", "plan covers"
    TRANSITION = "transition", "siirtymä", "transition"
    HANDOFF = "handoff", "vastuun siirto", "handoff"
    HAS_STEP = "has_step", "hoitoketjun vaihe", "step of"
    NEXT_STEP = "next_step", "seuraava vaihe", "next step"
    RESPONSIBLE_ORG = "responsible_org", "vastuuorganisaatio", "responsible organisation"
    USES_SERVICE = "uses_service", "käyttää palvelua", "uses the service"
    FLOW = "flow", "siirtoja organisaatiosta toiseen", "handoffs between organisations"
    IN_REGION = "in_region", "alueella", "in region"


class Mark(Term):
    """Marks drawn on top of a node or edge's own look."""

    FOCUS = "focus", "kartan keskipiste", "centre of the map"
    COORDINATOR = "coordinator", "koordinoi kokonaisuutta", "coordinates the whole"
    CONTACT_PERSON = "contact_person", "perheen yhteyshenkilö", "the family's contact person"
    GAP = "gap", "puute: katso selitys", "gap: see the explanation"


class Text(Term):
    """Words of the map page around the drawing."""

    LEGEND = "legend", "Selite", "Legend"
    GAPS = "gaps", "Puutteet", "Gaps"
    NO_GAPS = "no_gaps", "Puutteita ei löytynyt.", "No gaps found."
    CONCERNS = "concerns", "Koskee", "Concerns"
    EXPLANATION = "explanation", "Selitys", "Explanation"
    REMEDY = "remedy", "Mitä tehdä", "What to do"
    AS_TEXT = "as_text", "Kartta tekstinä", "The map as text"
    MAP = "map", "Kartta", "Map"
    HOW_TO = (
        "how_to",
        "Vedä karttaa siirtääksesi sitä, rullaa lähentääksesi. Vie osoitin kohteen päälle "
        "nähdäksesi lisätiedot.",
        "Drag the map to move it, scroll to zoom. Point at an item to see more.",
    )
    CLIENT_MAP = "client_map", "Palvelukartta", "Service map"
    PROFESSIONAL_MAP = "professional_map", "Asiakkaat ja vastuut", "Caseload"
    ORGANISATION_MAP = "organisation_map", "Organisaation kartta", "Organisation map"
    PATHWAY_MAP = "pathway_map", "Hoitoketju", "Care pathway"
    REGION_MAP = "region_map", "Siirrot organisaatioiden välillä", "Handoffs between organisations"
    SEVERITY = "severity", "Vakavuus", "Severity"
    REVIEW = "review", "tarkistus", "review"
    CASELOAD = "caseload", "asiakkaita", "clients"


NODE_STYLES: dict[NodeKind, NodeStyle] = {
    NodeKind.CLIENT: NodeStyle("star", "#1565c0", 28),
    NodeKind.FAMILY: NodeStyle("hexagon", "#7b1fa2", 22),
    NodeKind.ORGANISATION: NodeStyle("square", "#2e7d32", 20),
    NodeKind.SERVICE: NodeStyle("dot", "#00838f", 16),
    NodeKind.PROFESSIONAL: NodeStyle("triangle", "#e65100", 18),
    NodeKind.PLAN: NodeStyle("diamond", "#6d4c41", 16),
    NodeKind.PATHWAY: NodeStyle("triangleDown", "#4e342e", 22),
    NodeKind.STEP: NodeStyle("box", "#ffe082", 18),
    NodeKind.TRANSITION: NodeStyle("ellipse", "#bbdefb", 16),
    NodeKind.REGION: NodeStyle("database", "#cfd8dc", 20),
}

EDGE_STYLES: dict[EdgeKind, EdgeStyle] = {
    EdgeKind.MEMBER_OF: EdgeStyle("#7b1fa2"),
    EdgeKind.RECEIVES: EdgeStyle("#00838f", width=2),
    EdgeKind.PROVIDED_BY: EdgeStyle("#2e7d32"),
    EdgeKind.PART_OF: EdgeStyle("#81c784", dashed=True),
    EdgeKind.WORKS_IN: EdgeStyle("#ffb74d", dashed=True),
    EdgeKind.RESPONSIBLE_FOR: EdgeStyle("#e65100", width=2),
    EdgeKind.HAS_PLAN: EdgeStyle("#6d4c41"),
    EdgeKind.COVERS: EdgeStyle("#a1887f", dashed=True),
    EdgeKind.TRANSITION: EdgeStyle("#1565c0", directed=True, width=3),
    EdgeKind.HANDOFF: EdgeStyle("#7b1fa2", directed=True, width=3),
    EdgeKind.HAS_STEP: EdgeStyle("#8d6e63", dashed=True),
    EdgeKind.NEXT_STEP: EdgeStyle("#4e342e", directed=True, width=3),
    EdgeKind.RESPONSIBLE_ORG: EdgeStyle("#2e7d32"),
    EdgeKind.USES_SERVICE: EdgeStyle("#00838f", dashed=True),
    EdgeKind.FLOW: EdgeStyle("#7b1fa2", directed=True, width=2),
    EdgeKind.IN_REGION: EdgeStyle("#b0bec5", dashed=True),
}

GAP_COLOR = "#c62828"
COORDINATOR_COLOR = "#f9a825"
CONTACT_COLOR = "#ad1457"
FOCUS_COLOR = "#0d47a1"
