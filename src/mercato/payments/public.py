"""What other contexts (after-sales) may ask of payments: partial refunds of a paid order,
given back through the provider and the trade the money came through.

    with db.transaction() as tx:                      # the caller's own unit of work
        payments.request_refund(tx, number, "AS2612010001-1", 4_900, "退货：尺码不合适")
    payments.send_refund(db, payments.refunder(app), "AS2612010001-1")   # after the commit

The outcome also arrives as events, once per refund: payments.refund_succeeded.v1 and
payments.refund_failed.v1 with {"refund_no", "order_number", "out_trade_no", "provider",
"amount_fen", "refund_id", "reason"}. A refund left requested (provider down) is sent by the
`payments.send_refunds` job (every 30 s), which also asks again about one stuck processing."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session
from starlette.applications import Starlette

from mercato.payments.adapters import registry
from mercato.payments.adapters.gateway import PaymentGateway
from mercato.payments.adapters.huabei import HuabeiInstalments
from mercato.payments.domain import REFUND_STATUSES
from mercato.payments.instalments import InstalmentPlan, Period
from mercato.payments.services import partial_refunds, refund_sending
from mercato.payments.services.partial_refunds import RefundView
from mercato.platform.db import Database
from mercato.platform.settings import Settings

__all__ = [
    "REFUND_STATUSES",
    "Gateways",
    "InstalmentPlan",
    "Period",
    "RefundView",
    "gateways_of",
    "instalment_plans",
    "refundable_fen",
    "refunder",
    "refunds_of_order",
    "request_refund",
    "send_refund",
]

Gateways = Mapping[str, PaymentGateway]


def request_refund(
    tx: Session, order_number: str, refund_no: str, amount_fen: int, reason: str
) -> RefundView:
    """Ask to give `amount_fen` of order `order_number`'s payment back, in the caller's
    transaction (nothing is sent before it commits: see `send_refund`). The order's paid
    attempt is locked, so concurrent requests never add up to more than was paid.

    `refund_no` (6-32 of A-Z a-z 0-9 _ -, e.g. the after-sales request number plus a suffix)
    is the refund's number here and at the provider. The same number asked again for the same
    order and amount returns the refund already recorded (whatever its status; no second
    one); for another order or amount it is Conflict('payments.refund_no_reused').

    Errors (nothing written): PaymentError 'payments.invalid_refund_no' / 'invalid_amount' /
    'invalid_reason' (reason: at most 200 characters, kept here, never sent);
    NotFound('payments.not_found') when the order has no payment attempt;
    Conflict('payments.not_paid') when none is paid (never paid, or its money already going
    back whole: the order was closed, or paid twice); Conflict('payments.refund_exceeds_paid',
    field 'amount_fen') when the amount exceeds the payment less its refunds not failed
    (`refundable_fen`)."""
    return partial_refunds.request_refund(tx, order_number, refund_no, amount_fen, reason)


def send_refund(db: Database, gateways: Gateways, refund_no: str) -> RefundView:
    """Send refund `refund_no` to its provider now, OUTSIDE any transaction (call it after
    `request_refund`'s transaction committed; `gateways` from `refunder`). Claims it in one
    unit of work (if requested, or processing for more than 5 minutes; otherwise returns it
    as it is), asks the provider, and settles the answer in another: succeeded or failed
    (each recorded once as an event), or processing (the provider's notification or the job
    finishes it). A provider that is down or refuses for now leaves it requested, with its
    error code in `error`, for the job to send again: provider errors are never raised.
    NotFound('payments.refund_not_found') for an unknown number.

    A failed refund gave nothing back; it may still turn succeeded later (WeChat Pay finishes
    an ABNORMAL refund under the same number), with its event then."""
    return refund_sending.send_refund(db, gateways, refund_no)


def refunder(source: Starlette | Settings) -> Gateways:
    """The shop's payment providers for `send_refund`: from a FastAPI/Starlette app (its
    `state`, shared with the payment routes) or from Settings (built anew: keep it)."""
    if isinstance(source, Settings):
        return registry.build(source)
    return registry.shared(source.state)


gateways_of = refunder  # the same, by the name the after-sales pages call it


def refunds_of_order(tx: Session, order_number: str) -> list[RefundView]:
    """Every partial refund of the order, oldest first."""
    return partial_refunds.refunds_of_order(tx, order_number)


def refundable_fen(tx: Session, order_number: str) -> int:
    """What one partial refund may still give back: the paid attempt's amount less its
    refunds not failed (a presale order paid in two parts: the most either part has left;
    a refund goes back through one payment); 0 when no attempt is paid (never paid, or owed
    back whole)."""
    return partial_refunds.refundable_fen(tx, order_number)


def instalment_plans(amount_fen: int, settings: Settings) -> list[InstalmentPlan]:
    """The Alipay Huabei plans (花呗分期) a product or checkout page may show for `amount_fen`:
    3, 6 and 12 periods, fewest first, each with its periods (`per_period`, principal and fee
    per period, exact to the fen: they add up to amount + fee), `fee_fen` (what the buyer pays
    on top; 0 when the shop pays it, `settings.instalment_fee_payer` "merchant": 免息),
    `first_fen` and `each_fen` (the first period may carry a few fen more than the others).

    Empty when the shop does not take Alipay (no `alipay_app_id`), or below
    `settings.instalment_min_fen`. Render them with the macro `huabei` of
    "payments/_instalments.html". Pure arithmetic: no database, no provider call."""
    if not settings.alipay_app_id:
        return []
    offer = HuabeiInstalments(settings.instalment_min_fen)
    payer = settings.instalment_fee_payer
    return [offer.plan(amount_fen, n, payer) for n in offer.periods_for(amount_fen)]
