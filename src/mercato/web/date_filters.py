"""The admin lists' date range filter (date_from, date_to as local days), read the same way by
every centre that filters by day."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from mercato.platform.i18n import gettext_ as _

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(raw: str) -> date | None:
    """YYYY-MM-DD; None for anything else (including the last day, which has no end)."""
    if not _DATE.match(raw):
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None
    return day if date(1900, 1, 1) <= day < date(9999, 12, 31) else None


def day_range(params: Mapping[str, str], errors: dict[str, str]) -> dict[str, date | None]:
    """date_from and date_to from a query; a bad or reversed one is left out with its error."""
    out: dict[str, date | None] = {}
    for name in ("date_from", "date_to"):
        raw = params.get(name, "").strip()
        out[name] = parse_day(raw) if raw else None
        if raw and out[name] is None:
            errors[name] = _("Enter a date as YYYY-MM-DD")
    start, end = out["date_from"], out["date_to"]
    if start and end and end < start:
        errors["date_to"] = _("The end date is before the start date")
        out["date_to"] = None
    return out
