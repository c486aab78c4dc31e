"""A pyvis network that knows its title, language, legend and gaps, and writes offline HTML.

The page is rendered from ``templates/map.html`` rather than pyvis's own
template, which loads Bootstrap from a CDN: vis-network's script and style are
inlined from the copy pyvis ships, so a written map opens with no network at
all and a served map makes no request beyond its own address.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pyvis
from pyvis.network import Network

from graphsvc.vocab import Lang
from visualise.graph import GapMark
from visualise.terms import Text

VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a node look (``shape``) or an edge look (``line``)."""

    label: str
    color: str
    shape: str | None = None
    line: str | None = None  # "solid", "dashed" or "arrow"
    border: str | None = None


@dataclass(frozen=True)
class GapItem:
    concerns: str
    gap: GapMark


@dataclass(frozen=True)
class TextItem:
    kind: str
    label: str
    details: str


class ServiceMap(Network):  # type: ignore[misc]
    """A map ready to be written: pyvis nodes and edges plus what the page shows around them."""

    def __init__(self, title: str, lang: Lang):
        super().__init__(height="100%", width="100%", directed=True, cdn_resources="in_line")
        self.title = title
        self.lang: Lang = lang
        self.legend: list[LegendEntry] = []
        self.gap_items: list[GapItem] = []
        self.text_items: list[TextItem] = []
        self.physics = True
        self._ids: set[str] = set()

    def put_node(self, node_id: str, **options: Any) -> None:
        """Add a node in constant time (pyvis's ``add_node`` scans a list on every call)."""
        if node_id in self._ids:
            return
        options["id"] = node_id
        self._ids.add(node_id)
        self.nodes.append(options)
        self.node_ids.append(node_id)
        self.node_map[node_id] = options

    def put_edge(self, source: str, target: str, **options: Any) -> None:
        if source not in self._ids or target not in self._ids:
            raise ValueError(f"edge {source} -> {target}: both ends must be nodes of the map")
        options["from"] = source
        options["to"] = target
        self.edges.append(options)

    def vis_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "interaction": {
                "hover": True,
                "tooltipDelay": 150,
                "keyboard": {"enabled": True, "bindToWindow": False},
                "navigationButtons": True,
            },
            "nodes": {"font": {"size": 14, "face": "sans-serif"}},
            "edges": {"font": {"size": 11, "align": "middle"}},
        }
        if self.physics:
            options["physics"] = {
                "enabled": True,
                "solver": "barnesHut",
                "barnesHut": {"gravitationalConstant": -5000, "springLength": 130},
                "stabilization": {"enabled": True, "iterations": 250, "fit": True},
            }
            options["layout"] = {"randomSeed": 7}
            options["edges"]["smooth"] = {"enabled": True, "type": "continuous"}
        else:
            options["physics"] = {"enabled": False}
            options["layout"] = {"improvedLayout": False}
            options["edges"]["smooth"] = False
            options["interaction"]["hideEdgesOnDrag"] = True
            options["interaction"]["hideEdgesOnZoom"] = len(self.nodes) > 1000
        return options

    def generate_html(
        self, name: str = "index.html", local: bool = True, notebook: bool = False
    ) -> str:
        self.html: str = self.render()
        return self.html

    def render(self, *, embed: bool = False) -> str:
        """The whole page; ``embed`` leaves out the heading and gap list for use in a frame."""
        lang = self.lang
        return _template().render(
            embed=embed,
            lang=lang,
            title=self.title,
            text={term.name: term.label(lang) for term in Text},
            legend=self.legend,
            gap_items=self.gap_items,
            text_items=self.text_items if len(self.text_items) <= 500 else [],
            node_count=len(self.nodes),
            nodes_json=_json(self.nodes),
            edges_json=_json(self.edges),
            options_json=_json(self.vis_options()),
            physics=self.physics,
            vis_js=_asset("vis-network.min.js"),
            vis_css=_asset("vis-network.css"),
        )

    def write(self, path: Path) -> None:
        path.write_text(self.render(), encoding="utf-8")


def _json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def _asset(name: str) -> str:
    return (VIS_DIR / name).read_text(encoding="utf-8")


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("map.html")
