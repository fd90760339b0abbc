"""The demo's clock for writing the past: while installed, the contexts' `now()` (the one
each takes its stored times from) answers the simulated moment, so an order placed "on
November 11 at 00:03" through the real services carries that time everywhere the services
put one: its number, placed/paid/closed times, pay deadline, timeline, payment attempts,
notifications, refunds, outbox events and inbox rows. Stock ledger and reservation rows take
their time from the database (a server default): history.py stamps those itself.

Only for loading the demo, in the `mercato demo` process, before the shop serves anyone."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

# (module, function) pairs whose `now` the services call; a module that imported the
# function by name holds its own reference, so it is listed too.
CLOCKS = (
    ("mercato.orders.adapters.repository", "now"),
    ("mercato.checkout.adapters.repository", "now"),
    ("mercato.payments.services.common", "now"),
    ("mercato.payments.services.attempts", "now"),
    ("mercato.payments.services.notifications", "now"),
    ("mercato.payments.services.refunds", "now"),
    ("mercato.payments.services.reconcile", "now"),
    ("mercato.platform.outbox", "utcnow"),
    ("mercato.logistics.adapters.repository", "now"),
    ("mercato.payments.services.partial_refunds", "now"),
    ("mercato.payments.services.refund_sending", "now"),
    ("mercato.aftersales.adapters.repository", "now"),
    ("mercato.members.services.clock", "now"),
    ("mercato.checkout.services.pricing", "now"),
    ("mercato.finance.services.invoicing", "now"),
    ("mercato.finance.services.posting", "utcnow"),
)


class SimulatedClock:
    """Set `at` (stored time, naive UTC) before each step; `installed()` puts it in place."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    @contextmanager
    def installed(self) -> Iterator[SimulatedClock]:
        modules = [(importlib.import_module(m), name) for m, name in CLOCKS]
        saved = [(module, name, getattr(module, name)) for module, name in modules]
        try:
            for module, name in modules:
                setattr(module, name, self)
            yield self
        finally:
            for module, name, original in saved:
                setattr(module, name, original)
