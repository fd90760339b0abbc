"""Read models → API bodies."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mercato.orders.adapters.queries import OrderDetail, OrderSummary, Page
from mercato.orders.services.preview import Preview
from mercato.orders.web.schemas import (
    CouponChoiceOut,
    DiscountOut,
    HintOut,
    LineOut,
    OrderOut,
    OrderPageOut,
    OrderSummaryOut,
    PreviewOut,
    QuoteOut,
    RefundOut,
    SpecialInvoiceOut,
    TimelineOut,
)
from mercato.web.bodies import fields_of


def _summary_fields(s: OrderSummary) -> dict[str, Any]:
    return {
        "number": s.number,
        "status": s.status,
        "placed_at": s.placed_at,
        "pay_deadline": s.pay_deadline,
        "total_fen": s.total_fen,
        "currency": s.currency,
        "item_count": s.item_count,
        "lines": [LineOut(**fields_of(line)) for line in s.lines],
    }


def summary_out(s: OrderSummary) -> OrderSummaryOut:
    return OrderSummaryOut(**_summary_fields(s))


def order_out(d: OrderDetail) -> OrderOut:
    s = d.summary
    return OrderOut(
        **_summary_fields(s),
        subtotal_fen=d.subtotal_fen,
        shipping_fen=d.shipping_fen,
        discount_fen=d.discount_fen,
        shipping_name=d.shipping_name,
        recipient=s.recipient,
        phone=s.phone,
        address=d.address,
        invoice_kind=d.invoice_kind,
        invoice_title=d.invoice_title,
        invoice_tax_id=d.invoice_tax_id,
        invoice_vat_type="special" if d.special_invoice else "ordinary",
        special_invoice=SpecialInvoiceOut(**d.special_invoice._asdict())
        if d.special_invoice
        else None,
        note=d.note,
        paid_at=d.paid_at,
        discounts=_discounts(d.discounts),
        shipping_discount_fen=d.shipping_discount_fen,
        points_used=d.points_used,
        timeline=[TimelineOut(**fields_of(t)) for t in d.timeline],
        refunds=[RefundOut(**fields_of(r)) for r in d.refunds],
    )


def page_out(p: Page) -> OrderPageOut:
    return OrderPageOut(
        orders=[summary_out(s) for s in p.orders], total=p.total, page=p.page, pages=p.pages
    )


def preview_out(p: Preview) -> PreviewOut:
    return PreviewOut(
        currency=p.cart.currency,
        item_count=p.cart.item_count,
        subtotal_fen=p.cart.subtotal_fen,
        shipping_fen=p.chosen.fee_fen if p.chosen else None,
        total_fen=p.totals.total_fen if p.totals else None,
        weight_g=p.cart.weight_g,
        shipping_methods=[QuoteOut(code=q.code, name=q.name, fee_fen=q.fee_fen) for q in p.quotes],
        **_offer_fields(p),
    )


def _discounts(rows: Iterable[tuple[str, str, int]]) -> list[DiscountOut]:
    return [DiscountOut.model_validate({"step": st, "label": lb, "amount_fen": f})
            for st, lb, f in rows]


def _offer_fields(p: Preview) -> dict[str, Any]:
    o = p.offer
    if o is None:
        return {"discount_fen": 0, "shipping_discount_fen": 0, "discounts": [],
                "coupon_id": None, "coupon_error": p.coupon_error, "coupons": [],
                "points_held": 0, "points_used": 0, "max_points": 0, "hints": []}
    return {
        "discount_fen": o.priced.discount_fen,
        "shipping_discount_fen": o.priced.shipping_discount_fen,
        "discounts": _discounts(o.discounts),
        "coupon_id": o.coupon.id if o.coupon else None,
        "coupon_error": p.coupon_error,
        "coupons": [CouponChoiceOut(id=c.id, name=c.name, ends_at=c.ends_at) for c in o.coupons],
        "points_held": o.buyer.points,
        "points_used": o.priced.points_used,
        "max_points": o.max_points,
        "hints": [HintOut(label=h.label, more_fen=h.more_fen, save_fen=h.save_fen)
                  for h in o.priced.hints],
    }
