"""Recording events (the middleware, the beacon, the outbox subscribers) and keeping the lake
tidy (the periodic compaction, retention and daily merge)."""

from __future__ import annotations

import hmac
import logging
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from mercato.analytics import domain
from mercato.analytics.adapters import compaction, merge
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.adapters.recorder import Recorder, recorder_for
from mercato.platform import clock
from mercato.platform.settings import Settings

log = logging.getLogger(__name__)


_EPOCH = datetime(1970, 1, 1)
_minute: tuple[int, object, date] = (-1, None, date.min)  # (UTC minute, zone, local day)


def local_day(at: datetime) -> date:
    return clock.local(at).date()


def stamp() -> tuple[datetime, date]:
    """Now as stored (naive UTC) and the shop's local day, cheaply: the day is worked out
    once a minute (every zone's midnight falls on a whole UTC minute)."""
    global _minute
    now = time.time()
    minute, zone = int(now // 60), clock.zone()
    if _minute[0] != minute or _minute[1] is not zone:
        _minute = (minute, zone, local_day(_EPOCH + timedelta(seconds=minute * 60)))
    return _EPOCH + timedelta(seconds=now), _minute[2]


@dataclass(frozen=True)
class Tracker:
    """What recording needs: the key signing visitor ids, the lake, this process's buffer."""

    key: hmac.HMAC
    lake: Lake
    recorder: Recorder
    enabled: bool = True

    @classmethod
    def of(cls, settings: Settings) -> Tracker:
        lake = Lake.of(settings)
        return cls(domain.visitor_key(settings.secret_key), lake, recorder_for(lake.incoming),
                   settings.analytics_enabled)

    def record(self, name: str, visitor_id: str | None, **fields: Any) -> None:
        """Append one event stamped now (O(1); written off the request path)."""
        at, day = stamp()
        event_id = fields.pop("id", None) or self.recorder.next_id()
        self.recorder.append(domain.Event(event_id, at, day, name, visitor_id, **fields))

    def record_outbox(self, event_id: str, name: str, payload: dict[str, Any],
                      at: datetime) -> None:
        """An order's, shipment's or refund's event (the outbox event id keeps a replay the
        same row), at the time it happened (a signing: the carrier's scan)."""
        at = domain.outbox_time(name, payload, at)
        self.recorder.append(domain.from_outbox(event_id, name, payload, at, local_day(at)))

    def record_beacon(self, visitor_id: str, beacon: domain.Beacon) -> None:
        if beacon.name == domain.SEARCH and not beacon.term:
            return  # a search for nothing says nothing
        event_id = domain.beacon_event_id(visitor_id, beacon.client_id) if beacon.client_id \
            else None
        self.record(beacon.name, visitor_id, id=event_id, channel=beacon.channel,
                    path=beacon.path, product_id=beacon.product_id, sku_id=beacon.sku_id,
                    term=beacon.term)


def tidy(lake: Lake, keep_days: int) -> tuple[int, list[date]]:
    """The periodic job: compact closed segments, delete days past the retention, then merge
    each closed day's files into one."""
    written = compaction.compact(lake)
    today = clock.today()
    gone = compaction.purge(lake, keep_days, today)
    merged = merge.merge(lake, today)
    if written or gone or merged:
        log.info("analytics: %d events compacted; days deleted: %s; days merged: %s",
                 written, gone, merged)
    return written, gone
