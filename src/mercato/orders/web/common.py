"""Shared by the storefront order pages: rendering in the shop shell, status labels."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.members import public as members
from mercato.members.public import CustomerView
from mercato.orders import domain
from mercato.orders.adapters.queries import OrderDetail
from mercato.platform import clock
from mercato.platform.i18n import N_
from mercato.platform.i18n import gettext_ as _

# The shopper's words for a status: what they are waiting for (as on 我的's shortcuts);
# staff read the finer statuses (admin_forms.status_label).
_TAB_LABELS = {
    "to_pay": N_("To pay"),
    "to_ship": N_("To ship"),
    "to_receive": N_("To receive"),
    "completed": N_("Completed"),
    "cancelled": N_("Cancelled"),
}
# An order's history, event by event.
_EVENTS = {
    domain.PENDING: N_("Order placed"),
    domain.PAID: N_("Paid"),
    domain.PICKING: N_("Being packed"),
    domain.SHIPPED: N_("Shipped"),
    domain.SIGNED: N_("Delivered"),
    domain.COMPLETED: N_("Completed"),
    domain.CANCELLED: N_("Cancelled"),
    domain.CLOSED: N_("Closed"),
}


def tab_label(tab: str) -> str:
    """A tab of 我的订单 (a key of domain.SHOPPER_TABS), in the shopper's words."""
    msgid = _TAB_LABELS.get(tab)
    return _(msgid) if msgid else tab


def status_label(status: str) -> str:
    """An order's status as the shopper reads it: the tab it is listed under (待发货 for
    paid and being packed alike)."""
    tab = domain.shopper_tab(status)
    return tab_label(tab) if tab else status


def event_label(status: str) -> str:
    """A step of the order's history: what happened (已付款, 已发货…)."""
    msgid = _EVENTS.get(status)
    return _(msgid) if msgid else status


def _short(at: datetime | None) -> str:
    """A time as a presale states it: "12-08 20:00" (shop time)."""
    return clock.local(at).strftime("%m-%d %H:%M") if at else ""


def two_parts(d: OrderDetail) -> dict[str, Any] | None:
    """A two-part (presale) order's deposit and balance as its page shows them; None for an
    order paid at once. `stage`: the part it awaits ("deposit", "balance"; "" neither)."""
    if d.deposit_fen <= 0:
        return None
    pending = d.summary.status == domain.PENDING
    stage = domain.payment_stage(d.deposit_fen, d.deposit_paid_at is not None) if pending else ""
    return {
        "stage": stage,
        "balance_open": d.balance_from is None or d.balance_from <= clock.utcnow(),
        "opens": _short(d.balance_from),
        "window": f"{_short(d.balance_from)} – {_short(d.balance_until)}",
    }


def render(
    request: Request,
    tx: Session,
    loc: str,
    template: str,
    ctx: dict[str, Any],
    customer: CustomerView,
    status: int = 200,
) -> Response:
    base: dict[str, Any] = {
        "customer": customer,
        "csrf": members.csrf_token(request),
        "errors": {},
        "status_label": status_label,
        "tab_label": tab_label,
        "event_label": event_label,
    }
    response = catalog.render_page(request, tx, loc, template, {**base, **ctx}, status=status)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)
