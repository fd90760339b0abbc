"""A cart meets only the promotions that may cover one of its lines (pricing/domain/
candidates.py): the same prices, adjustments and hints as running every promotion, for any
cart; and the running set is worked out again when `now` crosses a window boundary."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings

from mercato.pricing.domain import candidates, pipeline
from mercato.pricing.domain.model import Promotion, Request, Scope
from mercato.pricing.domain.promotions import running
from mercato.pricing.domain.state import State
from mercato.pricing.public import TIME_DISCOUNT, Buyer
from tests.pricing.helpers import HOUR, NOW
from tests.pricing.strategies import requests


def _every_promotion(req: Request):  # type: ignore[no-untyped-def]
    pipeline.check(req)
    state = State.start(req, running(req.promotions, req.buyer, req.now))
    for _, run in pipeline.RUNNERS:
        run(state)
    return state.result()


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(requests)
def test_the_index_changes_no_price(req: Request) -> None:
    assert pipeline.price(req) == _every_promotion(req)


def test_the_running_set_follows_the_clock() -> None:
    later = Promotion(7, "限时8折", TIME_DISCOUNT, Scope(products=frozenset({1})),
                      starts_at=NOW + HOUR, percent_off_bp=2000)
    everywhere = Promotion(8, "全场9折", TIME_DISCOUNT, starts_at=NOW - HOUR, percent_off_bp=1000)
    shop = (later, everywhere)
    buyer = Buyer(None)
    run, ix = candidates.prepared(shop, buyer, NOW)
    assert run == (everywhere,) and ix.anywhere == (0,)
    assert candidates.prepared(shop, buyer, NOW + timedelta(minutes=59))[0] == (everywhere,)
    run, ix = candidates.prepared(shop, buyer, NOW + HOUR)  # the sale starts: worked out anew
    assert {p.id for p in run} == {7, 8} and ix.by_product == {1: (run.index(later),)}
    assert candidates.prepared(shop, buyer, NOW)[0] == (everywhere,)  # and back again
