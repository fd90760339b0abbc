"""Read models for order pages and the API: a fixed number of statements per page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from mercato.kernel.paging import page_count
from mercato.orders import domain
from mercato.orders.adapters import adjustments, repository
from mercato.orders.adapters.tables import Order, OrderLine, TimelineEntry

PER_PAGE = 20


@dataclass(frozen=True, slots=True)
class LineView:
    sku_id: int
    product_slug: str
    name: str
    options: str
    image: str
    unit_price_fen: int
    quantity: int
    line_total_fen: int
    discount_fen: int = 0  # what the pricing pipeline took off this line


@dataclass(frozen=True, slots=True)
class OrderSummary:
    number: str
    status: str
    placed_at: datetime
    pay_deadline: datetime
    total_fen: int
    currency: str
    item_count: int
    recipient: str
    phone: str
    lines: tuple[LineView, ...]


@dataclass(frozen=True, slots=True)
class TimelineView:
    kind: str  # status | note | payment (an attempt that failed) | refund | deposit
    from_status: str
    to_status: str
    actor: str
    reason: str
    at: datetime
    amount_fen: int | None = None  # payment and refund entries: the attempt's amount


@dataclass(frozen=True, slots=True)
class PaymentFailure:
    provider: str
    reference: str
    amount_fen: int
    at: datetime


@dataclass(frozen=True, slots=True)
class RefundView:
    reference: str  # the payment given back (its out_trade_no)
    provider: str
    amount_fen: int
    status: str  # due | refunding | refunded | failed
    started_at: datetime
    updated_at: datetime


_SPECIAL = tuple(f"invoice_{name}" for name in domain.SpecialInvoice._fields)


@dataclass(frozen=True, slots=True)
class OrderDetail:
    summary: OrderSummary
    customer_id: int
    subtotal_fen: int
    shipping_fen: int
    discount_fen: int
    shipping_name: str
    address: str
    postcode: str
    invoice_kind: str
    invoice_title: str
    invoice_tax_id: str
    note: str
    paid_at: datetime | None
    payment_provider: str
    timeline: tuple[TimelineView, ...]
    refunds: tuple[RefundView, ...] = ()
    # The latest attempt that did not go through, while the order still awaits payment.
    failed_payment: PaymentFailure | None = None
    special_invoice: domain.SpecialInvoice | None = None  # None: an ordinary invoice (or none)
    returned_fen: int = 0  # given back through after-sales (returns) so far
    # (step, label, fen) per pricing source, in step order: "满200减20 −¥20"
    discounts: tuple[tuple[str, str, int], ...] = ()
    shipping_discount_fen: int = 0
    points_used: int = 0
    # A presale order's two parts (deposit_fen 0: paid at once), as the orders columns say.
    deposit_fen: int = 0
    deposit_paid_at: datetime | None = None
    balance_from: datetime | None = None
    balance_until: datetime | None = None
    deposit_rule: str = ""

    @property
    def deposit_outcome(self) -> str:
        """The deposit's last step: "" (unpaid), "paid", then "kept" or "refunded"."""
        steps = [t.to_status for t in self.timeline if t.kind == "deposit"]
        return steps[-1] if steps else ""


@dataclass(frozen=True, slots=True)
class Page:
    orders: tuple[OrderSummary, ...]
    total: int
    page: int
    pages: int


_LINE_FIELDS = tuple(LineView.__dataclass_fields__)


def _line(row: OrderLine) -> LineView:
    return LineView(*(getattr(row, f) for f in _LINE_FIELDS))


def _summary(o: Order, lines: list[OrderLine]) -> OrderSummary:
    return OrderSummary(
        o.number,
        o.status,
        o.placed_at,
        o.pay_deadline,
        o.total_fen,
        o.currency,
        o.item_count,
        o.recipient,
        o.phone,
        tuple(_line(x) for x in lines),
    )


def _page(tx: Session, q: Select[Order], page: int) -> Page:
    total = tx.scalar(select(func.count()).select_from(q.subquery())) or 0
    pages = page_count(total, PER_PAGE)
    page = min(max(page, 1), pages)
    rows = list(
        tx.scalars(q.order_by(Order.id.desc()).limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    )
    by_order: dict[int, list[OrderLine]] = {o.id: [] for o in rows}
    if rows:
        lq = select(OrderLine).where(OrderLine.order_id.in_(list(by_order))).order_by(OrderLine.id)
        for line in tx.scalars(lq):
            by_order[line.order_id].append(line)
    return Page(tuple(_summary(o, by_order[o.id]) for o in rows), total, page, pages)


def customer_orders(
    tx: Session, customer_id: int, page: int = 1, status: str | tuple[str, ...] = ""
) -> Page:
    """One status, or any of several (a shopper's tab: 待发货 is paid or being packed)."""
    q = select(Order).where(Order.customer_id == customer_id)
    if isinstance(status, tuple):
        q = q.where(Order.status.in_(status))
    elif status:
        q = q.where(Order.status == status)
    return _page(tx, q, page)


def staff_orders(
    tx: Session,
    status: str = "",
    text: str = "",
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    page: int = 1,
) -> Page:
    q = select(Order)
    if status:
        q = q.where(Order.status == status)
    text = text.strip()
    if text:
        plain = text.replace("%", "").replace("_", "")  # no LIKE wildcards from the box
        like = f"%{plain}%"
        q = q.where(
            or_(Order.number.like(f"{plain}%"), Order.phone == text, Order.recipient.like(like))
        )
    if date_from:
        q = q.where(Order.placed_at >= date_from)
    if date_to:
        q = q.where(Order.placed_at < date_to)
    return _page(tx, q, page)


def status_counts(tx: Session) -> dict[str, int]:
    q = select(Order.status, func.count()).group_by(Order.status)
    return {s: int(n) for s, n in tx.execute(q)}


def new_order_detail(
    values: dict[str, Any], lines: list[dict[str, Any]], placed: TimelineView,
    discounts: tuple[tuple[str, str, int], ...] = (),
) -> OrderDetail:
    """What `detail` would read back for an order just inserted with these column values,
    built from them (checkout answers with it without three more queries)."""
    v = values
    summary = OrderSummary(
        v["number"], v["status"], v["placed_at"], v["pay_deadline"], v["total_fen"],
        v["currency"], v["item_count"], v["recipient"], v["phone"],
        tuple(LineView(*(x[f] for f in _LINE_FIELDS)) for x in lines),
    )
    return OrderDetail(
        summary, v["customer_id"], v["subtotal_fen"], v["shipping_fen"], v["discount_fen"],
        v["shipping_name"], f"{v['province']}{v['city']}{v['district']}{v['street']}",
        v["postcode"], v["invoice_kind"], v["invoice_title"], v["invoice_tax_id"], v["note"],
        None, "", (placed,),
        special_invoice=_special(v["invoice_type"], [v[c] for c in _SPECIAL]),
        discounts=discounts,
        shipping_discount_fen=int(v.get("shipping_discount_fen", 0)),
        points_used=int(v.get("points_used", 0)),
        deposit_fen=int(v.get("deposit_fen", 0)), deposit_rule=str(v.get("deposit_rule", "")),
        balance_from=v.get("balance_from"), balance_until=v.get("balance_until"),
    )


def _special(vat_type: str, details: list[str]) -> domain.SpecialInvoice | None:
    return domain.SpecialInvoice(*details) if vat_type == "special" else None


def _provider(actor: str) -> str:
    return actor.partition(":")[2]


def _refunds(timeline: tuple[TimelineView, ...]) -> tuple[RefundView, ...]:
    """Each refund as its latest timeline entry says, in the order they started."""
    steps: dict[str, list[TimelineView]] = {}
    for t in timeline:
        if t.kind == "refund":
            steps.setdefault(t.reason, []).append(t)
    return tuple(
        RefundView(
            ref, _provider(s[0].actor), s[-1].amount_fen or 0, s[-1].to_status, s[0].at, s[-1].at
        )
        for ref, s in steps.items()
    )


def _failed_payment(o: Order, timeline: tuple[TimelineView, ...]) -> PaymentFailure | None:
    failed = [t for t in timeline if t.kind == "payment" and t.to_status == "failed"]
    if o.status != domain.PENDING or not failed:
        return None
    last = failed[-1]
    return PaymentFailure(_provider(last.actor), last.reason, last.amount_fen or 0, last.at)


def _attempt_fen(o: Order, e: TimelineEntry) -> int | None:
    """A payment or refund entry's attempt amount: the total, or the part of a two-part order
    it was for (by its reference; another attempt's is the deposit's if it came before the
    deposit was paid or the balance window opened: no balance attempt opens earlier)."""
    if e.kind not in ("payment", "refund"):
        return None
    if o.deposit_fen <= 0:
        return o.total_fen
    early = o.deposit_paid_at is None or o.balance_from is None or e.at < o.balance_from
    deposit = e.reason == o.deposit_ref if e.reason in (o.deposit_ref, o.payment_ref) else early
    return o.deposit_fen if deposit else o.total_fen - o.deposit_fen


def detail(tx: Session, number: str, customer_id: int | None) -> OrderDetail:
    """One order with lines and timeline; customer_id None = staff view."""
    o = repository.get_for(tx, number, customer_id)
    lines = repository.lines_of(tx, o.id)
    events = tx.scalars(
        select(TimelineEntry).where(TimelineEntry.order_id == o.id).order_by(TimelineEntry.id)
    )
    # Payment and refund entries are of a whole attempt: the total, or one of two parts.
    timeline = tuple(
        TimelineView(e.kind, e.from_status, e.to_status, e.actor, e.reason, e.at,
                     _attempt_fen(o, e))
        for e in events
    )
    return OrderDetail(
        _summary(o, lines), o.customer_id, o.subtotal_fen, o.shipping_fen, o.discount_fen,
        o.shipping_name, f"{o.province}{o.city}{o.district}{o.street}", o.postcode,
        o.invoice_kind, o.invoice_title, o.invoice_tax_id, o.note, o.paid_at,
        o.payment_provider, timeline, _refunds(timeline), _failed_payment(o, timeline),
        _special(o.invoice_type, [getattr(o, c) for c in _SPECIAL]), o.refunded_fen,
        adjustments.summed(tx, o.id) if o.discount_fen or o.shipping_discount_fen else (),
        o.shipping_discount_fen, o.points_used, o.deposit_fen, o.deposit_paid_at,
        o.balance_from, o.balance_until, o.deposit_rule,
    )

