"""The checkout form's coupon and points fields, as the order takes them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from mercato.checkout import public as checkout

Coupon = Annotated[str, Query(max_length=20)]
UsePoints = Annotated[str, Query(max_length=1)]


def benefits(coupon: str, use_points: str) -> dict[str, int]:
    """The coupon field ("" the best one, "0" none, else an issued coupon's id) and the
    points switch, as the order takes them."""
    c = coupon.strip()
    chosen = int(c) if c.isascii() and c.isdigit() and len(c) <= 18 else checkout.BEST_COUPON
    return {"coupon": chosen, "points": checkout.ALL_POINTS if use_points == "1" else 0}
