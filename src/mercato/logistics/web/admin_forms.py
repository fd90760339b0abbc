"""The logistics centre's words and forms: statuses, carrier stages, carriers and issue
causes as staff read them, badge colours, the queue's filter read from a query string, the
chosen shipments of a bulk action, and a service's refusal in the staff's words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from mercato.kernel.errors import DomainError
from mercato.logistics import carriers, domain
from mercato.logistics.adapters.admin_queries import (
    ALL,
    OPEN_VIEW,
    RESOLVED_VIEW,
    IssueFilter,
    ShipmentFilter,
)
from mercato.platform.i18n import N_
from mercato.platform.i18n import gettext_ as _

MAX_BULK = 100
MAX_PAGE = 10_000
_STATUS = {
    domain.ALLOCATED: N_("To pick"),
    domain.PICKING: N_("Picking"),
    domain.SHIPPED: N_("In transit"),
    domain.SIGNED: N_("Signed for"),
    domain.CANCELLED: N_("Cancelled"),
}
_STATUS_BADGE = {
    domain.ALLOCATED: "warn",
    domain.PICKING: "info",
    domain.SHIPPED: "info",
    domain.SIGNED: "ok",
}
_STAGE = {
    carriers.COLLECTED: N_("Collected by the carrier"),
    carriers.IN_TRANSIT: N_("In transit"),
    carriers.DELIVERING: N_("Out for delivery"),
    carriers.SIGNED: N_("Signed for"),
    carriers.FAILED: N_("Delivery failed"),
    carriers.RETURNED: N_("Returned to sender"),
}
_STAGE_BADGE = {carriers.SIGNED: "ok", carriers.FAILED: "bad", carriers.RETURNED: "bad"}
_CARRIER = {
    "sf": N_("SF Express"),
    "zto": N_("ZTO Express"),
    "yto": N_("YTO Express"),
    "sto": N_("STO Express"),
    "yunda": N_("Yunda Express"),
}
_CAUSE = {
    domain.OUT_OF_STOCK: N_("Out of stock at allocation"),
    domain.NO_TRACKING: N_("No tracking news"),
    domain.DELIVERY_FAILED: N_("Delivery failed"),
}
CARRIERS = tuple(_CARRIER)
_QUERY = re.compile(r"^[A-Za-z0-9-]{0,40}$")
_SHIPMENT = re.compile(r"^[A-Za-z0-9]{1,20}-\d{1,3}$")


def _label(table: Mapping[str, str], code: str) -> str:
    msgid = table.get(code)
    return _(msgid) if msgid else code


def status_label(status: str) -> str:
    return _label(_STATUS, status)


def status_badge(status: str) -> str:
    return _STATUS_BADGE.get(status, "")


def stage_label(stage: str) -> str:
    return _label(_STAGE, stage)


def stage_badge(stage: str) -> str:
    return _STAGE_BADGE.get(stage, "info")


def carrier_label(code: str) -> str:
    return _label(_CARRIER, code)


def cause_label(cause: str) -> str:
    return _label(_CAUSE, cause)


def _page(raw: str) -> int:
    return min(int(raw), MAX_PAGE) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else 1


def _warehouse(raw: str, known: Iterable[int]) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) in set(known) else None


def parse_filter(
    params: Mapping[str, str], warehouses: Iterable[int]
) -> tuple[ShipmentFilter, dict[str, str]]:
    """The queue's filter from a query string and an error per field it could not use."""
    errors: dict[str, str] = {}
    q = params.get("q", "").strip()
    if not _QUERY.match(q):
        errors["q"] = _("Enter the start of an order, shipment or waybill number")
        q = ""
    status = params.get("status", "")
    carrier = params.get("carrier", "")
    f = ShipmentFilter(
        status=status if status in (*domain.STATUSES, ALL) else domain.ALLOCATED,
        warehouse_id=_warehouse(params.get("warehouse", ""), warehouses),
        carrier=carrier if carrier in CARRIERS else "",
        q=q,
        page=_page(params.get("page", "")),
    )
    return f, errors


def params_of(f: ShipmentFilter) -> dict[str, str]:
    """The filter as query parameters (no page): for tabs, pager and the bulk forms."""
    raw = {
        "status": f.status if f.status != domain.ALLOCATED else "",
        "warehouse": str(f.warehouse_id) if f.warehouse_id is not None else "",
        "carrier": f.carrier,
        "q": f.q,
    }
    return {k: v for k, v in raw.items() if v}


def parse_issue_filter(params: Mapping[str, str]) -> IssueFilter:
    view = params.get("view", "")
    cause = params.get("cause", "")
    return IssueFilter(
        view=RESOLVED_VIEW if view == RESOLVED_VIEW else OPEN_VIEW,
        cause=cause if cause in domain.CAUSES else "",
        page=_page(params.get("page", "")),
    )


def chosen_numbers(values: Iterable[object]) -> tuple[str, ...]:
    """The chosen shipment numbers (a form's or query's `n`), each once, in order."""
    raw = [v.strip() for v in values if isinstance(v, str)]
    chosen = tuple(dict.fromkeys(v for v in raw if v))
    if not chosen:
        raise DomainError("logistics.none_chosen", "Choose at least one shipment", "n")
    if len(chosen) > MAX_BULK:
        raise DomainError("logistics.too_many", "Choose at most 100 shipments at a time", "n")
    if not all(_SHIPMENT.match(n) for n in chosen):
        raise DomainError("logistics.invalid_number", "Unknown shipment number", "n")
    return chosen


def valid_number(number: str) -> bool:
    return bool(_SHIPMENT.match(number))


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class Outcome:
    number: str
    done: bool
    message: str  # where it stands now, or why it was refused


def refusal(exc: DomainError) -> str:
    """A service's refusal in the staff's words; a carrier's names its code."""
    if isinstance(exc, domain.InvalidTransition):
        return _("A shipment that is %(current)s cannot become %(target)s") % {
            "current": status_label(exc.current),
            "target": status_label(exc.target),
        }
    if isinstance(exc, carriers.CarrierError):
        words = {"message": _(exc.message), "code": exc.provider_code or exc.code}
        message = _("The carrier refused: %(message)s (code %(code)s)") % words
        return message + (" " + _("Try again shortly.") if exc.transient else "")
    return _(exc.message)


async def read_form(request: Request) -> FormData:
    """The posted form (Starlette caches it: the CSRF check and the route share one parse)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]
HELPERS = {
    "status_label": status_label,
    "status_badge": status_badge,
    "stage_label": stage_label,
    "stage_badge": stage_badge,
    "carrier_label": carrier_label,
    "cause_label": cause_label,
}
