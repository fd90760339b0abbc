"""Shared field types of the catalogue API schemas."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mercato.catalog.domain import MAX_PRICE

MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Fen = Annotated[int, Field(ge=0, le=MAX_PRICE, description="Amount in fen (1/100 yuan)")]
Slug = Annotated[str, Field(min_length=1, max_length=120, examples=["cotton-tee"])]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=20_000)]
Url = Annotated[str, Field(max_length=300)]
Status = Literal["draft", "active", "archived"]
