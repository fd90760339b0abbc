"""The presale forms of the admin, read as staff typed them: the campaign (windows in shop
time, the ship date, the rule, items by SKU code with prices in yuan to fen through
Decimal) and an item's incoming stock; every problem under its field, as the form names
it (the domain's "items.0.deposit_fen" is row 0's deposit)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.catalog import public as catalog
from mercato.platform import clock
from mercato.platform.i18n import N_
from mercato.presale import domain
from mercato.web.forms import FormReader

Values = dict[str, Any]
Problems = dict[str, str]
ROWS = 5  # item rows a new form shows (the page adds more, up to domain.MAX_ITEMS)
WINDOWS = ("deposit_starts", "deposit_ends", "balance_starts", "balance_ends")
KINDS = ("sku", "price", "deposit", "deduct", "planned")
# The domain's item fields as the form's rows name them.
ITEM_FIELDS = {"price_fen": "price", "deposit_fen": "deposit", "deduct_fen": "deduct",
               "planned": "planned"}
_ROW = re.compile(r"^item_(?:sku|price|deposit|deduct|planned)_(\d{1,3})$")
_DOMAIN_ITEM = re.compile(r"^items\.(\d+)\.(\w+)$")


class Reader(FormReader):
    def day(self, name: str) -> date | None:
        """A date input's value (YYYY-MM-DD); empty: None."""
        raw = self.text(name, 20)
        if not raw:
            return None
        try:
            found = date.fromisoformat(raw)
        except ValueError:
            found = None
        if found is None or not 2000 <= found.year <= 2100:
            self.fail(name, N_("Enter a date"))
            return None
        return found


def row_indexes(names: Iterable[str]) -> list[int]:
    """The item rows posted (item_sku_3, item_price_3, ... make row 3)."""
    return sorted({int(m.group(1)) for k in names if (m := _ROW.match(k))})


def _row(r: Reader, i: int, ids: dict[str, int], seen: set[int]) -> domain.ItemData | None:
    """Row i as an item, or None with its problems named on its fields."""
    code, before = r.text(f"item_sku_{i}", 64), len(r.problems)
    price, deposit = r.fen(f"item_price_{i}"), r.fen(f"item_deposit_{i}")
    deduct = r.fen(f"item_deduct_{i}") if r.text(f"item_deduct_{i}") else deposit
    planned = r.whole(f"item_planned_{i}")
    if not code:
        r.fail(f"item_sku_{i}", N_("Enter a SKU code"))
    elif code not in ids:
        r.fail(f"item_sku_{i}", N_("No SKU has this code"))
    elif ids[code] in seen:
        r.fail(f"item_sku_{i}", N_("Each SKU once"))
    if len(r.problems) > before:
        return None
    seen.add(ids[code])
    return domain.ItemData(ids[code], price, deposit, deduct, planned)


def _items(tx: Session, r: Reader) -> tuple[tuple[domain.ItemData, ...], list[int]]:
    """The filled rows as items (empty rows skipped, bad ones said), and each item's row."""
    filled = [i for i in row_indexes(r.form) if any(r.text(f"item_{k}_{i}") for k in KINDS)]
    if len(filled) > domain.MAX_ITEMS:
        r.fail("items", N_("Add from 1 to 50 items"))
    ids = catalog.sku_ids_for_codes(tx, [r.text(f"item_sku_{i}", 64) for i in filled])
    seen: set[int] = set()
    items, rows = [], []
    for i in filled[:domain.MAX_ITEMS]:
        item = _row(r, i, ids, seen)
        if item is not None:
            items.append(item)
            rows.append(i)
    return tuple(items), rows


def shown(problems: Problems, rows: list[int]) -> Problems:
    """The domain's problems under the form's fields ("items.0.deposit_fen" → the deposit
    of the form row the first item came from)."""
    out: Problems = {}
    for key, message in problems.items():
        m = _DOMAIN_ITEM.match(key)
        if m and int(m.group(1)) < len(rows) and m.group(2) in ITEM_FIELDS:
            key = f"item_{ITEM_FIELDS[m.group(2)]}_{rows[int(m.group(1))]}"
        out.setdefault(key, message)
    return out


def read_campaign(tx: Session, form: FormData) -> tuple[domain.CampaignData, Problems,
                                                        list[int]]:
    """The campaign as typed, every problem found (the domain's too), and each item's row."""
    r = Reader(form)
    times = {k: r.time(k) for k in WINDOWS}
    for k, v in times.items():
        if v is None:
            r.fail(k, N_("Enter a date and time"))
    ship_on = r.day("ship_on")
    if ship_on is None:
        r.fail("ship_on", N_("Enter a date"))
    items, rows = _items(tx, r)
    now = clock.utcnow()
    d = domain.CampaignData(
        r.text("name", 100), times["deposit_starts"] or now, times["deposit_ends"] or now,
        times["balance_starts"] or now, times["balance_ends"] or now, ship_on or now.date(),
        r.text("rule", 10), r.whole("per_customer_limit", 1), r.whole("remind_hours", 24),
        items)
    try:
        domain.check_campaign(d)
        found: Problems = {}
    except domain.Invalid as exc:
        found = shown(exc.problems, rows)
    if any(k in r.problems for k in (*WINDOWS, "ship_on")):  # said on the fields already
        found = {k: v for k, v in found.items() if k not in (*WINDOWS, "ship_on")}
    if any(k.startswith("item_") for k in r.problems):
        found.pop("items", None)
    return d, {**found, **r.problems}, rows


def read_incoming(form: FormData) -> tuple[int, int, date | None, Problems]:
    """(warehouse id, units, expected on, problems) of an item's incoming-stock form; units
    left empty read as -1 (refused by the service as out of range)."""
    r = Reader(form)
    warehouse = r.whole("warehouse_id", 0)
    quantity = r.whole("quantity", -1)
    return warehouse, quantity, r.day("expected_on"), r.problems


def typed(form: FormData) -> Values:
    return {k: str(v)[:200] for k, v in form.items() if k != "csrf"}


def _when(at: datetime) -> str:
    return clock.local(at).strftime("%Y-%m-%dT%H:%M")


def fresh_values(now: datetime) -> Values:
    """A new campaign: deposits for a week from the next full hour, then two days for the
    balance, shipping three days later; the deposit kept, one unit a customer."""
    start = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    ends = start + timedelta(days=9)
    return {"deposit_starts": _when(start), "deposit_ends": _when(start + timedelta(days=7)),
            "balance_starts": _when(start + timedelta(days=7)), "balance_ends": _when(ends),
            "ship_on": (clock.local(ends).date() + timedelta(days=3)).isoformat(),
            "rule": "keep", "per_customer_limit": "1", "remind_hours": "24"}


def percent(fraction: float | None) -> str:
    """A conversion as shown: one decimal ("66.7%"), "—" without deposits."""
    return "—" if fraction is None else f"{fraction * 100:.1f}%"
