"""The campaign bands of the product page (a flash sale's price and countdown, a group deal):
asked of the functions bootstrap handed in (catalog.public.show_campaigns), at most every
CAMPAIGN_SECONDS per product and process, so a busy product page costs no statement for
them and a band's units left may lag by that much."""

from __future__ import annotations

import time
from threading import Lock

from fastapi import Request
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from mercato.catalog.domain import CampaignBand
from mercato.platform.clock import utcnow

CAMPAIGN_SECONDS = 2.0
_lock = Lock()


def bands(request: Request, engine: Engine, product_id: int,
          sku_ids: tuple[int, ...]) -> tuple[CampaignBand, ...]:
    fns = getattr(request.app.state, "catalog_campaigns", ())
    if not fns:
        return ()
    state = request.app.state
    memo: dict[int, tuple[float, tuple[CampaignBand, ...]]] | None = getattr(
        state, "catalog_campaigns_seen", None)
    if memo is None:
        memo = state.catalog_campaigns_seen = {}
    now = time.monotonic()
    hit = memo.get(product_id)
    if hit is not None and hit[0] > now:
        return hit[1]
    at = utcnow()
    with engine.connect() as conn, Session(bind=conn) as tx:
        found = tuple(b for fn in fns for b in fn(tx, sku_ids, at) if b.ends_at > at)
    with _lock:
        if len(memo) > 20_000:
            memo.clear()
        memo[product_id] = (now + CAMPAIGN_SECONDS, found)
    return found
