"""Payments API: open a payment attempt for one's own order (Idempotency-Key honoured), list
attempts, and the providers' notification endpoint (answered in each provider's format)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import orjson
from fastapi import Header, Path, Request
from fastapi.responses import Response
from sqlalchemy import select

from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.orders import public as orders
from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import NotificationRejected
from mercato.payments.services import attempts, notifications
from mercato.payments.web.deps import GatewaysDep, gateway_named
from mercato.payments.web.schemas import PaymentIn, PaymentOut
from mercato.platform import idempotency, leases
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, RawBodyDep, ReadDep, SettingsDep
from mercato.web.errors import error_body, error_responses
from mercato.web.routing import Router

router = Router(prefix="/api/v1", tags=["payments"])
Number = Annotated[str, Path(min_length=1, max_length=20, pattern=r"^\d+$")]
Provider = Annotated[str, Path(max_length=20)]
_CREATE_ERRORS = error_responses(400, 401, 403, 404, 409, 422, 429, 502)
_CREATE_ERRORS[400] = {
    **_CREATE_ERRORS[400],
    "description": "`payments.instalments_unsupported`: instalments asked of a provider that "
    "has none (only alipay takes them)",
}
_CREATE_ERRORS[422] = {
    **_CREATE_ERRORS[422],
    "description": "Invalid input (`field` names it), or `idempotency.key_reused`: this "
    "Idempotency-Key came with another request",
}


@router.post(
    "/orders/{number}/payments",
    status_code=201,
    response_model=PaymentOut,
    responses=_CREATE_ERRORS,
    summary="Start paying an order",
)
def create_payment(
    number: Number,
    body: PaymentIn,
    request: Request,
    customer: members.CustomerDep,
    db: DbDep,
    settings: SettingsDep,
    all_gateways: GatewaysDep,
    idempotency_key: Annotated[
        str | None,
        Header(max_length=255, json_schema_extra={"pattern": idempotency.KEY_PATTERN}),
    ] = None,
) -> Response:
    gateway = gateway_named(all_gateways, body.provider)
    ip = members.client_ip(request)
    choice = attempts.Instalments(body.instalments, settings.instalment_fee_payer)

    def work(progress: attempts.Progress | None = None) -> tuple[int, str]:
        args = (customer.id, number, body.channel, settings.public_url, ip)
        view = attempts.open_payment(db, gateway, *args, progress, choice)
        return 201, PaymentOut(**asdict(view)).model_dump_json()

    if idempotency_key is None:
        status, text = work()
        return Response(text, status, media_type="application/json")
    path = f"/api/v1/orders/{number}/payments"
    stored = leases.run_outside(
        db,
        f"customer:{customer.id}:POST {path}",
        idempotency_key,
        idempotency.request_hash("POST", path, _hashed(body)),
        work,
        lambda e: orjson.dumps(error_body(e.code, _(e.message), e.field)).decode(),
    )
    headers = {"Idempotent-Replayed": "true"} if stored.replayed else {}
    return Response(stored.body, stored.status, headers, media_type="application/json")


def _hashed(body: PaymentIn) -> dict[str, object]:
    # Without instalments the body hashes as it did before they existed: a key stored then
    # still matches its retry.
    return body.model_dump(mode="json", exclude=None if body.instalments else {"instalments"})


@router.get(
    "/orders/{number}/payments",
    response_model=list[PaymentOut],
    responses=error_responses(401, 404, 422),
    summary="Payment attempts of an order",
)
def list_payments(number: Number, customer: members.CustomerDep, tx: ReadDep) -> list[PaymentOut]:
    orders.order_for_customer(tx, number, customer.id)
    rows = tx.scalars(
        select(Payment).where(Payment.order_number == number).order_by(Payment.attempt)
    )
    return [
        PaymentOut(
            out_trade_no=p.out_trade_no,
            order_number=p.order_number,
            provider=p.provider,
            channel=p.channel,
            amount_fen=p.amount_fen,
            currency=p.currency,
            status=p.status,
            action=p.action,
            url=p.action_url,
            params={},
            instalments=p.instalments,
            instalment_payer=p.instalment_payer,
        )
        for p in rows
    ]


@router.post(
    "/payments/notify/{provider}",
    include_in_schema=False,
)
def notify(
    provider: Provider,
    request: Request,
    db: DbDep,
    all_gateways: GatewaysDep,
    raw: RawBodyDep,
) -> Response:
    """Provider → shop. Verify first (the adapter), then record once; the answer tells the
    provider to stop (ok) or retry (not ok)."""
    gateway = gateway_named(all_gateways, provider)
    try:
        n = gateway.parse_notification(dict(request.headers), raw)
        db.unit(lambda tx: notifications.record(tx, n))
        ok = True
    except (NotificationRejected, DomainError):
        ok = False
    status, body, ctype = gateway.notification_ack(ok)
    if not ok and status < 400:
        status = 400
    return Response(body, status, media_type=ctype.split(";")[0])
