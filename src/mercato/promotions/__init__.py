"""Promotions and coupons: what the shop gives off, to whom, when, and what it earned."""
