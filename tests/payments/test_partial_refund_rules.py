"""Asking for partial refunds (payments.public.request_refund): never more than was paid, in
any number of refunds; only a paid payment; the same refund number is the same refund; an
error writes nothing. On PostgreSQL, two concurrent asks that together exceed the payment:
exactly one is taken."""

from __future__ import annotations

import threading
import time
from datetime import datetime

import pytest
from sqlalchemy import func, select

from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.payments import public as payments
from mercato.payments.adapters.tables import Payment, PaymentRefund
from mercato.payments.domain import Notification, refund_amount_matches, settle_refund
from mercato.platform.db import Database
from tests.payments.payment_rows import add_payment

AT = datetime(2026, 3, 1, 2, 0)
NUMBER, PAID = "2603010000000101", 12_900


def _pay(db: Database, number: str = NUMBER, status: str = "paid", attempt: int = 1) -> str:
    with db.transaction() as tx:
        return add_payment(tx, number, status, AT, "wechatpay", attempt=attempt).out_trade_no


def _ask(db: Database, refund_no: str, amount: int, number: str = NUMBER, reason: str = "退货"):  # type: ignore[no-untyped-def]
    with db.transaction() as tx:
        return payments.request_refund(tx, number, refund_no, amount, reason)


def _error(db: Database, *args: object) -> DomainError:
    with pytest.raises(DomainError) as caught:
        _ask(db, *args)  # type: ignore[arg-type]
    return caught.value


def _rows(db: Database) -> list[tuple[str, int, str]]:
    with db.reading() as tx:
        q = select(PaymentRefund.refund_no, PaymentRefund.amount_fen, PaymentRefund.status)
        return [(a, b, c) for a, b, c in tx.execute(q.order_by(PaymentRefund.id))]


def test_partials_add_up_to_exactly_the_payment_and_not_a_fen_more(db: Database) -> None:
    no = _pay(db)
    first = _ask(db, "AS26030100001-1", 4_000, reason="  尺码不合适 ")
    assert (first.out_trade_no, first.provider, first.status, first.reason) == (
        no,
        "wechatpay",
        "requested",
        "尺码不合适",
    )
    _ask(db, "AS26030100001-2", 8_000)
    over = _error(db, "AS26030100002-1", PAID - 12_000 + 1)
    assert isinstance(over, Conflict)
    assert (over.code, over.field) == ("payments.refund_exceeds_paid", "amount_fen")
    _ask(db, "AS26030100002-1", PAID - 12_000)  # exactly what is left
    with db.reading() as tx:
        assert payments.refundable_fen(tx, NUMBER) == 0
        listed = payments.refunds_of_order(tx, NUMBER)
    assert [(r.refund_no, r.amount_fen) for r in listed] == [
        ("AS26030100001-1", 4_000),
        ("AS26030100001-2", 8_000),
        ("AS26030100002-1", 900),
    ]
    assert _error(db, "AS26030100003-1", 1).code == "payments.refund_exceeds_paid"
    assert len(_rows(db)) == 3  # the refused asks wrote nothing


def test_a_failed_refund_gives_its_amount_back_to_what_may_be_refunded(db: Database) -> None:
    _pay(db)
    _ask(db, "RF-FAILED-1", PAID)
    with db.transaction() as tx:
        tx.execute(PaymentRefund.__table__.update().values(status="failed"))
        assert payments.refundable_fen(tx, NUMBER) == PAID
    assert _ask(db, "RF-AGAIN-1", PAID).status == "requested"


def test_only_a_paid_payment_can_be_refunded(db: Database) -> None:
    missing = _error(db, "RF-NONE-01", 100)
    assert isinstance(missing, NotFound) and missing.code == "payments.not_found"
    _pay(db, status="pending")
    assert _error(db, "RF-PEND-01", 100).code == "payments.not_paid"
    _pay(db, "2603010000000102", status="refund_due")  # closed: owed back whole already
    assert _error(db, "RF-DUE-001", 100, "2603010000000102").code == "payments.not_paid"
    _pay(db, "2603010000000103", status="failed")
    _pay(db, "2603010000000103", status="paid", attempt=2)  # the second attempt paid
    assert _ask(db, "RF-SECOND1", 100, "2603010000000103").out_trade_no == "260301000000010302"
    assert [r[0] for r in _rows(db)] == ["RF-SECOND1"]


def test_the_same_refund_number_is_the_same_refund(db: Database) -> None:
    _pay(db)
    _pay(db, "2603010000000102")
    first = _ask(db, "AS26030100001", 3_000)
    again = _ask(db, "AS26030100001", 3_000, reason="another reason")
    assert again == first and len(_rows(db)) == 1
    for amount, number in ((3_001, NUMBER), (3_000, "2603010000000102")):
        reused = _error(db, "AS26030100001", amount, number)
        assert (reused.code, reused.field) == ("payments.refund_no_reused", "refund_no")
    # A whole refund's number (attempt + R) belongs to that refund at the provider.
    assert _error(db, f"{NUMBER}01R", 100).code == "payments.refund_no_reused"
    assert len(_rows(db)) == 1


@pytest.mark.parametrize(
    ("refund_no", "amount", "reason", "code"),
    [
        ("short", 100, "", "payments.invalid_refund_no"),
        ("A" * 33, 100, "", "payments.invalid_refund_no"),
        ("AS 2603-01", 100, "", "payments.invalid_refund_no"),
        ("AS2603/001", 100, "", "payments.invalid_refund_no"),
        ("AS26030001", 0, "", "payments.invalid_amount"),
        ("AS26030001", -5, "", "payments.invalid_amount"),
        ("AS26030001", True, "", "payments.invalid_amount"),
        ("AS26030001", 100, "x" * 201, "payments.invalid_reason"),
        ("AS26030001", 100, "a\x00b", "payments.invalid_reason"),
    ],
)
def test_invalid_asks_are_refused_with_nothing_written(
    db: Database, refund_no: str, amount: int, reason: str, code: str
) -> None:
    _pay(db)
    assert _error(db, refund_no, amount, NUMBER, reason).code == code
    assert _rows(db) == []


def test_a_refund_settles_forward_only() -> None:
    assert settle_refund("requested", "processing") == "processing"
    assert settle_refund("processing", "processing") is None
    assert settle_refund("processing", "success") == "succeeded"
    assert settle_refund("succeeded", "failed") is None
    assert settle_refund("succeeded", "success") is None
    assert settle_refund("requested", "failed") == "failed"
    assert settle_refund("failed", "processing") is None
    assert settle_refund("failed", "success") == "succeeded"  # WeChat's ABNORMAL, finished


def test_refund_amounts_in_notifications() -> None:
    def note(fen: int, cumulative: bool) -> Notification:
        return Notification("T", "", 100, "refunded", "", "", "n", "x", fen, "R", "", cumulative)

    assert refund_amount_matches(note(30, False), 30, 80, 100)
    assert not refund_amount_matches(note(31, False), 30, 80, 100)
    assert refund_amount_matches(note(80, True), 30, 80, 100)  # with an earlier refund of 50
    assert not refund_amount_matches(note(29, True), 30, 80, 100)
    assert not refund_amount_matches(note(81, True), 30, 80, 100)


@pytest.mark.postgres
def test_concurrent_asks_never_exceed_the_payment(pg_db: Database) -> None:
    """Both asks start while a third transaction holds the payment (as a close would): both
    read the refunds so far at the same moment unless the payment's lock orders them."""
    _pay(pg_db)
    outcomes: list[str] = []

    def ask(refund_no: str) -> None:
        try:
            _ask(pg_db, refund_no, 7_000)
            outcomes.append("taken")
        except Conflict as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=ask, args=(f"RF-RACE-{i}",)) for i in range(2)]
    with pg_db.transaction() as holder:
        holder.execute(select(Payment.id).with_for_update())
        for t in threads:
            t.start()
        time.sleep(0.3)  # both are now waiting behind the holder
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["payments.refund_exceeds_paid", "taken"]
    with pg_db.reading() as tx:
        assert tx.scalar(select(func.sum(PaymentRefund.amount_fen))) == 7_000
        assert payments.refundable_fen(tx, NUMBER) == PAID - 7_000
