"""Cart API bodies: strict (no coercion, no unknown fields: a client-sent price or total is
refused, never used). Amounts are integer fen."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from mercato.web.strict import StrictBody

# Ids are INTEGER columns (32-bit on PostgreSQL): a larger one can name no row, and the
# database would refuse to compare with it.
MAX_ID = 2_147_483_647
Quantity = Annotated[int, Field(ge=1, le=99, examples=[1])]


class StrictIn(StrictBody):
    """Cart bodies (mercato.web.strict)."""


class LineIn(StrictIn):
    sku_id: Annotated[int, Field(ge=1, le=MAX_ID, examples=[42])]
    quantity: Quantity = 1


class QuantityIn(StrictIn):
    quantity: Quantity


class CartLineOut(BaseModel):
    sku_id: int
    product_id: int
    product_slug: str
    product_name: str
    option_labels: list[str]
    image: str
    unit_price_fen: int
    quantity: int
    line_total_fen: int
    available: int
    sellable: bool


class CartOut(BaseModel):
    currency: str
    lines: list[CartLineOut]
    item_count: int
    subtotal_fen: int
    token: str | None = Field(
        None, description="New guest cart token: send it back as X-Cart-Token from now on"
    )
