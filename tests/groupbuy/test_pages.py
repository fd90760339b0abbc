"""The storefront's group pages: the deal page starts a group (then the payment page), the
group page shows the share link and QR code, and a second customer joins from it; a forged
code, joining twice and a full group each answer with the reason and nothing written."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from tests.checkout.conftest import csrf_of
from tests.groupbuy.helpers import group_row, live_deal
from tests.members.conftest import page_login
from tests.orders.conftest import make_buyer


def _orders(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(Order)) or 0)


def _take(client: Any, action: str, who: dict, csrf: str) -> Any:
    form = {"csrf": csrf, "address_id": str(who["address_id"]), "shipping_method": "express"}
    return client.post(action, data=form, follow_redirects=False)


def test_start_share_and_join_and_the_refusals(app: Any, db: Database, market: dict) -> None:
    deal = live_deal(db, sku_id=market["tee"]["skus"][0], product_id=market["tee"]["id"],
                     price_fen=5900, group_size=2, ladder=((2, 300),))
    a, b, c = (make_buyer(db, f"1380000040{i}") for i in range(3))
    with TestClient(app) as one, TestClient(app) as two, TestClient(app) as three:
        csrf = page_login(one, a["phone"])
        assert csrf == csrf_of(one.get(f"/group-deals/{deal}").text)  # the form's own token
        r = _take(one, f"/group-deals/{deal}/open", a, csrf)
        assert r.status_code == 303 and r.headers["location"].endswith("/pay")
        with db.reading() as tx:
            campaign = str(tx.scalar(select(Order.campaign)))
        from mercato.groupbuy.adapters.tables import Group

        with db.reading() as tx:
            code = str(tx.scalar(select(Group.code).where(
                Group.id == int(campaign.split(":")[1]))))
        shared = one.get(f"/groups/{code}")
        assert 'data-testid="group-share"' in shared.text and "<svg" in shared.text
        assert 'data-testid="group-mine"' in shared.text  # the leader cannot join again
        csrf = page_login(two, b["phone"])
        assert _take(two, f"/groups/{code}/join", b, csrf).status_code == 303
        twice = _take(two, f"/groups/{code}/join", b, csrf)
        assert twice.status_code == 409 and 'data-testid="group-error"' in twice.text
        csrf = page_login(three, c["phone"])
        full = _take(three, f"/groups/{code}/join", c, csrf)
        assert full.status_code == 409 and 'data-testid="group-error"' in full.text
        assert three.get("/groups/NOSUCHCODE1").status_code == 404
        assert _take(three, "/groups/NOSUCHCODE1/join", c, csrf).status_code == 404
        assert _take(three, f"/groups/{code}/join", c, "forged").status_code == 403
    assert group_row(db, code) == ("open", 2, 0) and _orders(db) == 2
