"""Coupons API shapes."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from mercato.promotions.services.views import CouponView
from mercato.web.strict import NoNulBody, trimmed
from mercato.web.times import ShopDateTime


class ClaimIn(NoNulBody):
    # A public code: 4-20 letters and digits, any case (spaces around are ignored).
    code: Annotated[str, Field(min_length=4, max_length=40, pattern=trimmed("[A-Za-z0-9]{4,20}"))]


class CouponOut(BaseModel):
    id: int = Field(description="Give it as coupon_id at checkout")
    code: str
    name: str
    kind: str = Field(description="amount (off_fen off) or percent (percent_off_bp off, at most "
                      "cap_fen when cap_fen > 0)")
    off_fen: int
    percent_off_bp: int
    cap_fen: int
    min_spend_fen: int = Field(description="Goods it covers must reach this, after promotions")
    status: str = Field(description="available, used or expired (withdrawn ones too)")
    starts_at: ShopDateTime
    ends_at: ShopDateTime
    used_order_number: str | None
    source: str = Field(description="manual, segment, code, birthday, referral, cashback or tier")
    restricted: bool = Field(description="Only some products, categories, brands, member tiers "
                             "or channels")
    with_promotions: bool = Field(description="False: not on items a promotion already took "
                                  "money off")


class CouponsOut(BaseModel):
    items: list[CouponOut]
    total: int
    page: int
    pages: int


def coupon_out(c: CouponView) -> CouponOut:
    return CouponOut(id=c.id, code=c.code, name=c.name, kind=c.kind, off_fen=c.off_fen,
                     percent_off_bp=c.percent_off_bp, cap_fen=c.cap_fen,
                     min_spend_fen=c.min_spend_fen, status=c.status, starts_at=c.starts_at,
                     ends_at=c.ends_at, used_order_number=c.used_order_number, source=c.source,
                     restricted=c.restricted, with_promotions=c.with_promotions)
