"""Flash sales (秒杀) in the marketing centre (/admin/flash-sales): the events by phase with
units sold, the form (items by SKU code, flash prices in yuan, times in shop time), and an
event's page with each item's progress and the moves staff make (publish, end now, call
off). Writes go through the ORM in the request's transaction, so the audit log has them."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog import public as catalog
from mercato.flashsale import domain
from mercato.flashsale import public as flashsale
from mercato.flashsale.adapters.tables import Seat
from mercato.kernel.errors import Conflict
from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.i18n import N_, current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep, TxDep
from mercato.web.forms import FormReader, back
from mercato.web.routing import Router

log = logging.getLogger(__name__)
router = Router(prefix="/admin/flash-sales", include_in_schema=False,
                dependencies=[needs("marketing")])
BASE = "/admin/flash-sales"
TABS = (domain.RUNNING, domain.SCHEDULED, domain.DRAFT, domain.ENDED, domain.CANCELLED)
PHASES = {domain.RUNNING: N_("Running"), domain.SCHEDULED: N_("Scheduled"),
          domain.DRAFT: N_("Drafts"), domain.ENDED: N_("Ended"),
          domain.CANCELLED: N_("Cancelled")}
BADGES = {domain.RUNNING: "ok", domain.SCHEDULED: "info", domain.CANCELLED: "bad"}
ROWS = 5  # item rows a new form shows (the page adds more, up to domain.MAX_ITEMS)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
Values = dict[str, Any]
_ROW = re.compile(r"^item_(?:sku|price|qty)_(\d{1,3})$")


async def read_form(request: Request) -> FormData:
    """The posted form (Starlette caches it: the CSRF check and the route share one parse)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]


class Reader(FormReader):
    """The event form: a flash price must be given."""

    def fen(self, name: str, missing: str = N_("Enter the flash price")) -> int:
        return super().fen(name, missing)


def row_indexes(names: Iterable[str]) -> list[int]:
    """The item rows posted (item_sku_3, item_price_3, item_qty_3 make row 3)."""
    return sorted({int(m.group(1)) for k in names if (m := _ROW.match(k))})


def _row(r: Reader, i: int, ids: dict[str, int], seen: set[int]) -> domain.ItemData | None:
    """Row i as an item, or None with its problems named on its fields."""
    code, before = r.text(f"item_sku_{i}", 64), len(r.problems)
    price, qty = r.fen(f"item_price_{i}"), r.whole(f"item_qty_{i}")
    if not code:
        r.fail(f"item_sku_{i}", N_("Enter a SKU code"))
    elif code not in ids:
        r.fail(f"item_sku_{i}", N_("No SKU has this code"))
    elif ids[code] in seen:
        r.fail(f"item_sku_{i}", N_("Each product once"))
    if f"item_price_{i}" not in r.problems and not 1 <= price <= domain.MAX_PRICE_FEN:
        r.fail(f"item_price_{i}", N_("A flash price from 0.01 to 1,000,000"))
    if f"item_qty_{i}" not in r.problems and not 1 <= qty <= domain.MAX_QUANTITY:
        r.fail(f"item_qty_{i}", N_("From 1 to 1,000,000 units"))
    if len(r.problems) > before:
        return None
    seen.add(ids[code])
    return domain.ItemData(ids[code], price, qty)


def _items(tx: Session, r: Reader) -> tuple[domain.ItemData, ...]:
    """The filled rows (empty ones are skipped); only good rows become items."""
    filled = [i for i in row_indexes(r.form)
              if any(r.text(f"item_{k}_{i}") for k in ("sku", "price", "qty"))]
    if len(filled) > domain.MAX_ITEMS:
        r.fail("items", N_("Between one and fifty products"))
    ids = catalog.sku_ids_for_codes(tx, [r.text(f"item_sku_{i}", 64) for i in filled])
    seen: set[int] = set()
    rows = [_row(r, i, ids, seen) for i in filled[:domain.MAX_ITEMS]]
    return tuple(item for item in rows if item is not None)


def read_event(tx: Session, form: FormData) -> tuple[domain.EventData, domain.Problems]:
    r = Reader(form)
    d = domain.EventData(
        name=r.text("name", 100), starts_at=r.time("starts_at"), ends_at=r.time("ends_at"),
        per_customer_limit=r.whole("per_customer_limit", 1),
        admit_per_second=r.whole("admit_per_second"), items=_items(tx, r))
    rows_wrong = any(k.startswith("item_") for k in r.problems)
    found = {k: v for k, v in domain.check_event(d).items() if k != "items" or not rows_wrong}
    return d, {**found, **r.problems}


def typed(form: FormData) -> Values:
    return {k: str(v)[:200] for k, v in form.items() if k != "csrf"}


def fresh_values(now: datetime) -> Values:
    """A new event: from the next full hour, two hours long, one unit a customer."""
    start = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return {"starts_at": clock.local(start).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": clock.local(start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "per_customer_limit": "1", "admit_per_second": "0"}


def _helpers() -> dict[str, Any]:
    return {"phases": PHASES, "badges": BADGES, "base": BASE,
            "sold": lambda e: sum(i.taken for i in e.items),
            "units": lambda e: sum(i.quantity for i in e.items)}


@router.get("", response_class=HTMLResponse)
def event_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep,
               tab: Annotated[str, Query(max_length=12)] = domain.RUNNING) -> Response:
    current_locale.set(loc)
    tab = tab if tab in TABS else domain.RUNNING
    events = flashsale.list_events(tx, clock.utcnow())
    counts = {t: sum(1 for e in events if e.phase == t) for t in TABS}
    ctx = {**_helpers(), "tab": tab, "tabs": TABS, "counts": counts,
           "rows": [e for e in events if e.phase == tab]}
    return render_admin(request, "admin/flashsale/list.html", ctx)


def form_page(request: Request, values: Values, problems: domain.Problems | None = None,
              status: int = 200) -> Response:
    errors = {k: _(v) for k, v in (problems or {}).items()}
    last = max([ROWS - 1, *[i for i in row_indexes(values) if i < 100]])
    ctx = {**_helpers(), "values": values, "errors": errors, "rows": list(range(last + 1)),
           "max_items": domain.MAX_ITEMS}
    return render_admin(request, "admin/flashsale/event_form.html", ctx, status)


@router.get("/new", response_class=HTMLResponse)
def new(request: Request, _s: StaffPageDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return form_page(request, fresh_values(clock.utcnow()))


@router.post("", response_class=HTMLResponse)
def create(request: Request, _s: StaffPageDep, _c: CsrfDep, form: FormDep, tx: TxDep,
           loc: LocaleDep) -> Response:
    current_locale.set(loc)
    data, problems = read_event(tx, form)
    if problems:
        return form_page(request, typed(form), problems, 422)
    try:
        saved = flashsale.create_event(tx, data)
    except domain.Invalid as exc:
        return form_page(request, typed(form), exc.problems, 422)
    return back(f"{BASE}/{saved.id}", _("Flash sale saved as a draft."))


def orders_count(tx: Session, event_id: int) -> int:
    """Orders carrying the event's seats (cancelled and closed ones gave theirs back)."""
    q = select(func.count(distinct(Seat.order_number))).where(
        Seat.event_id == event_id, Seat.status == domain.ORDERED)
    return int(tx.scalar(q) or 0)


@router.get("/{event_id}", response_class=HTMLResponse)
def show(request: Request, event_id: Id, _s: StaffPageDep, tx: ReadDep,
         loc: LocaleDep) -> Response:
    current_locale.set(loc)
    e = flashsale.get_event(tx, event_id, clock.utcnow())
    skus = catalog.sku_snapshots(tx, [i.sku_id for i in e.items], loc)
    ctx = {**_helpers(), "e": e, "skus": skus, "orders": orders_count(tx, e.id),
           "may_publish": e.status == domain.DRAFT,
           "may_end": e.phase in (domain.SCHEDULED, domain.RUNNING),
           "may_cancel": e.status == domain.DRAFT or e.phase in (domain.SCHEDULED,
                                                                 domain.RUNNING)}
    return render_admin(request, "admin/flashsale/event.html", ctx)


def _load(db: Database, event_id: int) -> None:
    """After the publishing transaction committed: the units into Redis. Idempotent, and the
    first buyer or the reconciliation job loads them anyway: a failure here is only logged."""
    try:
        flashsale.load_event(db, event_id)
    except Exception:
        log.warning("flash sale %s: loading into Redis failed", event_id, exc_info=True)


def _move(tx: Session, event_id: int, move: Any, done: str) -> tuple[RedirectResponse, bool]:
    """Back to the event's page saying what happened; whether the move was made."""
    try:
        move(tx, event_id)
    except Conflict as exc:  # a double click, another tab: say so on the page
        return back(f"{BASE}/{event_id}", _(exc.message)), False
    return back(f"{BASE}/{event_id}", done), True


@router.post("/{event_id}/publish", response_class=HTMLResponse)
def publish(event_id: Id, _s: StaffPageDep, _c: CsrfDep, tx: TxDep, db: DbDep,
            loc: LocaleDep) -> Response:
    """Draft → scheduled; then, as the response's background task (run once the request's
    transaction has committed), the units into Redis."""
    current_locale.set(loc)
    response, moved = _move(tx, event_id, flashsale.publish_event,
                            _("Flash sale published: it goes on sale at its start."))
    if moved:
        response.background = BackgroundTask(_load, db, event_id)
    return response


@router.post("/{event_id}/end", response_class=HTMLResponse)
def end(event_id: Id, _s: StaffPageDep, _c: CsrfDep, tx: TxDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _move(tx, event_id, flashsale.end_event, _("Flash sale ended."))[0]


@router.post("/{event_id}/cancel", response_class=HTMLResponse)
def cancel(event_id: Id, _s: StaffPageDep, _c: CsrfDep, tx: TxDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _move(tx, event_id, flashsale.cancel_event, _("Flash sale called off."))[0]
