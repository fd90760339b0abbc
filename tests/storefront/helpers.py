"""Small helpers for storefront tests: query counting and reading the page's SKU JSON."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from mercato.platform.db import Database


@contextmanager
def count_queries(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def _before(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", _before)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", _before)


def sku_json(page: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="sku-data">(.*?)</script>', page, re.S)
    assert m, "no SKU JSON on the page"
    return json.loads(m.group(1))  # type: ignore[no-any-return]


def tags_with(page: str, testid: str) -> list[str]:
    """The opening tags carrying data-testid=<testid>."""
    return re.findall(rf'<[^>]*data-testid="{testid}"[^>]*>', page)


def text_of(page: str, testid: str) -> str:
    m = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</', page, re.S)
    assert m, f"no {testid}"
    return html.unescape(m.group(1)).strip()


def slugs(page: str) -> list[str]:
    return re.findall(r'data-testid="product-card" data-slug="([^"]+)"', page)
