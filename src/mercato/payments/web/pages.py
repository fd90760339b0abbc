"""Storefront payment pages: choose how to pay an order, and the sandbox gateway's own pay
page (demo mode only), whose Pay button produces a signed notification that goes through the
same verification and recording as a real provider's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

import segno
from fastapi import Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.members import public as members
from mercato.orders import public as orders
from mercato.payments.adapters.sandbox import SandboxGateway
from mercato.payments.domain import Channel
from mercato.payments.instalments import InstalmentGateway, InstalmentPlan
from mercato.payments.services import attempts, notifications
from mercato.payments.web.deps import Gateways, GatewaysDep, gateway_named
from mercato.platform import clock
from mercato.platform.i18n import gettext_ as _
from mercato.platform.settings import Settings
from mercato.web.deps import DbDep, LocaleDep, ReadDep, SettingsDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
Number = Annotated[str, Path(max_length=20)]
TradeNo = Annotated[str, Path(max_length=32)]
# What each provider offers on a web page: PC and phone browsers.
CHANNELS: dict[str, Channel] = {"sandbox": "page", "alipay": "page", "wechatpay": "native"}


def _render(
    request: Request, tx: Session, loc: str, template: str, ctx: dict[str, Any], status: int = 200
) -> Response:
    base = {"csrf": members.csrf_token(request), "errors": {}}
    response = catalog.render_page(request, tx, loc, template, {**base, **ctx}, status=status)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)


def _plans(all_gateways: Gateways, amount_fen: int, settings: Settings) -> list[InstalmentPlan]:
    """Alipay's Huabei plans for the order, when the shop takes Alipay and the amount allows."""
    offer = getattr(all_gateways.get("alipay"), "instalments", None)
    if not isinstance(offer, InstalmentGateway):
        return []
    payer = settings.instalment_fee_payer
    return [offer.plan(amount_fen, n, payer) for n in offer.periods_for(amount_fen)]


def _chosen(value: str) -> tuple[str, int]:
    """(provider, periods) of the form's choice: "alipay" pays at once, "alipay:3" in three
    Huabei periods. Periods that are not a number are -1, which the domain refuses."""
    provider, colon, periods = value.partition(":")
    if not colon:
        return provider, 0
    return provider, int(periods) if periods.isdigit() else -1


def _login(request: Request) -> Response:
    return RedirectResponse("/account/login?" + urlencode({"next": request.url.path}), 303)


@router.get("/account/orders/{number}/pay", response_class=HTMLResponse)
def pay_page(
    request: Request,
    number: Number,
    tx: ReadDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    all_gateways: GatewaysDep,
    settings: SettingsDep,
) -> Response:
    if me is None:
        return _login(request)
    order = orders.order_for_customer(tx, number, me.id)
    if order.status != "pending_payment":
        return RedirectResponse(f"/account/orders/{number}", 303)
    providers = [p for p in ("wechatpay", "alipay", "sandbox") if p in all_gateways]
    ctx = _pay_ctx(tx, order, providers, me, all_gateways, settings, 0)
    return _render(request, tx, loc, "payments/pay.html", ctx)


def _short(at: datetime | None) -> str:
    """A time as a presale page states it: "12-08 20:00" (shop time)."""
    return clock.local(at).strftime("%m-%d %H:%M") if at else ""


def _pay_ctx(
    tx: Session,
    order: orders.PayableOrder,
    providers: Sequence[str],
    me: members.CustomerView,
    all_gateways: Gateways,
    settings: Settings,
    chosen: int,
) -> dict[str, Any]:
    """What the pay page shows: the part due now (the whole order, or a presale order's
    deposit, then its balance) and its Huabei plans; a balance whose window has not opened
    yet gets orders' reason instead of a way to pay."""
    waiting = ""
    if order.stage == "balance":
        try:
            orders.payable_order(tx, order.number, me.id)
        except Conflict as exc:
            if exc.code == "orders.balance_not_open":
                waiting = _(exc.message)
    return {
        "order": order,
        "providers": providers,
        "customer": me,
        "plans": _plans(all_gateways, order.amount_fen, settings),
        "chosen": chosen,
        "waiting": waiting,
        "opens": _short(order.balance_from),
        "other_fen": order.total_fen - order.amount_fen,  # the part paid or to pay later
    }


@router.post("/account/orders/{number}/pay", response_class=HTMLResponse)
def start_payment(
    request: Request,
    number: Number,
    db: DbDep,
    loc: LocaleDep,
    settings: SettingsDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    all_gateways: GatewaysDep,
    provider: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    if me is None:
        return _login(request)
    provider, periods = _chosen(provider)
    choice = attempts.Instalments(periods, settings.instalment_fee_payer)
    try:
        gateway = gateway_named(all_gateways, provider)
        args = (me.id, number, CHANNELS[provider], settings.public_url, members.client_ip(request))
        view = attempts.open_payment(db, gateway, *args, choice=choice)
    except DomainError as exc:
        with db.reading() as tx:
            order = orders.order_for_customer(tx, number, me.id)
            ctx = _pay_ctx(tx, order, list(all_gateways), me, all_gateways, settings,
                           choice.periods)
            ctx["errors"] = {"": _(exc.message)}
            return _render(request, tx, loc, "payments/pay.html", ctx, exc.status)
    if view.action == "redirect":
        return RedirectResponse(view.url, 303)
    # WeChat Native: the shopper scans this code with WeChat (drawn here, nothing external).
    qr = Markup(segno.make(view.url, error="m").svg_inline(scale=5, title=view.out_trade_no))
    with db.reading() as tx:
        ctx = {"view": view, "customer": me, "qr": qr}
        return _render(request, tx, loc, "payments/qr.html", ctx)


def _sandbox(all_gateways: dict[str, Any]) -> SandboxGateway:
    gateway = all_gateways.get("sandbox")
    if not isinstance(gateway, SandboxGateway):
        raise NotFound("payments.unknown_provider", "The sandbox is not enabled", "provider")
    return gateway


@router.get("/pay/sandbox/{out_trade_no}", response_class=HTMLResponse)
def sandbox_page(
    request: Request,
    out_trade_no: TradeNo,
    tx: ReadDep,
    loc: LocaleDep,
    all_gateways: GatewaysDep,
    t: Annotated[str, Query(max_length=2000)] = "",
) -> Response:
    trade = _sandbox(all_gateways).read_token(out_trade_no, t)
    ctx = {"trade": trade, "out_trade_no": out_trade_no, "token": t}
    return _render(request, tx, loc, "payments/sandbox.html", ctx)


@router.post("/pay/sandbox/{out_trade_no}")
def sandbox_pay(
    request: Request,
    out_trade_no: TradeNo,
    db: DbDep,
    all_gateways: GatewaysDep,
    _csrf: members.CsrfDep,
    t: Annotated[str, Form(max_length=2000)] = "",
    outcome: Annotated[str, Form(max_length=10)] = "pay",
) -> Response:
    """The shopper pressed Pay (or Fail) on the sandbox's page: the sandbox signs a
    notification and the shop verifies and records it like any provider's."""
    gateway = _sandbox(all_gateways)
    trade = gateway.read_token(out_trade_no, t)
    headers, body = gateway.notification(out_trade_no, int(str(trade["a"])), outcome == "pay")
    n = gateway.parse_notification(headers, body)
    with db.transaction() as tx:
        notifications.record(tx, n)
    number = out_trade_no[:-2]
    return RedirectResponse(f"/account/orders/{number}", 303)
