"""A least-recently-used cache bounded by bytes, for what a request path may cache from
its input (parsed queries, their validation, verified tokens): input cannot grow it."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")


class BoundedCache(Generic[V]):
    """A least-recently-used cache keyed by the SHA-256 of the query text, bounded by the
    estimated bytes of what it holds (never the text itself as a key)."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[bytes, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(text: str, *parts: str) -> bytes:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
        for part in parts:
            digest.update(b"\0" + part.encode())
        return digest.digest()

    def get(self, key: bytes) -> V | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: bytes, value: V, size: int) -> None:
        if size > self.max_bytes // 8:
            return  # one big query must not push out everything else
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (value, size)
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self.bytes -= dropped
