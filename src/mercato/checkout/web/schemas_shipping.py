"""Shipping API bodies and answers. Bodies are strict: no coercion (1.5, "500" or true is not
a weight), no unknown fields, bounded numbers. Amounts are integer fen, weights grams."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from mercato.checkout.services.shipping_input import MAX_FEE, MAX_NAME, MAX_POSITION, MAX_RULES
from mercato.checkout.shipping import ANYWHERE, MAX_WEIGHT_G
from mercato.kernel import provinces
from mercato.web.strict import SPACE, NoNulBody, stated

MAX_SUBTOTAL = 10**12  # fen; well inside what a JSON number carries exactly
Grams = Annotated[int, Field(ge=0, le=MAX_WEIGHT_G, description="Grams")]
Step = Annotated[int, Field(ge=1, le=MAX_WEIGHT_G, description="Grams")]
Fee = Annotated[int, Field(ge=0, le=MAX_FEE, description="Amount in fen (1/100 yuan)")]
Province = Annotated[str, Field(min_length=1, max_length=40, examples=["广东省"])]
# A fee rule names provinces in full or short ("广东省" or "广东"), or is "*" alone.
RULE_PROVINCES = (ANYWHERE, *provinces.ALL, *(provinces.short_name(n) for n in provinces.ALL))


def _known(names: list[str]) -> list[str]:
    for name in names:
        if name not in RULE_PROVINCES:
            raise ValueError(f"unknown province: {name}")
    return names

Code = Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,32}$", examples=["sf"])]
# shipping_input._name: spaces are collapsed, other control characters refused, and something
# besides spaces is needed.
_CONTROL = r"\x00-\x08\x0e-\x1b"
Name = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_NAME,
        json_schema_extra=stated(rf"^[^{_CONTROL}]*[^{_CONTROL}{SPACE}][^{_CONTROL}]*$"),
    ),
]


class NoNul(NoNulBody):
    """Shipping bodies (mercato.web.strict)."""


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
        list[str],
        AfterValidator(_known),
        Field(
            min_length=1,
            max_length=40,
            description='Chinese names, full or short, or ["*"] (anywhere no other rule names); '
            "each province, and *, in one rule of the method only",
            json_schema_extra={
                "items": {"type": "string", "enum": list(RULE_PROVINCES)},
                "anyOf": [{"items": {"const": ANYWHERE}}, {"items": {"not": {"const": ANYWHERE}}}],
            },
        ),
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
