"""Chinese VAT invoices (发票) as values: parties, lines, the invoice, and the arithmetic the tax
system expects. Pure: no I/O (an import-linter contract keeps frameworks and the platform out
of this package).

A blue invoice bills an order; a red-letter invoice (红字发票) reverses part or all of a blue
one with negative lines.
"""

from mercato.finance.fapiao.lines import (
    SHIPPING_LABEL,
    SHIPPING_NAME,
    Goods,
    allocate,
    blue_lines,
    red_lines,
)
from mercato.finance.fapiao.model import (
    BUYER_KINDS,
    KINDS,
    VAT_TYPES,
    Invoice,
    Line,
    Party,
    check_buyer,
    rate_label,
    split_tax,
)
from mercato.finance.fapiao.words import yuan_in_words

__all__ = [
    "BUYER_KINDS",
    "KINDS",
    "SHIPPING_LABEL",
    "SHIPPING_NAME",
    "VAT_TYPES",
    "Goods",
    "Invoice",
    "Line",
    "Party",
    "allocate",
    "blue_lines",
    "check_buyer",
    "rate_label",
    "red_lines",
    "split_tax",
    "yuan_in_words",
]
