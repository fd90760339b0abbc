"""Another request writing between a use case's plan and its write: wrap the plan function so
that, after it has read, `meddle(*its arguments)` writes what the other request would (the
first `times` calls, or every call)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def meddling(
    plan: Callable[..., Any], meddle: Callable[..., None], times: int | None = None
) -> tuple[Callable[..., Any], list[int]]:
    """(the wrapped plan, a list that grows by one per plan call)."""
    calls: list[int] = []

    def wrapped(*args: Any) -> Any:
        planned = plan(*args)
        calls.append(1)
        if times is None or len(calls) <= times:
            meddle(*args)
        return planned

    return wrapped, calls
