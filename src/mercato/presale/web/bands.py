"""The product page's presale band (catalog.show_campaigns): the presale price beside the
list price, the deposit and what it counts as, and the countdown to the deposit window's
end (or its start)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from mercato.catalog import public as catalog
from mercato.platform.i18n import N_
from mercato.platform.tx import AnyTx
from mercato.presale import public as presale


def presale_bands(tx: AnyTx, sku_ids: Sequence[int], now: datetime
                  ) -> list[catalog.CampaignBand]:
    offers = presale.offers_for(tx, list(sku_ids), now)
    if not offers:
        return []
    prices = catalog.sku_snapshots(tx, [o.sku_id for o in offers], "en")
    return [
        catalog.CampaignBand(
            "presale", o.sku_id, o.item.price_fen, prices[o.sku_id].price_fen,
            o.windows.deposit_ends if o.phase == "deposit" else o.windows.deposit_starts,
            f"/presale/{o.campaign_id}?sku={o.sku_id}", N_("Presale"), N_("Pay deposit"),
            N_("Only %(n)s left") if o.item.planned - o.item.taken else N_("All %(n)s taken"),
            (o.item.planned - o.item.taken) or o.item.planned,
            parts=(o.item.deposit_fen, o.item.deduct_fen, o.item.balance_fen))
        for o in offers if o.sku_id in prices]
