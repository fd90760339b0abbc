"""Choosing Huabei instalments when paying an order: through the API and the pay page, against
the fake Alipay; the periods and the fee payer stored on the attempt; wrong choices refused
with a clear 4xx and nothing written."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from mercato.payments.adapters.huabei import HuabeiInstalments
from mercato.payments.adapters.sandbox import SandboxGateway
from mercato.payments.adapters.tables import Payment
from tests.members.conftest import page_login
from tests.payments.order_helpers import csrf_of, order_state, placed_order


@pytest.fixture
def takes(client, alipay, wechat):
    """The app takes Alipay (Huabei from ¥1), WeChat Pay and the sandbox."""
    fake, gateway, _ = alipay
    fake.notify_client = client
    gateway.instalments = HuabeiInstalments(min_fen=100)
    client.app.state.gateways = {
        "alipay": gateway,
        "wechatpay": wechat[1],
        "sandbox": SandboxGateway("s" * 32),
    }
    return fake, gateway


def _attempts(db) -> list[tuple[int, str]]:
    with db.reading() as tx:
        return [(p.instalments, p.instalment_payer) for p in tx.scalars(select(Payment))]


def _biz(url: str) -> dict:
    return json.loads(dict(parse_qsl(urlsplit(url).query))["biz_content"])


def test_an_order_paid_in_instalments_through_the_api(client, db, market, buyer, takes):
    fake, _ = takes
    client.app.state.settings.instalment_fee_payer = "merchant"  # the shop pays: 免息
    number, total, h = placed_order(client, db, market, buyer)
    r = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "alipay", "channel": "page", "instalments": 6},
        headers=h,
    )
    assert r.status_code == 201, r.text
    pay = r.json()
    assert (pay["instalments"], pay["instalment_payer"]) == (6, "merchant")
    assert pay["amount_fen"] == total  # the trade is the order's amount; Huabei adds the fee
    assert _biz(pay["url"])["extend_params"] == {"hb_fq_num": "6", "hb_fq_seller_percent": "100"}
    cashier = TestClient(fake.app).get(pay["url"].replace("http://testserver", ""))
    assert "data-periods='6'" in cashier.text and "免息" in cashier.text
    fake.pay(pay["out_trade_no"])
    assert fake.deliver(fake.build_notification(pay["out_trade_no"])) == (200, "success")
    assert order_state(db, number) == ("paid", 1, 1)
    assert _attempts(db) == [(6, "merchant")]
    listed = client.get(f"/api/v1/orders/{number}/payments", headers=h).json()
    assert [(p["instalments"], p["instalment_payer"]) for p in listed] == [(6, "merchant")]


def test_paying_at_once_stores_no_instalments(client, db, market, buyer, takes):
    number, _, h = placed_order(client, db, market, buyer)
    body = {"provider": "alipay", "channel": "wap"}
    r = client.post(f"/api/v1/orders/{number}/payments", json=body, headers=h)
    assert r.status_code == 201 and r.json()["instalments"] == 0
    assert "extend_params" not in _biz(r.json()["url"])
    assert _attempts(db) == [(0, "")]


BAD = [
    ({"provider": "alipay", "channel": "page", "instalments": 4}, 422, "request.invalid"),
    ({"provider": "alipay", "channel": "page", "instalments": "3"}, 422, "request.invalid"),
    ({"provider": "alipay", "channel": "page", "instalments": -3}, 422, "request.invalid"),
    ({"provider": "wechatpay", "instalments": 3}, 400, "payments.instalments_unsupported"),
    ({"provider": "sandbox", "instalments": 12}, 400, "payments.instalments_unsupported"),
]


@pytest.mark.parametrize(("body", "status", "code"), BAD)
def test_wrong_choices_are_refused_and_nothing_is_written(
    client, db, market, buyer, takes, body, status, code
):
    number, _, h = placed_order(client, db, market, buyer)
    r = client.post(f"/api/v1/orders/{number}/payments", json=body, headers=h)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code and r.json()["error"]["field"] == "instalments"
    assert _attempts(db) == []


def test_below_the_minimum_is_refused(client, db, market, buyer, takes):
    _, gateway = takes
    number, total, h = placed_order(client, db, market, buyer)
    gateway.instalments = HuabeiInstalments(min_fen=total + 1)
    body = {"provider": "alipay", "channel": "page", "instalments": 3}
    r = client.post(f"/api/v1/orders/{number}/payments", json=body, headers=h)
    assert r.status_code == 422, r.text
    assert r.json()["error"] == {
        "code": "payments.instalments_below_minimum",
        "message": "订单金额未达到分期付款的最低金额",
        "field": "instalments",
    }
    assert _attempts(db) == []
    gateway.instalments = HuabeiInstalments(min_fen=total)  # exactly the minimum: taken
    r = client.post(f"/api/v1/orders/{number}/payments", json=body, headers=h)
    assert r.status_code == 201 and _attempts(db) == [(3, "buyer")]


def test_the_pay_page_offers_the_periods_under_alipay(client, db, market, buyer, takes):
    from mercato.payments.instalments import huabei_plan
    from mercato.web.templating import money

    number, total, _ = placed_order(client, db, market, buyer)
    page_login(client, buyer["phone"])
    page = client.get(f"/account/orders/{number}/pay")
    assert 'data-testid="pay-instalments"' in page.text and "花呗分期" in page.text
    for n in (3, 6, 12):
        plan = huabei_plan(total, n, "buyer")
        assert f'data-testid="instalments-{n}"' in page.text
        assert f"{money(plan.each_fen)} × {n} 期" in page.text
        assert f"（含手续费 {money(plan.fee_fen)}）" in page.text or plan.fee_fen == 0
    assert 'value="alipay:12"' in page.text  # each plan a choice beside Alipay itself
    form = {"csrf": csrf_of(page.text), "provider": "alipay:12"}
    r = client.post(f"/account/orders/{number}/pay", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    assert _biz(r.headers["location"])["extend_params"]["hb_fq_num"] == "12"
    assert _attempts(db) == [(12, "buyer")]


@pytest.mark.parametrize(
    ("choice", "status", "message"),
    [
        ("alipay:4", 422, "分期期数须为 3、6 或 12 期"),
        ("alipay:x", 422, "分期期数须为 3、6 或 12 期"),
        ("alipay:", 422, "分期期数须为 3、6 或 12 期"),
        ("wechatpay:3", 400, "该支付方式不支持分期付款"),
        ("sandbox:6", 400, "该支付方式不支持分期付款"),
    ],
)
def test_the_pay_page_refuses_bad_choices(
    client, db, market, buyer, takes, choice, status, message
):
    number, _, _ = placed_order(client, db, market, buyer)
    page_login(client, buyer["phone"])
    csrf = csrf_of(client.get(f"/account/orders/{number}/pay").text)
    form = {"csrf": csrf, "provider": choice}
    r = client.post(f"/account/orders/{number}/pay", data=form, follow_redirects=False)
    assert r.status_code == status and message in r.text and 'data-testid="pay-error"' in r.text
    assert _attempts(db) == []
    r = client.post(f"/account/orders/{number}/pay", data={**form, "provider": "sandbox"})
    assert _attempts(db) == [(0, "")]  # paying at once still works


def test_no_choice_on_the_page_below_the_minimum(client, db, market, buyer, takes):
    _, gateway = takes
    number, total, _ = placed_order(client, db, market, buyer)
    gateway.instalments = HuabeiInstalments(min_fen=total + 1)
    page_login(client, buyer["phone"])
    page = client.get(f"/account/orders/{number}/pay")
    assert page.status_code == 200 and 'data-testid="pay-instalments"' not in page.text
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Payment)) == 0


def test_the_partial_shows_rows_for_product_and_checkout_pages():
    from pathlib import Path

    import mercato.payments.web as payments_web
    from mercato.payments.instalments import huabei_plans
    from mercato.platform.i18n import current_locale
    from mercato.web.templating import make_templates

    env = make_templates([Path(payments_web.__file__).parent / "templates"]).env
    tpl = env.from_string('{% from "payments/_instalments.html" import huabei %}{{ huabei(p) }}')
    html = tpl.render(p=huabei_plans(30_000, "buyer"))
    # ¥300 in 3: fee ¥6.90, 3 × ¥102.30. In 12: fee ¥22.50 = 12 × 187 fen + 6; principal
    # 12 × 2500 fen: ¥26.87 a period, the first ¥26.93.
    assert "花呗分期" in html and "¥102.30 × 3 期" in html and "（含手续费 ¥6.90）" in html
    assert "¥26.87 × 12 期" in html and "首期 ¥26.93" in html
    assert "首期" not in html.split('data-testid="huabei-3"')[1].split("</p>")[0]
    free = tpl.render(p=huabei_plans(30_000, "merchant"))
    assert "¥100.00 × 3 期" in free and free.count("（免息）") == 3
    assert tpl.render(p=[]).strip() == ""
    token = current_locale.set("en")
    try:
        english = tpl.render(p=huabei_plans(30_000, "buyer"))
    finally:
        current_locale.reset(token)
    assert "Huabei instalments" in english and "¥102.30 × 3 periods" in english
