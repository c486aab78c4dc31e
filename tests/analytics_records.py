"""Small builders of exchange-format records for the analytics tests' hand-built regions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphsvc.model import Record

AS_OF = dt.date(2026, 11, 22)


def region(id: str = "r1") -> Record:
    return {"type": "region", "id": id, "name": f"Alue {id}"}


def org(id: str, *, region: str = "r1", kind: str = "unit", part_of: str | None = None) -> Record:
    record = {"type": "organisation", "id": id, "name": f"Org {id}", "kind": kind, "region": region}
    if part_of is not None:
        record["part_of"] = part_of
    return record


def service(id: str, kind: str, provider: str) -> Record:
    return {
        "type": "service",
        "id": id,
        "name": f"Palvelu {id}",
        "kind": kind,
        "level": "special",
        "sector": "social",
        "provider": provider,
    }


def client(id: str, born: str, *, region: str = "r1", **more: Any) -> Record:
    name = f"Salainen Asiakas {id}"
    return {"type": "client", "id": id, "name": name, "birth_date": born, "region": region, **more}


def episode(
    id: str, client: str, service: str, start: str, end: str | None = None, **more: Any
) -> Record:
    record = {
        "type": "episode",
        "id": id,
        "client": client,
        "service": service,
        "start": start,
        "status": "active" if end is None else "ended",
        **more,
    }
    if end is not None:
        record["end"] = end
    return record


def professional(id: str, organisation: str, profession: str = "sosiaalityöntekijä") -> Record:
    return {
        "type": "professional",
        "id": id,
        "name": f"Salainen Työntekijä {id}",
        "profession": profession,
        "organisation": organisation,
    }


def responsibility(
    id: str, professional: str, role: str, valid_from: str = "2026-01-01", **scope: str
) -> Record:
    return {
        "type": "responsibility",
        "id": id,
        "professional": professional,
        "role": role,
        "valid_from": valid_from,
        **scope,
    }
