"""A small in-process cache of rendered reads, keyed by a data version. Each process checks
the version in the database per request, so several workers never serve stale data for long
than one write."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import TypeVar

T = TypeVar("T")


class VersionedCache:
    def __init__(self, size: int = 2048) -> None:
        self._data: OrderedDict[Hashable, object] = OrderedDict()
        self._size = size
        self._version: int | None = None
        self._lock = Lock()

    def get_or_make(self, version: int, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            if version != self._version:
                self._data.clear()
                self._version = version
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]  # type: ignore[return-value]
        value = make()
        with self._lock:
            if version == self._version:
                self._data[key] = value
                if len(self._data) > self._size:
                    self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._version = None
