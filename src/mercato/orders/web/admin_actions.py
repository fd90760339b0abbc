"""Which status actions a staff member may take, and where each is posted.

Routes declare one permission area each. Moving an order through the warehouse (picking,
shipped) is the shipping area's work as well as the order centre's, so it has routes of its
own under `shipping` (the warehouse role holds shipping.edit and only views orders); every
other change stays with `orders.edit`. The order page and the list's bulk bar offer exactly
the actions the member's permissions allow, each posted to a route that will take it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from starlette.datastructures import FormData

from mercato.access.public import StaffUser
from mercato.kernel.errors import DomainError, NotFound
from mercato.orders import domain
from mercato.orders.web import admin_forms as forms
from mercato.platform.i18n import N_
from mercato.platform.i18n import gettext_ as _

FULFIL = frozenset({domain.PICKING, domain.SHIPPED})
PRINT = "print"
# What the list's bulk bar offers, in this order (print: packing slips of the chosen).
BULK = (domain.PICKING, domain.SHIPPED, domain.CANCELLED, domain.CLOSED)
MAX_BULK = 100
SIZES = {"a4": N_("A4 sheet"), "label": N_("100 × 150 mm label")}


def status_url(staff: StaffUser | None, number: str, target: str) -> str:
    """Where the order page posts a change to `target` ("" when the member may not)."""
    if staff is None:
        return ""
    if staff.can("orders.edit"):
        return f"/admin/orders/{number}/status"
    if target in FULFIL and staff.can("shipping.edit"):
        return f"/admin/orders/{number}/fulfil"
    return ""


def bulk_url(staff: StaffUser | None, action: str) -> str:
    """Where the bulk bar posts `action` (a target status or PRINT); "" when not allowed."""
    if staff is None:
        return ""
    if staff.can("orders.edit"):
        return "/admin/orders/bulk"
    if (action in FULFIL or action == PRINT) and staff.can("shipping.edit"):
        return "/admin/orders/fulfil"
    return ""


@dataclass(frozen=True, slots=True)
class BulkButton:
    action: str
    label: str
    url: str
    reason: bool  # needs a reason (cancel, close)


def bulk_buttons(staff: StaffUser | None) -> list[BulkButton]:
    """The bulk bar's status actions this member may take, in BULK's order."""
    out = []
    for action in BULK:
        url = bulk_url(staff, action)
        if url:
            reason = action in forms.REASON_REQUIRED
            out.append(BulkButton(action, forms.action_label(action), url, reason))
    return out


@dataclass(frozen=True, slots=True)
class BulkRequest:
    numbers: tuple[str, ...]
    action: str
    reason: str
    size: str


def chosen_numbers(values: Iterable[object]) -> tuple[str, ...]:
    """The chosen order numbers (the form's or query's `n` values), each once, in order."""
    raw = [v.strip() for v in values if isinstance(v, str)]
    chosen = tuple(dict.fromkeys(v for v in raw if v))
    if not chosen:
        raise DomainError("orders.none_chosen", "Choose at least one order", "n")
    if len(chosen) > MAX_BULK:
        raise DomainError("orders.too_many_chosen", "Choose at most 100 orders at a time", "n")
    if not all(domain.valid_number(n) for n in chosen):
        raise DomainError("orders.invalid_number", "Unknown order number", "n")
    return chosen


def read_bulk(form: FormData, allowed: frozenset[str]) -> BulkRequest:
    """The chosen orders and what to do with them, checked whole before any order is
    touched: an unknown action, no order, a bad number or a missing reason is an error."""
    action = forms.text(form, "action")
    if action not in allowed:
        raise DomainError("orders.unknown_action", "Choose what to do with the orders", "action")
    numbers = chosen_numbers(form.getlist("n"))
    reason = domain.check_note(forms.text(form, "reason"), "reason")
    if action in forms.REASON_REQUIRED and not reason:
        raise DomainError("orders.reason_required", "Say why the order is ended", "reason")
    size = forms.text(form, "size")
    return BulkRequest(numbers, action, reason, size if size in SIZES else "a4")


def refusal(exc: DomainError) -> str:
    """A service's refusal in the staff's words (a transition names both statuses)."""
    if isinstance(exc, domain.InvalidTransition):  # its message names raw status codes
        return _("An order that is %(current)s cannot become %(target)s") % {
            "current": forms.status_label(exc.current),
            "target": forms.status_label(exc.target),
        }
    if isinstance(exc, NotFound):
        return _("No such order")
    return _(exc.message)


def keep_filter(form: Mapping[str, object]) -> dict[str, str]:
    """The list filter a bulk form carried (its hidden fields), as query parameters."""
    params = {k: v for k, v in form.items() if isinstance(v, str)}
    f, _errors = forms.parse_filter(params)
    return f.params() | ({"page": str(f.page)} if f.page > 1 else {})
