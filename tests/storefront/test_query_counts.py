"""Pages issue a constant number of SQL statements, whatever the catalogue size."""

from __future__ import annotations

from mercato.catalog.services import knowledge
from tests.factories import make_product, tee_skus
from tests.storefront.helpers import count_queries

URLS = (
    "/",
    "/categories",
    "/c/apparel?brand=north-hill&opt.color=White",
    "/search?q=T恤",
    "/p/cotton-tee",
)


def _counts(client, db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    out = {}
    for url in URLS:
        client.get(url)  # warm the category cache
        with count_queries(db) as seen:
            assert client.get(url).status_code == 200
        out[url] = len(seen)
    return out


def test_constant_queries(client, db, shop):
    before = _counts(client, db)
    with db.transaction() as tx:
        for n in range(12):
            make_product(tx, shop, f"more-{n}", f"T恤{n}", f"Tee {n}", tee_skus(f"M{n}"))
        tee = shop["tee"]["id"]
        for kind in ("care", "faq", "usage"):
            knowledge.save_article(
                tx, None, f"a-{kind}", kind, "标题", "Title", "正文", "Body", [tee]
            )
            knowledge.add_block(tx, tee, "case", "案例", "Case", "", "Body")
        knowledge.set_images(tx, tee, [f"/media/{i}.svg" for i in range(5)])
    after = _counts(client, db)
    assert after == before, (before, after)
    assert max(after.values()) <= 12, after
