"""A cart add is planned from reads, then written only if the cart is still as read
(services.plan_add / apply_add): another write of the same cart in between is never lost;
the API plans again, and answers 409 checkout.cart_busy only if the cart keeps changing."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.checkout import services
from mercato.checkout.domain import CartOwner
from mercato.checkout.web import api as cart_api
from mercato.platform.db import Database
from tests.interference import meddling
from tests.members.conftest import api_login

URL = "/api/v1/cart/lines"


def _lines(db: Database, owner: CartOwner) -> list[tuple[int, int]]:
    with db.transaction() as tx:
        return [(x.sku_id, x.quantity) for x in services.view_cart(tx, owner, "en").lines]


def _plan(db: Database, owner: CartOwner, sku: int, qty: int) -> services.PlannedAdd:
    with db.core_reads() as reads:
        return services.plan_add(reads, owner, sku, qty, "en")


def _apply(db: Database, owner: CartOwner, plan: services.PlannedAdd) -> Any:
    with db.core_transaction() as tx:
        return services.apply_add(tx, owner, plan)


def test_a_line_changed_since_the_plan_is_not_overwritten(
    db: Database, shop: dict, alice: dict
) -> None:
    cup = shop["cup"]["skus"][0]
    me = CartOwner(alice["id"], None)
    _apply(db, me, _plan(db, me, cup, 2))
    stale = _plan(db, me, cup, 1)  # reads 2, would write 3
    _apply(db, me, _plan(db, me, cup, 4))  # another request: 2 + 4
    with pytest.raises(services.CartChanged) as refused:
        _apply(db, me, stale)
    assert refused.value.status == 409 and refused.value.code == "checkout.cart_busy"
    assert _lines(db, me) == [(cup, 6)]
    _apply(db, me, _plan(db, me, cup, 1))  # planned again: 6 + 1
    assert _lines(db, me) == [(cup, 7)]


def test_a_line_or_cart_made_since_the_plan_is_not_doubled(
    db: Database, shop: dict, alice: dict
) -> None:
    cup, tee = shop["cup"]["skus"][0], shop["tee"]["skus"][0]
    me = CartOwner(alice["id"], None)
    no_cart = _plan(db, me, cup, 1)  # alice has no cart yet
    _apply(db, me, _plan(db, me, tee, 1))  # another request makes the cart
    with pytest.raises(services.CartChanged):
        _apply(db, me, no_cart)  # the customer's one cart exists now
    no_line = _plan(db, me, cup, 1)
    _apply(db, me, _plan(db, me, cup, 2))  # another request adds the line
    with pytest.raises(services.CartChanged):
        _apply(db, me, no_line)
    assert _lines(db, me) == [(tee, 1), (cup, 2)]


def test_the_api_plans_again_when_the_cart_changed(
    client: TestClient, db: Database, shop: dict, alice: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    cup = shop["cup"]["skus"][0]
    me = CartOwner(alice["id"], None)
    auth = api_login(client, alice["phone"])
    assert client.post(URL, json={"sku_id": cup, "quantity": 2}, headers=auth).status_code == 200
    # Another request of alice's adds 3 between the first plan's read and its write.
    def add(reads: Any, *_: Any) -> None:
        _apply(db, me, plan_add(reads, me, cup, 3, "en"))

    plan_add = services.plan_add
    wrapped, _ = meddling(plan_add, add, 1)
    monkeypatch.setattr(services, "plan_add", wrapped)
    r = client.post(URL, json={"sku_id": cup, "quantity": 1}, headers=auth)
    assert r.status_code == 200, r.text
    assert [(x["sku_id"], x["quantity"]) for x in r.json()["lines"]] == [(cup, 6)]  # 2+3+1
    assert _lines(db, me) == [(cup, 6)]


def test_the_api_answers_409_if_the_cart_keeps_changing(
    client: TestClient, db: Database, shop: dict, alice: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    cup = shop["cup"]["skus"][0]
    me = CartOwner(alice["id"], None)
    auth = api_login(client, alice["phone"])
    client.post(URL, json={"sku_id": cup, "quantity": 1}, headers=auth)
    def add(reads: Any, *_: Any) -> None:
        _apply(db, me, plan_add(reads, me, cup, 1, "en"))

    plan_add = services.plan_add
    wrapped, writes = meddling(plan_add, add)
    monkeypatch.setattr(services, "plan_add", wrapped)
    r = client.post(URL, json={"sku_id": cup, "quantity": 5}, headers=auth)
    assert r.status_code == 409, r.text
    assert r.json()["error"]["code"] == "checkout.cart_busy"
    assert len(writes) == cart_api.ADD_ATTEMPTS
    assert _lines(db, me) == [(cup, 1 + cart_api.ADD_ATTEMPTS)]  # only the others' adds
    zh = client.post(URL + "?lang=zh_CN", json={"sku_id": cup, "quantity": 1}, headers=auth)
    assert zh.status_code == 409 and "购物车" in zh.json()["error"]["message"]
