"""The guest cart folds into the customer's cart at login (checkout.public)."""

from __future__ import annotations

from mercato.checkout import public as checkout
from mercato.checkout.domain import CartOwner
from mercato.checkout.services.cart import add_item, remove_item
from mercato.inventory import public as inventory
from mercato.platform.db import Database


def test_merge_sums_caps_and_deletes_the_guest_cart(db: Database, shop: dict, alice: dict) -> None:
    a, b = shop["cup"]["skus"]
    tee = shop["tee"]["skus"][0]
    me = CartOwner(alice["id"], None)
    with db.transaction() as tx:
        add_item(tx, me, a, 6, "en")
        _, token = add_item(tx, CartOwner(None, None), a, 7, "en")
        add_item(tx, CartOwner(None, token), b, 2, "en")
        add_item(tx, CartOwner(None, token), tee, 1, "en")
        inventory.set_stock(tx, tee, shop["warehouse"], 0)  # sold out meanwhile
    with db.transaction() as tx:
        checkout.merge_guest_cart(tx, token, alice["id"])
    with db.transaction() as tx:
        mine = checkout.view_cart(tx, me, "en")
        guest = checkout.view_cart(tx, CartOwner(None, token), "en")
    assert [(x.sku_id, x.quantity) for x in mine.lines] == [(a, 10), (b, 2)]  # 6+7 capped at 10
    assert guest.lines == ()
    with db.transaction() as tx:  # replaying the merge (same cookie) changes nothing
        checkout.merge_guest_cart(tx, token, alice["id"])
        checkout.merge_guest_cart(tx, None, alice["id"])
        checkout.merge_guest_cart(tx, "forged", alice["id"])
        assert [x.quantity for x in checkout.view_cart(tx, me, "en").lines] == [10, 2]


def test_merge_into_a_customer_without_a_cart(db: Database, shop: dict, bob: dict) -> None:
    a = shop["cup"]["skus"][0]
    with db.transaction() as tx:
        _, token = add_item(tx, CartOwner(None, None), a, 3, "en")
        checkout.merge_guest_cart(tx, token, bob["id"])
        view = checkout.view_cart(tx, CartOwner(bob["id"], None), "en")
    assert [(x.sku_id, x.quantity) for x in view.lines] == [(a, 3)]


def test_a_guest_token_never_reaches_a_customers_cart(db: Database, shop: dict, bob: dict) -> None:
    a = shop["cup"]["skus"][0]
    with db.transaction() as tx:
        _, token = add_item(tx, CartOwner(None, None), a, 3, "en")
        checkout.merge_guest_cart(tx, token, bob["id"])
        # the old token named the guest cart, now gone: it must not see bob's
        assert checkout.view_cart(tx, CartOwner(None, token), "en").lines == ()


def test_the_cart_records_its_last_activity_to_the_minute(
    db: Database, shop: dict, bob: dict, monkeypatch
) -> None:
    from datetime import timedelta

    from sqlalchemy import select

    from mercato.checkout.adapters import repository
    from mercato.checkout.adapters.tables import Cart

    a, b = shop["cup"]["skus"]
    me, start = CartOwner(bob["id"], None), repository.now()
    clock = [start]
    monkeypatch.setattr(repository, "now", lambda: clock[0])

    def touched() -> object:
        with db.reading() as tx:
            return tx.scalar(select(Cart.updated_at).where(Cart.customer_id == bob["id"]))

    with db.transaction() as tx:
        add_item(tx, me, a, 1, "en")
    clock[0] = start + timedelta(seconds=30)
    with db.transaction() as tx:  # within the minute: the cart row is not written again
        add_item(tx, me, b, 1, "en")
    assert touched() == start
    clock[0] = start + timedelta(seconds=61)
    with db.transaction() as tx:
        remove_item(tx, me, b, "en")
    assert touched() == start + timedelta(seconds=61)
