"""The labels the pipeline writes on adjustments it makes itself. Promotions and coupons are
labelled with their own names (the merchant wrote those, in Chinese); the pipeline's own steps
use these fixed English msgids so that the web layer can translate them: it recognises an
adjustment by its source ("price_list", "tier:<tier>", "points", a shipping-step adjustment)
and renders gettext(TEMPLATE).format(...) with the values below (the tier is in the source,
the points in Priced.points_used). Keep the msgids here and nowhere else."""

from __future__ import annotations

PRICE_LIST = "Member price"  # when the request names no price list (会员价)
TIER = "Member discount ({tier})"  # {tier}: the tier's name, e.g. "gold"
POINTS = "Points ({points})"  # {points}: the points redeemed, with thousands separators
FREE_SHIPPING = "Free shipping"

TEMPLATES = (PRICE_LIST, TIER, POINTS, FREE_SHIPPING)


def price_list_label(name: str) -> str:
    return name or PRICE_LIST


def tier_label(tier: str) -> str:
    return TIER.format(tier=tier)


def points_label(points: int) -> str:
    return POINTS.format(points=f"{points:,}")
