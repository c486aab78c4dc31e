"""Code systems, extensions and status maps of the FHIR R4 mapping (``docs/fhir.md``).

graphsvc's own vocabularies (``graphsvc/vocab.py``) are published as code
systems under :data:`BASE`; elements FHIR R4 has no place for are carried in
extensions under the same base. Where FHIR binds an element to a required value
set (statuses, intents), the FHIR code is used and mapped here both ways.
"""

from __future__ import annotations

from graphsvc import vocab

BASE = "https://graphsvc.example/fhir"
"""The canonical base of graphsvc's code systems and extensions. A deployment that
registers them (for example in the national code server) replaces this one constant."""

REGION_CODE = "region"
"""The code, in the organisation-kind system, of an Organization that is a graphsvc region."""

VOCABULARIES: dict[type[vocab.Term], str] = {
    vocab.OrganisationKind: "organisation-kind",
    vocab.ServiceLevel: "service-level",
    vocab.Sector: "sector",
    vocab.ServiceKind: "service-kind",
    vocab.Role: "role",
    vocab.PlanKind: "plan-kind",
    vocab.PlanningMode: "planning-mode",
    vocab.GoalDirection: "goal-direction",
    vocab.GoalFeedback: "goal-feedback",
    vocab.ConsentPurpose: "consent-purpose",
    vocab.TransitionKind: "transition-kind",
    vocab.FamilyRole: "family-role",
}


def system(terms: type[vocab.Term]) -> str:
    return f"{BASE}/CodeSystem/{VOCABULARIES[terms]}"


def extension(name: str) -> str:
    return f"{BASE}/StructureDefinition/{name}"


def coding(term: vocab.Term | str, terms: type[vocab.Term]) -> dict[str, str]:
    code = str(term)
    found = next((t for t in terms if t.value == code), None)
    out = {"system": system(terms), "code": code}
    if found is not None:
        out["display"] = found.en
    return out


EPISODE_STATUS = {
    "planned": "planned",
    "active": "active",
    "ended": "finished",
    "cancelled": "cancelled",
}
"""graphsvc episode status -> EpisodeOfCare.status (required binding episode-of-care-status)."""

GOAL_STATUS = {"open": "active", "achieved": "completed", "dropped": "cancelled"}
"""graphsvc goal status -> Goal.lifecycleStatus (required binding goal-status)."""

HANDOFF_STATUS = {s.value: s.value for s in vocab.HandoffStatus}
"""graphsvc handoff status -> Task.status: the four are Task statuses of the same name."""


def reverse(mapping: dict[str, str]) -> dict[str, str]:
    return {fhir: ours for ours, fhir in mapping.items()}


# Terminology of HL7 used where R4 asks for it.
LOINC = "http://loinc.org"
CONSENT_CATEGORY = {"system": LOINC, "code": "59284-0", "display": "Patient Consent"}
CONSENT_SCOPE = {
    "system": "http://terminology.hl7.org/CodeSystem/consentscope",
    "code": "patient-privacy",
    "display": "Privacy Consent",
}
CONSENT_POLICY = {
    "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
    "code": "OPTIN",
    "display": "opt-in",
}
PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
CONSENT_FROM = {"system": PARTICIPATION, "code": "CST", "display": "custodian"}
"""Consent.provision.actor role of the organisation that holds the information."""
CONSENT_TO = {"system": PARTICIPATION, "code": "IRCP", "display": "information recipient"}
"""Consent.provision.actor role of the organisation that receives it."""

# Extensions: name -> what they carry (docs/fhir.md lists them with their contexts).
EXT_REGION = extension("region")
EXT_LONG_TERM_ILLNESS = extension("long-term-illness")
EXT_FAMILY_ROLE = extension("family-role")
EXT_SERVICE = extension("service")
EXT_STEP = extension("pathway-step")
EXT_REVIEW_DATE = extension("review-date")
EXT_PLANNING_MODE = extension("planning-mode")
EXT_CLIENT_PARTICIPATED = extension("client-participated")
EXT_GOALS_FEEDBACK = extension("previous-goals-feedback")
EXT_WITHDRAWN = extension("withdrawn")
EXT_SCOPE = extension("responsibility-scope")
EXT_DIVISION = extension("division")
EXT_DUE_DATE = extension("due-date")
EXT_FROM_EPISODE = extension("from-episode")
EXT_TO_EPISODE = extension("to-episode")
EXT_FROM_PROFESSIONAL = extension("from-professional")
EXT_TO_PROFESSIONAL = extension("to-professional")
EXT_DECIDED = extension("decided")
EXT_CONSENT = extension("consent")
EXT_ORGANISATION = extension("organisation")
EXT_REGION_SETTINGS = extension("region-settings")
"""On a region's Organization: its gap rule settings (docs/model.md, Settings) as JSON text."""
EXT_CONTACT = extension("contact")
"""On a CareTeam: whether the responsibility makes its holder the client's contact."""


_ID_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")


def fhir_id(ident: str) -> str:
    """A graphsvc id as a FHIR id (``[A-Za-z0-9\\-.]{1,64}``): letters, digits and ``-`` stay,
    every other byte becomes ``.xx`` (hex), so ``o-area_specialist`` is ``o-area.5fspecialist``."""
    if all(ch in _ID_SAFE for ch in ident):
        return ident
    return "".join(
        ch if ch in _ID_SAFE else "".join(f".{b:02x}" for b in ch.encode()) for ch in ident
    )


def graphsvc_id(ident: str) -> str:
    """The inverse of :func:`fhir_id`."""
    if "." not in ident:
        return ident
    out = bytearray()
    i = 0
    while i < len(ident):
        if ident[i] == "." and i + 2 < len(ident) and _is_hex(ident[i + 1 : i + 3]):
            out.append(int(ident[i + 1 : i + 3], 16))
            i += 3
        else:
            out += ident[i].encode()
            i += 1
    return out.decode("utf-8", errors="replace")


def _is_hex(text: str) -> bool:
    return len(text) == 2 and all(ch in "0123456789abcdefABCDEF" for ch in text)
