"""The shop's carriers, built once per app from settings (tests may replace
`app.state.carriers`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from mercato.logistics.adapters import registry
from mercato.logistics.adapters.registry import Book


def carrier_book(request: Request) -> Book:
    state = request.app.state
    found: Book | None = getattr(state, "carriers", None)
    if found is None:
        found = state.carriers = registry.build(state.settings)
    return found


BookDep = Annotated[Book, Depends(carrier_book)]
