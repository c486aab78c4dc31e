"""What every draw of a client needs: the client being drawn, dates, responsibilities."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from graphsvc.generate.catalogue import AGE_LIMITED, BANDS, Band
from graphsvc.generate.params import GenerateParams
from graphsvc.generate.reference import Region
from graphsvc.model import Record

Day = dt.date


@dataclass
class Episode:
    id: str
    service: str
    kind: str
    provider: str
    start: Day
    holder: str
    end: Day | None = None
    step: str | None = None


@dataclass
class Client:
    id: str
    band: Band
    birth: Day
    municipality: int
    episodes: list[Episode] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    serial: int = 0

    def next_id(self, tag: str) -> str:
        self.serial += 1
        return f"{self.id}-{tag}{self.serial}"


def band_of(age: int) -> Band:
    return next(b for b in BANDS if b.ages[0] <= age <= b.ages[1])


def birthday(birth: Day, years: int) -> Day:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February
        return birth.replace(year=birth.year + years, day=28)


def age_limit(birth: Day, kind: str) -> Day | None:
    """When an age-limited service of this kind ends for someone born on ``birth``:
    the 18th birthday, or for day care 1 August of the year the child turns 7."""
    if kind not in AGE_LIMITED:
        return None
    age = AGE_LIMITED[kind][2]
    if kind == "early_childhood_education":
        return dt.date(birth.year + age, 8, 1)
    return birthday(birth, age)


class Draws:
    def __init__(self, params: GenerateParams, region: Region, rng: random.Random):
        self.params = params
        self.region = region
        self.rng = rng
        self.as_of = params.as_of
        self.households = 0
        self.clients = 0

    def chance(self) -> bool:
        return self.rng.random() < self.params.gap_rate

    def days_ago(self, low: int, high: int) -> Day:
        return self.as_of - dt.timedelta(days=self.rng.randint(low, high))

    def episode_record(self, client: Client, episode: Episode) -> Record:
        record: Record = {
            "type": "episode",
            "id": episode.id,
            "client": client.id,
            "service": episode.service,
            "start": episode.start.isoformat(),
        }
        if episode.end is not None:
            record["end"] = episode.end.isoformat()
        record["status"] = (
            "ended"
            if episode.end is not None and episode.end < self.as_of
            else ("active" if episode.start <= self.as_of else "planned")
        )
        if episode.step is not None:
            record["step"] = episode.step
        return record

    def responsibility(
        self,
        person: Client,
        professional: str,
        role: str,
        valid_from: Day,
        valid_to: Day | None = None,
        division: str | None = None,
        **scope: str,
    ) -> None:
        record: Record = {
            "type": "responsibility",
            "id": person.next_id("r"),
            "professional": professional,
            "role": role,
            **scope,
            "valid_from": valid_from.isoformat(),
        }
        if valid_to is not None:
            record["valid_to"] = valid_to.isoformat()
        if division is not None:
            record["division"] = division
        person.records.append(record)
