"""The shape of a generated region: organisation slots, kinds of service, age bands.

Tables, not code: the reference data (``reference.py``) and the clients
(``clients.py``) are drawn from them.
"""

from __future__ import annotations

from dataclasses import dataclass

LOCAL_SLOTS = (
    "municipality",
    "ece",
    "education",
    "youth",
    "employment",
    "sote",
    "family_centre",
    "home_care",
    "parish",
)
"""Organisations every municipality has (the county's units among them)."""


@dataclass(frozen=True)
class ServiceKind:
    kind: str
    name: str
    level: str
    sector: str
    slot: str
    """The organisation slot providing it: one of LOCAL_SLOTS, or a region-wide slot."""
    profession: str
    plan_kind: str


# fmt: off
KINDS: tuple[ServiceKind, ...] = (
    ServiceKind("child_health_clinic", "Lastenneuvola",
                "basic", "health", "family_centre", "terveydenhoitaja", "care_plan"),
    ServiceKind("early_childhood_education", "Varhaiskasvatus",
                "basic", "education", "ece", "varhaiskasvatuksen opettaja", "ece_plan"),
    ServiceKind("speech_therapy", "Puheterapia",
                "basic", "health", "family_centre", "puheterapeutti", "rehabilitation_plan"),
    ServiceKind("physiotherapy", "Lasten fysioterapia",
                "basic", "health", "family_centre", "fysioterapeutti", "rehabilitation_plan"),
    ServiceKind("family_counselling", "Kasvatus- ja perheneuvonta",
                "basic", "social", "family_centre", "psykologi", "client_plan"),
    ServiceKind("family_social_work", "Perhesosiaalityö",
                "basic", "social", "family_centre", "sosiaaliohjaaja", "client_plan"),
    ServiceKind("home_help", "Lapsiperheiden kotipalvelu (palveluseteli)",
                "basic", "social", "voucher", "lähihoitaja", "client_plan"),
    ServiceKind("peer_support", "Vertaistukiryhmä",
                "basic", "third_sector", "ngo", "vertaisohjaaja", "service_plan"),
    ServiceKind("child_neurology", "Lastenneurologian poliklinikka",
                "special", "health", "child_neurology", "lastenneurologi", "rehabilitation_plan"),
    ServiceKind("special_needs_education", "Erityinen tuki perusopetuksessa",
                "special", "education", "education", "erityisopettaja", "hojks"),
    ServiceKind("outreach_youth_work", "Etsivä nuorisotyö",
                "basic", "social", "youth", "nuorisotyöntekijä", "service_plan"),
    ServiceKind("child_welfare", "Lastensuojelun sosiaalityö",
                "special", "social", "child_welfare", "sosiaalityöntekijä", "client_plan"),
    ServiceKind("foster_care", "Sijaishuolto, nuorisokoti",
                "most_demanding", "social", "youth_home", "ohjaaja", "care_and_upbringing_plan"),
    ServiceKind("aftercare", "Lastensuojelun jälkihuolto",
                "special", "social", "child_welfare", "sosiaalityöntekijä", "client_plan"),
    ServiceKind("youth_psychiatry", "Nuorisopsykiatrian avohoito",
                "special", "health", "youth_psychiatry", "sairaanhoitaja", "care_plan"),
    ServiceKind("adult_psychiatry", "Aikuispsykiatrian avohoito",
                "special", "health", "adult_psychiatry", "sairaanhoitaja", "care_plan"),
    ServiceKind("vocational_education", "Ammatillinen koulutus",
                "basic", "education", "college", "opinto-ohjaaja", "hojks"),
    ServiceKind("general_practice", "Lääkärin vastaanotto",
                "basic", "health", "sote", "yleislääkäri", "care_plan"),
    ServiceKind("mental_health_outpatient", "Mielenterveyshoitajan vastaanotto",
                "basic", "health", "sote", "mielenterveyshoitaja", "care_plan"),
    ServiceKind("adult_social_work", "Aikuissosiaalityö",
                "basic", "social", "sote", "sosiaalityöntekijä", "client_plan"),
    ServiceKind("employment_services", "Työnhakijan palvelut",
                "basic", "employment", "employment", "omavalmentaja", "employment_plan"),
    ServiceKind("work_trial", "Työkokeilu",
                "basic", "employment", "employment", "työvoimaneuvoja", "employment_plan"),
    ServiceKind("work_ability_coordination", "Työkykykoordinaatio",
                "special", "health", "work_ability", "työkykykoordinaattori",
                "work_ability_support_plan"),
    ServiceKind("vocational_rehabilitation", "Kelan ammatillinen kuntoutus",
                "special", "benefits", "kela", "kuntoutuksen asiantuntija", "rehabilitation_plan"),
    ServiceKind("rehabilitation_allowance", "Nuoren kuntoutusraha",
                "basic", "benefits", "kela", "etuuskäsittelijä", "rehabilitation_plan"),
    ServiceKind("occupational_health_care", "Työterveyshuolto",
                "basic", "health", "occupational_health", "työterveyshoitaja",
                "work_ability_support_plan"),
    ServiceKind("home_care", "Säännöllinen kotihoito",
                "basic", "social", "home_care", "lähihoitaja", "care_plan"),
    ServiceKind("inpatient_care", "Sisätautien vuodeosastohoito",
                "special", "health", "internal_medicine", "sairaanhoitaja", "care_plan"),
    ServiceKind("diaconia", "Diakoniatyö",
                "basic", "third_sector", "parish", "diakoni", "service_plan"),
)
# fmt: on
KIND = {k.kind: k for k in KINDS}

ALTERNATIVES: dict[str, tuple[str, str, str]] = {
    "physiotherapy": ("Fysioterapia, yksityinen", "private_physio", "fysioterapeutti"),
    "mental_health_outpatient": (
        "Työterveyspsykologin vastaanotto",
        "occupational_health",
        "työterveyspsykologi",
    ),
    "home_care": ("Kotihoito (palveluseteli)", "voucher", "lähihoitaja"),
}
"""A second provider of the same kind of service: what an overlapping-services gap adds."""

REGION_SLOTS: dict[str, tuple[str, str, str | None]] = {
    # slot: (name, organisation kind, parent slot)
    "county": ("hyvinvointialue", "wellbeing_county", None),
    "area_families": ("Lapsiperheiden palvelut", "service_area", "county"),
    "area_adults": ("Aikuisten sosiaali- ja terveyspalvelut", "service_area", "county"),
    "area_elderly": ("Ikääntyneiden palvelut", "service_area", "county"),
    "area_specialist": ("Erikoissairaanhoito", "service_area", "county"),
    "hospital": ("keskussairaala", "hospital", "area_specialist"),
    "child_neurology": ("Lastenneurologian poliklinikka", "unit", "hospital"),
    "youth_psychiatry": ("Nuorisopsykiatrian poliklinikka", "unit", "hospital"),
    "adult_psychiatry": ("Aikuispsykiatrian poliklinikka", "unit", "hospital"),
    "internal_medicine": ("Sisätautien vuodeosasto", "unit", "hospital"),
    "child_welfare": ("Lastensuojelu ja jälkihuolto", "unit", "area_families"),
    "work_ability": ("Työkyvyn tuen tiimi", "unit", "area_adults"),
    "kela": ("Kela, palvelupiste", "kela", None),
    "occupational_health": ("Työterveys Oy", "occupational_health", None),
    "ngo": ("Erityislasten Omaiset ry", "ngo", None),
    "voucher": ("Kotiapu Oy", "voucher_provider", None),
    "private_physio": ("Fysioterapia Liike Oy", "private_provider", None),
    "youth_home": ("Nuorisokoti", "private_provider", None),
    "college": ("ammattiopisto", "education", None),
    "insurance": ("Liikennevakuutuskeskus", "insurance", None),
}


@dataclass(frozen=True)
class Band:
    name: str
    ages: tuple[int, int]
    kinds: tuple[tuple[str, float], ...]
    """Kinds of service clients of this age use, with weights."""
    active: float
    """Share of clients of this age with active services."""
    long_term_illness: float
    coordinating_role: str
    directions: tuple[str, ...]
    overlap_kind: str | None
    past_transition: tuple[str, str] | None
    """(kind of the ended episode, transition kind) of a past transition."""


# fmt: off
BANDS: tuple[Band, ...] = (
    Band("infant", (0, 6), active=0.8, long_term_illness=0.06,
         coordinating_role="responsible_worker", overlap_kind="physiotherapy",
         past_transition=None,
         directions=("everyday_functioning", "family_wellbeing", "health"),
         kinds=(("child_health_clinic", 3), ("early_childhood_education", 5),
                ("speech_therapy", 2), ("physiotherapy", 1.5), ("child_neurology", 1),
                ("family_social_work", 1.5), ("home_help", 1), ("peer_support", 0.5),
                ("family_counselling", 1),)),
    Band("school", (7, 15), active=0.6, long_term_illness=0.08,
         coordinating_role="responsible_worker", overlap_kind="physiotherapy",
         past_transition=("early_childhood_education", "daycare_to_school"),
         directions=("education", "everyday_functioning", "family_wellbeing"),
         kinds=(("special_needs_education", 4), ("family_counselling", 2),
                ("physiotherapy", 1), ("child_neurology", 0.7), ("family_social_work", 1.5),
                ("child_welfare", 1), ("outreach_youth_work", 0.3), ("peer_support", 0.5),)),
    Band("youth", (16, 17), active=0.85, long_term_illness=0.1,
         coordinating_role="responsible_worker", overlap_kind="mental_health_outpatient",
         past_transition=("special_needs_education", "school_to_secondary"),
         directions=("education", "health", "everyday_functioning"),
         kinds=(("vocational_education", 3), ("youth_psychiatry", 4), ("child_welfare", 3),
                ("foster_care", 2), ("outreach_youth_work", 1),
                ("mental_health_outpatient", 1),)),
    Band("young_adult", (18, 29), active=0.75, long_term_illness=0.1,
         coordinating_role="responsible_worker", overlap_kind="mental_health_outpatient",
         past_transition=("work_trial", "work_trial_to_work_or_study"),
         directions=("work", "education", "health", "housing"),
         kinds=(("employment_services", 3), ("mental_health_outpatient", 2.5),
                ("adult_social_work", 2), ("general_practice", 2),
                ("vocational_education", 1.5), ("rehabilitation_allowance", 1),
                ("adult_psychiatry", 0.7),)),
    Band("working_age", (30, 64), active=0.8, long_term_illness=0.25,
         coordinating_role="work_ability_coordinator", overlap_kind="mental_health_outpatient",
         past_transition=("work_trial", "work_trial_to_work_or_study"),
         directions=("work", "health", "rehabilitation", "everyday_functioning"),
         kinds=(("general_practice", 4), ("occupational_health_care", 3),
                ("mental_health_outpatient", 2), ("employment_services", 2),
                ("adult_social_work", 1.5), ("work_ability_coordination", 1),
                ("vocational_rehabilitation", 1), ("adult_psychiatry", 0.7),)),
    Band("elderly", (65, 99), active=0.85, long_term_illness=0.6,
         coordinating_role="service_counsellor", overlap_kind="home_care",
         past_transition=("inpatient_care", "hospital_to_home"),
         directions=("everyday_functioning", "health", "housing", "independent_living"),
         kinds=(("general_practice", 5), ("home_care", 4), ("physiotherapy", 1),
                ("diaconia", 0.5), ("adult_social_work", 0.5),)),
)
# fmt: on

CONFLICTS: dict[str, tuple[str, str]] = {
    "young_adult": ("education", "pension"),
    "working_age": ("work", "pension"),
    "elderly": ("independent_living", "institutional_care"),
}
"""The goal pair a conflicting-plan-goals gap gives clients of 18+ (one goal in each plan)."""

AGE_LIMITED: dict[str, tuple[str, str, int]] = {
    "youth_psychiatry": ("child_to_adult_services", "adult_psychiatry", 18),
    "child_welfare": ("child_welfare_to_aftercare", "aftercare", 18),
    "foster_care": ("child_welfare_to_aftercare", "aftercare", 18),
    "early_childhood_education": ("daycare_to_school", "special_needs_education", 7),
}
"""Services that end at an age: the transition recorded, the receiving kind of service, the age."""

PATHWAY_STEPS: dict[str, tuple[str, int]] = {
    "child_health_clinic": ("lastenneurologia", 1),
    "child_neurology": ("lastenneurologia", 2),
    "speech_therapy": ("lastenneurologia", 3),
    "family_counselling": ("nuorten-mielenterveys", 1),
    "youth_psychiatry": ("nuorten-mielenterveys", 2),
    "general_practice": ("tyokyky", 1),
    "work_ability_coordination": ("tyokyky", 2),
}
"""Active episodes of these kinds realise that step of that pathway."""

FIRST_NAMES = (
    "Aino",
    "Eino",
    "Helmi",
    "Onni",
    "Sofia",
    "Leo",
    "Ella",
    "Väinö",
    "Olivia",
    "Eetu",
    "Aada",
    "Elias",
    "Emilia",
    "Oliver",
    "Lilja",
    "Veeti",
    "Venla",
    "Juho",
    "Sanna",
    "Mikko",
    "Tiina",
    "Jari",
    "Minna",
    "Timo",
    "Päivi",
    "Kari",
    "Riitta",
    "Matti",
    "Liisa",
    "Pekka",
    "Anneli",
    "Heikki",
    "Marjatta",
    "Seppo",
    "Tuula",
    "Jukka",
    "Hanna",
    "Ville",
    "Laura",
    "Antti",
)
SURNAMES = (
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Lehtinen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Heikkilä",
    "Kinnunen",
    "Salonen",
    "Turunen",
    "Salo",
    "Laitinen",
    "Tuominen",
    "Rantanen",
    "Karjalainen",
    "Jokinen",
    "Mattila",
    "Savolainen",
    "Lahtinen",
    "Ahonen",
)
PLACE_HEADS = (
    "Järvi",
    "Koivu",
    "Kuusi",
    "Mänty",
    "Pihlaja",
    "Kallio",
    "Harju",
    "Vaara",
    "Joki",
    "Ranta",
    "Suo",
    "Lehto",
)
PLACE_TAILS = ("lahti", "koski", "mäki", "niemi", "vesi", "kylä", "salmi", "joki")
