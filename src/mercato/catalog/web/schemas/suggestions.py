"""Document of GET /api/v1/search/suggestions (rendered straight from the read models)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class SuggestionOut(BaseModel):
    text: str = Field(description="The whole search to offer, or the product's name")
    kind: Literal["term", "product"] = Field(
        description="term: search for `text`; product: open the product `slug`"
    )
    slug: str | None = Field(description="The product's slug (kind product), else null")


class SuggestionsOut(BaseModel):
    q: str = Field(description="The text the suggestions are for, as sent (trimmed)")
    items: list[SuggestionOut] = Field(max_length=8, description="Most popular first")
