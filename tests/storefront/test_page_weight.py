"""Pages stay light: a first screen's HTML, stylesheet and scripts under 100 KB compressed."""

from __future__ import annotations

import gzip
import re
from typing import Any

from mercato.catalog.services import knowledge

BUDGET = 100_000


def _weight(client: Any, url: str) -> int:
    page = client.get(url)
    assert page.status_code == 200, url
    total = len(gzip.compress(page.content))
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js)\?v=[0-9a-f]+)"', page.text):
        total += len(gzip.compress(client.get(asset).content))
    return total


def test_first_screens_are_light(client: Any, db: Any, shop: Any) -> None:
    with db.transaction() as tx:
        knowledge.set_images(tx, shop["tee"]["id"], [f"/media/{n}.svg" for n in range(3)])
    for url in ("/", "/categories", "/c/apparel", "/search?q=T恤", "/p/cotton-tee"):
        assert _weight(client, url) < BUDGET, url
