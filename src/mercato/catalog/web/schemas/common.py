"""Shared field types of the catalogue API schemas. The catalogue's rules (catalog/domain.py)
check the text, stripped, and answer with their own error codes; each pattern here states in
the schema exactly what they accept."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mercato.catalog.domain import MAX_PRICE
from mercato.web.strict import FILLED, stated, trimmed

MAX_ID = 2_147_483_647
SLUG = trimmed(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Empty, a /path on this site (not //host) or an absolute http(s) URL.
URL = trimmed(r"(?:/(?:[^/\x00][^\x00]*)?|https?://[^\x00]*)?")
_SLUG_TEXT = "Lowercase letters and digits, words joined by single hyphens"

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Fen = Annotated[int, Field(ge=0, le=MAX_PRICE, description="Amount in fen (1/100 yuan)")]
Slug = Annotated[
    str,
    Field(
        min_length=1,
        max_length=120,
        description=_SLUG_TEXT,
        examples=["cotton-tee"],
        json_schema_extra=stated(SLUG),
    ),
]
# Categories and brands keep shorter slugs than products.
ShortSlug = Annotated[
    str,
    Field(
        min_length=1,
        max_length=80,
        description=_SLUG_TEXT,
        examples=["t-shirts"],
        json_schema_extra=stated(SLUG),
    ),
]
Name = Annotated[str, Field(min_length=1, max_length=200, json_schema_extra=stated(FILLED))]
Subtitle = Annotated[
    str,
    Field(
        max_length=300,
        description="Empty, or some text",
        json_schema_extra=stated(rf"^(?:|{FILLED[1:-1]})$"),
    ),
]
Text = Annotated[str, Field(max_length=20_000)]
Url = Annotated[
    str,
    Field(
        max_length=300,
        description="Empty, a /path on this site or an absolute http(s) URL",
        json_schema_extra=stated(URL),
    ),
]
Status = Literal["draft", "active", "archived"]
