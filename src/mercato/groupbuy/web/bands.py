"""The product page's group-deal band (catalog.show_campaigns): the group price beside the
list price, the group size, the groups one may join, and a link to start or join one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.groupbuy import public as groupbuy
from mercato.platform.i18n import N_


def group_bands(tx: Session, sku_ids: Sequence[int], now: datetime) -> list[catalog.CampaignBand]:
    offers = [o for o in (groupbuy.deal_for_sku(tx, s, now) for s in sku_ids) if o]
    if not offers:
        return []
    prices = catalog.sku_snapshots(tx, [o.deal.sku_id for o in offers], "en")
    return [
        catalog.CampaignBand(
            "group", o.deal.sku_id, o.deal.price_fen, prices[o.deal.sku_id].price_fen,
            o.deal.ends_at, f"/group-deals/{o.deal.id}", N_("%(size)s-person group"),
            N_("Start a group"), N_("%(n)s groups to join") if o.groups else "",
            len(o.groups), o.deal.group_size)
        for o in offers if o.deal.sku_id in prices]
