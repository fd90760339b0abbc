"""Order API bodies: strict; totals are never accepted from the client."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_ID = 2**63 - 1


class StrictIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class InvoiceIn(StrictIn):
    kind: Literal["none", "personal", "company"] = "none"
    title: Annotated[str, Field(max_length=100)] = ""
    tax_id: Annotated[str, Field(max_length=20)] = ""
    email: Annotated[str, Field(max_length=120)] = ""


class OrderIn(StrictIn):
    address_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    shipping_method: Annotated[str, Field(min_length=1, max_length=32)]
    invoice: InvoiceIn = InvoiceIn()
    note: Annotated[str, Field(max_length=500)] = ""


class PreviewIn(StrictIn):
    address_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    shipping_method: Annotated[str, Field(min_length=1, max_length=32)] | None = None


class CancelIn(StrictIn):
    reason: Annotated[str, Field(max_length=500)] = ""


class LineOut(BaseModel):
    sku_id: int
    product_slug: str
    name: str
    options: str
    image: str
    unit_price_fen: int
    quantity: int
    line_total_fen: int


class TimelineOut(BaseModel):
    kind: str
    from_status: str
    to_status: str
    actor: str
    reason: str
    at: datetime


class OrderSummaryOut(BaseModel):
    number: str
    status: str
    placed_at: datetime
    pay_deadline: datetime
    total_fen: int
    currency: str
    item_count: int
    lines: list[LineOut]


class OrderOut(OrderSummaryOut):
    subtotal_fen: int
    shipping_fen: int
    discount_fen: int
    shipping_name: str
    recipient: str
    phone: str
    address: str
    invoice_kind: str
    invoice_title: str
    invoice_tax_id: str
    note: str
    paid_at: datetime | None
    timeline: list[TimelineOut]


class OrderPageOut(BaseModel):
    orders: list[OrderSummaryOut]
    total: int
    page: int
    pages: int


class QuoteOut(BaseModel):
    code: str
    name: str
    fee_fen: int


class PreviewOut(BaseModel):
    currency: str
    item_count: int
    subtotal_fen: int
    shipping_fen: int | None
    total_fen: int | None
    weight_g: int
    shipping_methods: list[QuoteOut]
