"""Huabei instalment plans: exact to the fen, with the rounding the module states (fee half up,
the remainder fen of principal and fee on the first period); and the intent's validation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mercato.payments import public
from mercato.payments.adapters.huabei import HuabeiInstalments
from mercato.payments.domain import PaymentError, PaymentIntent
from mercato.payments.instalments import (
    InstalmentGateway,
    fee_fen,
    huabei_plan,
    huabei_plans,
    split_fen,
)
from mercato.platform.settings import Settings


@given(
    amount=st.integers(min_value=1, max_value=10**9),
    periods=st.sampled_from([3, 6, 12]),
    payer=st.sampled_from(["buyer", "merchant"]),
)
def test_periods_add_up_to_amount_and_fee_exactly(amount, periods, payer):
    plan = huabei_plan(amount, periods, payer)
    rows = plan.per_period
    assert len(rows) == periods and [r.index for r in rows] == list(range(1, periods + 1))
    assert sum(r.principal_fen for r in rows) == amount
    assert sum(r.fee_fen for r in rows) == plan.fee_fen
    assert sum(r.total_fen for r in rows) == amount + plan.fee_fen == plan.total_fen
    assert all(r.total_fen == r.principal_fen + r.fee_fen for r in rows)
    # Every later period is the same; the first carries fewer than `periods` fen more of each.
    assert len({(r.principal_fen, r.fee_fen) for r in rows[1:]}) == 1
    assert 0 <= rows[0].principal_fen - rows[1].principal_fen < periods
    assert 0 <= rows[0].fee_fen - rows[1].fee_fen < periods
    # Whoever pays, the fee is the rate's, rounded half up: 2 × amount × bp vs 10000 × (2 fee ± 1).
    full = plan.fee_fen + plan.subsidy_fen
    bp = {3: 230, 6: 450, 12: 750}[periods]
    assert (2 * full - 1) * 10_000 <= 2 * amount * bp < (2 * full + 1) * 10_000
    assert (plan.fee_fen if payer == "merchant" else plan.subsidy_fen) == 0


# (amount fen, periods) -> fee fen, worked out by hand.
FEES = [
    (10_000, 3, 230),  # ¥100 × 2.3% = ¥2.30 exactly
    (500, 3, 12),  # 500 × 0.023 = 11.5 fen: half up to 12
    (100, 6, 5),  # 100 × 0.045 = 4.5 fen: half up to 5 (half-even would give 4)
    (20, 12, 2),  # 20 × 0.075 = 1.5 fen: 2
    (19, 12, 1),  # 1.425 fen: 1
    (1, 3, 0),  # 0.023 fen: nothing
    (21, 3, 0),  # 0.483 fen: 0
    (22, 3, 1),  # 0.506 fen: 1
    (99_999, 12, 7_500),  # 7499.925 fen: 7500
]


@pytest.mark.parametrize(("amount", "periods", "fee"), FEES)
def test_fee_is_rounded_half_up_to_the_fen(amount, periods, fee):
    assert huabei_plan(amount, periods, "buyer").fee_fen == fee


def test_a_plan_worked_out_by_hand():
    # ¥100 in 3: principal 10000 = 3334 + 3333 + 3333; fee 230 = 78 + 76 + 76.
    plan = huabei_plan(10_000, 3, "buyer")
    assert [(r.principal_fen, r.fee_fen, r.total_fen) for r in plan.per_period] == [
        (3334, 78, 3412),
        (3333, 76, 3409),
        (3333, 76, 3409),
    ]
    assert (plan.first_fen, plan.each_fen, plan.total_fen) == (3412, 3409, 10_230)
    # ¥100 in 12: fee 750; principal 833 × 12 + 4, fee 62 × 12 + 6, both extras paid first.
    twelve = huabei_plan(10_000, 12, "buyer")
    assert (twelve.first_fen, twelve.each_fen) == (833 + 4 + 62 + 6, 833 + 62)
    assert twelve.first_fen + 11 * twelve.each_fen == 10_750


def test_the_merchant_pays_the_fee_the_buyer_pays_nothing_more():
    plan = huabei_plan(10_000, 6, "merchant")
    assert (plan.fee_fen, plan.subsidy_fen, plan.total_fen) == (0, 450, 10_000)
    assert [r.total_fen for r in plan.per_period] == [1670] + [1666] * 5  # 10000 = 6 × 1666 + 4


def test_helpers():
    assert split_fen(10, 3) == [4, 3, 3] and split_fen(2, 3) == [2, 0, 0]
    assert fee_fen(500, 230) == 12 and fee_fen(499, 230) == 11


def test_plans_start_at_the_minimum():
    assert huabei_plans(9_999, "buyer") == []
    assert [p.periods for p in huabei_plans(10_000, "buyer")] == [3, 6, 12]
    assert [p.periods for p in huabei_plans(1, "buyer", min_fen=1)] == [3, 6, 12]
    offer = HuabeiInstalments(min_fen=50_000)
    assert isinstance(offer, InstalmentGateway)
    assert offer.periods_for(49_999) == () and offer.periods_for(50_000) == (3, 6, 12)


@pytest.mark.parametrize("periods", [0, 1, 2, 4, 9, 24, -3, True, 3.0, "3"])
def test_only_3_6_or_12_periods_make_a_plan(periods):
    with pytest.raises(PaymentError) as info:
        huabei_plan(10_000, periods, "buyer")
    assert (info.value.code, info.value.field) == ("payments.invalid_instalments", "instalments")


def test_an_intent_takes_only_known_periods_and_payers():
    def intent(**kw):
        return PaymentIntent("HB000101", 10_000, "Tee", "http://m/notify", channel="page", **kw)

    assert intent(instalments=12, instalment_payer="merchant").instalments == 12
    assert intent().instalments == 0
    for bad in (4, -3, True, 3.0):
        with pytest.raises(PaymentError) as info:
            intent(instalments=bad)
        assert info.value.code == "payments.invalid_instalments"
    with pytest.raises(PaymentError) as info:
        intent(instalments=3, instalment_payer="both")
    assert info.value.code == "payments.invalid_instalment_payer"


def test_public_plans_follow_the_shop_settings(tmp_path):
    base = {"database_url": "sqlite://", "media_dir": tmp_path / "media"}
    assert public.instalment_plans(50_000, Settings(**base)) == []  # no Alipay: none shown
    shop = Settings(**base, alipay_app_id="2021000117600000", instalment_min_fen=30_000)
    assert public.instalment_plans(29_999, shop) == []
    plans = public.instalment_plans(30_000, shop)
    assert [(p.periods, p.fee_fen) for p in plans] == [(3, 690), (6, 1350), (12, 2250)]
    free = Settings(**base, alipay_app_id="2021000117600000", instalment_fee_payer="merchant")
    assert {p.fee_fen for p in public.instalment_plans(30_000, free)} == {0}
