"""The planner page at ``/planning``: the region's analyses as charts, offline.

``/planning?region=ID`` runs every analysis through the Store (so the same
access rules and suppression apply as to the CLI and GraphQL), puts the
reports in the page as JSON, and ``static/planning.js`` draws them with
Vega-Lite. Vega, Vega-Lite and vega-embed (BSD-3-Clause, pinned in
package-lock.json) are inlined from ``node_modules``, so the page fetches
nothing, not even from this server, and works where the network stops at the
machine. Optional: ``as_of``, ``from`` and ``to`` (YYYY-MM-DD) and ``kinds``
(comma-separated service kinds for the shared-clients heat map).

Vega compiles its expressions with ``Function``, so the page's policy allows
``'unsafe-eval'``; scripts are allowed only by the hashes of the inlined
files and ``'self'``, and the page has no input that reaches an expression.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from functools import cache
from html import escape
from pathlib import Path

import jinja2
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from graphsvc.analytics import ANALYSES, Options, Pseudonyms
from graphsvc.auth.policy import RolePolicy
from graphsvc.errors import BadInput, ConfigError, GraphsvcError
from graphsvc.store import Caller, Store

STATIC = Path(__file__).resolve().parent / "static"
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
LIBRARIES = (
    "vega/build/vega.min.js",
    "vega-lite/build/vega-lite.min.js",
    "vega-embed/build/vega-embed.min.js",
)


@cache
def libraries() -> tuple[tuple[str, ...], str]:
    """The inlined scripts and the CSP source list allowing exactly them."""
    missing = [name for name in LIBRARIES if not (NODE_MODULES / name).is_file()]
    if missing:
        raise ConfigError(
            f"the planner page needs {', '.join(missing)} in {NODE_MODULES}: run scripts/bootstrap"
        )
    texts = tuple((NODE_MODULES / name).read_text(encoding="utf-8") for name in LIBRARIES)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() + "'"
        for t in texts
    )
    return texts, hashes


def policy(hashes: str) -> str:
    return (
        f"default-src 'none'; script-src 'self' 'unsafe-eval' {hashes}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'none'; "
        "base-uri 'none'; form-action 'self'"
    )


def _date(request: Request, name: str) -> dt.date | None:
    text = request.query_params.get(name)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{name}: expected a date YYYY-MM-DD, got {text!r}") from None


async def planning_page(request: Request) -> Response:
    try:
        scripts, hashes = libraries()
        region = request.query_params.get("region", "")
        reports = {}
        as_of = _date(request, "as_of") or dt.date.today()
        start, end = _date(request, "from"), _date(request, "to")
        if (start is None) != (end is None):
            raise BadInput("give both from and to, or neither")
        if region:
            caller = getattr(request.state, "caller", None) or Caller()
            store = Store(
                request.app.state.db,
                caller=caller,
                policy=RolePolicy(caller),
                guard=request.app.state.breaker,
            )
            pseudonyms = Pseudonyms.from_settings(request.app.state.settings)
            kinds = [k for k in request.query_params.get("kinds", "").split(",") if k]
            for name in ANALYSES:
                params = {"kinds": kinds} if name == "shared-clients" and kinds else {}
                period = None if start is None or end is None else (start, end)
                options = Options(region, as_of, period, params)
                report = await store.analysis(name, options, pseudonyms)
                reports[name] = report.as_json()
    except GraphsvcError as error:
        status = 400 if isinstance(error, BadInput) else 403 if error.code == "FORBIDDEN" else 503
        return HTMLResponse(
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Planning"
            f"</title></head><body><h1>Planning view not available</h1>"
            f"<p>{escape(error.message)}</p></body></html>",
            status_code=status,
            headers={"Content-Security-Policy": "default-src 'none'"},
        )
    html = _template().render(
        region=region,
        as_of=as_of.isoformat(),
        start="" if start is None else start.isoformat(),
        end="" if end is None else end.isoformat(),
        reports_json=json.dumps(reports, ensure_ascii=False).replace("<", "\\u003c"),
        libraries=scripts,
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": policy(hashes)})


async def planning_script(request: Request) -> Response:
    return FileResponse(STATIC / "planning.js", media_type="text/javascript")


async def planning_style(request: Request) -> Response:
    return FileResponse(STATIC / "planning.css", media_type="text/css")


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(STATIC), autoescape=True)
    return env.get_template("planning.html")


routes: list[BaseRoute] = [
    Route("/planning", planning_page, methods=["GET"], name="planning"),
    Route("/static/planning.js", planning_script, methods=["GET"]),
    Route("/static/planning.css", planning_style, methods=["GET"]),
]
