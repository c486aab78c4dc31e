"""The reference data of a generated region: organisations, services, staff, pathways.

Written as the first batch; the clients then refer to it through :class:`Region`.
Staff pools are sized from the expected demand so that caseloads average about
``--caseload``, and a ``--gap-rate`` share of each pool is drawn twice as often.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from graphsvc.generate.catalogue import (
    ALTERNATIVES,
    BANDS,
    FIRST_NAMES,
    KIND,
    KINDS,
    LOCAL_SLOTS,
    PLACE_HEADS,
    PLACE_TAILS,
    REGION_SLOTS,
    SURNAMES,
)
from graphsvc.generate.params import GenerateParams
from graphsvc.model import Record

BAND_SHARE = {
    "infant": 0.07,
    "school": 0.09,
    "youth": 0.02,
    "young_adult": 0.12,
    "working_age": 0.44,
    "elderly": 0.26,
}
"""Approximate share of clients per age band, for sizing staff pools only."""

MEAN_KINDS_MULTI = 3.0

LOCAL_NAMES = {
    "municipality": ("{m}n kunta", "municipality", None),
    "ece": ("{m}n varhaiskasvatus", "early_childhood_education", "municipality"),
    "education": ("{m}n perusopetus", "education", "municipality"),
    "youth": ("{m}n nuorisopalvelut", "youth_services", "municipality"),
    "employment": ("{m}n työllisyyspalvelut (TE-palvelut)", "employment_services", "municipality"),
    "sote": ("{m}n sote-keskus", "sote_centre", "area_adults"),
    "family_centre": ("{m}n perhekeskus", "family_centre", "area_families"),
    "home_care": ("Kotihoito, {m}", "unit", "area_elderly"),
    "parish": ("{m}n seurakunta", "parish", None),
}

PATHWAYS: dict[str, tuple[str, str, list[tuple[str, str | None, str | None]]]] = {
    "lastenneurologia": (
        "Lasten neurologisten sairauksien hoitoketju",
        "lasten neurologiset sairaudet ja kehityksen viivästymät",
        [
            ("Huolen tunnistaminen neuvolassa", "child_health_clinic", "Lähete lastenneurologiaan"),
            ("Lastenneurologinen tutkimus ja diagnoosi", "child_neurology", None),
            ("Terapiat lähipalveluina", "speech_therapy", "Raportti kuntoutuksen seurantaan"),
            ("Kuntoutuksen seuranta", "child_neurology", None),
        ],
    ),
    "nuorten-mielenterveys": (
        "Nuorten mielenterveyden hoitoketju",
        "nuorten mielenterveyshäiriöt",
        [
            ("Perustason arvio", "family_counselling", "Lähete nuorisopsykiatriaan"),
            ("Nuorisopsykiatria", "youth_psychiatry", "Siirtoneuvottelu 3 kk ennen 18 v"),
            ("Siirtyminen aikuisten palveluihin", None, "Hoitovastuu aikuispsykiatrialle"),
            ("Aikuispsykiatria", "adult_psychiatry", None),
        ],
    ),
    "tyokyky": (
        "Työikäisten työkyvyn tuen palvelupolku",
        "osatyökykyisyys ja työkyvyn tuki",
        [
            ("Työkyvyn tuen tarpeen tunnistaminen", "general_practice", "Ohjaus työkykytiimiin"),
            ("Työkykykoordinaatio", "work_ability_coordination", "Sovitaan työkokeilusta"),
            ("Työkokeilu", "work_trial", "Arvio ja ohjaus koulutukseen tai työhön"),
            ("Ammatillinen koulutus tai työ", "vocational_education", None),
        ],
    ),
}
"""Regional pathways. By design the second child-neurology step has no handoff, the
third youth mental health step no organisation, and the third child-neurology step
no step owner (the pathway-level gaps)."""

UNOWNED_STEP = ("lastenneurologia", 3)


@dataclass
class Pool:
    professionals: list[str]
    cum_weights: list[float]

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.professionals, cum_weights=self.cum_weights)[0]


@dataclass
class Region:
    id: str
    prefix: str
    municipalities: list[str] = field(default_factory=list)
    municipality_weights: list[float] = field(default_factory=list)
    local_orgs: list[dict[str, str]] = field(default_factory=list)
    region_orgs: dict[str, str] = field(default_factory=dict)
    services: dict[tuple[str, int], str] = field(default_factory=dict)
    alternatives: dict[str, str] = field(default_factory=dict)
    provider: dict[str, str] = field(default_factory=dict)
    kind_of: dict[str, str] = field(default_factory=dict)
    pools: dict[str, Pool] = field(default_factory=dict)
    steps: dict[tuple[str, int], str] = field(default_factory=dict)

    def service(self, kind: str, municipality: int) -> str:
        local = KIND[kind].slot in LOCAL_SLOTS
        return self.services[(kind, municipality if local else -1)]


PLACE_NAMES = {head + tail for head in PLACE_HEADS for tail in PLACE_TAILS}


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def expected_episodes(params: GenerateParams) -> dict[str, float]:
    """Expected active episodes per kind of service in the whole region."""
    demand = dict.fromkeys(KIND, 0.0)
    per_client = 1 + params.multi_service_share * (MEAN_KINDS_MULTI - 1)
    for band in BANDS:
        clients = params.clients * BAND_SHARE[band.name] * band.active
        total = sum(w for _, w in band.kinds)
        for kind, weight in band.kinds:
            demand[kind] += clients * per_client * weight / total
        demand["general_practice"] += clients * band.long_term_illness
    return demand


def build_region(params: GenerateParams, rng: random.Random) -> tuple[Region, list[Record]]:
    prefix = params.prefix
    region = Region(id=f"{prefix}-region", prefix=prefix)
    records: list[Record] = []
    # about 8,000 clients a municipality, as many as there are names (96: larger regions
    # have larger municipalities)
    count = min(max(3, math.ceil(params.clients / 8000)), len(PLACE_NAMES))
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
        if name not in names:
            names.append(name)
    region.municipalities = names
    raw = [rng.uniform(0.5, 1.5) / (i + 1) ** 0.6 for i in range(count)]
    region.municipality_weights = [w / sum(raw) for w in raw]
    records.append({"type": "region", "id": region.id, "name": f"{names[0]}n hyvinvointialue"})

    def org(slot_id: str, name: str, kind: str, parent: str | None) -> str:
        record: Record = {"type": "organisation", "id": slot_id, "name": name, "kind": kind}
        record["region"] = region.id
        if parent is not None:
            record["part_of"] = parent
        records.append(record)
        return slot_id

    for slot, (name, kind, parent_slot) in REGION_SLOTS.items():
        if slot in ("county", "hospital", "college"):
            name = f"{names[0]}n {name}"
        parent = None if parent_slot is None else region.region_orgs[parent_slot]
        region.region_orgs[slot] = org(f"{prefix}-o-{slot}", name, kind, parent)
    for index, municipality in enumerate(names):
        orgs: dict[str, str] = {}
        for slot, (pattern, kind, parent_slot) in LOCAL_NAMES.items():
            if parent_slot is None:
                parent = None
            elif parent_slot in orgs:
                parent = orgs[parent_slot]
            else:
                parent = region.region_orgs[parent_slot]
            ident = f"{prefix}-o-{slot}-{index}"
            orgs[slot] = org(ident, pattern.format(m=municipality), kind, parent)
        region.local_orgs.append(orgs)

    demand = expected_episodes(params)

    def service(
        ident: str, kind: str, name: str, org_id: str, profession: str, share: float
    ) -> None:
        spec = KIND[kind]
        records.append(
            {
                "type": "service",
                "id": ident,
                "name": name,
                "kind": kind,
                "level": spec.level,
                "sector": spec.sector,
                "provider": org_id,
            }
        )
        region.provider[ident] = org_id
        region.kind_of[ident] = kind
        size = max(2, math.ceil(demand[kind] * share / params.caseload))
        staff: list[str] = []
        cum: list[float] = []
        total = 0.0
        for _ in range(size):
            pro = f"{ident}-p{len(staff) + 1}"
            records.append(
                {
                    "type": "professional",
                    "id": pro,
                    "name": person_name(rng),
                    "profession": profession,
                    "organisation": org_id,
                }
            )
            total += 2.0 if rng.random() < params.gap_rate else 1.0
            staff.append(pro)
            cum.append(total)
        region.pools[ident] = Pool(staff, cum)

    for spec in KINDS:
        if spec.slot in LOCAL_SLOTS:
            for index, orgs in enumerate(region.local_orgs):
                share = region.municipality_weights[index]
                ident = f"{prefix}-s-{spec.kind}-{index}"
                service(ident, spec.kind, spec.name, orgs[spec.slot], spec.profession, share)
                region.services[(spec.kind, index)] = ident
        else:
            ident = f"{prefix}-s-{spec.kind}"
            org_id = region.region_orgs[spec.slot]
            service(ident, spec.kind, spec.name, org_id, spec.profession, 1.0)
            region.services[(spec.kind, -1)] = ident
    for kind, (name, slot, profession) in ALTERNATIVES.items():
        ident = f"{prefix}-s-{kind}-alt"
        share = 2 * params.gap_rate * params.multi_service_share
        service(ident, kind, name, region.region_orgs[slot], profession, share)
        region.alternatives[kind] = ident

    records.extend(pathways(region))
    return region, records


def pathways(region: Region) -> Iterator[Record]:
    prefix = region.prefix
    for key, (name, need, steps) in PATHWAYS.items():
        pathway = f"{prefix}-pw-{key}"
        yield {"type": "pathway", "id": pathway, "name": name, "need": need, "region": region.id}
        for order, (step_name, kind, handoff) in enumerate(steps, start=1):
            ident = f"{prefix}-step-{key}-{order}"
            region.steps[(key, order)] = ident
            record: Record = {
                "type": "step",
                "id": ident,
                "pathway": pathway,
                "order": order,
                "name": step_name,
            }
            if kind is not None:
                service = region.service(kind, 0)
                record["organisation"] = region.provider[service]
                record["service"] = service
            if handoff is not None:
                record["handoff"] = handoff
            yield record
            if kind is not None and (key, order) != UNOWNED_STEP:
                yield {
                    "type": "responsibility",
                    "id": f"{ident}-owner",
                    "professional": region.pools[region.service(kind, 0)].professionals[0],
                    "role": "step_owner",
                    "step": ident,
                    "valid_from": "2024-01-01",
                }
