"""Shipping API bodies and answers. Bodies are strict: no coercion (1.5, "500" or true is not
a weight), no unknown fields, bounded numbers. Amounts are integer fen, weights grams."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, field_validator

from mercato.checkout.services.shipping_input import MAX_FEE, MAX_NAME, MAX_POSITION, MAX_RULES
from mercato.checkout.shipping import MAX_WEIGHT_G
from mercato.checkout.web.schemas import StrictIn

MAX_SUBTOTAL = 10**12  # fen; well inside what a JSON number carries exactly
Grams = Annotated[int, Field(ge=0, le=MAX_WEIGHT_G, description="Grams")]
Step = Annotated[int, Field(ge=1, le=MAX_WEIGHT_G, description="Grams")]
Fee = Annotated[int, Field(ge=0, le=MAX_FEE, description="Amount in fen (1/100 yuan)")]
Province = Annotated[str, Field(min_length=1, max_length=40, examples=["广东省"])]
Code = Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,32}$", examples=["sf"])]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME)]


class NoNul(StrictIn):
    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        # PostgreSQL refuses NUL in text: say so here rather than fail in the database.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class QuoteIn(NoNul):
    province: Province
    weight_g: Grams
    subtotal_fen: Annotated[int, Field(ge=0, le=MAX_SUBTOTAL, description="Goods subtotal, fen")]


class QuoteOut(BaseModel):
    code: str
    name: str
    fee_fen: int
    carrier: str


class QuotesOut(BaseModel):
    quotes: list[QuoteOut] = Field(description="Methods delivering there, cheapest first")


class RuleIn(NoNul):
    provinces: Annotated[
        list[Province],
        Field(min_length=1, max_length=40, description='Full Chinese names, or ["*"]'),
    ]
    first_weight_g: Grams
    first_fee_fen: Fee
    step_g: Step
    step_fee_fen: Fee
    free_over_fen: Fee | None = Field(None, description="Subtotal from which shipping is free")


class RuleOut(BaseModel):
    provinces: list[str]
    first_weight_g: int
    first_fee_fen: int
    step_g: int
    step_fee_fen: int
    free_over_fen: int | None


class MethodIn(NoNul):
    code: Code
    name_zh: Name
    name_en: Name
    carrier: Annotated[str, Field(pattern=r"^[a-z0-9_-]{0,32}$", examples=["sf"])] = ""
    position: Annotated[int, Field(ge=0, le=MAX_POSITION)] = 0
    active: bool = True
    rules: Annotated[list[RuleIn], Field(min_length=1, max_length=MAX_RULES)]


class MethodOut(BaseModel):
    """A shipping method for the shop: its name in the request's language."""

    code: str
    name: str
    carrier: str
    rules: list[RuleOut]


class MethodsOut(BaseModel):
    methods: list[MethodOut]


class MethodAdminOut(BaseModel):
    id: int
    code: str
    name_zh: str
    name_en: str
    carrier: str
    position: int
    active: bool
    rules: list[RuleOut]


class MethodsAdminOut(BaseModel):
    methods: list[MethodAdminOut]
