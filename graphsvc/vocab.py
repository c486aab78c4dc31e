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


UMBRELLA_KINDS = frozenset(
    {
        OrganisationKind.WELLBEING_COUNTY,
        OrganisationKind.SERVICE_AREA,
        OrganisationKind.MUNICIPALITY,
    }
)
"""Organisations that group providers rather than provide: the gap rules count a
service's organisation as the top of its PART_OF chain below these (its
provider), so units of one hospital are one organisation while a family centre
and a hospital of one county are two (docs/model.md, "Reading the model")."""


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


class ServiceKind(Term):
    """Kinds of service: what the gap rules compare (overlaps, age-limited services).

    Import maps the Finnish and Swedish names in :data:`SERVICE_KIND_SYNONYMS` to
    these codes; any other value is refused with this list, so no rule is switched
    off by a spelling (``other`` is there for a service no code fits).
    """

    CHILD_HEALTH_CLINIC = "child_health_clinic", "lastenneuvola", "child health clinic"
    EARLY_CHILDHOOD_EDUCATION = (
        "early_childhood_education",
        "varhaiskasvatus",
        "early childhood education",
    )
    SPEECH_THERAPY = "speech_therapy", "puheterapia", "speech therapy"
    PHYSIOTHERAPY = "physiotherapy", "fysioterapia", "physiotherapy"
    OCCUPATIONAL_THERAPY = "occupational_therapy", "toimintaterapia", "occupational therapy"
    REHABILITATION = "rehabilitation", "kuntoutus", "rehabilitation"
    NEUROPSYCHOLOGICAL_REHABILITATION = (
        "neuropsychological_rehabilitation",
        "neuropsykologinen kuntoutus",
        "neuropsychological rehabilitation",
    )
    ACCIDENT_REHABILITATION = (
        "accident_rehabilitation",
        "tapaturman korvaama kuntoutus",
        "rehabilitation paid by accident insurance",
    )
    VOCATIONAL_REHABILITATION = (
        "vocational_rehabilitation",
        "ammatillinen kuntoutus",
        "vocational rehabilitation",
    )
    REHABILITATION_ALLOWANCE = (
        "rehabilitation_allowance",
        "nuoren kuntoutusraha",
        "rehabilitation allowance for young people",
    )
    FAMILY_COUNSELLING = "family_counselling", "kasvatus- ja perheneuvonta", "family counselling"
    FAMILY_SOCIAL_WORK = "family_social_work", "perhesosiaalityö", "family social work"
    FAMILY_WORK = "family_work", "perhetyö", "family work"
    HOME_HELP = "home_help", "lapsiperheiden kotipalvelu", "home help for families"
    PEER_SUPPORT = "peer_support", "vertaistuki", "peer support"
    FAMILY_ACTIVITY = "family_activity", "perhetoiminta", "family activities"
    DIACONIA = "diaconia", "diakoniatyö", "diaconal work"
    CHILD_NEUROLOGY = "child_neurology", "lastenneurologia", "child neurology"
    CHILD_PSYCHIATRY = "child_psychiatry", "lastenpsykiatria", "child psychiatry"
    YOUTH_PSYCHIATRY = "youth_psychiatry", "nuorisopsykiatria", "youth psychiatry"
    ADULT_PSYCHIATRY = "adult_psychiatry", "aikuispsykiatria", "adult psychiatry"
    MENTAL_HEALTH_OUTPATIENT = (
        "mental_health_outpatient",
        "mielenterveyspalvelut avohoidossa",
        "outpatient mental health care",
    )
    SUBSTANCE_ABUSE_SERVICES = (
        "substance_abuse_services",
        "päihdepalvelut",
        "substance abuse services",
    )
    GENERAL_PRACTICE = "general_practice", "lääkärin vastaanotto", "general practice"
    INPATIENT_CARE = "inpatient_care", "vuodeosastohoito", "inpatient care"
    INPATIENT_INTERNAL_MEDICINE = (
        "inpatient_internal_medicine",
        "sisätautien vuodeosastohoito",
        "inpatient internal medicine",
    )
    HOME_CARE = "home_care", "kotihoito", "home care"
    SCHOOL_SUPPORT = "school_support", "oppimisen tuki", "support for learning"
    SPECIAL_NEEDS_EDUCATION = (
        "special_needs_education",
        "erityinen tuki perusopetuksessa",
        "special needs education",
    )
    STUDENT_WELFARE = "student_welfare", "opiskeluhuolto", "student welfare"
    VOCATIONAL_EDUCATION = "vocational_education", "ammatillinen koulutus", "vocational education"
    OUTREACH_YOUTH_WORK = "outreach_youth_work", "etsivä nuorisotyö", "outreach youth work"
    CHILD_WELFARE = "child_welfare", "lastensuojelu", "child welfare"
    FOSTER_CARE = "foster_care", "sijaishuolto", "substitute care (placement)"
    AFTERCARE = "aftercare", "jälkihuolto", "aftercare"
    ADULT_SOCIAL_WORK = "adult_social_work", "aikuissosiaalityö", "adult social work"
    DISABILITY_SERVICES = "disability_services", "vammaispalvelut", "disability services"
    EMPLOYMENT_SERVICES = "employment_services", "työllisyyspalvelut", "employment services"
    WORK_TRIAL = "work_trial", "työkokeilu", "work trial"
    WORK_ABILITY_COORDINATION = (
        "work_ability_coordination",
        "työkykykoordinaatio",
        "work-ability coordination",
    )
    OCCUPATIONAL_HEALTH_CARE = (
        "occupational_health_care",
        "työterveyshuolto",
        "occupational health care",
    )
    OTHER = "other", "muu palvelu", "other service"


SERVICE_KIND_SYNONYMS: dict[str, ServiceKind] = {
    synonym: kind
    for kind, synonyms in {
        ServiceKind.CHILD_HEALTH_CLINIC: ("lastenneuvola", "neuvola", "barnrådgivning"),
        ServiceKind.EARLY_CHILDHOOD_EDUCATION: (
            "varhaiskasvatus",
            "päiväkoti",
            "päivähoito",
            "småbarnspedagogik",
            "daghem",
        ),
        ServiceKind.SPEECH_THERAPY: ("puheterapia", "talterapi"),
        ServiceKind.PHYSIOTHERAPY: ("fysioterapia", "lasten fysioterapia", "fysioterapi"),
        ServiceKind.OCCUPATIONAL_THERAPY: ("toimintaterapia", "ergoterapi"),
        ServiceKind.REHABILITATION: ("kuntoutus", "lääkinnällinen kuntoutus", "rehabilitering"),
        ServiceKind.NEUROPSYCHOLOGICAL_REHABILITATION: ("neuropsykologinen kuntoutus",),
        ServiceKind.VOCATIONAL_REHABILITATION: (
            "ammatillinen kuntoutus",
            "yrkesinriktad rehabilitering",
        ),
        ServiceKind.FAMILY_COUNSELLING: (
            "perheneuvola",
            "kasvatus- ja perheneuvonta",
            "uppfostrings- och familjerådgivning",
        ),
        ServiceKind.FAMILY_SOCIAL_WORK: ("perhesosiaalityö", "familjesocialarbete"),
        ServiceKind.FAMILY_WORK: ("perhetyö", "familjearbete"),
        ServiceKind.HOME_HELP: ("kotipalvelu", "lapsiperheiden kotipalvelu", "hemservice"),
        ServiceKind.PEER_SUPPORT: ("vertaistuki", "vertaistukiryhmä", "peer_group", "kamratstöd"),
        ServiceKind.CHILD_NEUROLOGY: ("lastenneurologia", "barnneurologi"),
        ServiceKind.CHILD_PSYCHIATRY: ("lastenpsykiatria", "barnpsykiatri"),
        ServiceKind.YOUTH_PSYCHIATRY: ("nuorisopsykiatria", "ungdomspsykiatri"),
        ServiceKind.ADULT_PSYCHIATRY: ("aikuispsykiatria", "vuxenpsykiatri"),
        ServiceKind.SUBSTANCE_ABUSE_SERVICES: ("päihdepalvelut", "missbrukarvård"),
        ServiceKind.GENERAL_PRACTICE: ("lääkärin vastaanotto", "terveysasema", "hälsostation"),
        ServiceKind.INPATIENT_CARE: ("vuodeosastohoito", "osastohoito", "bäddavdelning"),
        ServiceKind.HOME_CARE: ("kotihoito", "hemvård"),
        ServiceKind.SCHOOL_SUPPORT: ("oppimisen tuki", "tehostettu tuki", "stöd för lärande"),
        ServiceKind.SPECIAL_NEEDS_EDUCATION: ("erityinen tuki", "särskilt stöd"),
        ServiceKind.STUDENT_WELFARE: ("opiskeluhuolto", "elevhälsa"),
        ServiceKind.VOCATIONAL_EDUCATION: ("ammatillinen koulutus", "yrkesutbildning"),
        ServiceKind.OUTREACH_YOUTH_WORK: ("etsivä nuorisotyö", "uppsökande ungdomsarbete"),
        ServiceKind.CHILD_WELFARE: ("lastensuojelu", "barnskydd"),
        ServiceKind.FOSTER_CARE: (
            "sijaishuolto",
            "perhehoito",
            "laitoshuolto",
            "vårdnad utom hemmet",
            "familjevård",
        ),
        ServiceKind.AFTERCARE: ("jälkihuolto", "eftervård"),
        ServiceKind.ADULT_SOCIAL_WORK: ("aikuissosiaalityö", "socialarbete för vuxna"),
        ServiceKind.DISABILITY_SERVICES: ("vammaispalvelut", "handikappservice"),
        ServiceKind.EMPLOYMENT_SERVICES: (
            "työllisyyspalvelut",
            "te-palvelut",
            "sysselsättningstjänster",
        ),
        ServiceKind.WORK_TRIAL: ("työkokeilu", "arbetsprövning"),
        ServiceKind.WORK_ABILITY_COORDINATION: ("työkykykoordinaatio",),
        ServiceKind.OCCUPATIONAL_HEALTH_CARE: (
            "työterveyshuolto",
            "työterveys",
            "företagshälsovård",
        ),
    }.items()
    for synonym in synonyms
}
"""Finnish and Swedish names (lower case) -> the service kind code they stand for."""


def service_kind(value: str) -> ServiceKind | None:
    """The service kind a code or a Finnish/Swedish name stands for (None: unknown).

    Case, surrounding space and hyphens versus spaces do not matter."""
    text = " ".join(value.strip().lower().split())
    for candidate in (text, text.replace(" ", "_").replace("-", "_")):
        if candidate in _SERVICE_KIND_CODES:
            return _SERVICE_KIND_CODES[candidate]
        if candidate in SERVICE_KIND_SYNONYMS:
            return SERVICE_KIND_SYNONYMS[candidate]
    return None


_SERVICE_KIND_CODES = {kind.value: kind for kind in ServiceKind}
