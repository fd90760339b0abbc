"""Today's figures for the data centre's live cards, and what makes them move.

Today (the shop's local day): GMV (fen), paid orders and their average, as services.figures
counts them, and visitors (UV). Read from the lake with one DuckDB query over today's
Parquet files and the waiting segments (adapters.queries.traffic for that day), only when
the segments changed since the last read: a stream that looks again every second costs a
directory listing while nothing happens.

A payment reaches the cards like this: the outbox's `orders.order_paid.v1` is handled by the
analytics subscriber (tasks.py: in a web process with the embedded broker, in `mercato
worker` with RabbitMQ or Redis), which records it as every other event, then asks `Pulse` to
write the buffer out as a segment (so the lake has it) and to publish TOPIC through the
platform's hub; every web process's stream hears it and reads today again. The pulse runs
in its own thread and at most every GAP seconds, folding what came meanwhile into one
segment and one notification: a flash sale paying hundreds of orders a second makes four
small files a second, not hundreds. Page views need no notification: each process writes
its buffer every second, and the streams look again every second anyway."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mercato.analytics import domain
from mercato.analytics.adapters import queries
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.adapters.recorder import Recorder
from mercato.platform import clock
from mercato.platform.live import Hub

log = logging.getLogger(__name__)

TOPIC = "analytics.today"
GAP = 0.25  # seconds between two pulses at most
IDLE_EXIT = 30.0  # the pulse thread ends after this long without a payment
RECHECK = 30  # seconds: today is read again at least this often while someone watches


@dataclass(frozen=True, slots=True)
class Today:
    day: date
    gmv_fen: int
    paid_orders: int
    visitors: int

    @property
    def aov_fen(self) -> int:
        return domain.average_fen(self.gmv_fen, self.paid_orders)

    def message(self, at: datetime) -> dict[str, Any]:
        """What a live stream sends: money in fen (integers), `at` (a stored time) in the
        shop's time zone."""
        return {"day": self.day.isoformat(), "gmv_fen": self.gmv_fen,
                "paid_orders": self.paid_orders, "visitors": self.visitors,
                "aov_fen": self.aov_fen, "at": clock.local(at).isoformat(timespec="seconds")}


def _state(lake: Lake) -> tuple[object, ...]:
    """What changes when today's events change: the waiting segments (written, taken by a
    compaction, deleted once in Parquet: today's Parquet files never change otherwise), and
    a clock moving every RECHECK seconds for anything else (another machine's compaction)."""
    return (int(time.monotonic() // RECHECK), *lake.segments())


_read: dict[tuple[Path, date, str | None], tuple[tuple[object, ...], Today]] = {}
_read_lock = threading.Lock()


def today(lake: Lake, channel: str | None = None, day: date | None = None) -> Today:
    """Today's figures (or `day`'s), all channels or one; read again only when the lake's
    segments changed since this process last read them for the same day and channel (or
    RECHECK seconds passed)."""
    day = day or clock.today()
    key = (lake.root, day, channel)
    files = _state(lake)
    with _read_lock:
        known = _read.get(key)
    if known is not None and known[0] == files:
        return known[1]
    found = queries.traffic(lake, day, day, "day", channel).get(day)
    uv, _pv, _orders, paid, _buyers, gmv = found or (0, 0, 0, 0, 0, 0)
    figures = Today(day, gmv, paid, uv)
    with _read_lock:
        if len(_read) > 64:  # yesterday's and forgotten channels' entries
            _read.clear()
        _read[key] = (files, figures)
    return figures


class Pulse:
    """Write the recorder's buffer out, then `publish()`: off the caller's thread, at most
    once every `gap` seconds (beats meanwhile fold into the next pulse)."""

    def __init__(self, recorder: Recorder, publish: Callable[[], None],
                 gap: float = GAP) -> None:
        self.recorder, self.publish, self.gap = recorder, publish, gap
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    def beat(self) -> None:
        with self._lock:
            self._wake.set()
            if self._pid != os.getpid():  # forked: the parent's thread is not ours
                self._pid, self._thread = os.getpid(), None
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="analytics-pulse",
                                                daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            woken = self._wake.wait(IDLE_EXIT)
            with self._lock:
                if not woken and not self._wake.is_set():
                    self._thread = None
                    return
                self._wake.clear()
            self.once()
            time.sleep(self.gap)

    def once(self) -> None:
        """One pulse, now, in the calling thread."""
        try:
            self.recorder.flush()
            self.publish()
        except Exception:  # a pulse is a courtesy: the streams look again on their own
            log.exception("analytics: today's figures could not be announced")


_pulses: dict[tuple[Path, int], Pulse] = {}
_pulses_lock = threading.Lock()


def pulse_for(recorder: Recorder, hub: Hub) -> Pulse:
    """This process's pulse writing `recorder` out and announcing TOPIC on `hub`: one,
    however many buses are wired (tests wire one per delivery)."""
    key = (recorder.folder, id(hub))
    with _pulses_lock:
        found = _pulses.get(key)
        if found is None:
            found = _pulses[key] = Pulse(recorder, lambda: hub.publish(TOPIC))
        return found
