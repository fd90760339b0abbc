"""Order API bodies: strict; totals are never accepted from the client."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator

from mercato.web.strict import FILLED, NoNulBody, trimmed
from mercato.web.times import ShopDateTime

# Ids are INTEGER columns (32-bit on PostgreSQL): a larger one can name no row, and the
# database would refuse to compare with it.
MAX_ID = 2_147_483_647


class StrictIn(NoNulBody):
    """Order bodies (mercato.web.strict): text may not hold NUL (the orders rules refuse it
    too, later)."""


class InvoiceIn(StrictIn):
    """orders.domain.InvoiceRequest: a personal or company invoice needs a title, a company's
    its tax ID; an e-mail, if given, has an @. A special VAT invoice (增值税专用发票) is for
    companies only and needs their registered address, phone, bank and account; an ordinary
    one ignores those four."""

    kind: Literal["none", "personal", "company"] = "none"
    title: Annotated[str, Field(max_length=100)] = ""
    tax_id: Annotated[
        str, Field(max_length=20, description="Company: 15, 18 or 20 letters and digits")
    ] = ""
    email: Annotated[str, Field(max_length=120)] = ""
    vat_type: Annotated[
        Literal["ordinary", "special"],
        Field(
            description="`special`: a special VAT invoice (增值税专用发票), for a company invoice "
            "only; it needs address, phone, bank and account"
        ),
    ] = "ordinary"
    address: Annotated[
        str, Field(max_length=200, description="Special: the company's registered address")
    ] = ""
    phone: Annotated[
        str, Field(max_length=30, description="Special: the company's registered phone")
    ] = ""
    bank: Annotated[str, Field(max_length=100, description="Special: the company's bank")] = ""
    account: Annotated[
        str, Field(max_length=40, description="Special: the company's bank account number")
    ] = ""

    @classmethod
    def stated_rules(cls, schema: dict[str, Any]) -> None:
        super().stated_rules(schema)
        title = {"pattern": FILLED}
        email = {"pattern": r"^(?:|[^\x00]*@[^\x00]*)$"}
        tax_id = {"pattern": trimmed("[0-9A-Za-z]{15}|[0-9A-Za-z]{18}|[0-9A-Za-z]{20}")}
        ordinary = {"const": "ordinary"}
        company = {"kind": {"const": "company"}, "title": title, "tax_id": tax_id, "email": email}
        special = {name: {"pattern": FILLED} for name in ("address", "phone", "bank", "account")}
        schema["anyOf"] = [
            {"properties": {"kind": {"const": "none"}}},
            {
                "properties": {
                    "kind": {"const": "personal"},
                    "title": title,
                    "email": email,
                    "vat_type": ordinary,
                },
                "required": ["kind", "title"],
            },
            {
                "properties": {**company, "vat_type": ordinary},
                "required": ["kind", "title", "tax_id"],
            },
            {
                "properties": {**company, "vat_type": {"const": "special"}, **special},
                "required": ["kind", "title", "tax_id", "vat_type", *special],
            },
        ]


SkuIds = Annotated[
    list[Annotated[int, Field(ge=1, le=MAX_ID)]],
    Field(
        min_length=1,
        max_length=100,
        description="Order only these lines of the cart, by SKU id (each once); the cart's "
        "other lines stay in it, untouched. Omitted or null: every line of the cart.",
        examples=[[42, 43]],
        json_schema_extra={"uniqueItems": True},
    ),
]


class ChosenLinesIn(StrictIn):
    sku_ids: SkuIds | None = None

    @field_validator("sku_ids")
    @classmethod
    def _once_each(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and len(set(value)) != len(value):
            raise ValueError("each SKU id at most once")
        return value


Points = Annotated[int, Field(ge=0, le=1_000_000_000, description="Points to redeem (100 = ¥1)")]


class OrderIn(ChosenLinesIn):
    address_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    shipping_method: Annotated[str, Field(min_length=1, max_length=32)]
    invoice: InvoiceIn = InvoiceIn()
    note: Annotated[str, Field(max_length=500)] = ""
    coupon_id: Annotated[int, Field(ge=1, le=MAX_ID)] | None = Field(
        None, description="One of your coupons (GET /me/coupons, or the preview's "
        "`coupon_id`); null: no coupon. One the order cannot take is refused (422), one "
        "another order used meanwhile too (409)")
    points: Points = 0


class PreviewIn(ChosenLinesIn):
    address_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    shipping_method: Annotated[str, Field(min_length=1, max_length=32)] | None = None
    coupon_id: Annotated[int, Field(ge=0, le=MAX_ID)] | None = Field(
        None, description="null: the best of your coupons for this order is applied (the "
        "answer's `coupon_id` names it); 0: none; else that coupon")
    points: Points = 0


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
    discount_fen: int = Field(
        0, description="What the pricing steps took off this line (a refund of the whole line "
        "gives back line_total_fen − discount_fen)")


class DiscountOut(BaseModel):
    step: Literal["price_list", "tier", "promotion", "coupon", "points", "shipping", "campaign"]
    label: str = Field(description="Its name as the shopper reads it (满200减20, a coupon's name)")
    amount_fen: int


class TimelineOut(BaseModel):
    kind: str = Field(
        description="`status` (a status change), `note` (staff), `payment` (an attempt to pay "
        "that did not go through: to_status `failed`) or `refund` (a refund reached "
        "to_status: `due`, `refunding`, `refunded` or `failed`)"
    )
    from_status: str
    to_status: str
    actor: str = Field(
        description="Who: `customer:<id>`, `staff:<e-mail>`, "
        "`payments:<provider>` or `system:<job>`"
    )
    reason: str = Field(
        description="Why; for payment, refund and paid entries the payment attempt's out_trade_no"
    )
    at: ShopDateTime
    amount_fen: int | None = Field(
        None, description="Payment and refund entries: the attempt's amount in fen"
    )


class RefundOut(BaseModel):
    """Money of a payment being given back, through the provider it was paid with."""

    reference: str = Field(description="The payment attempt refunded (its out_trade_no)")
    provider: str = Field(description="`wechatpay`, `alipay` or `sandbox`")
    amount_fen: int = Field(description="Amount given back, in fen: the whole payment")
    status: Literal["due", "refunding", "refunded", "failed"] = Field(
        description="`due`: owed, to be sent to the provider; `refunding`: the provider is "
        "processing it; `refunded`: done; `failed`: the provider refused it, the shop "
        "takes it up by hand"
    )
    started_at: ShopDateTime = Field(description="When the refund became due")
    updated_at: ShopDateTime = Field(description="When it reached its current status")


class SpecialInvoiceOut(BaseModel):
    """The company details a special VAT invoice (增值税专用发票) is issued with."""

    address: str
    phone: str
    bank: str
    account: str


class OrderSummaryOut(BaseModel):
    number: str
    status: str
    placed_at: ShopDateTime
    pay_deadline: ShopDateTime
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
    invoice_vat_type: Literal["ordinary", "special"] = "ordinary"
    special_invoice: SpecialInvoiceOut | None = Field(
        None, description="A special VAT invoice's company details; null for an ordinary one"
    )
    note: str
    paid_at: ShopDateTime | None
    discounts: list[DiscountOut] = Field(
        description="What each pricing step took off, by name, in the order they ran")
    shipping_discount_fen: int = Field(description="The shipping fee a promotion waived")
    points_used: int
    timeline: list[TimelineOut]
    refunds: list[RefundOut] = Field(
        description="Refunds of this order's payments (a paid order closed, money that came "
        "after it was cancelled or paid twice), oldest first; empty when none"
    )


class OrderPageOut(BaseModel):
    orders: list[OrderSummaryOut]
    total: int
    page: int
    pages: int


class QuoteOut(BaseModel):
    code: str
    name: str
    fee_fen: int


class CouponChoiceOut(BaseModel):
    id: int
    name: str
    ends_at: ShopDateTime | None


class HintOut(BaseModel):
    label: str
    more_fen: int = Field(description="Goods still to add")
    save_fen: int = Field(description="What it would then take off")


class PreviewOut(BaseModel):
    currency: str
    item_count: int
    subtotal_fen: int
    shipping_fen: int | None
    total_fen: int | None
    weight_g: int
    shipping_methods: list[QuoteOut]
    discount_fen: int = Field(description="Taken off the goods by every pricing step")
    shipping_discount_fen: int
    discounts: list[DiscountOut]
    coupon_id: int | None = Field(description="The coupon applied (null: none)")
    coupon_error: str = Field(description="Why the coupon asked for is not applied ('' it is)")
    coupons: list[CouponChoiceOut] = Field(description="Your coupons usable now")
    points_held: int
    points_used: int
    max_points: int = Field(description="The most points this order can take")
    hints: list[HintOut] = Field(description="Promotions the order is close to reaching")
