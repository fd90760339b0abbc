"""What the fake message servers received, newest first: in memory, and in a JSON-lines file
when given one, so every process of a demo shop (uvicorn workers) shows the same inbox."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

KEEP = 200


class Inbox:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._items: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def record(self, item: dict[str, Any]) -> dict[str, Any]:
        entry = {"at": time.time(), **item}
        with self._lock:
            if self.path is None:
                self._items.append(entry)
                del self._items[:-KEEP]
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as fh:  # one write per line
                    fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return entry

    def messages(self, to: str = "", limit: int = 50) -> list[dict[str, Any]]:
        """Newest first; only those to `to` when given."""
        with self._lock:
            items = list(self._items) if self.path is None else self._read()
        chosen = [m for m in reversed(items) if not to or m.get("to") == to]
        return chosen[:limit]

    def _read(self) -> list[dict[str, Any]]:
        assert self.path is not None
        if not self.path.exists():
            return []
        out = []
        for line in self.path.read_text(encoding="utf-8").splitlines()[-KEEP:]:
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
        return out

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            if self.path is not None and self.path.exists():
                self.path.unlink()
