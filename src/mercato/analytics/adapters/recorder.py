"""The per-process event buffer: a request appends (a lock and a list append, O(1)); a
background thread writes what waits as one NDJSON segment file every second, or sooner when
2,000 events wait. A segment is written under a hidden temporary name and renamed when
whole, so a reader (a query, the compaction) never sees half a file.

One recorder per lake folder and process, shared by the middleware, the beacon and the
outbox subscribers. The thread starts on the first event and stops after 10 quiet seconds;
whatever waits is written at shutdown (the middleware sees the ASGI lifespan end) and at
interpreter exit."""

from __future__ import annotations

import atexit
import itertools
import logging
import os
import secrets
import threading
from pathlib import Path

import orjson

from mercato.analytics.domain import Event

log = logging.getLogger(__name__)

BATCH = 2000
INTERVAL = 1.0
IDLE_EXIT = 10.0
# Events kept in memory when segments cannot be written (disk full): beyond, new ones are
# dropped and counted rather than taking the process's memory.
MAX_WAITING = 500_000


class Recorder:
    def __init__(self, folder: Path, batch: int = BATCH, interval: float = INTERVAL,
                 background: bool = True) -> None:
        # background=False: no thread, flush() alone writes (tests that want exact segments).
        self.folder, self.batch, self.interval = folder, batch, interval
        self.background = background
        self._reset()

    def _reset(self) -> None:
        self._events: list[Event] = []
        self._lock = threading.Lock()  # guards _events and _thread
        self._writing = threading.Lock()  # one segment written at a time
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        # Segment names: pid alone could repeat after a restart while old segments wait.
        self._boot = secrets.token_hex(6)
        self._segments = itertools.count(1)
        self._ids = itertools.count(1)
        self.dropped = 0

    def next_id(self) -> str:
        """A unique event id, cheaper than a UUID: this recorder's boot token and a count."""
        return f"{self._boot}-{next(self._ids):x}"

    def append(self, event: Event) -> None:
        with self._lock:
            if len(self._events) >= MAX_WAITING:
                self.dropped += 1
                return
            self._events.append(event)
            waiting = len(self._events)
            if self._thread is None and self.background:
                self._thread = threading.Thread(target=self._run, name="analytics-flush",
                                                daemon=True)
                self._thread.start()
        if waiting >= self.batch:
            self._wake.set()

    def flush(self) -> int:
        """Write what waits as one segment; the number of events written."""
        with self._writing:
            with self._lock:
                events, self._events = self._events, []
            if not events:
                return 0
            try:
                self._write(events)
            except OSError:
                log.exception("analytics: %d events could not be written; kept", len(events))
                with self._lock:
                    self._events[:0] = events[: MAX_WAITING - len(self._events)]
                return 0
            return len(events)

    def _write(self, events: list[Event]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{os.getpid()}-{self._boot}-{next(self._segments):08d}.ndjson"
        temporary = self.folder / f".{name}.tmp"
        with temporary.open("wb") as fh:
            fh.write(b"\n".join(map(orjson.dumps, events)) + b"\n")
        os.replace(temporary, self.folder / name)

    def _run(self) -> None:
        quiet = 0.0
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            quiet = 0.0 if self.flush() else quiet + self.interval
            if quiet >= IDLE_EXIT:
                with self._lock:
                    if not self._events:
                        self._thread = None
                        return
                quiet = 0.0


_recorders: dict[Path, Recorder] = {}
_registry = threading.Lock()


def recorder_for(incoming: Path) -> Recorder:
    """This process's recorder writing into `incoming`."""
    key = incoming.resolve()
    with _registry:
        found = _recorders.get(key)
        if found is None:
            found = _recorders[key] = Recorder(key)
        return found


def flush_all() -> None:
    for recorder in list(_recorders.values()):
        recorder.flush()


def _forked() -> None:
    # A forked child has the parent's buffer and locks but not its thread: start afresh.
    global _registry
    _registry = threading.Lock()
    for recorder in _recorders.values():
        recorder._reset()


atexit.register(flush_all)
os.register_at_fork(after_in_child=_forked)
