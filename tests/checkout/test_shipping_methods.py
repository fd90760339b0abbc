"""Shipping methods stored with their rules: validation with fields, updates, deactivation,
the public quote functions, statements per load, and the demo methods."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato.checkout import provinces, public
from mercato.checkout.adapters.tables import ShippingMethodRow, ShippingRuleRow
from mercato.checkout.services import shipping
from mercato.checkout.services.shipping_input import MethodData, RuleData
from mercato.demo.shipping import load_shipping
from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.platform.db import Database
from tests.checkout.shipping_factory import EXPRESS, STD, shipping_methods
from tests.storefront.helpers import count_queries

RULE = RuleData(("广东", " 上海市 "), 1000, 800, 500, 200, free_over=9900)
BASE = MethodData("local", "同城", "Local", (RULE,), carrier="sf", position=3)


def _with_rule(**over: Any) -> MethodData:
    return dataclasses.replace(BASE, rules=(dataclasses.replace(RULE, **over),))


def _count(tx: Session, table: type) -> int:
    return int(tx.scalar(select(func.count()).select_from(table)) or 0)


def test_create_stores_canonical_provinces_and_reads_back(tx: Session) -> None:
    made = shipping.create_method(tx, BASE)
    assert (made.code, made.name("zh_CN"), made.name("en"), made.carrier) == (
        "local",
        "同城",
        "Local",
        "sf",
    )
    (rule,) = made.rules
    assert rule.provinces == ("上海市", "广东省")  # full names, in the list's order
    assert (rule.first_fee, rule.step_g, rule.free_over) == (800, 500, 9900)
    assert shipping.list_methods(tx) == [made]
    assert tx.scalar(select(ShippingRuleRow.provinces)) == "上海市,广东省"


BAD = [
    (dataclasses.replace(BASE, code="Bad Code"), "checkout.invalid_code", "code"),
    (dataclasses.replace(BASE, code="x" * 33), "checkout.invalid_code", "code"),
    (dataclasses.replace(BASE, name_zh="  "), "checkout.invalid_name", "name_zh"),
    (dataclasses.replace(BASE, name_en="a\x00b"), "checkout.invalid_name", "name_en"),
    (dataclasses.replace(BASE, carrier="SF!"), "checkout.invalid_carrier", "carrier"),
    (dataclasses.replace(BASE, position=-1), "checkout.invalid_position", "position"),
    (dataclasses.replace(BASE, position=True), "checkout.invalid_position", "position"),
    (dataclasses.replace(BASE, rules=()), "checkout.no_rules", "rules"),
    (_with_rule(step_g=0), "checkout.invalid_fee_rule", "rules.0.step_g"),
    (_with_rule(first_fee=-1), "checkout.invalid_fee_rule", "rules.0.first_fee"),
    (_with_rule(step_fee=1.5), "checkout.invalid_fee_rule", "rules.0.step_fee"),
    (_with_rule(first_weight_g=True), "checkout.invalid_fee_rule", "rules.0.first_weight_g"),
    (_with_rule(free_over=-1), "checkout.invalid_fee_rule", "rules.0.free_over"),
    (_with_rule(free_over="99"), "checkout.invalid_fee_rule", "rules.0.free_over"),
    (_with_rule(first_fee=10**12), "checkout.invalid_fee_rule", "rules.0.first_fee"),
    (_with_rule(step_g=10**7), "checkout.invalid_fee_rule", "rules.0.step_g"),
    (_with_rule(provinces=()), "checkout.invalid_fee_rule", "rules.0.provinces"),
    (_with_rule(provinces=("火星",)), "checkout.unknown_province", "rules.0.provinces"),
    (_with_rule(provinces=("*", "广东省")), "checkout.invalid_provinces", "rules.0.provinces"),
    (
        dataclasses.replace(BASE, rules=(RULE, dataclasses.replace(RULE, provinces=("广东省",)))),
        "checkout.duplicate_province",
        "rules.1.provinces",
    ),
    (
        dataclasses.replace(BASE, rules=(STD.rules[0], STD.rules[0])),
        "checkout.duplicate_province",
        "rules.1.provinces",
    ),
]


@pytest.mark.parametrize(("data", "code", "field"), BAD)
def test_refusals_name_their_field_and_write_nothing(
    tx: Session, data: MethodData, code: str, field: str
) -> None:
    with pytest.raises(DomainError) as caught:
        shipping.create_method(tx, data)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert _count(tx, ShippingMethodRow) == 0 and _count(tx, ShippingRuleRow) == 0


def test_codes_are_unique(tx: Session) -> None:
    ids = shipping_methods(tx)
    with pytest.raises(Conflict) as caught:
        shipping.create_method(tx, dataclasses.replace(BASE, code="std"))
    assert caught.value.field == "code"
    with pytest.raises(Conflict):
        shipping.update_method(tx, ids["express"], dataclasses.replace(EXPRESS, code="std"))
    assert [m.code for m in shipping.list_methods(tx)] == ["std", "express"]


def test_update_replaces_fields_and_rules(tx: Session) -> None:
    ids = shipping_methods(tx)
    two_rules = (
        RuleData(("新疆",), 500, 3000, 500, 1000),
        RuleData(("*",), 1000, 900, 1000, 100),
    )
    new = dataclasses.replace(STD, name_en="Economy", position=9, rules=two_rules)
    saved = shipping.update_method(tx, ids["std"], new)
    assert saved.name_en == "Economy" and saved.position == 9
    assert [r.provinces for r in saved.rules] == [("新疆维吾尔自治区",), ("*",)]
    assert shipping.get_method(tx, ids["std"]) == saved
    assert _count(tx, ShippingRuleRow) == 3  # 2 new + express's 1; the old rule is gone
    assert [m.code for m in shipping.list_methods(tx)] == ["express", "std"]  # by position
    with pytest.raises(NotFound):
        shipping.update_method(tx, 10**6, new)


def test_public_quotes_cheapest_first_and_localised(tx: Session) -> None:
    shipping_methods(tx)
    zh = public.shipping_quotes(tx, "广东省", 2500, 5000, "zh_CN")
    assert zh == [
        public.ShippingQuote("std", "标准快递", 1400, "zto"),
        public.ShippingQuote("express", "特快专递", 3500, "sf"),
    ]
    en = public.shipping_quotes(tx, "广东", 2500, 9900, "en")  # short name; free std
    assert [(q.code, q.name, q.fee_fen) for q in en] == [
        ("std", "Standard", 0),
        ("express", "Express", 3500),
    ]
    assert [q.code for q in public.shipping_quotes(tx, "西藏自治区", 100, 0, "en")] == ["std"]
    assert [q.code for q in public.shipping_quotes(tx, "Mars", 100, 0, "en")] == ["std"]
    one = public.shipping_quote(tx, "express", "北京", 1000, 0, "en")
    assert one == public.ShippingQuote("express", "Express", 2000, "sf")


@pytest.mark.parametrize(
    ("args", "code", "field"),
    [
        (("nope", "广东省", 100, 0), "checkout.shipping_method_not_found", "shipping_method"),
        (("express", "西藏自治区", 100, 0), "checkout.no_delivery", "province"),
        (("std", "广东省", -1, 0), "checkout.invalid_weight", "weight_g"),
        (("std", "广东省", 10**7, 0), "checkout.invalid_weight", "weight_g"),
        (("std", "广东省", True, 0), "checkout.invalid_weight", "weight_g"),
        (("std", "广东省", 100, -1), "checkout.invalid_amount", "subtotal_fen"),
    ],
)
def test_public_quote_refusals(tx: Session, args: tuple, code: str, field: str) -> None:
    shipping_methods(tx)
    with pytest.raises(DomainError) as caught:
        public.shipping_quote(tx, *args, "en")
    assert (caught.value.code, caught.value.field) == (code, field)
    if code == "checkout.shipping_method_not_found":
        assert isinstance(caught.value, NotFound)


def test_deactivated_method_is_never_quoted(tx: Session) -> None:
    ids = shipping_methods(tx)
    shipping.deactivate_method(tx, ids["std"])
    shipping.deactivate_method(tx, ids["std"])  # idempotent
    assert [q.code for q in public.shipping_quotes(tx, "广东省", 100, 0, "en")] == ["express"]
    assert public.shipping_quotes(tx, "西藏自治区", 100, 0, "en") == []
    assert [m.code for m in shipping.active_methods(tx)] == ["express"]
    with pytest.raises(NotFound) as caught:
        public.shipping_quote(tx, "std", "广东省", 100, 0, "en")
    assert caught.value.field == "shipping_method"
    assert [(m.code, m.active) for m in shipping.list_methods(tx)] == [
        ("std", False),
        ("express", True),
    ]
    with pytest.raises(NotFound):
        shipping.deactivate_method(tx, 10**6)


def _methods(db: Database, n: int) -> None:
    with db.transaction() as tx:
        for i in range(n):
            rules = (
                RuleData((provinces.ALL[i],), 1000, 500 + i, 500, 100),
                RuleData(("*",), 1000, 900 + i, 1000, 200, free_over=9900),
            )
            shipping.create_method(tx, MethodData(f"m{n}-{i}", f"方式{i}", f"Way {i}", rules))


def _load_costs(db: Database) -> tuple[int, int, int]:
    with db.reading() as tx, count_queries(db) as seen:
        loaded = shipping.active_methods(tx)
    with db.reading() as tx, count_queries(db) as quoted:
        public.shipping_quotes(tx, "广东省", 1200, 100, "zh_CN")
    return len(seen), len(quoted), len(loaded)


def test_loading_methods_costs_the_same_for_2_or_10(db: Database) -> None:
    _methods(db, 2)
    small = _load_costs(db)
    _methods(db, 8)
    big = _load_costs(db)
    assert (small[2], big[2]) == (2, 10)
    assert small[:2] == big[:2] and small[0] <= 2, (small, big)


def test_database_refuses_bad_rows(db: Database) -> None:
    with db.transaction() as tx:
        method_id = shipping_methods(tx)["std"]
    for bad in ({"step_g": 0}, {"first_fee": -1}, {"free_over": -5}):
        row = {"provinces": "*", "first_weight_g": 1, "first_fee": 1, "step_g": 1, "step_fee": 1}
        with pytest.raises(IntegrityError), db.transaction() as tx:
            tx.add(ShippingRuleRow(method_id=method_id, **{**row, **bad}))
            tx.flush()


def test_demo_methods_load_once_with_their_fees(tx: Session) -> None:
    assert load_shipping(tx) == 3
    assert load_shipping(tx) == 0
    fees = {q.code: q.fee_fen for q in public.shipping_quotes(tx, "广东省", 2100, 5000, "en")}
    assert fees == {"sf": 1200 + 3 * 200, "zto": 600 + 2 * 100, "ems": 1500 + 3 * 300}
    remote = {q.code: q.fee_fen for q in public.shipping_quotes(tx, "新疆", 1500, 5000, "en")}
    assert remote == {"sf": 2500 + 800, "ems": 1500 + 300}
    free = {q.code: q.fee_fen for q in public.shipping_quotes(tx, "浙江省", 1500, 19900, "en")}
    assert free == {"sf": 0, "zto": 0, "ems": 1800}
    assert [q.code for q in public.shipping_quotes(tx, "西藏自治区", 500, 0, "zh_CN")] == [
        "ems",
        "sf",
    ]


def test_province_names_are_canonical() -> None:
    assert len(provinces.ALL) == 34 and len(set(provinces.ALL)) == 34
    cases = {
        "广东": "广东省",
        " 广东省 ": "广东省",
        "北京": "北京市",
        "新疆": "新疆维吾尔自治区",
        "新疆自治区": "新疆维吾尔自治区",
        "广西": "广西壮族自治区",
        "内蒙古": "内蒙古自治区",
        "香港": "香港特别行政区",
        "Guangdong": "Guangdong",
        "": "",
    }
    assert {raw: provinces.canonical(raw) for raw in cases} == cases
