"""The price list of a customer group, for the SKUs of one cart: one statement."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, select

from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx
from mercato.pricing.adapters.tables import PriceList, PriceListItem

_PRICES = Prepared(
    select(PriceList.name, PriceListItem.sku_id, PriceListItem.price_fen)
    .join(PriceListItem, PriceListItem.price_list_id == PriceList.id)
    .where(
        PriceList.group == bindparam("group"),
        PriceList.active.is_(True),
        PriceListItem.sku_id.in_(bindparam("ids", expanding=True)),
    )
)


def group_prices(
    tx: AnyTx, group: str, sku_ids: Iterable[int]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """(the list's name, (sku id, unit price) of the SKUs it prices); ("", ()) for no group,
    no active list or no SKU of it."""
    ids = sorted(set(sku_ids))
    if not group or not ids:
        return "", ()
    rows = run(tx, _PRICES, {"group": group, "ids": ids}).all()
    if not rows:
        return "", ()
    return rows[0][0], tuple((int(r[1]), int(r[2])) for r in rows)
