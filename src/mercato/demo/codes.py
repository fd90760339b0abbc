"""Codes and prices for the demo catalogue: slugs, EAN-13 barcodes, retail price points."""

from __future__ import annotations

import re
import unicodedata


def ean13_check_digit(first12: str) -> int:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def nice_price(yuan: float) -> int:
    """Retail-style price in fen: 19.90, 59.00, 129.00, 1299.00 …"""
    if yuan < 25:
        value = max(round(yuan), 10) - 0.1
    elif yuan < 1000:
        value = round(yuan / 10) * 10 - 1
    else:
        value = round(yuan / 100) * 100 - 1
    return round(value * 100)


class Barcodes:
    """EAN-13 in the Chinese 69 range: 69 + 5-digit company code per brand + 5-digit item."""

    def __init__(self, brand_slugs: list[str]) -> None:
        self.company = {slug: 21000 + i * 137 for i, slug in enumerate(brand_slugs)}
        self.next_item = dict.fromkeys(brand_slugs, 1)

    def issue(self, brand_slug: str) -> str:
        item = self.next_item[brand_slug]
        self.next_item[brand_slug] = item + 1
        first12 = f"69{self.company[brand_slug]:05d}{item:05d}"
        return first12 + str(ean13_check_digit(first12))


# --------------------------------------------------------------------------- products
