"""The controlled vocabularies of the model, each term with Finnish and English labels.

Stored and exchanged values are the English codes (``responsible_worker``);
labels are for people. Seeds: ``../shared/seeds`` 000-004, see ``docs/model.md``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, Self

Lang = Literal["fi", "en"]


class Term(StrEnum):
    """A vocabulary term: the stored code with its Finnish and English label."""

    fi: str
    en: str

    def __new__(cls, code: str, fi: str, en: str) -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member.fi = fi
        member.en = en
        return member

    def label(self, lang: Lang) -> str:
        return self.fi if lang == "fi" else self.en


class OrganisationKind(Term):
    WELLBEING_COUNTY = "wellbeing_county", "hyvinvointialue", "wellbeing services county"
    SERVICE_AREA = "service_area", "palvelualue", "service area"
    UNIT = "unit", "yksikkö", "unit"
    SOTE_CENTRE = "sote_centre", "sote-keskus", "health and social services centre"
    FAMILY_CENTRE = "family_centre", "perhekeskus", "family centre"
    HOSPITAL = "hospital", "sairaala", "hospital"
    MUNICIPALITY = "municipality", "kunta", "municipality"
    EDUCATION = "education", "opetustoimi", "education services"
    EARLY_CHILDHOOD_EDUCATION = (
        "early_childhood_education",
        "varhaiskasvatus",
        "early childhood education",
    )
    YOUTH_SERVICES = "youth_services", "nuorisopalvelut", "youth services"
    EMPLOYMENT_SERVICES = (
        "employment_services",
        "työllisyyspalvelut (TE-palvelut)",
        "employment services (TE office)",
    )
    KELA = "kela", "Kela", "Kela (Social Insurance Institution)"
    OCCUPATIONAL_HEALTH = "occupational_health", "työterveyshuolto", "occupational health care"
    STUDENT_HEALTH = (
        "student_health",
        "opiskeluterveydenhuolto (YTHS)",
        "student health care (YTHS)",
    )
    NGO = "ngo", "järjestö", "non-governmental organisation"
    PARISH = "parish", "seurakunta", "parish"
    VOUCHER_PROVIDER = "voucher_provider", "palvelusetelituottaja", "service voucher provider"
    COMPETENCE_CENTRE = (
        "competence_centre",
        "osaamis- ja tukikeskus (OT-keskus)",
        "competence and support centre",
    )
    INSURANCE = "insurance", "vakuutuslaitos", "insurance institution"
    PRIVATE_PROVIDER = "private_provider", "yksityinen palveluntuottaja", "private service provider"


class ServiceLevel(Term):
    BASIC = "basic", "perustaso", "basic level"
    SPECIAL = "special", "erityistaso", "special level"
    MOST_DEMANDING = "most_demanding", "vaativa taso", "most demanding level"


class Sector(Term):
    SOCIAL = "social", "sosiaalipalvelut", "social services"
    HEALTH = "health", "terveyspalvelut", "health services"
    EDUCATION = "education", "kasvatus ja koulutus", "education"
    EMPLOYMENT = "employment", "työllisyys", "employment"
    BENEFITS = "benefits", "etuudet", "benefits"
    THIRD_SECTOR = "third_sector", "kolmas sektori", "third sector"


class EpisodeStatus(Term):
    PLANNED = "planned", "suunniteltu", "planned"
    ACTIVE = "active", "käynnissä", "active"
    ENDED = "ended", "päättynyt", "ended"
    CANCELLED = "cancelled", "peruttu", "cancelled"


class Role(Term):
    RESPONSIBLE_WORKER = "responsible_worker", "vastuutyöntekijä", "responsible worker"
    OWN_WORKER = "own_worker", "omatyöntekijä", "own worker"
    COORDINATOR = "coordinator", "koordinaattori", "coordinator"
    SERVICE_COUNSELLOR = "service_counsellor", "palveluohjaaja", "service counsellor"
    WORK_ABILITY_COORDINATOR = (
        "work_ability_coordinator",
        "työkykykoordinaattori",
        "work-ability coordinator",
    )
    TREATING_PHYSICIAN = (
        "treating_physician",
        "hoitava lääkäri",
        "treating physician responsible for the whole",
    )
    PLAN_AUTHOR = "plan_author", "suunnitelman laatija", "plan author"
    ASSISTIVE_DEVICES = (
        "assistive_devices",
        "apuvälinevastaava",
        "responsible for assistive devices",
    )
    CONTACT_PERSON = "contact_person", "yhteyshenkilö", "contact person"
    STEP_OWNER = "step_owner", "hoitoketjun vaiheen vastuuhenkilö", "care pathway step owner"


COORDINATING_ROLES = frozenset(
    {
        Role.RESPONSIBLE_WORKER,
        Role.COORDINATOR,
        Role.SERVICE_COUNSELLOR,
        Role.WORK_ABILITY_COORDINATOR,
    }
)
"""Roles that make someone the coordinator of a client's whole network."""

EXCLUSIVE_ROLES = frozenset(
    {
        Role.RESPONSIBLE_WORKER,
        Role.COORDINATOR,
        Role.WORK_ABILITY_COORDINATOR,
        Role.TREATING_PHYSICIAN,
        Role.CONTACT_PERSON,
        Role.OWN_WORKER,
        Role.STEP_OWNER,
    }
)
"""Roles one person holds for one scope at a time unless a division is agreed."""


class PlanKind(Term):
    CLIENT_PLAN = "client_plan", "asiakassuunnitelma", "client plan"
    SERVICE_PLAN = "service_plan", "palvelusuunnitelma", "service plan"
    CARE_PLAN = "care_plan", "hoitosuunnitelma", "care plan"
    REHABILITATION_PLAN = "rehabilitation_plan", "kuntoutussuunnitelma", "rehabilitation plan"
    ACTIVATION_PLAN = "activation_plan", "aktivointisuunnitelma", "activation plan"
    WORK_ABILITY_SUPPORT_PLAN = (
        "work_ability_support_plan",
        "työkyvyn tuen suunnitelma",
        "work-ability support plan",
    )
    ECE_PLAN = "ece_plan", "varhaiskasvatussuunnitelma", "early childhood education plan"
    HOJKS = "hojks", "HOJKS", "individual education plan (HOJKS)"
    CARE_AND_UPBRINGING_PLAN = (
        "care_and_upbringing_plan",
        "hoito- ja kasvatussuunnitelma",
        "care and upbringing plan",
    )
    EMPLOYMENT_PLAN = (
        "employment_plan",
        "monialainen työllistymissuunnitelma",
        "multi-sector employment plan",
    )
    SHARED_PLAN = "shared_plan", "yhteinen suunnitelma", "shared plan"


class PlanningMode(Term):
    DIVISION_OF_LABOUR = "division_of_labour", "työnjako", "division of labour"
    GROUP_MEETING = (
        "group_meeting",
        "yhteinen tapaaminen asiakkaan kanssa",
        "group meeting with the client",
    )
    MEDIATED = (
        "mediated",
        "välitetty suunnittelu ilman asiakasta",
        "mediated planning without the client",
    )


class GoalDirection(Term):
    WORK = "work", "työ", "work"
    EDUCATION = "education", "koulutus", "education"
    REHABILITATION = "rehabilitation", "kuntoutus", "rehabilitation"
    HEALTH = "health", "terveys", "health"
    EVERYDAY_FUNCTIONING = "everyday_functioning", "arjen toimintakyky", "everyday functioning"
    FAMILY_WELLBEING = "family_wellbeing", "perheen hyvinvointi", "family wellbeing"
    HOUSING = "housing", "asuminen", "housing"
    INDEPENDENT_LIVING = "independent_living", "itsenäinen asuminen", "independent living"
    PENSION = "pension", "eläke", "disability pension"
    INSTITUTIONAL_CARE = "institutional_care", "laitoshoito", "institutional care"


CONFLICTING_DIRECTIONS = frozenset(
    {
        frozenset({GoalDirection.WORK, GoalDirection.PENSION}),
        frozenset({GoalDirection.EDUCATION, GoalDirection.PENSION}),
        frozenset({GoalDirection.INDEPENDENT_LIVING, GoalDirection.INSTITUTIONAL_CARE}),
    }
)
"""Goal directions that pull a client's plans apart when held at the same time."""


class GoalStatus(Term):
    OPEN = "open", "avoin", "open"
    ACHIEVED = "achieved", "saavutettu", "achieved"
    DROPPED = "dropped", "luovuttu", "dropped"


class GoalFeedback(Term):
    MET = "met", "tavoitteet saavutettiin", "goals met"
    PARTLY_MET = "partly_met", "tavoitteet saavutettiin osittain", "goals partly met"
    NOT_MET = "not_met", "tavoitteita ei saavutettu", "goals not met"


class ConsentPurpose(Term):
    INFORMATION_SHARING = "information_sharing", "tietojen luovutus", "sharing information"
    JOINT_PLANNING = "joint_planning", "yhteinen suunnittelu", "joint planning"
    HANDOFF = "handoff", "vastuun siirto", "handoff"


class TransitionKind(Term):
    CHILD_TO_ADULT_SERVICES = (
        "child_to_adult_services",
        "lasten palveluista aikuisten palveluihin",
        "from child to adult services",
    )
    CHILD_WELFARE_TO_AFTERCARE = (
        "child_welfare_to_aftercare",
        "lastensuojelusta jälkihuoltoon",
        "from child welfare to aftercare",
    )
    AFTERCARE_END = "aftercare_end", "jälkihuollon päättyminen", "end of aftercare"
    DAYCARE_TO_SCHOOL = (
        "daycare_to_school",
        "varhaiskasvatuksesta kouluun",
        "from day care to school",
    )
    SCHOOL_TO_SECONDARY = (
        "school_to_secondary",
        "perusopetuksesta toiselle asteelle",
        "from basic to secondary education",
    )
    HOSPITAL_TO_HOME = "hospital_to_home", "sairaalasta kotiin", "from hospital to home"
    WORK_TRIAL_TO_WORK_OR_STUDY = (
        "work_trial_to_work_or_study",
        "työkokeilusta työhön tai opintoihin",
        "from work trial to work or study",
    )


class HandoffStatus(Term):
    REQUESTED = "requested", "pyydetty", "requested"
    ACCEPTED = "accepted", "hyväksytty", "accepted"
    REJECTED = "rejected", "hylätty", "rejected"
    COMPLETED = "completed", "valmis", "completed"


class FamilyRole(Term):
    PARENT = "parent", "vanhempi", "parent"
    GUARDIAN = "guardian", "huoltaja", "guardian"
    CHILD = "child", "lapsi", "child"
    PARTNER = "partner", "puoliso", "partner"
    OTHER = "other", "muu", "other"
