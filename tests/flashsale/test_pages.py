"""The storefront's flash page: a guest is asked to sign in; a signed-in shopper grabs an
item and lands on the payment page; a second grab past the limit, a sold-out item and a
forged form each show the reason on the page, with no order and no seat kept."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from tests.checkout.conftest import csrf_of
from tests.flashsale.conftest import make_event
from tests.flashsale.helpers import taken
from tests.members.conftest import page_login


def _orders(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(Order)) or 0)


def _grab(client: Any, event_id: int, sku: int, buyer: dict, **extra: Any) -> Any:
    page = client.get(f"/flash/{event_id}?sku={sku}")
    form = {"csrf": csrf_of(page.text), "sku_id": str(sku),
            "address_id": str(buyer["address_id"]), "shipping_method": "express", **extra}
    return client.post(f"/flash/{event_id}/buy", data=form, follow_redirects=False)


def test_grab_then_the_limit_and_bad_forms_say_why(
    client: Any, db: Database, market: dict, buyer: dict
) -> None:
    sku = market["tee"]["skus"][0]
    event_id = make_event(db, quantity=5, limit=1, skus=(sku,), price_fen=4900)
    guest = client.get(f"/flash/{event_id}?sku={sku}")
    assert guest.status_code == 200 and 'data-testid="flash-login"' in guest.text
    page_login(client, buyer["phone"])
    r = _grab(client, event_id, sku, buyer)
    assert r.status_code == 303 and r.headers["location"].endswith("/pay")
    again = _grab(client, event_id, sku, buyer)
    assert again.status_code == 409 and 'data-testid="flash-error"' in again.text
    bad = [
        _grab(client, event_id, sku, buyer, shipping_method="zeppelin"),
        _grab(client, event_id, sku, buyer, address_id="999999"),
        _grab(client, event_id, sku, buyer, csrf="forged"),
    ]
    assert [b.status_code for b in bad] == [409, 409, 403]  # the limit is checked first
    assert client.get("/flash/999999").status_code == 404
    assert client.post(f"/flash/{event_id}/buy", data={"sku_id": "x"}).status_code in (403, 422)
    assert _orders(db) == 1 and taken(db, event_id, sku) == 1
