"""The live alerts' settings, from the environment (see README, "Live alerts")."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from graphsvc.errors import ConfigError


@dataclass(frozen=True)
class AlertSettings:
    hour: int | None = None
    """The local hour after which the daily re-evaluation runs; None: never (by command only).
    The defaults of a deployment are those of :meth:`from_env` (05:00 Europe/Helsinki)."""
    timezone: dt.tzinfo = dt.UTC
    retention: dt.timedelta = dt.timedelta(days=14)
    poll_seconds: float = 0.25
    lease: dt.timedelta = dt.timedelta(hours=2)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> AlertSettings:
        env = os.environ if env is None else env
        hour_text = env.get("GRAPHSVC_ALERTS_HOUR", "5").strip()
        hour: int | None = None
        if hour_text != "off":
            hour = _int(hour_text, "GRAPHSVC_ALERTS_HOUR", 0, 23, "an hour 0-23 or off")
        zone = env.get("GRAPHSVC_ALERTS_TIMEZONE", "Europe/Helsinki")
        try:
            timezone = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"GRAPHSVC_ALERTS_TIMEZONE: expected an IANA time zone, got {zone!r}"
            ) from None
        days = _int(
            env.get("GRAPHSVC_ALERTS_RETENTION_DAYS", "14"),
            "GRAPHSVC_ALERTS_RETENTION_DAYS",
            1,
            3650,
            "days 1-3650",
        )
        poll_ms = _int(
            env.get("GRAPHSVC_ALERTS_POLL_MS", "250"),
            "GRAPHSVC_ALERTS_POLL_MS",
            20,
            60_000,
            "milliseconds 20-60000",
        )
        return cls(
            hour=hour,
            timezone=timezone,
            retention=dt.timedelta(days=days),
            poll_seconds=poll_ms / 1000,
        )


def _int(text: str, name: str, low: int, high: int, expected: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ConfigError(f"{name}: expected {expected}, got {text!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name}: expected {expected}, got {value}")
    return value
