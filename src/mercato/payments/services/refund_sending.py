"""Sending partial refunds to their provider, outside any database transaction: claim the
refund in one unit of work, ask the provider, settle its answer in another. The refund number
is the provider's too, so asking again (a retry, a stuck refund, two senders at once) is
asking for the same refund, never a second one. Notifications settle refunds the same way
(`settle`), and whichever comes second changes nothing."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from mercato import events
from mercato.kernel.errors import DomainError, NotFound
from mercato.payments.adapters.gateway import PaymentGateway
from mercato.payments.adapters.tables import Payment, PaymentRefund
from mercato.payments.domain import ProviderError, RefundOutcome, settle_refund
from mercato.payments.services.common import now, tally
from mercato.payments.services.partial_refunds import RefundView, by_number, view
from mercato.platform import batch, outbox
from mercato.platform.db import Database

log = logging.getLogger(__name__)
# A refund claimed (being asked) or accepted by the provider that has not moved for this long
# is asked again: the sender may have died, or the notification been lost.
STALE = timedelta(minutes=5)
_EVENTS = {"succeeded": events.PAYMENT_REFUND_SUCCEEDED, "failed": events.PAYMENT_REFUND_FAILED}


@dataclass(frozen=True, slots=True)
class _Claim:
    refund_no: str
    out_trade_no: str
    provider: str
    amount_fen: int
    total_fen: int  # the paid attempt's amount, which providers check the refund against
    was: str  # the status before the claim, restored when the provider does not answer


def _due(r: PaymentRefund) -> bool:
    return r.status == "requested" or (r.status == "processing" and r.updated_at <= now() - STALE)


def _locked(tx: Session, refund_no: str) -> PaymentRefund:
    r = by_number(tx, refund_no, lock=True)
    if r is None:
        raise NotFound("payments.refund_not_found", "No such refund", "refund_no")
    return r


def _claim(
    tx: Session, refund_no: str, providers: Mapping[str, object]
) -> tuple[_Claim | None, RefundView]:
    r = _locked(tx, refund_no)
    if not _due(r):
        return None, view(r)  # settled, or being asked right now by another sender
    if r.provider not in providers:
        # The shop stopped taking this provider: the refund waits, visibly, for a person.
        r.error, r.updated_at = "payments.provider_gone", now()
        return None, view(r)
    total = tx.scalar(select(Payment.amount_fen).where(Payment.out_trade_no == r.out_trade_no))
    claim = _Claim(r.refund_no, r.out_trade_no, r.provider, r.amount_fen, int(total or 0), r.status)
    # Marked as being asked, so another sender meanwhile leaves it alone (until STALE).
    r.status, r.updated_at = "processing", now()
    return claim, view(r)


def _unclaim(tx: Session, c: _Claim, error: str) -> RefundView:
    """No answer from the provider: back to what it was, for the job to ask again."""
    r = _locked(tx, c.refund_no)
    if r.status == "processing":  # not settled meanwhile by a notification
        r.status, r.error, r.updated_at = c.was, error[:64], now()
    return view(r)


def settle(tx: Session, r: PaymentRefund, outcome: RefundOutcome, refund_id: str) -> str:
    """Refund `r` (locked) as its provider says it is; a success or a failure is told once
    as an event. Returns the refund's status afterwards."""
    if refund_id:
        r.refund_id = refund_id[:64]
    target = settle_refund(r.status, outcome)
    if target is None:
        return r.status
    r.status, r.error, r.updated_at = target, "", now()
    if target in _EVENTS:
        outbox.record(tx, _EVENTS[target], payload(r))
    return target


def payload(r: PaymentRefund) -> dict[str, object]:
    return {
        "refund_no": r.refund_no,
        "order_number": r.order_number,
        "out_trade_no": r.out_trade_no,
        "provider": r.provider,
        "amount_fen": r.amount_fen,
        "refund_id": r.refund_id,
        "reason": r.reason,
    }


def _settle_answer(tx: Session, c: _Claim, outcome: RefundOutcome, refund_id: str) -> RefundView:
    r = _locked(tx, c.refund_no)
    settle(tx, r, outcome, refund_id)
    return view(r)


def send_refund(db: Database, gateways: Mapping[str, PaymentGateway], refund_no: str) -> RefundView:
    """See payments.public.send_refund."""
    claim, current = db.unit(lambda tx: _claim(tx, refund_no, gateways))
    if claim is None:
        return current
    gateway = gateways[claim.provider]
    try:
        result = gateway.refund(
            claim.out_trade_no, claim.refund_no, claim.amount_fen, claim.total_fen
        )
    except DomainError as exc:  # down, or refusing for now: the job asks again
        error = exc.provider_code if isinstance(exc, ProviderError) else ""
        error = error or exc.code
        log.warning("refund %s: %s did not take it (%s)", refund_no, claim.provider, error)
        return db.unit(lambda tx: _unclaim(tx, claim, error))
    if result.status == "failed":
        log.warning("refund %s refused by %s: a person takes over", refund_no, claim.provider)
    return db.unit(lambda tx: _settle_answer(tx, claim, result.status, result.refund_id))


def send_due(
    db: Database, gateways: Mapping[str, PaymentGateway], limit: int = 100
) -> dict[str, int]:
    """The periodic job: send refunds still requested and ask again about those stuck in
    processing for STALE. Counts the refunds' statuses afterwards."""
    stuck_before = now() - STALE
    with db.reading() as tx:
        numbers = list(
            tx.scalars(
                select(PaymentRefund.refund_no)
                .where(
                    or_(
                        PaymentRefund.status == "requested",
                        and_(
                            PaymentRefund.status == "processing",
                            PaymentRefund.updated_at <= stuck_before,
                        ),
                    )
                )
                .order_by(PaymentRefund.updated_at)
                .limit(limit)
            )
        )

    def send(refund_no: str) -> str:
        return send_refund(db, gateways, refund_no).status

    return tally(*batch.each("payments.send_refunds", numbers, send))
