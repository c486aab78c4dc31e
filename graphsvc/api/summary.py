"""The family's summary as a printable page, in Finnish or English.

``GET /summary/clients/{id}`` and ``GET /summary/families/{id}`` answer one
page with whom to call, who does what, the plans' goals and the next review
(:mod:`graphsvc.summary`), read through the Store. Query parameters: ``lang``
(``fi``, the default, or ``en``) and ``as_of`` (``YYYY-MM-DD``, default
today). The page is laid out for one A4 sheet: the browser's "print" (or
"save as PDF") gives the family its paper copy. It has no script, and its
Content-Security-Policy lets it load only its own style sheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from graphsvc.api.maps import as_of, language
from graphsvc.api.page import asset, template
from graphsvc.auth.maps import audit_clients, may_see_clients
from graphsvc.auth.policy import RolePolicy
from graphsvc.auth.roles import Role
from graphsvc.database import Database
from graphsvc.errors import BadInput, GraphsvcError, NotFound
from graphsvc.store import Caller, Store
from graphsvc.summary import Duty, Summary, role_in_words
from graphsvc.vocab import GoalStatus, Lang, PlanKind, Term

SUMMARY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'"
)

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class SummaryText(Term):
    CLIENT_TITLE = "client_title", "Yhteenveto: {name}", "Summary: {name}"
    FAMILY_TITLE = "family_title", "Perheen yhteenveto: {name}", "Family summary: {name}"
    AS_OF = "as_of", "Tilanne {date}.", "As of {date}."
    MEMBERS = "members", "Perheenjäsenet", "Family members"
    CONTACT = "contact", "Keneen otatte yhteyttä", "Whom to call"
    YOUR_CONTACT = "your_contact", "Yhteyshenkilönne", "Your contact person"
    NO_CONTACT = (
        "no_contact",
        "Teille ei ole vielä nimetty yhteyshenkilöä.",
        "No contact person has been named for you yet.",
    )
    ASK_COORDINATOR = (
        "ask_coordinator",
        "Siihen asti voitte ottaa yhteyttä:",
        "Until then you can call:",
    )
    ASK_ANYONE = (
        "ask_anyone",
        "Pyytäkää keneltä tahansa alla mainitulta työntekijältä, että teille nimetään "
        "yhteyshenkilö. Teillä on oikeus tietää, kuka vastaa kokonaisuudesta.",
        "Ask any of the workers below to name one for you. You have the right to know "
        "who is responsible for the whole.",
    )
    REACH = (
        "reach",
        "Tavoitatte hänet työpaikan kautta: {places}.",
        "You can reach them through their workplace: {places}.",
    )
    WHO_DOES_WHAT = "who_does_what", "Kuka tekee mitä", "Who does what"
    SERVICE = "service", "Palvelu", "Service"
    FOR = "for", "Kenelle", "For"
    PROVIDER = "provider", "Järjestäjä", "Provided by"
    WORKERS = "workers", "Työntekijä ja tehtävä", "Worker and role"
    SINCE = "since", "alkaen {date}", "since {date}"
    NOBODY = "nobody", "ei nimettyä työntekijää", "no worker named"
    NO_SERVICES = "no_services", "Ei palveluita käynnissä.", "No services running."
    ALSO = "also", "Lisäksi", "Also"
    PLANS = "plans", "Suunnitelmat ja tavoitteet", "Plans and goals"
    NO_PLANS = "no_plans", "Ei voimassa olevia suunnitelmia.", "No plans in force."
    OWNER = "owner", "Vastuuhenkilö", "Responsible"
    NO_OWNER = "no_owner", "ei nimetty", "none named"
    REVIEW = "review", "Arvioidaan", "Review"
    NO_REVIEW = "no_review", "ei sovittu", "not agreed"
    NOT_PARTICIPATED = (
        "not_participated",
        "Ette olleet mukana tekemässä tätä suunnitelmaa: pyytäkää päästä mukaan.",
        "You were not part of making this plan: ask to take part.",
    )
    YOUR_PART = "your_part", "Seuraava arviointi ja teidän osuutenne", "Next review and your part"
    NEXT_REVIEW = (
        "next_review",
        "Seuraava arviointi on {date}: {plan}{owner}.",
        "The next review is on {date}: {plan}{owner}.",
    )
    NO_NEXT_REVIEW = (
        "no_next_review",
        "Seuraavaa arviointia ei ole sovittu. Pyytäkää, että se sovitaan.",
        "No review has been agreed. Ask for one to be agreed.",
    )
    TAKE_PART = (
        "take_part",
        "Suunnitelma tehdään yhdessä teidän kanssanne. Miettikää etukäteen, mitkä tavoitteet "
        "ovat edenneet ja mitä haluatte muuttaa. Voitte ottaa mukaan läheisen.",
        "The plan is made together with you. Think beforehand which goals have moved "
        "forward and what you want to change. You may bring someone close to you.",
    )


def long_date(day: dt.date, lang: Lang) -> str:
    if lang == "fi":
        return f"{day.day}.{day.month}.{day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def summary_endpoint(kind: str) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        db: Database = request.app.state.db
        try:
            lang = language(request)
            day = as_of(request) or dt.date.today()
            id = request.path_params["id"]
            caller: Caller = getattr(request.state, "caller", None) or Caller()
            store = Store(
                db, caller=caller, policy=RolePolicy(caller), guard=request.app.state.breaker
            )
            clients = [id] if kind == "client" else await store.family_members(id)
            await authorize_clients(request, clients, kind=kind, id=id)
            found = await store.summary(kind, id, day)
        except GraphsvcError as error:
            return error_page(error)
        return HTMLResponse(
            render(found, lang), headers={"Content-Security-Policy": SUMMARY_POLICY}
        )

    return endpoint


async def authorize_clients(request: Request, clients: list[str], *, kind: str, id: str) -> None:
    """Admins read every summary; professionals and coordinators the summaries of clients
    (or families all of whose members) they may see. Anyone else is told it is not there,
    so a summary does not reveal that an id exists. The read is audited before it leaves."""
    caller: Caller = getattr(request.state, "caller", None) or Caller()
    if caller.role != Role.ADMIN and not await may_see_clients(request, clients):
        raise NotFound(f"there is no {kind} {id}", field="id")
    await audit_clients(request, clients, operation="summary")


def error_page(error: GraphsvcError) -> HTMLResponse:
    status = 404 if isinstance(error, NotFound) else 400 if isinstance(error, BadInput) else 503
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<link rel="icon" href="data:,"><title>Summary not available</title></head><body>'
        f"<main><h1>Summary not available</h1><p>{escape(str(error))}</p></main></body></html>"
    )
    return HTMLResponse(
        body, status_code=status, headers={"Content-Security-Policy": SUMMARY_POLICY}
    )


def render(summary: Summary, lang: Lang) -> str:
    text = {term.value: term.label(lang) for term in SummaryText}
    title = SummaryText.FAMILY_TITLE if summary.kind == "family" else SummaryText.CLIENT_TITLE
    nxt = summary.next_review
    next_review = None
    if nxt is not None and nxt.review_date is not None:
        owner = f", {nxt.owner.name}" if nxt.owner is not None else ""
        next_review = text["next_review"].format(
            date=long_date(nxt.review_date, lang),
            plan=_plan_name(nxt.kind, nxt.client, lang, summary),
            owner=owner,
        )
    return template("summary.html").render(
        lang=lang,
        text=text,
        title=title.label(lang).format(name=summary.name),
        as_of=text["as_of"].format(date=long_date(summary.as_of, lang)),
        summary=summary,
        many=len({line.client for line in summary.services}) > 1,
        next_review=next_review,
        date=lambda day: long_date(day, lang),
        role=lambda duty: role_in_words(duty.role, lang),
        reach=lambda duty: _reach(duty, text),
        plan_name=lambda line: _plan_name(line.kind, line.client, lang, summary),
        goal_status=lambda status: GoalStatus[status.upper()].label(lang),
    )


def _reach(duty: Duty, text: dict[str, str]) -> str:
    if not duty.person.organisations:
        return ""
    return text["reach"].format(places=", ".join(duty.person.organisations))


def _plan_name(kind: str, client: str, lang: Lang, summary: Summary) -> str:
    name = PlanKind[kind.upper()].label(lang)
    name = name[0].upper() + name[1:]
    return f"{name} ({client})" if len(summary.members) > 1 else name


routes: list[BaseRoute] = [
    Route("/summary/clients/{id}", summary_endpoint("client"), methods=["GET"]),
    Route("/summary/families/{id}", summary_endpoint("family"), methods=["GET"]),
    asset("summary.css", "text/css"),
]
