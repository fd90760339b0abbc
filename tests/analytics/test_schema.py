"""The shipment columns (carrier, warehouse_id, shipment): filled from the outbox alone,
never from a beacon; a signing dated by its signed_at; Parquet files and segments written
before the columns existed still read (NULL there) beside new ones in the same day."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import orjson
import pytest

from mercato import events
from mercato.analytics import domain, tasks
from mercato.analytics.adapters import merge
from mercato.analytics.adapters.compaction import compact
from mercato.analytics.adapters.lake import Lake, connect, fetch, literal, parquet_rows, union
from mercato.analytics.services import figures
from mercato.analytics.services.recording import Tracker
from mercato.kernel.errors import DomainError
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings
from tests.analytics.helpers import ev, recorded, write

OLD = ("id", "occurred_at", "name", "visitor_id", "customer_id", "channel", "path", "product_id",
       "sku_id", "order_number", "value_fen", "quantity", "term")  # stored before, no day
SHIPPED = {"number": "N1-1", "order_number": "N1", "carrier": "sf", "waybill_no": "SF1400",
           "warehouse_id": 3, "phone": "13912345678"}
AT, DAY = datetime(2026, 3, 1, 2), date(2026, 3, 1)


def test_shipping_keeps_carrier_warehouse_and_shipment_only() -> None:
    e = domain.from_outbox("ev-1", events.SHIPMENT_SHIPPED, SHIPPED, AT, DAY)
    assert (e.name, e.order_number, e.shipment, e.carrier, e.warehouse_id) == (
        "shipped", "N1", "N1-1", "sf", 3)
    assert "13912345678" not in str(e) and "SF1400" not in str(e)
    odd = {**SHIPPED, "carrier": "SF Express<script>", "warehouse_id": "3"}
    e = domain.from_outbox("ev-2", events.SHIPMENT_SHIPPED, odd, AT, DAY)
    assert (e.carrier, e.warehouse_id, e.shipment) == (None, None, "N1-1")
    paid = {"number": "N1", "customer_id": 7, "total_fen": 500, "carrier": "sf"}
    e = domain.from_outbox("ev-3", events.ORDER_PAID, paid, AT, DAY)
    assert (e.carrier, e.warehouse_id, e.shipment) == (None, None, None)  # an order's number


def test_a_signing_happened_at_its_signed_at() -> None:
    signed = {"number": "N1-1", "order_number": "N1", "signed_at": "2026-02-28T20:30:00",
              "by": "carrier"}
    assert domain.outbox_time(events.SHIPMENT_SIGNED, signed, AT) == datetime(2026, 2, 28, 20, 30)
    aware = {**signed, "signed_at": "2026-03-01T04:30:00+08:00"}  # China time
    assert domain.outbox_time(events.SHIPMENT_SIGNED, aware, AT) == datetime(2026, 2, 28, 20, 30)
    for bad in ({**signed, "signed_at": "yesterday"}, {**signed, "signed_at": None}):
        assert domain.outbox_time(events.SHIPMENT_SIGNED, bad, AT) == AT
    assert domain.outbox_time(events.SHIPMENT_SHIPPED, signed, AT) == AT
    e = domain.from_outbox("ev-4", events.SHIPMENT_SIGNED, signed, AT, DAY)
    assert (e.name, e.shipment, e.carrier, e.warehouse_id) == ("signed", "N1-1", None, None)


def test_the_subscriber_dates_a_signing_by_its_scan(db: Database, settings: Settings) -> None:
    bus = Bus()
    tasks.wire(bus, settings)
    signed = {"number": "N1-1", "order_number": "N1", "signed_at": "2026-02-28T15:59:00",
              "by": "carrier"}  # 23:59 in Shanghai, pushed 10 hours later
    bus.handle(db, Event("e-9", events.SHIPMENT_SIGNED, signed, datetime(2026, 3, 1, 2)))
    tracker = Tracker.of(settings)
    tracker.recorder.flush()
    (row,) = recorded(tracker.lake)
    assert (row["occurred_at"], row["day"], row["shipment"]) == (
        "2026-02-28T15:59:00", "2026-02-28", "N1-1")


@pytest.mark.parametrize("field", ["carrier", "warehouse_id", "shipment"])
def test_a_beacon_cannot_set_them(field: str) -> None:
    with pytest.raises(DomainError) as caught:
        domain.parse_beacon({"name": "page_view", "path": "/", field: "sf"})
    assert (caught.value.code, caught.value.field) == ("analytics.invalid_event", field)


def _old_parquet(lake: Lake, day: str) -> Path:
    """A Parquet file as compaction wrote it before the shipment columns: two page views."""
    folder = lake.events / f"day={day}"
    folder.mkdir(parents=True)
    path = folder / "20260101T000000-old.parquet"
    rows = " UNION ALL ".join(
        f"SELECT 'old{n}' AS id, TIMESTAMP '{day} 02:00:0{n}' AS occurred_at,"
        f" 'page_view' AS name, 'v{n}' AS visitor_id, NULL::BIGINT AS customer_id,"
        " 'web' AS channel, '/' AS path, NULL::BIGINT AS product_id, NULL::BIGINT AS sku_id,"
        " NULL::VARCHAR AS order_number, NULL::BIGINT AS value_fen, NULL::INTEGER AS quantity,"
        " NULL::VARCHAR AS term" for n in (1, 2))
    with connect() as con:
        con.execute(f"COPY ({rows}) TO {literal(path)} (FORMAT PARQUET)")
    described = f"DESCRIBE SELECT * FROM read_parquet({literal(path)}, hive_partitioning=false)"
    assert [c[0] for c in fetch(described, [])] == list(OLD)
    return path


def _carriers(lake: Lake, last: date) -> list[tuple[str, str | None, str | None]]:
    source = union(lake, None, last)
    return fetch(f"SELECT id, carrier, shipment FROM ({source}) AS t ORDER BY id", [])


def test_old_and_new_parquet_files_of_one_day_read_together(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "lake")
    _old_parquet(lake, "2026-03-01")
    write(lake, [ev("2026-03-01", "page_view", "v3", id="new1"),
                 ev("2026-03-01", "shipped", None, id="new2", order_number="N1", shipment="N1-1",
                    carrier="zto", warehouse_id=2)])
    assert compact(lake) == 2
    assert len(lake.parquet(None, DAY)) == 2  # the old file and the new one, same day
    assert _carriers(lake, DAY) == [("new1", None, None), ("new2", "zto", "N1-1"),
                                    ("old1", None, None), ("old2", None, None)]
    assert figures.traffic(lake, DAY, DAY)[0].pv == 3  # two old views and the new one
    assert merge.merge(lake, date(2026, 3, 2)) == [DAY]  # merged: the new columns, NULL
    (merged,) = lake.parquet(None, DAY)
    assert fetch(f"SELECT count(*), count(carrier) FROM ({parquet_rows([merged])})", []) == [
        (4, 1)]
    assert figures.traffic(lake, DAY, DAY)[0].pv == 3


def test_an_old_segment_reads_beside_a_new_one(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "lake")
    lake.incoming.mkdir(parents=True)
    old = {"id": "old1", "occurred_at": "2026-03-01T02:00:00", "day": "2026-03-01",
           "name": "page_view", "visitor_id": "v1", "channel": "web", "path": "/"}
    (lake.incoming / "1-old-00000001.ndjson").write_bytes(orjson.dumps(old) + b"\n")
    write(lake, [ev("2026-03-01", "shipped", None, id="new1", shipment="N1-1", carrier="sf")])
    assert _carriers(lake, DAY) == [("new1", "sf", "N1-1"), ("old1", None, None)]
    assert compact(lake) == 2
    assert _carriers(lake, DAY) == [("new1", "sf", "N1-1"), ("old1", None, None)]
