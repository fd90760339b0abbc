"""Concurrency for the race tests: n threads released together at a barrier."""

from __future__ import annotations

import threading
from collections.abc import Callable

from mercato.kernel.errors import DomainError


def race(n: int, work: Callable[[int], None]) -> list[str]:
    """Run work(0..n-1) in n threads released together; each outcome: "ok" or an error code
    (anything else as its repr, for the test's assertion to show)."""
    gate = threading.Barrier(n, timeout=10)
    outcomes: list[str] = [""] * n

    def one(i: int) -> None:
        gate.wait()
        try:
            work(i)
            outcomes[i] = "ok"
        except DomainError as exc:
            outcomes[i] = exc.code
        except Exception as exc:
            outcomes[i] = repr(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcomes
