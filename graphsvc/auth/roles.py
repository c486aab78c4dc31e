"""The four roles and how a token's role claim maps to one."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Role(StrEnum):
    PROFESSIONAL = "professional"
    COORDINATOR = "coordinator"
    PLANNER = "planner"
    ADMIN = "admin"


PRIVILEGE = [Role.PLANNER, Role.PROFESSIONAL, Role.COORDINATOR, Role.ADMIN]
"""Least to most: when a claim lists several roles the caller acts in the most privileged
one (an identity provider grants the roles, graphsvc does not second-guess them)."""


def role_of(claim: Any) -> Role | None:
    """The role a claim (a string or a list of strings, ``graphsvc-`` prefix allowed) grants."""
    values = [claim] if isinstance(claim, str) else claim if isinstance(claim, list) else []
    found = set()
    for value in values:
        if isinstance(value, str):
            name = value.removeprefix("graphsvc-").removeprefix("graphsvc:")
            if name in Role.__members__.values():
                found.add(Role(name))
    for role in reversed(PRIVILEGE):
        if role in found:
            return role
    return None
