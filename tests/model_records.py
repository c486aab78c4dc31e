"""A small valid world with one or more records of every type, for import and export tests.

Modelled on the seeds' Matias case (brain injury, rehabilitation, work trial)
and a family with a child in early childhood education.
"""

from __future__ import annotations

import copy
from typing import Any

Records = list[dict[str, Any]]

_WORLD: Records = [
    {"type": "region", "id": "r-south", "name": "Eteläinen hyvinvointialue"},
    {"type": "region", "id": "r-north", "name": "Pohjoinen hyvinvointialue"},
    {"type": "family", "id": "f-1", "name": "Virtanen"},
    {
        "type": "organisation",
        "id": "o-county",
        "name": "Eteläinen hyvinvointialue",
        "kind": "wellbeing_county",
        "region": "r-south",
    },
    {
        "type": "organisation",
        "id": "o-sote",
        "name": "Keskustan sote-keskus",
        "kind": "sote_centre",
        "region": "r-south",
        "part_of": "o-county",
    },
    {
        "type": "organisation",
        "id": "o-kela",
        "name": "Kela",
        "kind": "kela",
        "region": "r-north",
    },
    {
        "type": "professional",
        "id": "p-anna",
        "name": "Anna Aalto",
        "profession": "sosiaalityöntekijä",
        "organisation": "o-sote",
        "valid_from": "2020-01-01",
    },
    {
        "type": "professional",
        "id": "p-ben",
        "name": "Ben Berg",
        "profession": "työkykykoordinaattori",
        "organisation": "o-kela",
    },
    {
        "type": "service",
        "id": "s-physio",
        "name": "Fysioterapia",
        "kind": "physiotherapy",
        "level": "basic",
        "sector": "health",
        "provider": "o-sote",
    },
    {
        "type": "service",
        "id": "s-rehab",
        "name": "Ammatillinen kuntoutus",
        "kind": "vocational_rehabilitation",
        "level": "special",
        "sector": "benefits",
        "provider": "o-kela",
    },
    {
        "type": "pathway",
        "id": "pw-work",
        "name": "Työkyvyn tuen palveluketju",
        "need": "työkyvyn tuki",
        "region": "r-south",
    },
    {
        "type": "step",
        "id": "st-1",
        "pathway": "pw-work",
        "order": 1,
        "name": "Kuntoutustarpeen arvio",
        "organisation": "o-sote",
        "service": "s-physio",
        "handoff": "Lähete ja yhteinen palaveri",
    },
    {"type": "step", "id": "st-2", "pathway": "pw-work", "order": 2, "name": "Työkokeilu"},
    {
        "type": "client",
        "id": "c-matias",
        "name": "Matias Virtanen",
        "birth_date": "2001-05-14",
        "region": "r-south",
        "family": "f-1",
        "family_role": "child",
        "long_term_illness": True,
        "municipality": "Espoo",
    },
    {
        "type": "client",
        "id": "c-liisa",
        "name": "Liisa Virtanen",
        "birth_date": "1975-02-01",
        "region": "r-south",
    },
    {
        "type": "episode",
        "id": "e-physio",
        "client": "c-matias",
        "service": "s-physio",
        "start": "2023-01-10",
        "end": "2023-06-30",
        "status": "ended",
        "step": "st-1",
    },
    {
        "type": "episode",
        "id": "e-rehab",
        "client": "c-matias",
        "service": "s-rehab",
        "start": "2023-07-01",
        "status": "active",
    },
    {
        "type": "plan",
        "id": "pl-1",
        "client": "c-matias",
        "kind": "rehabilitation_plan",
        "owner": "p-ben",
        "participants": ["p-anna", "p-ben"],
        "services": ["s-physio", "s-rehab"],
        "review_date": "2024-06-30",
        "mode": "group_meeting",
        "client_participated": True,
        "previous_goals_feedback": "partly_met",
        "valid_from": "2023-07-01",
    },
    {
        "type": "goal",
        "id": "g-1",
        "plan": "pl-1",
        "text": "Farmanomiopinnot",
        "direction": "education",
        "status": "open",
    },
    {
        "type": "consent",
        "id": "cs-1",
        "client": "c-matias",
        "from_org": "o-sote",
        "to_org": "o-kela",
        "purpose": "handoff",
        "valid_from": "2023-06-01",
        "valid_to": "2025-06-01",
    },
    {
        "type": "responsibility",
        "id": "rs-client",
        "professional": "p-ben",
        "role": "work_ability_coordinator",
        "client": "c-matias",
        "valid_from": "2023-07-01",
    },
    {
        "type": "responsibility",
        "id": "rs-plan",
        "professional": "p-anna",
        "role": "plan_author",
        "plan": "pl-1",
        "valid_from": "2023-07-01",
        "valid_to": "2024-12-31",
        "division": "Anna kirjaa, Ben koordinoi",
    },
    {
        "type": "responsibility",
        "id": "rs-episode",
        "professional": "p-anna",
        "role": "own_worker",
        "episode": "e-physio",
        "valid_from": "2023-01-10",
    },
    {
        "type": "responsibility",
        "id": "rs-step",
        "professional": "p-anna",
        "role": "step_owner",
        "step": "st-1",
        "valid_from": "2022-01-01",
    },
    {
        "type": "transition",
        "id": "t-1",
        "client": "c-matias",
        "kind": "work_trial_to_work_or_study",
        "due_date": "2023-07-01",
        "from_episode": "e-physio",
        "to_episode": "e-rehab",
    },
    {
        "type": "handoff",
        "id": "h-1",
        "client": "c-matias",
        "transition": "t-1",
        "from_episode": "e-physio",
        "to_episode": "e-rehab",
        "from_professional": "p-anna",
        "to_professional": "p-ben",
        "from_org": "o-sote",
        "to_org": "o-kela",
        "status": "completed",
        "requested": "2023-06-01",
        "decided": "2023-06-10",
        "completed": "2023-07-01",
        "consent": "cs-1",
    },
]


def world() -> Records:
    """A fresh deep copy, so a test may change records freely."""
    return copy.deepcopy(_WORLD)


def record(records: Records, ident: str) -> dict[str, Any]:
    return next(r for r in records if r["id"] == ident)
