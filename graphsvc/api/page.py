"""The coordinator page at ``/``: find a client, see their service map and gaps, fi or en.

The page is plain HTML with its words in the chosen language (``?lang=en``,
Finnish by default); its script (``static/coordinator.js``) asks the GraphQL
API for clients and gaps like any other front-end, and shows the client's map
from ``/maps/clients/{id}`` in a frame. ``?client=ID`` opens a client directly,
so a coordinator can bookmark or share the view; ``?as_of=YYYY-MM-DD`` shows
the network and gaps as they were (or will be) on that day. Under the gaps,
``static/coordinator-actions.js`` offers the coordinator's actions on the client
(through the GraphQL mutations, with the caller's rights); their words are
:class:`ActionText`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from graphsvc.vocab import (
    ConsentPurpose,
    HandoffStatus,
    Lang,
    PlanKind,
    Role,
    Term,
    TransitionKind,
)

STATIC = Path(__file__).resolve().parent / "static"

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "frame-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'"
)


class PageText(Term):
    TITLE = "title", "Asiakkaan palvelukartta", "Client's service map"
    INTRO = (
        "intro",
        "Etsi asiakas nimellä tai asiakastunnuksella. Näet, ketkä asiakasta palvelevat, "
        "kuka vastaa mistäkin ja missä koordinoinnissa on puutteita.",
        "Find a client by name or client id. You will see who serves the client, "
        "who is responsible for what, and where coordination is missing.",
    )
    LANGUAGE = "language", "Kieli", "Language"
    SEARCH_LABEL = "search_label", "Asiakkaan nimi tai tunnus", "Client's name or id"
    SEARCH_HINT = (
        "search_hint",
        "Kirjoita vähintään kaksi merkkiä, esimerkiksi sukunimi.",
        "Type at least two characters, for example a surname.",
    )
    SEARCH = "search", "Hae", "Search"
    SEARCHING = "searching", "Haetaan…", "Searching…"
    RESULTS = "results", "Löytyneet asiakkaat", "Clients found"
    FOUND = "found", "Löytyi {n} asiakasta.", "Found {n} clients."
    NONE_FOUND = (
        "none_found",
        "Asiakasta ei löytynyt. Tarkista nimi tai tunnus.",
        "No client found. Check the name or id.",
    )
    TOO_SHORT = "too_short", "Kirjoita vähintään kaksi merkkiä.", "Type at least two characters."
    BORN = "born", "syntynyt", "born"
    CLIENT_ID = "client_id", "tunnus", "id"
    MAP = "map", "Palvelukartta", "Service map"
    OPEN_MAP = "open_map", "Avaa kartta omalle sivulleen", "Open the map on its own page"
    GAPS = "gaps", "Puutteet koordinoinnissa", "Gaps in coordination"
    NO_GAPS = "no_gaps", "Puutteita ei löytynyt.", "No gaps found."
    EXPLANATION = "explanation", "Mikä on vialla", "What is wrong"
    REMEDY = "remedy", "Mitä tehdä", "What to do"
    SEVERITY = "severity", "Vakavuus", "Severity"
    HIGH = "HIGH", "korkea", "high"
    MEDIUM = "MEDIUM", "keskitaso", "medium"
    LOW = "LOW", "matala", "low"
    LOADING = "loading", "Ladataan asiakkaan tietoja…", "Loading the client…"
    FAILED = (
        "failed",
        "Tietojen haku epäonnistui: {message}. Yritä hetken päästä uudelleen.",
        "Could not get the data: {message}. Please try again in a moment.",
    )
    MY_WORK = "my_work", "Oma työ", "My work"
    PROFESSIONAL_LABEL = "professional_label", "Työntekijän tunnus", "Professional's id"
    PROFESSIONAL_HINT = (
        "professional_hint",
        "Esimerkiksi pro-pirjo-seppala. Näet asiakkaat, joiden koordinoinnissa on puutteita, "
        "sinua odottavat siirrot ja 30 päivän sisällä arvioitavat suunnitelmat.",
        "For example pro-pirjo-seppala. You will see your clients with gaps in coordination, "
        "the handoffs waiting for you and the plans due for review within 30 days.",
    )
    SHOW_WORK = "show_work", "Näytä", "Show"
    WORK_CLIENTS = "work_clients", "Asiakkaat, joilla on puutteita", "Clients with open gaps"
    WORK_HANDOFFS = "work_handoffs", "Sinua odottavat siirrot", "Handoffs waiting for you"
    WORK_PLANS = (
        "work_plans",
        "Arvioitavat suunnitelmat (30 päivää)",
        "Plans due for review (30 days)",
    )
    NOTHING = "nothing", "Ei mitään.", "Nothing."
    GAP_COUNT = "gap_count", "puutteita {n}, vakavin: {worst}", "gaps: {n}, the worst: {worst}"
    REQUESTED_ON = "requested_on", "pyydetty {date}", "requested on {date}"
    REVIEW_ON = "review_on", "arvioidaan {date}", "review on {date}"
    NO_PROFESSIONAL = (
        "no_professional",
        "Työntekijää ei löytynyt. Tarkista tunnus.",
        "No professional found. Check the id.",
    )
    NEEDS_SCRIPT = (
        "needs_script",
        "Sivu tarvitsee JavaScriptin. Kartan voi avata myös osoitteesta /maps/clients/TUNNUS.",
        "This page needs JavaScript. A map also opens at /maps/clients/ID.",
    )


class ActionText(Term):
    """Words of the actions on a client (``static/coordinator-actions.js``)."""

    ACTIONS = "actions", "Toimenpiteet", "Actions"
    ACTIONS_HINT = (
        "actions_hint",
        "Tee muutos tässä. Sivu näyttää heti, mitkä puutteet se korjasi ja mitkä se avasi.",
        "Make a change here. The page shows at once which gaps it closed and which it opened.",
    )
    DO_ASSIGN = "do_assign", "Nimeä vastuuhenkilö", "Assign a responsibility"
    DO_END = "do_end", "Päätä vastuu", "End a responsibility"
    DO_REQUEST = "do_request", "Pyydä vastuun siirtoa", "Request a handoff"
    DO_DECIDE = (
        "do_decide",
        "Hyväksy, hylkää tai päätä siirto",
        "Accept, reject or complete a handoff",
    )
    DO_CONSENT = "do_consent", "Kirjaa suostumus", "Record a consent"
    DO_WITHDRAW = "do_withdraw", "Peru suostumus", "Withdraw a consent"
    DO_PLAN = (
        "do_plan",
        "Suunnitelman arviointipäivä ja vastuuhenkilö",
        "A plan's review date and owner",
    )
    FIX = "fix", "Korjaa: {action}", "Fix: {action}"
    CANCEL = "cancel", "Peruuta", "Cancel"
    DATE_HINT = "date_hint", "Muodossa VVVV-KK-PP.", "As YYYY-MM-DD."
    FIND_NAME = "find_name", "Työntekijän nimi", "Professional's name"
    FIND_ORGANISATION = "find_organisation", "Organisaatio", "Organisation"
    FIND_PROFESSION = "find_profession", "Ammatti tai tehtävä", "Profession or role"
    ANY = "any", "(mikä tahansa)", "(any)"
    NONE = "none", "(ei mitään)", "(none)"
    FIND = "find", "Etsi työntekijöitä", "Find professionals"
    FOUND_PROFESSIONALS = (
        "found_professionals",
        "Löytyi {n} työntekijää.",
        "Found {n} professionals.",
    )
    PROFESSIONAL = "professional", "Työntekijä", "Professional"
    ROLE = "role", "Rooli", "Role"
    SCOPE = "scope", "Mistä vastaa", "Responsible for"
    WHOLE_CLIENT = "whole_client", "asiakkaasta kokonaisuutena", "the client as a whole"
    VALID_FROM = "valid_from", "Alkaen", "From"
    VALID_TO = "valid_to", "Päättyy (valinnainen)", "Until (optional)"
    ASSIGN = "assign", "Nimeä", "Assign"
    RESPONSIBILITY = "responsibility", "Vastuu", "Responsibility"
    ENDS_ON = "ends_on", "Viimeinen voimassaolopäivä", "Last day in force"
    END = "end", "Päätä vastuu", "End the responsibility"
    TRANSITION = "transition", "Siirtymä", "Transition"
    TO_ORG = "to_org", "Vastaanottava organisaatio", "Receiving organisation"
    TO_PROFESSIONAL = (
        "to_professional",
        "Vastaanottava työntekijä (valinnainen)",
        "Receiving professional (optional)",
    )
    CONSENT = "consent", "Suostumus, johon siirto perustuu", "The consent it relies on"
    REQUESTED = "requested", "Pyydetty", "Requested on"
    REQUEST = "request", "Pyydä siirtoa", "Request the handoff"
    HANDOFF = "handoff", "Siirto", "Handoff"
    DECIDED_ON = "decided_on", "Päivä", "On"
    ACCEPT = "accept", "Hyväksy", "Accept"
    REJECT = "reject", "Hylkää", "Reject"
    COMPLETE = "complete", "Merkitse valmiiksi", "Complete"
    FROM_ORG = "from_org", "Luovuttava organisaatio", "From organisation"
    CONSENT_TO_ORG = "consent_to_org", "Vastaanottava organisaatio", "To organisation"
    PURPOSE = "purpose", "Tarkoitus", "Purpose"
    RECORD = "record", "Kirjaa suostumus", "Record the consent"
    WITHDRAWN_ON = "withdrawn_on", "Peruttu alkaen", "Withdrawn from"
    WITHDRAW = "withdraw", "Peru suostumus", "Withdraw the consent"
    PLAN = "plan", "Suunnitelma", "Plan"
    REVIEW_DATE = "review_date", "Arviointipäivä", "Review date"
    OWNER = "owner", "Vastuuhenkilö (valitse haulla)", "Owner (choose by finding)"
    KEEP_OWNER = "keep_owner", "(pidä nykyinen: {name})", "(keep the current: {name})"
    NO_OWNER = "no_owner", "(ei vastuuhenkilöä)", "(no owner)"
    SAVE_PLAN = "save_plan", "Tallenna suunnitelma", "Save the plan"
    SAVING = "saving", "Tallennetaan…", "Saving…"
    DONE = "done", "Tehty: {action}.", "Done: {action}."
    CLOSED = "closed", "Korjautuneet puutteet", "Gaps closed"
    OPENED = "opened", "Uudet puutteet", "Gaps opened"
    NO_CHANGE = "no_change", "Puutteet eivät muuttuneet.", "The gaps did not change."
    CONFLICT = (
        "conflict",
        "Joku muu muutti tätä sillä välin: {message}. Alla on nykyinen tilanne; "
        "tarkista se ja tee muutos uudelleen.",
        "Someone else changed this in the meantime: {message}. The current state is shown "
        "below; check it and make the change again.",
    )
    FORBIDDEN = (
        "forbidden",
        "Sinulla ei ole oikeutta tähän ({message}). Mitään ei muutettu; alla on nykyinen tilanne.",
        "You may not do this ({message}). Nothing was changed; the current state is shown below.",
    )
    REFUSED = (
        "refused",
        "Muutosta ei tehty: {message}.",
        "The change was not made: {message}.",
    )
    CHOOSE = "choose", "Valitse ensin: {what}.", "Choose first: {what}."
    BAD_DATE = (
        "bad_date",
        "Päivämäärä muodossa VVVV-KK-PP: {what}.",
        "A date as YYYY-MM-DD: {what}.",
    )
    CURRENT = "current", "Nykyinen tilanne", "The current state"
    WITHDRAWN_WORD = "withdrawn_word", "peruttu", "withdrawn"


def action_texts(lang: Lang) -> dict[str, str]:
    """The actions' words and the vocabularies their choices show, in ``lang``."""
    texts = {term.value: term.label(lang) for term in ActionText}
    for prefix, vocabulary in (
        ("role", Role),
        ("purpose", ConsentPurpose),
        ("handoff", HandoffStatus),
        ("transition", TransitionKind),
    ):
        texts |= {f"{prefix}_{term.name}": term.label(lang) for term in vocabulary}
    return texts


def page_language(request: Request) -> Lang:
    return "en" if request.query_params.get("lang") == "en" else "fi"


async def coordinator_page(request: Request) -> Response:
    lang = page_language(request)
    texts = {term.value: term.label(lang) for term in PageText}
    texts |= {f"plan_{kind.name}": kind.label(lang) for kind in PlanKind}
    texts |= action_texts(lang)
    kept = {
        name: request.query_params[name]
        for name in ("client", "as_of")
        if request.query_params.get(name)
    }
    html = template("coordinator.html").render(
        lang=lang,
        text=texts,
        texts_json=json.dumps(texts, ensure_ascii=False).replace("<", "\\u003c"),
        client=kept.get("client", ""),
        as_of=kept.get("as_of", ""),
        keep="".join(f"&{urlencode({name: value})}" for name, value in kept.items()),
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": PAGE_POLICY})


def asset(name: str, media_type: str) -> Route:
    async def endpoint(request: Request) -> Response:
        return FileResponse(STATIC / name, media_type=media_type)

    return Route(f"/static/{name}", endpoint, methods=["GET"])


@cache
def template(name: str) -> jinja2.Template:
    """A page template of ``static/``, HTML-escaping what it is given."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(STATIC),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(name)


routes: list[BaseRoute] = [
    Route("/", coordinator_page, methods=["GET"], name="coordinator"),
    asset("coordinator.js", "text/javascript"),
    asset("coordinator-actions.js", "text/javascript"),
    asset("alerts.js", "text/javascript"),
    asset("coordinator.css", "text/css"),
]
