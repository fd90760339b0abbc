"""Loyalty API for apps and mini-programs: my membership (tier, progress, benefits), my
points (balance, expiry dates, the ledger by page) and my invite code and link."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query
from pydantic import BaseModel, Field

from mercato.members import public as members
from mercato.members.domain_loyalty import TierRule
from mercato.members.services import loyalty_views, referral
from mercato.members.web.api import SECURED
from mercato.web.deps import ReadDep, SettingsDep, TxDep
from mercato.web.errors import error_responses
from mercato.web.routing import Router
from mercato.web.times import ShopDateTime

router = Router(prefix="/api/v1", tags=["membership"])


class TierOut(BaseModel):
    code: str
    name: str
    rank: int
    min_spend_fen: int = Field(description="Spend on completed orders over 365 days, in fen")
    min_orders: int = Field(description="Completed orders over 365 days (both are needed)")
    discount_bp: int = Field(description="Member discount in basis points (500 = 5% off)")
    priority_shipping: bool
    birthday_gift: bool


class NextTierOut(BaseModel):
    code: str
    name: str
    spend_missing_fen: int
    orders_missing: int
    percent: int = Field(ge=0, le=100, description="Way from the current tier to this one")


class MembershipOut(BaseModel):
    tier: str = Field(description="Tier code; empty below the first tier")
    tier_name: str
    points: int
    discount_bp: int
    priority_shipping: bool
    spend_fen_365: int
    orders_365: int
    birthday: date | None
    next_tier: NextTierOut | None
    tiers: list[TierOut]


class ExpiringOut(BaseModel):
    good_until: date = Field(description="The last day (shop time) these points can be used")
    points: int


class EntryOut(BaseModel):
    id: int
    delta: int
    kind: str = Field(description="earn, redeem, return, reverse, expire, adjust, cashback or "
                      "offline")
    ref: str = Field(description="The order number (earn, redeem, return) or other source")
    balance_after: int
    created_at: ShopDateTime


class PointsOut(BaseModel):
    balance: int
    expiring: list[ExpiringOut]
    items: list[EntryOut]
    total: int
    page: int
    pages: int


class ReferralOut(BaseModel):
    invitee: str = Field(description="The friend, masked (138****5678)")
    status: str = Field(description="pending, qualified or rejected")
    created_at: ShopDateTime


class InviteOut(BaseModel):
    code: str
    link: str
    referrals: list[ReferralOut]


def _tier(t: TierRule) -> TierOut:
    return TierOut(code=t.code, name=t.name, rank=t.rank, min_spend_fen=t.min_spend_fen,
                   min_orders=t.min_orders, discount_bp=t.discount_bp,
                   priority_shipping=t.priority_shipping, birthday_gift=t.birthday_gift)


@router.get("/me/membership", response_model=MembershipOut, dependencies=SECURED,
            responses=error_responses(401), summary="My tier, progress and benefits")
def my_membership(tx: ReadDep, customer: members.CustomerDep) -> MembershipOut:
    m = loyalty_views.membership(tx, customer.id)
    s, pr, t = m.standing, m.progress, m.tier
    nxt = None
    if pr.next is not None:
        nxt = NextTierOut(code=pr.next.code, name=pr.next.name,
                          spend_missing_fen=pr.spend_missing_fen,
                          orders_missing=pr.orders_missing, percent=pr.percent)
    return MembershipOut(
        tier=t.code if t else "", tier_name=t.name if t else "", points=s.points,
        discount_bp=t.discount_bp if t else 0,
        priority_shipping=t.priority_shipping if t else False,
        spend_fen_365=s.spend_fen_365, orders_365=s.orders_365, birthday=m.birthday,
        next_tier=nxt, tiers=[_tier(x) for x in m.tiers])


@router.get("/me/points", response_model=PointsOut, dependencies=SECURED,
            responses=error_responses(401, 422), summary="My points: balance and history")
def my_points(tx: ReadDep, customer: members.CustomerDep,
              page: Annotated[int, Query(ge=1, le=100_000)] = 1,
              size: Annotated[int, Query(ge=1, le=100)] = 20) -> PointsOut:
    p = loyalty_views.points_page(tx, customer.id, page, size)
    return PointsOut(
        balance=p.balance, total=p.total, page=p.page, pages=p.pages,
        expiring=[ExpiringOut(good_until=d, points=n) for d, n in p.expiring],
        items=[EntryOut(id=e.id, delta=e.delta, kind=e.kind, ref=e.ref,
                        balance_after=e.balance_after, created_at=e.created_at)
               for e in p.entries])


@router.get("/me/invite", response_model=InviteOut, dependencies=SECURED,
            responses=error_responses(401), summary="My invite code, link and referrals",
            description="The code is made the first time it is asked for.")
def my_invite(tx: TxDep, customer: members.CustomerDep, settings: SettingsDep) -> InviteOut:
    code = referral.invite_code(tx, customer.id)
    link = f"{settings.public_url.rstrip('/')}/register?{urlencode({'invite': code})}"
    return InviteOut(code=code, link=link, referrals=[
        ReferralOut(invitee=r.shown, status=r.status, created_at=r.created_at)
        for r in referral.referrals_of(tx, customer.id)])
