"""Coupons API for apps and mini-programs: my coupons by status, and claiming one with a
public code."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends, Query
from fastapi.security import HTTPBearer

from mercato.members import public as members
from mercato.platform.clock import utcnow
from mercato.promotions.services import issuing, views
from mercato.promotions.web.schemas import ClaimIn, CouponOut, CouponsOut, coupon_out
from mercato.web.deps import ReadDep, TxDep
from mercato.web.errors import error_responses
from mercato.web.routing import Router

router = Router(prefix="/api/v1", tags=["coupons"])
# Documents the scheme only; CustomerDep does the checking (and answers 401 as JSON).
_bearer = HTTPBearer(auto_error=False, description="A customer token from POST /customers/token")
SECURED: list[Any] = [Depends(_bearer)]


@router.get("/me/coupons", response_model=CouponsOut, dependencies=SECURED,
            responses=error_responses(401, 422), summary="My coupons, by status")
def my_coupons(tx: ReadDep, customer: members.CustomerDep,
               status: Literal["available", "used", "expired"] = "available",
               page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> CouponsOut:
    found = views.coupon_views(tx, customer.id, status, page, utcnow())
    return CouponsOut(items=[coupon_out(c) for c in found.items], total=found.total,
                      page=found.page, pages=found.pages)


@router.post("/me/coupons", response_model=CouponOut, status_code=201, dependencies=SECURED,
             responses=error_responses(401, 403, 404, 409, 422),
             summary="Claim a coupon with a public code",
             description="404 promotions.code_unknown: no such code (or switched off); 409 "
             "promotions.code_expired, promotions.code_exhausted (all claimed) or "
             "promotions.code_limit (this customer has claimed their share).")
def claim(body: ClaimIn, tx: TxDep, customer: members.CustomerDep) -> CouponOut:
    return coupon_out(issuing.claim_code(tx, customer.id, body.code))
