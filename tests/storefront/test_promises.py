"""The product page promises free shipping from the shop's own shipping rules (a rule for
every province with a free-over amount), and nothing when no method ships free everywhere."""

from __future__ import annotations

from typing import Any

from mercato.checkout.services import shipping
from mercato.checkout.services.shipping_input import MethodData, RuleData


def test_the_free_shipping_promise_follows_the_rules(client: Any, db: Any, market: Any) -> None:
    tee = market["tee"]
    page = client.get(f"/p/{tee['slug']}").text
    assert "满 ¥99.00 包邮" in page  # std ships free from ¥99 everywhere (shipping_factory)
    with db.transaction() as tx:
        for m in shipping.list_methods(tx):
            shipping.deactivate_method(tx, m.id)
        shipping.create_method(
            tx,
            MethodData(
                code="west",
                name_zh="西部",
                name_en="West",
                carrier="sf",
                position=9,
                rules=(RuleData(("四川省",), 1000, 1000, 1000, 200, free_over=0),),
            ),
        )
    client.app.state.catalog_free_shipping_seen = None  # the 30 s memory, for the test
    page = client.get(f"/p/{tee['slug']}").text
    assert "包邮" not in page.split('data-testid="price"')[1].split("</p>")[0]
