"""The product page's flash-sale band: for each SKU of the product in a running flash sale,
its price beside the list price, units left and the countdown (catalog.show_campaigns)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from mercato.catalog import public as catalog
from mercato.flashsale import public as flashsale
from mercato.platform.i18n import N_
from mercato.platform.tx import AnyTx


def flash_bands(tx: AnyTx, sku_ids: Sequence[int], now: datetime) -> list[catalog.CampaignBand]:
    offers = [o for o in (flashsale.event_for_sku(tx, s, now) for s in sku_ids) if o]
    if not offers:
        return []
    prices = catalog.sku_snapshots(tx, [o.sku_id for o in offers], "en")
    return [
        catalog.CampaignBand(
            "flash", o.sku_id, o.price_fen, prices[o.sku_id].price_fen, o.ends_at,
            f"/flash/{o.event_id}?sku={o.sku_id}", N_("Flash sale"), N_("Grab it"),
            N_("Only %(n)s left") if o.remaining else N_("All %(n)s sold"),
            o.remaining or o.quantity)
        for o in offers if o.sku_id in prices]
