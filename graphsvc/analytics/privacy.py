"""Pseudonyms for the ids analytics shows: a keyed hash, stable for one key.

``HMAC-SHA256(key, "Label:id")``, the first 16 hex digits, prefixed by the
label's initial. The key comes from ``GRAPHSVC_PSEUDONYM_KEY``; without it a
development key is used, which is public and so only fit for development
(production refuses to run analytics without a key). The same id gives the
same pseudonym across runs and outputs with one key, so planners can follow a
unit or a professional over time, and nobody without the key can go back.
"""

from __future__ import annotations

import hashlib
import hmac

from graphsvc.errors import ConfigError
from graphsvc.settings import DEV_PSEUDONYM_KEY, Settings


class Pseudonyms:
    def __init__(self, key: str):
        self._key = key.encode()

    @classmethod
    def from_settings(cls, settings: Settings) -> Pseudonyms:
        if settings.pseudonym_key is None and not settings.development:
            raise ConfigError(
                "GRAPHSVC_PSEUDONYM_KEY is not set: analytics needs a secret key in production"
            )
        return cls(settings.pseudonym_key or DEV_PSEUDONYM_KEY)

    def __call__(self, label: str, id: str) -> str:
        digest = hmac.new(self._key, f"{label}:{id}".encode(), hashlib.sha256).hexdigest()
        return f"{label[0].upper()}-{digest[:16]}"
