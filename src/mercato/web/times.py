"""Times in API answers: ISO 8601 with the shop zone's offset (2026-12-07T09:30:00+08:00),
from the naive UTC values the tables hold (mercato.platform.clock)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import PlainSerializer, WithJsonSchema

from mercato.platform import clock


def _iso(at: datetime) -> str:
    return clock.local(at).isoformat()


ShopDateTime = Annotated[
    datetime,
    PlainSerializer(_iso, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
