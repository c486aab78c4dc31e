"""The rule catalogue: every coordination gap graphsvc detects.

Each rule is one Cypher query, ``cypher/gaps/<id>.cypher`` (query name = rule
id), returning rows of one shape: ``rule, subject_type, subject_id, client_id,
region_id, evidence, facts``. Texts are ``str.format`` templates filled from a
finding's facts (vocabulary codes shown as labels, lists joined with commas).
``parameters`` are the documented defaults; callers override them by name.
Seeds are the source documents in ``../shared/seeds`` the rule rests on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from graphsvc import vocab
from graphsvc.errors import BadInput
from graphsvc.gaps.findings import Family, Severity
from graphsvc.vocab import Lang

SCOPE_PARAMETERS = frozenset(
    {"clients", "region", "pathway", "as_of", "service_kinds", "umbrella_kinds"}
)
"""What every rule query may take besides its own parameters (``service_kinds``:
the codes of ``vocab.ServiceKind``; ``umbrella_kinds``: ``vocab.UMBRELLA_KINDS``;
fixed by the vocabulary, not settings)."""


@dataclass(frozen=True)
class Rule:
    id: str
    family: Family
    severity: Severity
    title_fi: str
    title_en: str
    explanation_fi: str
    explanation_en: str
    remedy_fi: str
    remedy_en: str
    seed: tuple[str, ...]
    parameters: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    subject: str = "client"
    """What the rule is about: ``client`` (scoped by client), ``pathway`` (by pathway)
    or ``professional``; a client-only scope leaves pathway rules out."""

    def title(self, lang: Lang) -> str:
        return self.title_fi if lang == "fi" else self.title_en

    def explanation(self, lang: Lang) -> str:
        return self.explanation_fi if lang == "fi" else self.explanation_en

    def remedy(self, lang: Lang) -> str:
        return self.remedy_fi if lang == "fi" else self.remedy_en


def _params(**defaults: Any) -> Mapping[str, Any]:
    return MappingProxyType(defaults)


_LOOKBACK = 365
"""Days back from the as-of date in which a past transition or handoff still counts."""


@dataclass(frozen=True)
class Horizon:
    days: int
    seeds: tuple[str, ...]
    basis: str


HORIZONS: dict[str, Horizon] = {
    "child_to_adult_services": Horizon(
        180,
        ("000", "002"),
        "turning 18 in child or youth psychiatry: the adult service "
        "needs a referral and a first meeting before the birthday",
    ),
    "child_welfare_to_aftercare": Horizon(
        180,
        ("002",),
        "turning 18 in child welfare: the aftercare plan and its worker "
        "are agreed while the placement still lasts",
    ),
    "aftercare_end": Horizon(
        180,
        ("002",),
        "aftercare ends (at 23): adult social work or other support is arranged before it does",
    ),
    "daycare_to_school": Horizon(
        300,
        ("000", "002"),
        "school starts in August; enrolment and the transfer "
        "meetings between day care and school are held in the spring before",
    ),
    "school_to_secondary": Horizon(
        300,
        ("002",),
        "secondary education starts in August after the joint "
        "application in late winter; support is handed on in the spring",
    ),
    "hospital_to_home": Horizon(
        60,
        ("000", "004"),
        "a discharge is planned during the stay; home care or "
        "rehabilitation must be ready on the day",
    ),
    "work_trial_to_work_or_study": Horizon(
        90, ("004",), "the step after a work trial (work, studies) is planned in its last months"
    ),
}
"""Default horizon per transition kind: how many days ahead a transition of that
kind needs a receiving owner, with the seeds that describe that transition (the
number of days is the project's reading of them, not a figure in the seeds)."""

RULES: tuple[Rule, ...] = (
    # --- no owner ---------------------------------------------------------------
    Rule(
        "no-coordinator",
        Family.NO_OWNER,
        Severity.HIGH,
        "Monta organisaatiota, ei koordinaattoria",
        "Several organisations, no coordinator",
        "Asiakkaalla {client} on samanaikaisia palveluja {organisation_count} organisaatiossa "
        "({organisations}), mutta kukaan ei ole hänen vastuutyöntekijänsä, koordinaattorinsa, "
        "palveluohjaajansa tai työkykykoordinaattorinsa: koordinointi jää perheelle (metatyö).",
        "{client} has concurrent services in {organisation_count} organisations "
        "({organisations}) but nobody is their responsible worker, coordinator, service "
        "counsellor or work-ability coordinator: coordination falls on the family (meta-work).",
        "Nimeä asiakkaalle {client} vastuutyöntekijä tai koordinaattori ja sopikaa, miten "
        "organisaatiot pitävät hänet ajan tasalla.",
        "Name a responsible worker or coordinator for {client} and agree how the "
        "organisations keep them up to date.",
        ("000", "004"),
        _params(
            min_organisations=2,
            coordinating_roles=sorted(role.value for role in vocab.COORDINATING_ROLES),
        ),
    ),
    Rule(
        "episode-without-responsible",
        Family.NO_OWNER,
        Severity.MEDIUM,
        "Palvelujaksolla ei ole vastuuhenkilöä",
        "Service episode with nobody responsible",
        "Asiakkaan {client} käynnissä olevalla palvelujaksolla {service} ({organisation}, "
        "alkanut {start}) ei ole vastuuhenkilöä, eikä kukaan organisaatiosta {organisation} "
        "ole vastuussa asiakkaasta.",
        "The active episode of {service} ({organisation}, since {start}) for {client} has "
        "nobody responsible for it, and nobody in {organisation} is responsible for the client.",
        "Nimeä palvelujaksolle vastuuhenkilö organisaatiosta {organisation}.",
        "Name a professional in {organisation} responsible for this episode.",
        ("004",),
        _params(
            coordinating_roles=sorted(role.value for role in vocab.COORDINATING_ROLES),
        ),
    ),
    Rule(
        "plan-without-owner",
        Family.NO_OWNER,
        Severity.MEDIUM,
        "Suunnitelmalla ei ole vastuuhenkilöä",
        "Plan with nobody responsible",
        "Asiakkaan {client} suunnitelmalla ({plan_kind}, voimassa {valid_from} alkaen) ei ole "
        "omistajaa, joka työskentelee yhä organisaatiossa, eikä muuta vastuuhenkilöä: kukaan "
        "ei muistuta sen päivittämisestä.",
        "The {plan_kind} of {client} (valid since {valid_from}) has no owner still at work in "
        "an organisation and nobody else responsible: nobody reminds anyone to update it.",
        "Nimeä suunnitelmalle omistaja, joka vastaa sen ajantasaisuudesta.",
        "Name an owner who keeps the plan up to date.",
        ("000", "004"),
        _params(plan_owner_roles=["coordinator", "own_worker", "responsible_worker"]),
    ),
    Rule(
        "plan-review-overdue",
        Family.NO_OWNER,
        Severity.MEDIUM,
        "Suunnitelman tarkistus myöhässä",
        "Plan review overdue",
        "Asiakkaan {client} suunnitelma ({plan_kind}) piti tarkistaa {review_date}; "
        "tarkistus on {days_overdue} päivää myöhässä.",
        "The {plan_kind} of {client} was due for review on {review_date}; the review is "
        "{days_overdue} days overdue.",
        "Sopikaa tarkistusaika asiakkaan {client} kanssa ja päivittäkää suunnitelma.",
        "Book the review with {client} and update the plan.",
        ("000",),
        _params(grace_days=0),
    ),
    Rule(
        "no-treating-physician",
        Family.NO_OWNER,
        Severity.MEDIUM,
        "Ei hoitavaa lääkäriä",
        "No treating physician",
        "Asiakkaalla {client} on pitkäaikaissairaus: {long_term_illness}; samanaikaisia "
        "terveyspalveluja {health_contacts} ({health_services}). Kukaan lääkäri ei vastaa "
        "hänen terveydenhuollostaan kokonaisuutena.",
        "{client}: long-term illness: {long_term_illness}; concurrent health services: "
        "{health_contacts} ({health_services}). No treating physician is responsible for the "
        "whole of their health care.",
        "Nimeä asiakkaalle {client} hoitava lääkäri, joka vastaa kokonaisuudesta.",
        "Name a treating physician responsible for the whole of {client}'s health care.",
        ("000",),
        _params(min_health_contacts=3),
    ),
    Rule(
        "no-contact-person",
        Family.NO_OWNER,
        Severity.MEDIUM,
        "Ei yhteyshenkilöä",
        "No contact person",
        "Asiakkaalla {client} on {services} käynnissä olevaa palvelua, mutta ei kirjattua "
        "yhteyshenkilöä (eikä lapsen perheellä): hän ei tiedä, kenelle soittaa.",
        "{client} has {services} active services but no recorded contact person (nor does a "
        "child's family): they do not know whom to call.",
        "Nimeä asiakkaalle {client} yhteyshenkilö ja kerro se hänelle.",
        "Name a contact person for {client} and tell them who it is.",
        ("000",),
        _params(
            adult_age=18,
            contact_roles=sorted(
                role.value
                for role in {vocab.Role.CONTACT_PERSON, vocab.Role.OWN_WORKER}
                | vocab.COORDINATING_ROLES
            ),
        ),
    ),
    Rule(
        "step-without-organisation",
        Family.NO_OWNER,
        Severity.HIGH,
        "Hoitoketjun vaiheelta puuttuu vastuuorganisaatio",
        "Pathway step with no responsible organisation",
        "Hoitoketjun {pathway} vaiheelle {order} ({step}) ei ole nimetty vastuuorganisaatiota "
        "alueella (alueen ulkopuolelta: {organisation}).",
        "Step {order} ({step}) of the care pathway {pathway} has no organisation responsible "
        "for it in the region (outside the region: {organisation}).",
        "Sopikaa alueella, mikä organisaatio vastaa vaiheesta {step}.",
        "Agree in the region which organisation is responsible for the step {step}.",
        ("004",),
        subject="pathway",
    ),
    Rule(
        "step-without-owner",
        Family.NO_OWNER,
        Severity.MEDIUM,
        "Käytössä olevalla hoitoketjun vaiheella ei ole vastuuhenkilöä",
        "Pathway step in use with nobody responsible",
        "Hoitoketjun {pathway} vaihe {order} ({step}) on käytössä {clients} asiakkaalla, "
        "mutta kukaan ei ole vaiheen vastuuhenkilö.",
        "Step {order} ({step}) of the care pathway {pathway} is in use for {clients} clients "
        "but nobody is responsible for the step.",
        "Nimeä vaiheelle {step} vastuuhenkilö.",
        "Name a professional responsible for the step {step}.",
        ("004",),
        subject="pathway",
    ),
    # --- duplicated roles -------------------------------------------------------
    Rule(
        "duplicated-role",
        Family.DUPLICATED_ROLES,
        Severity.MEDIUM,
        "Sama rooli usealla ilman työnjakoa",
        "Same role held twice without an agreed division",
        "{holder_count} ammattilaista ({holders}) on samaan aikaan roolissa {role} samalle "
        "kohteelle ({scope_label} {scope_name}) ilman sovittua työnjakoa.",
        "{holder_count} professionals ({holders}) hold the role {role} for the same "
        "{scope_label} ({scope_name}) at the same time, without an agreed division.",
        "Sopikaa, kuka on {role}, tai kirjatkaa kummallekin työnjako.",
        "Agree who is the {role}, or record the division of labour on each responsibility.",
        ("000", "002"),
        _params(exclusive_roles=sorted(role.value for role in vocab.EXCLUSIVE_ROLES)),
    ),
    Rule(
        "overlapping-services",
        Family.DUPLICATED_ROLES,
        Severity.MEDIUM,
        "Päällekkäiset palvelut",
        "Overlapping services",
        "Asiakkaalla {client} on samaan aikaan samanlaista palvelua ({kind}) "
        "{provider_count} tuottajalta: {services} ({providers}).",
        "{client} receives the same kind of service ({kind}) from {provider_count} providers "
        "at once: {services} ({providers}).",
        "Sopikaa tuottajien kesken, kumpi palvelu jatkuu, tai kirjatkaa työnjako suunnitelmaan.",
        "Agree between the providers which service continues, or record the division in the plan.",
        ("004",),
    ),
    Rule(
        "conflicting-plan-goals",
        Family.DUPLICATED_ROLES,
        Severity.HIGH,
        "Suunnitelmien tavoitteet vetävät eri suuntiin",
        "Plans with conflicting goals",
        "Asiakkaan {client} suunnitelmien tavoitteet eivät ole samansuuntaiset: "
        "{plan_kind} tähtää suuntaan {direction} ({goal}), {other_plan_kind} suuntaan "
        "{other_direction} ({other_goal}).",
        "The plans of {client} pull in different directions: the {plan_kind} aims at "
        "{direction} ({goal}), the {other_plan_kind} at {other_direction} ({other_goal}).",
        "Kootkaa suunnitelmien laatijat ja asiakas sopimaan yhteisistä tavoitteista.",
        "Bring the plans' authors and the client together to agree shared goals.",
        ("000", "001"),
        _params(
            conflicting_directions=sorted(
                sorted(direction.value for direction in pair)
                for pair in vocab.CONFLICTING_DIRECTIONS
            )
        ),
    ),
    Rule(
        "service-not-in-plan",
        Family.DUPLICATED_ROLES,
        Severity.LOW,
        "Palvelu puuttuu suunnitelmista",
        "Services not covered by any plan",
        "Asiakkaalla {client} on {plans} voimassa olevaa suunnitelmaa, mutta mikään niistä "
        "ei kata palveluja {services}.",
        "{client} has {plans} plans in force, but none of them covers {services}.",
        "Lisätkää palvelut asiakkaan suunnitelmaan tai kootkaa yhteinen suunnitelma.",
        "Add the services to the client's plan, or draw up a shared plan.",
        ("000", "001"),
    ),
    # --- missing handoff --------------------------------------------------------
    Rule(
        "handoff-missing",
        Family.MISSING_HANDOFF,
        Severity.HIGH,
        "Siirtymä ilman hyväksyttyä vastuun siirtoa",
        "Transition without an accepted handoff",
        "Asiakas {client} siirtyi {date} palvelusta {from_service} palveluun {to_service}, "
        "mutta vastaanottava taho ei ole hyväksynyt vastuun siirtoa.",
        "{client} moved from {from_service} to {to_service} on {date} without a handoff "
        "accepted by a receiving owner.",
        "Tehkää vastuun siirto: vastaanottava työntekijä hyväksyy sen ja saa tiedot "
        "asiakkaan suostumuksella.",
        "Hand off: the receiving worker accepts responsibility and receives the information "
        "with the client's consent.",
        ("000", "004"),
        _params(
            lookback_days=_LOOKBACK,
            successor_kinds={
                "child_psychiatry": ["adult_psychiatry", "youth_psychiatry"],
                "youth_psychiatry": ["adult_psychiatry"],
                "child_welfare": ["aftercare"],
                "foster_care": ["aftercare"],
                "aftercare": ["adult_social_work"],
            },
            successor_days=90,
        ),
    ),
    Rule(
        "transition-without-receiver",
        Family.MISSING_HANDOFF,
        Severity.HIGH,
        "Lähestyvä nivelvaihe ilman vastaanottajaa",
        "Approaching transition with no receiving owner",
        "Asiakkaalla {client} on edessä nivelvaihe ({transition_kind}) {due_date}, "
        "{days_left} päivän päästä (nyt {from_service}), eikä vastaanottavaa vastuuhenkilöä "
        "tai suunnitelmaa ole.",
        "{client} faces a transition ({transition_kind}) on {due_date}, in {days_left} days "
        "(now in {from_service}), with no receiving owner or plan.",
        "Nimeä vastaanottava vastuutyöntekijä ja sopikaa siirrosta ennen {due_date}.",
        "Name the receiving responsible worker and agree the handoff before {due_date}.",
        ("000", "002"),
        _params(
            horizon_days=180,
            horizon_days_by_kind={kind: h.days for kind, h in HORIZONS.items()},
            youth_psychiatry_upper_age=18,
            youth_psychiatry_upper_age_by_region={},
            child_welfare_upper_age=18,
            aftercare_upper_age=23,
            school_start_age=7,
            youth_psychiatry_kinds=["child_psychiatry", "youth_psychiatry"],
            child_welfare_kinds=["child_welfare", "foster_care"],
            aftercare_kinds=["aftercare"],
            early_childhood_kinds=["early_childhood_education"],
        ),
    ),
    Rule(
        "handoff-without-consent",
        Family.MISSING_HANDOFF,
        Severity.HIGH,
        "Tietoja siirretty ilman suostumusta",
        "Information handed over without consent",
        "Asiakkaan {client} tiedot siirtyivät {date} organisaatiosta {from_org} "
        "organisaatioon {to_org} ilman asiakkaan suostumusta, joka kattaa molemmat.",
        "Information about {client} passed from {from_org} to {to_org} on {date} without "
        "the client's consent covering both organisations.",
        "Pyytäkää asiakkaalta suostumus ennen seuraavaa tietojen siirtoa ja kirjatkaa se.",
        "Ask the client for consent before information moves again, and record it.",
        ("004",),
        _params(lookback_days=_LOOKBACK),
    ),
    Rule(
        "handoff-not-accepted",
        Family.MISSING_HANDOFF,
        Severity.HIGH,
        "Vastuun siirtoa ei ole hyväksytty",
        "Handoff requested but not accepted",
        "Asiakkaan {client} vastuun siirtoa organisaatiosta {from_org} organisaatioon "
        "{to_org} pyydettiin {requested}, {days} päivää sitten, eikä kukaan ole hyväksynyt "
        "sitä (lähettävä palvelu päättynyt: {sender_ended}).",
        "The handoff of {client} from {from_org} to {to_org} was requested on {requested}, "
        "{days} days ago, and nobody has accepted it (sending episode ended: {sender_ended}).",
        "Ottakaa yhteyttä vastaanottavaan organisaatioon {to_org}: vastaanottava työntekijä "
        "hyväksyy siirron tai se hylätään ja vastuu sovitaan toisin.",
        "Contact {to_org}: a receiving worker accepts the handoff, or it is rejected and "
        "responsibility agreed otherwise.",
        ("000", "004"),
        _params(handoff_accept_days=14, lookback_days=_LOOKBACK),
    ),
    Rule(
        "handoff-stale",
        Family.MISSING_HANDOFF,
        Severity.MEDIUM,
        "Hyväksytty vastuun siirto on kesken",
        "Accepted handoff not completed",
        "Asiakkaan {client} vastuun siirto organisaatiosta {from_org} organisaatioon "
        "{to_org} hyväksyttiin {accepted}, mutta se ei ole valmis {days} päivän jälkeen.",
        "The handoff of {client} from {from_org} to {to_org} was accepted on {accepted} but "
        "is still not completed after {days} days.",
        "Varmistakaa, että tiedot ovat siirtyneet ja vastaanottava työntekijä on tavannut "
        "asiakkaan, ja kirjatkaa siirto valmiiksi.",
        "Make sure the information has moved and the receiving worker has met the client, "
        "then record the handoff as completed.",
        ("000", "004"),
        _params(handoff_complete_days=30, lookback_days=_LOOKBACK),
    ),
    Rule(
        "step-without-handoff",
        Family.MISSING_HANDOFF,
        Severity.MEDIUM,
        "Hoitoketjun vaiheelta puuttuu siirtokäytäntö",
        "Pathway step with no defined handoff",
        "Hoitoketjun {pathway} vaiheesta {order} ({step}) ei ole sovittu, miten vastuu "
        "siirtyy seuraavaan vaiheeseen ({next_step}).",
        "The care pathway {pathway} defines no handoff from step {order} ({step}) to the "
        "next step ({next_step}).",
        "Kirjatkaa hoitoketjuun, miten vastuu ja tiedot siirtyvät vaiheesta {step} seuraavaan.",
        "Write into the pathway how responsibility and information pass from {step} to the "
        "next step.",
        ("004",),
        subject="pathway",
    ),
    # --- related signals --------------------------------------------------------
    Rule(
        "caseload-over-threshold",
        Family.SIGNAL,
        Severity.MEDIUM,
        "Asiakasmäärä yli rajan",
        "Caseload over the threshold",
        "Ammattilaisella {professional} on {caseload} asiakasta (raja {threshold}).",
        "{professional} is responsible for {caseload} clients (threshold {threshold}).",
        "Tasatkaa asiakasmääriä tiimin kesken.",
        "Rebalance caseloads within the team.",
        ("002",),
        _params(caseload_threshold=30, caseload_threshold_by_profession={}),
        subject="professional",
    ),
    Rule(
        "worker-churn",
        Family.SIGNAL,
        Severity.MEDIUM,
        "Työntekijä vaihtunut usein",
        "Frequent changes of worker",
        "Asiakkaan {client} {role} on vaihtunut {changes} kertaa {window_days} päivässä "
        "({workers}).",
        "The {role} of {client} has changed {changes} times in {window_days} days ({workers}).",
        "Pyrkikää pysyvään työntekijään; sopikaa sijaisuuksista niin, ettei vastuu vaihdu.",
        "Aim for one lasting worker; arrange cover so that responsibility does not change.",
        ("002",),
        _params(
            churn_window_days=365,
            churn_changes=2,
            churn_roles=["own_worker", "responsible_worker"],
        ),
    ),
    Rule(
        "client-not-participating",
        Family.SIGNAL,
        Severity.LOW,
        "Asiakas ei osallistunut suunnitteluun",
        "Client not taking part in planning",
        "Asiakas {client} ei osallistunut suunnitelmansa ({plan_kind}, {mode}) laatimiseen, "
        "eikä hänen suostumustaan välitettyyn suunnitteluun ole.",
        "{client} took no part in making their {plan_kind} ({mode}), and there is no "
        "consent to mediated planning.",
        "Kutsukaa asiakas (ja perhe) seuraavaan suunnittelutapaamiseen.",
        "Invite the client (and family) to the next planning meeting.",
        ("001", "003"),
    ),
    Rule(
        "plan-participation-unknown",
        Family.DATA_QUALITY,
        Severity.LOW,
        "Asiakkaan osallistumista ei ole kirjattu",
        "Client participation not recorded",
        "Asiakkaan {client} suunnitelmaan ({plan_kind}, {valid_from} alkaen) ei ole kirjattu, "
        "osallistuiko asiakas sen laatimiseen.",
        "The {plan_kind} of {client} (since {valid_from}) does not record whether the "
        "client took part in making it.",
        "Kirjatkaa suunnitelmaan, osallistuiko asiakas ja millä tavalla suunnitelma tehtiin.",
        "Record on the plan whether the client took part and how the plan was made.",
        ("001", "003"),
    ),
    Rule(
        "service-kind-unknown",
        Family.DATA_QUALITY,
        Severity.LOW,
        "Palvelun laji tuntematon",
        "Unknown kind of service",
        "Asiakkaan {client} palvelun {service} laji ({kind}) ei ole sanastossa: "
        "päällekkäisyyksiä ja ikärajoja ei voi tarkistaa.",
        "The kind of the service {service} of {client} ({kind}) is not in the vocabulary: "
        "overlaps and age limits cannot be checked.",
        "Korjatkaa palvelun laji sanaston koodiksi.",
        "Correct the service's kind to a code of the vocabulary.",
        ("004",),
    ),
    Rule(
        "no-goal-feedback",
        Family.SIGNAL,
        Severity.LOW,
        "Ei palautetta edellisen suunnitelman tavoitteista",
        "No feedback on the previous plan's goals",
        "Asiakkaan {client} uudessa suunnitelmassa ({plan_kind}, {valid_from} alkaen) ei ole "
        "kirjattu, saavutettiinko edellisen suunnitelman ({previous_valid_to} asti) "
        "tavoitteet.",
        "The new {plan_kind} of {client} (since {valid_from}) records no feedback on whether "
        "the previous plan's goals (to {previous_valid_to}) were met.",
        "Arvioikaa asiakkaan kanssa edellisen suunnitelman tavoitteet ja kirjatkaa tulos.",
        "Review the previous plan's goals with the client and record the outcome.",
        ("003",),
    ),
)

_BY_ID = {r.id: r for r in RULES}


def rule(id: str) -> Rule:
    try:
        return _BY_ID[id]
    except KeyError:
        raise BadInput(
            f"no gap rule {id!r}", field="rule", hint=f"known rules: {', '.join(_BY_ID)}"
        ) from None


def default_parameters() -> dict[str, Any]:
    """Every rule parameter with its documented default (names are unique across rules)."""
    return {name: value for r in RULES for name, value in r.parameters.items()}
