"""API bodies of the members endpoints: strict (no coercion, no unknown fields, no NUL)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator


class StrictIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        # PostgreSQL refuses NUL in text: say so here rather than fail in the database.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


Short = Annotated[str, Field(max_length=200)]


class CustomerIn(StrictIn):
    phone: Annotated[str, Field(max_length=32, examples=["13812345678"])] = ""
    email: Annotated[str, Field(max_length=254, examples=["li.lei@example.com"])] = ""
    password: Annotated[str, Field(min_length=1, max_length=200)]
    name: Annotated[str, Field(max_length=40)] = ""


class CustomerOut(BaseModel):
    id: int
    name: str
    phone: str | None
    email: str | None


class LoginIn(StrictIn):
    login: Annotated[
        str, Field(min_length=1, max_length=254, description="Mobile number or e-mail")
    ]
    password: Annotated[str, Field(min_length=1, max_length=200)]
    name: Annotated[str, Field(max_length=120, description="Label of the token")] = "app"


class TokenOut(BaseModel):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'; shown only once")
    customer: CustomerOut


class AddressIn(StrictIn):
    recipient: Short
    phone: Short
    province: Short
    city: Short
    district: Short
    street: Short
    postcode: Short = ""
    is_default: StrictBool = False


class AddressPatch(StrictIn):
    recipient: Short | None = None
    phone: Short | None = None
    province: Short | None = None
    city: Short | None = None
    district: Short | None = None
    street: Short | None = None
    postcode: Short | None = None
    is_default: StrictBool | None = None


class AddressOut(BaseModel):
    id: int
    recipient: str
    phone: str
    province: str
    city: str
    district: str
    street: str
    postcode: str
    is_default: bool


class AddressListOut(BaseModel):
    items: list[AddressOut]
