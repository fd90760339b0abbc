"""How many pages a list of `total` rows makes at `size` a page: at least one, so an empty
list still has a page to show."""

from __future__ import annotations


def page_count(total: int, size: int) -> int:
    return max((total + size - 1) // size, 1)
