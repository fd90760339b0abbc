"""Batch jobs (the unpaid-order timeout, reconciliation, refunds, ...) work item by item, each
in its own unit of work: an item that fails is logged and left for the job's next run, and
never abandons the rest of the batch."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")


def each(job: str, items: Iterable[T], fn: Callable[[T], R]) -> tuple[list[R], list[T]]:
    """fn(item) for every item: (the results of those that worked, the items that failed)."""
    done: list[R] = []
    failed: list[T] = []
    for item in items:
        try:
            done.append(fn(item))
        except Exception:
            log.exception("%s failed on %r; the next run tries it again", job, item)
            failed.append(item)
    return done, failed
