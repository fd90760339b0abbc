"""The data centre's filter (date range, grain, channel) read from a page's query string,
and the shared rendering of its pages. A bad filter does not fail the page: it shows the
default range with the field's error and answers 422, so the link is visibly wrong."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response

from mercato.access.public import render_admin
from mercato.analytics import domain
from mercato.kernel.errors import DomainError
from mercato.platform import clock
from mercato.platform.i18n import gettext_ as _
from mercato.web.date_filters import parse_day

DEFAULT_DAYS = 30


@dataclass(frozen=True, slots=True)
class Filter:
    first: date
    last: date
    grain: str = "day"
    channel: str = ""  # "" is every channel
    show_grain: bool = True
    show_channel: bool = True

    def query(self) -> str:
        """The filter as a query string, for tabs, links and CSV downloads."""
        keep = {"from": self.first.isoformat(), "to": self.last.isoformat()}
        if self.show_grain:
            keep["grain"] = self.grain
        if self.channel:
            keep["channel"] = self.channel
        return urlencode(keep)

    @property
    def channel_or_none(self) -> str | None:
        return self.channel or None


def default(days: int = DEFAULT_DAYS) -> Filter:
    end = clock.today()
    return Filter(end - timedelta(days=days - 1), end)


def _day(params: Any, field: str, fallback: date) -> date:
    raw = (params.get(field) or "").strip()
    if not raw:
        return fallback
    day = parse_day(raw)
    if day is None:
        raise DomainError("analytics.invalid_date", "Enter a date as YYYY-MM-DD", field)
    return day


def read(params: Any, days: int = DEFAULT_DAYS, grain: bool = True,
         channel: bool = True) -> Filter:
    """The filter in `params` (a query mapping); DomainError naming the field when a date is
    malformed, the range reversed or over three years, or the grain or channel unknown."""
    base = replace(default(days), show_grain=grain, show_channel=channel)
    last = _day(params, "to", base.last)
    first = _day(params, "from", last - timedelta(days=days - 1))
    domain.check_range(first, last)
    chosen_grain = (params.get("grain") or "day") if grain else "day"
    if chosen_grain not in domain.GRAINS:
        raise DomainError("analytics.invalid_grain", "Choose day, week or month", "grain")
    chosen_channel = (params.get("channel") or "") if channel else ""
    if chosen_channel and chosen_channel not in domain.CHANNELS:
        raise DomainError("analytics.invalid_channel", "Unknown channel", "channel")
    return replace(base, first=first, last=last, grain=chosen_grain, channel=chosen_channel)


def page(request: Request, template: str, tab: str, f: Filter, ctx: dict[str, Any],
         errors: dict[str, str] | None = None) -> Response:
    """A data-centre page: 422 with the errors shown when the filter was refused."""
    body = {**ctx, "f": f, "tab": tab, "errors": errors or {}, "zone": clock.zone().key}
    return render_admin(request, template, body, 422 if errors else 200)


def refused(exc: DomainError) -> dict[str, str]:
    return {exc.field or "from": _(exc.message)}
