"""Editable table cells shared by the bulk price and stock table and the stock page.

Each input is named after what it shows, so only the cells a person changed are written and a
figure that moved meanwhile elsewhere is not overwritten with the stale one:
`price.<sku id>.<price shown, fen>` (yuan typed) and `stock.<sku id>.<warehouse id>.<on hand
shown>`. A save is all or nothing: every bad cell is named, none is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.catalog.services import bulk
from mercato.catalog.web.forms import FieldErrors, yuan_to_fen
from mercato.inventory import public as inventory
from mercato.kernel.errors import DomainError
from mercato.platform.db import Database
from mercato.platform.i18n import gettext_ as _

MAX_FIELDS = 900  # the form parser takes at most 1000 fields


@dataclass
class Cells:
    prices: dict[int, int] = field(default_factory=dict)  # SKU id → fen, changed ones only
    counts: dict[tuple[int, int], int] = field(default_factory=dict)  # (SKU, warehouse) → units
    typed: dict[str, str] = field(default_factory=dict)  # cell key → as typed, changed ones
    errors: dict[str, str] = field(default_factory=dict)  # cell key → message


class CellsRefused(DomainError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("catalog.cells_refused", "Please correct the cells marked below.", "")
        self.errors = errors


def _digits(*parts: str) -> bool:
    return all(p.isascii() and p.isdigit() and len(p) <= 15 for p in parts)


def _price(cells: Cells, sku: str, was: str, raw: str) -> None:
    key = f"price.{sku}"
    errors = FieldErrors()
    fen = yuan_to_fen(raw, key, errors)
    if fen == 0:
        errors.add(key, _("Amount must be positive"))
    if errors:
        cells.errors.update(errors)
        cells.typed[key] = raw
    elif fen != int(was):
        cells.prices[int(sku)] = int(fen or 0)
        cells.typed[key] = raw


def _count(cells: Cells, sku: str, wh: str, was: str, raw: str) -> None:
    key = f"stock.{sku}.{wh}"
    text = raw.strip()
    if not text:
        cells.errors[key] = _("This field is required")
    elif not _digits(text) or int(text) > inventory.MAX_QTY:
        cells.errors[key] = _("Enter a whole number from 0 to %(max)s") % {"max": inventory.MAX_QTY}
    elif int(text) != int(was):
        cells.counts[(int(sku), int(wh))] = int(text)
    else:
        return
    cells.typed[key] = raw


def parse(form: FormData) -> Cells:
    cells = Cells()
    for name, value in form.multi_items():
        parts = name.split(".")
        raw = value if isinstance(value, str) else ""
        if parts[0] == "price" and len(parts) == 3 and _digits(*parts[1:]):
            _price(cells, parts[1], parts[2], raw)
        elif parts[0] == "stock" and len(parts) == 4 and _digits(*parts[1:]):
            _count(cells, parts[1], parts[2], parts[3], raw)
    return cells


def count_message(problem: inventory.CountProblem) -> str:
    if problem.reason == "below_reserved":
        return _("Below the %(n)s units reserved for orders") % {"n": problem.reserved}
    if problem.reason == "range":
        return _("Enter a whole number from 0 to %(max)s") % {"max": inventory.MAX_QTY}
    return _("No such SKU or warehouse")


def problems(tx: Session, cells: Cells) -> dict[str, str]:
    """What the database would refuse of the changed cells (reads only)."""
    out = {f"price.{k}": _(m) for k, m in bulk.price_problems(tx, cells.prices).items()}
    for (sku, wh), problem in inventory.count_problems(tx, cells.counts).items():
        out[f"stock.{sku}.{wh}"] = count_message(problem)
    return out


def save(tx: Session, cells: Cells, actor: str, reference: str) -> tuple[int, int]:
    """Write the changed prices and counts in the caller's transaction, or raise CellsRefused
    naming every bad cell (the transaction must then roll back). (prices, counts) changed."""
    refused = problems(tx, cells)
    if refused:
        raise CellsRefused(refused)
    prices = bulk.set_prices(tx, cells.prices)
    try:
        counts = inventory.set_counts(tx, cells.counts, actor, reference)
    except inventory.CountsRefused as exc:  # an order held units since the check
        raise CellsRefused(
            {f"stock.{s}.{w}": count_message(p) for (s, w), p in exc.problems.items()}
        ) from exc
    return prices, counts


def apply(
    db: Database, cells: Cells, actor: str, reference: str
) -> tuple[dict[str, str], int, int]:
    """Save the changed cells in one unit of work: (errors, prices, counts changed). With any
    error nothing is saved, and every bad cell is named: those typed wrong and, among the
    others, those the database refuses."""
    if cells.errors:
        with db.reading() as tx:
            return {**problems(tx, cells), **cells.errors}, 0, 0
    try:
        prices, counts = db.unit(lambda tx: save(tx, cells, actor, reference))
    except CellsRefused as exc:
        return exc.errors, 0, 0
    return {}, prices, counts
