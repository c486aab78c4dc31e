"""The region every evaluation case lives in, and small builders for records.

Järvimaa (fictional), as the domain brief describes a wellbeing services county:
the county with its family centre, child welfare, sote centre, home care and
central hospital (with its psychiatric, neurology and ward units), the
municipality with day care, school and employment services, Kela, an
occupational health company, an NGO, a private youth home and a private
physiotherapy firm. Services carry the names and kinds a worker would type,
Finnish where the worker writes Finnish.
"""

from __future__ import annotations

from typing import Any

from graphsvc.model import Record

ORGS = [
    # id, name, kind, part_of
    ("hva", "Järvimaan hyvinvointialue", "wellbeing_county", None),
    ("pk", "Perhekeskus", "family_centre", "hva"),
    ("ls", "Lastensuojelu", "unit", "hva"),
    ("sote", "Sote-keskus", "sote_centre", "hva"),
    ("koti", "Kotihoito", "unit", "hva"),
    ("ks", "Keskussairaala", "hospital", "hva"),
    ("nuopsy", "Nuorisopsykiatrian poliklinikka", "unit", "ks"),
    ("aikpsy", "Aikuispsykiatrian poliklinikka", "unit", "ks"),
    ("lneuro", "Lastenneurologian poliklinikka", "unit", "ks"),
    ("osasto", "Sisätautiosasto", "unit", "ks"),
    ("kunta", "Järvilinnan kaupunki", "municipality", None),
    ("vaka", "Varhaiskasvatus", "early_childhood_education", "kunta"),
    ("koulu", "Perusopetus", "education", "kunta"),
    ("tyo", "Työllisyyspalvelut", "employment_services", "kunta"),
    ("kela", "Kela", "kela", None),
    ("tth", "Työterveys Oy", "occupational_health", None),
    ("ry", "Erityislasten Omaiset ry", "ngo", None),
    ("nk", "Nuorisokoti Kotiranta", "private_provider", None),
    ("fysio", "Fysioterapia Liike Oy", "private_provider", None),
]

SERVICES = [
    # id, name, kind as typed, sector, provider
    ("s-neuvola", "Lastenneuvola", "lastenneuvola", "health", "pk"),
    ("s-puhe", "Puheterapia", "puheterapia", "health", "pk"),
    ("s-fysio-pk", "Lasten fysioterapia", "fysioterapia", "health", "pk"),
    ("s-fysio-oy", "Fysioterapia, yksityinen", "fysioterapia", "health", "fysio"),
    ("s-perhetyo", "Perhetyö", "perhetyö", "social", "pk"),
    ("s-ls", "Lastensuojelun sosiaalityö", "lastensuojelu", "social", "ls"),
    ("s-jalki", "Jälkihuolto", "jälkihuolto", "social", "ls"),
    ("s-sijais", "Sijaishuolto, Nuorisokoti Kotiranta", "sijaishuolto", "social", "nk"),
    ("s-nuopsy", "Nuorisopsykiatrian avohoito", "nuorisopsykiatria", "health", "nuopsy"),
    ("s-aikpsy", "Aikuispsykiatrian avohoito", "aikuispsykiatria", "health", "aikpsy"),
    ("s-lneuro", "Lastenneurologia", "lastenneurologia", "health", "lneuro"),
    ("s-osasto", "Sisätautien vuodeosasto", "vuodeosastohoito", "health", "osasto"),
    ("s-koti", "Säännöllinen kotihoito", "kotihoito", "social", "koti"),
    ("s-gp", "Lääkärin vastaanotto", "lääkärin vastaanotto", "health", "sote"),
    ("s-aso", "Aikuissosiaalityö", "aikuissosiaalityö", "social", "sote"),
    ("s-vaka", "Päiväkoti Satakieli", "varhaiskasvatus", "education", "vaka"),
    ("s-tuki", "Tehostettu tuki", "oppimisen tuki", "education", "koulu"),
    ("s-te", "Työnhakijan palvelut", "työllisyyspalvelut", "employment", "tyo"),
    ("s-kokeilu", "Työkokeilu", "työkokeilu", "employment", "tyo"),
    ("s-kela", "Ammatillinen kuntoutus", "ammatillinen kuntoutus", "benefits", "kela"),
    ("s-tth", "Työterveyshuolto", "työterveyshuolto", "health", "tth"),
    ("s-ry", "Vertaistukiryhmä", "vertaistuki", "third_sector", "ry"),
    ("s-muu", "Nuorten kerho", "other", "third_sector", "ry"),
    ("s-fysio-sv", "Fysioterapi på svenska", "fysioterapi", "health", "fysio"),
]

PROFESSIONALS = [
    # id, name, profession, organisation
    ("w-pk1", "Paula Perhonen", "sosiaaliohjaaja", "pk"),
    ("w-pk2", "Pia Puhakka", "puheterapeutti", "pk"),
    ("w-pk3", "Pentti Pelto", "fysioterapeutti", "pk"),
    ("w-ls1", "Liisa Laine", "sosiaalityöntekijä", "ls"),
    ("w-ls2", "Lauri Lepola", "sosiaalityöntekijä", "ls"),
    ("w-nuopsy", "Nina Nurmi", "sairaanhoitaja", "nuopsy"),
    ("w-aikpsy", "Aki Aho", "sairaanhoitaja", "aikpsy"),
    ("w-lneuro", "Leena Lehto", "lastenneurologi", "lneuro"),
    ("w-osasto", "Olli Oja", "sairaanhoitaja", "osasto"),
    ("w-koti", "Kaisa Koski", "lähihoitaja", "koti"),
    ("w-gp", "Galina Peltonen", "yleislääkäri", "sote"),
    ("w-sote", "Sanna Salo", "sosiaalityöntekijä", "sote"),
    ("w-vaka", "Veera Vainio", "varhaiskasvatuksen opettaja", "vaka"),
    ("w-koulu", "Kalle Kivi", "erityisopettaja", "koulu"),
    ("w-tyo", "Tuomas Toivonen", "omavalmentaja", "tyo"),
    ("w-kela", "Kerttu Kallio", "kuntoutuksen asiantuntija", "kela"),
    ("w-tth", "Tiina Heino", "työterveyslääkäri", "tth"),
    ("w-fysio", "Fredrik Holm", "fysioterapeutti", "fysio"),
    ("w-ry", "Riikka Rantanen", "nuorisotyöntekijä", "ry"),
]


def region() -> list[Record]:
    records: list[Record] = [{"type": "region", "id": "ev", "name": "Järvimaa"}]
    for id, name, kind, part_of in ORGS:
        org: Record = {"type": "organisation", "id": id, "name": name, "kind": kind, "region": "ev"}
        if part_of:
            org["part_of"] = part_of
        records.append(org)
    for id, name, kind, sector, provider in SERVICES:
        records.append(
            {
                "type": "service",
                "id": id,
                "name": name,
                "kind": kind,
                "level": "basic",
                "sector": sector,
                "provider": provider,
            }
        )
    for id, name, profession, org in PROFESSIONALS:
        records.append(
            {
                "type": "professional",
                "id": id,
                "name": name,
                "profession": profession,
                "organisation": org,
            }
        )
    records.append(
        {
            "type": "professional",
            "id": "w-left",
            "name": "Leo Lähtinen",
            "profession": "sosiaalityöntekijä",
            "organisation": "sote",
            "valid_from": "2019-01-01",
            "valid_to": "2025-12-31",
        }
    )
    return records  # fmt: skip


def person(id: str, born: str, **extra: Any) -> Record:
    return {"type": "client", "id": id, "name": id.split("-")[-1].title(), "birth_date": born,
            "region": "ev", **extra}  # fmt: skip


def family(id: str) -> Record:
    return {"type": "family", "id": id, "name": f"Perhe {id}"}


def service_use(id: str, client: str, service: str, start: str, end: str | None = None,
                status: str | None = None) -> Record:  # fmt: skip
    status = status or ("ended" if end else "active")
    record: Record = {"type": "episode", "id": id, "client": client, "service": service,
                      "start": start, "status": status}  # fmt: skip
    if end:
        record["end"] = end
    return record


def role(id: str, worker: str, role: str, start: str, end: str | None = None,
         **scope: Any) -> Record:  # fmt: skip
    record: Record = {"type": "responsibility", "id": id, "professional": worker, "role": role,
                      "valid_from": start, **scope}  # fmt: skip
    if end:
        record["valid_to"] = end
    return record


def plan(id: str, client: str, kind: str, start: str, **extra: Any) -> Record:
    return {"type": "plan", "id": id, "client": client, "kind": kind, "valid_from": start,
            **extra}  # fmt: skip


def goal(id: str, plan: str, direction: str, text: str) -> Record:
    return {"type": "goal", "id": id, "plan": plan, "text": text, "direction": direction,
            "status": "open"}  # fmt: skip


def handoff(id: str, client: str, from_org: str, to_org: str, status: str, requested: str,
            decided: str | None = None, completed: str | None = None,
            **extra: Any) -> Record:  # fmt: skip
    record: Record = {"type": "handoff", "id": id, "client": client, "from_org": from_org,
                      "to_org": to_org, "status": status, "requested": requested,
                      **extra}  # fmt: skip
    if decided:
        record["decided"] = decided
    if completed:
        record["completed"] = completed
    return record


def consent(id: str, client: str, from_org: str, to_org: str, start: str,
            purpose: str = "information_sharing") -> Record:  # fmt: skip
    return {"type": "consent", "id": id, "client": client, "from_org": from_org,
            "to_org": to_org, "purpose": purpose, "valid_from": start}  # fmt: skip
