"""Building an invoice's lines: an order's (blue) and a return's (red-letter).

An order-level discount is spread over the goods lines (`allocate`), because a fapiao line
must state what was charged for that item; shipping is a line of its own, a transport service
taxed at its own rate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mercato.finance.fapiao.model import Invoice, Line
from mercato.kernel.errors import DomainError

SHIPPING_LABEL, SHIPPING_NAME, SHIPPING_UNIT = "运输服务", "运费", "次"
Goods = tuple[str, str, int, int, int]  # name, tax label, quantity, line total fen, rate bp


def allocate(total_fen: int, weights: Sequence[int]) -> list[int]:
    """`total_fen` split over the weights proportionally, by largest remainder: the shares add
    up to the total exactly, none is negative, a zero weight gets nothing, and equal
    remainders favour the earlier line (the same order always splits the same way)."""
    if total_fen < 0 or any(w < 0 for w in weights):
        raise DomainError("finance.invalid_allocation", "Amounts to share cannot be negative",
                          "discount_fen")
    whole = sum(weights)
    if total_fen and not whole:
        raise DomainError("finance.invalid_allocation", "There is nothing to share the amount over",
                          "discount_fen")
    if not total_fen:
        return [0] * len(weights)
    shares = [total_fen * w // whole for w in weights]
    left = total_fen - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(total_fen * weights[i] % whole), i))
    for i in order[:left]:
        shares[i] += 1
    return shares


def blue_lines(
    goods: Sequence[Goods], discount_fen: int, shipping_fen: int, shipping_rate_bp: int = 900
) -> tuple[Line, ...]:
    """The lines of an order's invoice: each item's total less its share of the order
    discount, then the shipping fee as a transport service. A line the discount brought to
    nothing is left out (nothing was charged for it). They add up to subtotal − discount +
    shipping, the order total."""
    totals = [g[3] for g in goods]
    if any(t < 0 for t in totals) or shipping_fen < 0:
        raise DomainError("finance.invalid_line", "An amount cannot be negative", "lines")
    if discount_fen > sum(totals):
        raise DomainError("finance.discount_exceeds_goods",
                          "The discount is larger than the goods it applies to", "discount_fen")
    cuts = allocate(discount_fen, totals)
    lines = [
        Line(name, label, quantity, total - cut, rate)
        for (name, label, quantity, total, rate), cut in zip(goods, cuts, strict=True)
        if total > cut
    ]
    if shipping_fen > 0:
        lines.append(Line(SHIPPING_NAME, SHIPPING_LABEL, 1, shipping_fen, shipping_rate_bp,
                          SHIPPING_UNIT))
    return tuple(lines)


def red_lines(
    blue: Invoice,
    returned: Mapping[int, tuple[int, int]],
    credited: Mapping[int, tuple[int, int]] | None = None,
) -> tuple[Line, ...]:
    """Negative lines reversing `returned` (blue line index → (quantity, amount fen) given
    back; quantity 0 for a price allowance). `credited` holds what earlier red-letter invoices
    already took back from each line: together they may not exceed the blue line."""
    if blue.kind != "blue":
        raise DomainError("finance.invalid_invoice", "Only a blue invoice can be reversed", "kind")
    if not returned:
        raise DomainError("finance.nothing_to_credit", "Choose what to credit", "lines")
    before = credited or {}
    out = []
    for index in sorted(returned):
        quantity, amount = returned[index]
        if not 0 <= index < len(blue.lines) or quantity < 0 or amount <= 0:
            raise DomainError("finance.invalid_line", "No such line to credit", "lines")
        line = blue.lines[index]
        done_q, done_a = before.get(index, (0, 0))
        if quantity + done_q > line.quantity or amount + done_a > line.amount_fen:
            raise DomainError("finance.credit_exceeds_invoice",
                              "A credit cannot exceed what the invoice charged", "lines")
        out.append(Line(line.name, line.tax_label, -quantity, -amount, line.rate_bp, line.unit))
    return tuple(out)
