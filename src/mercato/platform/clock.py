"""Times. Every table stores naive UTC; people see and type the shop's local time.

One shop time zone (setting MERCATO_TIME_ZONE, default Asia/Shanghai) is set at start-up
(`set_zone`) and used by the pages (`shop_time`), the API (ISO 8601 with the zone's offset)
and date filters (a typed day is a local day: `day_start_utc`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"
_zone = ZoneInfo(DEFAULT_ZONE)


def check_zone(name: str) -> ZoneInfo:
    """The IANA time zone called `name`; ValueError if there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r} (an IANA name like Asia/Shanghai)") from exc


def set_zone(name: str) -> None:
    global _zone
    _zone = check_zone(name)


def zone() -> ZoneInfo:
    return _zone


def utcnow() -> datetime:
    """Now, as stored: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def local(at: datetime) -> datetime:
    """A stored (naive UTC) or aware time in the shop's zone, aware."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return aware.astimezone(_zone)


def shop_time(at: datetime | None, seconds: bool = False, with_date: bool = True) -> str:
    """A stored time as people read it in the shop: '2026-12-07 09:30'."""
    if at is None:
        return ""
    fmt = ("%Y-%m-%d " if with_date else "") + ("%H:%M:%S" if seconds else "%H:%M")
    return local(at).strftime(fmt)


def today() -> date:
    """The shop's calendar day now."""
    return datetime.now(_zone).date()


def day_start_utc(day: date) -> datetime:
    """The first moment of the shop's local `day`, as stored (naive UTC): date filters use
    [day_start_utc(from), day_start_utc(to + 1 day))."""
    return datetime.combine(day, time(), _zone).astimezone(UTC).replace(tzinfo=None)


def day_end_utc(day: date) -> datetime:
    """The exclusive end of the shop's local `day`, as stored."""
    return day_start_utc(day + timedelta(days=1))
