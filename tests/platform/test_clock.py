"""The shop's time zone: stored naive UTC, shown local, API with offset, local days."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from pydantic import BaseModel

from mercato.platform import clock
from mercato.platform.settings import Settings
from mercato.web.times import ShopDateTime


@pytest.fixture(autouse=True)
def _shanghai() -> Iterator[None]:
    yield
    clock.set_zone(clock.DEFAULT_ZONE)


def test_stored_utc_is_shown_in_the_shop_zone() -> None:
    at = datetime(2026, 12, 6, 21, 15)  # as stored: UTC
    assert clock.shop_time(at) == "2026-12-07 05:15"
    assert clock.shop_time(at, seconds=True) == "2026-12-07 05:15:00"
    assert clock.shop_time(None) == ""
    clock.set_zone("Europe/Berlin")
    assert clock.shop_time(at) == "2026-12-06 22:15"


def test_local_days_are_utc_ranges() -> None:
    assert clock.day_start_utc(date(2026, 12, 7)) == datetime(2026, 12, 6, 16, 0)
    assert clock.day_end_utc(date(2026, 12, 7)) == datetime(2026, 12, 7, 16, 0)
    clock.set_zone("America/New_York")  # a day of 25 hours when the clocks go back
    assert clock.day_end_utc(date(2026, 11, 1)) - clock.day_start_utc(date(2026, 11, 1)) == (
        datetime(2026, 11, 2, 5) - datetime(2026, 11, 1, 4)
    )


def test_api_times_carry_the_offset() -> None:
    class Out(BaseModel):
        at: ShopDateTime

    out = Out(at=datetime(2026, 12, 6, 21, 15))
    assert out.model_dump_json() == '{"at":"2026-12-07T05:15:00+08:00"}'
    schema = Out.model_json_schema(mode="serialization")
    assert schema["properties"]["at"] == {"format": "date-time", "title": "At", "type": "string"}


def test_an_unknown_zone_is_refused_at_start_up(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="unknown time zone"):
        Settings(time_zone="Mars/Olympus", media_dir=tmp_path)
    assert Settings(time_zone="UTC", media_dir=tmp_path).time_zone == "UTC"


def test_postgresql_sessions_store_utc_whatever_the_server_zone(pg_db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    with pg_db.lookup() as conn:
        assert conn.execute(text("SHOW timezone")).scalar() == "UTC"
