"""What the order centre (pages, CSV, staff API) shares: the list filter read from a query
string, the staff's view of statuses and actors, and shop-local times.

Times are stored in UTC; merchants think in the shop's time zone (mercato.platform.clock), so
a date filter means a local calendar day and every time shown is local."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from starlette.datastructures import FormData

from mercato.kernel.errors import DomainError
from mercato.kernel.money import Money
from mercato.orders import domain
from mercato.platform import clock
from mercato.platform.i18n import N_
from mercato.platform.i18n import gettext_ as _
from mercato.web.date_filters import day_range

MAX_QUERY = 100
MAX_PAGE = 10_000

# msgids, translated when shown (gettext follows the request's language).
_LABELS = {
    domain.PENDING: N_("Awaiting payment"),
    domain.PAID: N_("Paid, to ship"),
    domain.PICKING: N_("Picking"),
    domain.SHIPPED: N_("Shipped"),
    domain.SIGNED: N_("Signed for"),
    domain.COMPLETED: N_("Completed"),
    domain.CANCELLED: N_("Cancelled"),
    domain.CLOSED: N_("Closed"),
}
_ACTIONS = {
    domain.PICKING: N_("Start picking"),
    domain.SHIPPED: N_("Mark as shipped"),
    domain.SIGNED: N_("Mark as signed for"),
    domain.COMPLETED: N_("Complete the order"),
    domain.CANCELLED: N_("Cancel the order"),
    domain.CLOSED: N_("Close the order"),
}
# Reasons the system writes on the timeline as codes; people's own reasons show as typed.
_REASONS = {
    "placed": N_("Order placed"),
    "unpaid": N_("Not paid in time"),
    "customer": N_("Cancelled by the customer"),
}
_PROVIDERS = {
    "wechatpay": N_("WeChat Pay"),
    "alipay": N_("Alipay"),
    "sandbox": N_("Demo payment"),
}
# Badge colours (admin.css .badge): what waits for the shop stands out (paid: to ship).
_BADGES = {
    domain.PAID: "warn",
    domain.PICKING: "info",
    domain.SHIPPED: "info",
    domain.SIGNED: "ok",
    domain.COMPLETED: "ok",
    domain.CLOSED: "bad",
}
# The service refuses these without a reason; the form says so up front.
REASON_REQUIRED = frozenset({domain.CANCELLED, domain.CLOSED})


def status_label(status: str) -> str:
    """The status as staff read it, in the request's language (unknown codes unchanged)."""
    msgid = _LABELS.get(status)
    return _(msgid) if msgid else status


def status_badge(status: str) -> str:
    """The badge class of a status: ok, warn, bad, info or "" (grey)."""
    return _BADGES.get(status, "")


def action_label(target: str) -> str:
    msgid = _ACTIONS.get(target)
    return _(msgid) if msgid else status_label(target)


def provider_label(code: str) -> str:
    """A payment provider's name in the request's language (unknown codes unchanged)."""
    msgid = _PROVIDERS.get(code)
    return _(msgid) if msgid else code


def reason_label(kind: str, reason: str) -> str:
    """A timeline entry's reason: the system's codes in words, people's reasons as typed."""
    msgid = _REASONS.get(reason) if kind == "status" else None
    return _(msgid) if msgid else reason


def actor_label(actor: str) -> str:
    """Timeline actors are stored as 'kind:who' (staff:e-mail, customer:id, payments:provider,
    system:job)."""
    kind, _sep, who = actor.partition(":")
    if kind == "staff":
        return _("Staff %(who)s") % {"who": who}
    if kind == "customer":
        return _("Customer #%(who)s") % {"who": who}
    if kind == "payments":
        return _("Payment (%(who)s)") % {"who": provider_label(who)}
    if kind == "system":
        return _("System (%(who)s)") % {"who": who}
    return actor


def next_statuses(current: str) -> tuple[str, ...]:
    """What staff may move an order to from `current`, in the state machine's order."""
    allowed = domain.TRANSITIONS.get(current, frozenset()) & domain.STAFF_TARGETS
    return tuple(s for s in domain.STATUSES if s in allowed)


shop_time = clock.shop_time


def yuan(fen: int, currency: str = "CNY") -> str:
    """Plain decimal amount for CSV cells (12.50), never a float."""
    return Money(int(fen), currency).format()


@dataclass(frozen=True, slots=True)
class OrderFilter:
    status: str = ""
    q: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1

    def since(self) -> datetime | None:
        """Inclusive lower bound on placed_at (UTC): the start of date_from in the shop."""
        return clock.day_start_utc(self.date_from) if self.date_from else None

    def until(self) -> datetime | None:
        """Exclusive upper bound (UTC): the end of date_to in the shop, so it is inclusive."""
        if self.date_to is None:
            return None
        return clock.day_end_utc(self.date_to)

    def params(self) -> dict[str, str]:
        """The filter as query parameters (no page), for tabs, pager and export links."""
        raw = {
            "status": self.status,
            "q": self.q,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
        }
        return {k: v for k, v in raw.items() if v}


def check_range(start: date | None, end: date | None) -> None:
    """For the API, whose dates are parsed by FastAPI already."""
    for name, day in (("date_from", start), ("date_to", end)):
        if day is not None and not date(1900, 1, 1) <= day < date(9999, 12, 31):
            raise DomainError("orders.invalid_date", "Enter a date as YYYY-MM-DD", name)
    if start and end and end < start:
        raise DomainError(
            "orders.invalid_date_range", "The end date is before the start date", "date_to"
        )


def _page(raw: str) -> int:
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6):
        return 1
    return min(max(int(raw), 1), MAX_PAGE)


def parse_filter(params: Mapping[str, str]) -> tuple[OrderFilter, dict[str, str]]:
    """The list filter from a query string, and an error per field that could not be used
    (a bad date is reported and left out, never a server error)."""
    errors: dict[str, str] = {}
    status = params.get("status", "")
    dates = day_range(params, errors)
    f = OrderFilter(
        status=status if status in domain.STATUSES else "",
        q=params.get("q", "").strip()[:MAX_QUERY],
        date_from=dates["date_from"],
        date_to=dates["date_to"],
        page=_page(params.get("page", "")),
    )
    return f, errors


def filter_or_raise(params: Mapping[str, str]) -> OrderFilter:
    """As parse_filter, but the first bad field is an error (for the CSV download)."""
    f, errors = parse_filter(params)
    if errors:
        field, message = next(iter(errors.items()))
        raise DomainError("orders.invalid_filter", message, field)
    return f


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""
