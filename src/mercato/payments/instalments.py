"""Instalments (分期): what paying an amount in N periods costs, period by period, and what an
instalment gateway implements (Alipay Huabei today; a bank card's instalments next). Pure:
integer fen only, no float anywhere.

Rounding, stated because the buyer sees every fen of it:
- the fee is amount × rate rounded half up to the fen (0.5 fen and more: one fen more);
- each period's principal is amount // N and its fee fee // N (rounded down); what is left
  over (fewer than N fen of each) is paid with the FIRST period.
So the periods always add up to amount + fee exactly, and every later period is the same.

Alipay's integration guide says a period costs (principal + fee) / N and refers to its
"买家分期费用计算规则" for the rounding; that page was not among the sources we could read,
so the rule above (half up for the fee, the remainder on the first period) is our choice.
Alipay computes the real schedule on its cashier; ours is what the shop shows beforehand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from mercato.payments.domain import (
    INSTALMENT_PERIODS,
    Payer,
    PaymentError,
    valid_fen,
    valid_instalments,
)

# The buyer's Huabei fee per period count, in basis points (1/10000 of the amount): 3 periods
# 2.3%, 6 periods 4.5%, 12 periods 7.5%: the rates Alipay publishes for Huabei instalments
# (花呗分期手续费率). Our stored sources (Alipay's integration notes on hb_fq_num /
# hb_fq_seller_percent) do not list them, so they are taken as published, not re-verified;
# a merchant who pays the fee (免息) pays the same rates to Alipay.
HUABEI_RATES_BP: Mapping[int, int] = {3: 230, 6: 450, 12: 750}
# Alipay's notes on Huabei instalments advise a trade of at least ¥100 ("交易金额建议大于等于
# 100元", developer.aliyun.com/article/710927): the default minimum (a shop setting).
HUABEI_MIN_FEN = 10_000
_BP = 10_000


@dataclass(frozen=True, slots=True)
class Period:
    index: int  # 1-based
    principal_fen: int
    fee_fen: int
    total_fen: int


@dataclass(frozen=True, slots=True)
class InstalmentPlan:
    """`amount_fen` paid in `periods` periods. `fee_fen` is what the buyer pays on top (0 when
    the merchant pays it: 免息); `subsidy_fen` what the merchant pays the provider then."""

    periods: int
    payer: Payer
    amount_fen: int
    fee_fen: int
    per_period: tuple[Period, ...]
    subsidy_fen: int = 0

    @property
    def total_fen(self) -> int:
        return self.amount_fen + self.fee_fen

    @property
    def first_fen(self) -> int:
        return self.per_period[0].total_fen

    @property
    def each_fen(self) -> int:
        """What every period after the first costs (the first may carry a few fen more)."""
        return self.per_period[-1].total_fen


@runtime_checkable
class InstalmentGateway(Protocol):
    """What a provider of instalments implements (Alipay Huabei, a bank card's instalments):
    the period counts it offers for an amount, the plan the buyer sees, and how the choice
    goes into its payment request."""

    name: str

    def periods_for(self, amount_fen: int) -> tuple[int, ...]:
        """The period counts offered for this amount, fewest first; () when none."""
        ...

    def plan(self, amount_fen: int, periods: int, payer: Payer) -> InstalmentPlan: ...

    def request_fields(self, periods: int, payer: Payer) -> dict[str, Any]:
        """What to add to the provider's payment request (merged into its body)."""
        ...


def fee_fen(amount_fen: int, rate_bp: int) -> int:
    """amount × rate, rounded half up to the fen (everything here is positive)."""
    return (amount_fen * rate_bp + _BP // 2) // _BP


def split_fen(total_fen: int, periods: int) -> list[int]:
    """`total_fen` in `periods` parts rounded down, the remainder on the first part."""
    each, rest = divmod(total_fen, periods)
    return [each + rest] + [each] * (periods - 1)


def periods_of(value: object) -> int:
    """A period count of INSTALMENT_PERIODS (not 0: a plan has periods)."""
    periods = valid_instalments(value)
    if periods == 0:
        raise PaymentError(
            "payments.invalid_instalments", "Instalments must be 3, 6 or 12 periods", "instalments"
        )
    return periods


def plan(amount_fen: int, periods: int, payer: Payer, rate_bp: int) -> InstalmentPlan:
    """The plan at a fee rate of `rate_bp` basis points, whoever pays it."""
    valid_fen(amount_fen)
    valid_instalments(periods_of(periods), payer)
    full = fee_fen(amount_fen, rate_bp)
    fee = full if payer == "buyer" else 0
    parts = zip(split_fen(amount_fen, periods), split_fen(fee, periods), strict=True)
    rows = tuple(Period(i, p, f, p + f) for i, (p, f) in enumerate(parts, start=1))
    return InstalmentPlan(periods, payer, amount_fen, fee, rows, full - fee)


def huabei_plan(amount_fen: int, periods: int, payer: Payer) -> InstalmentPlan:
    return plan(amount_fen, periods, payer, HUABEI_RATES_BP[periods_of(periods)])


def huabei_plans(
    amount_fen: int, payer: Payer, min_fen: int = HUABEI_MIN_FEN
) -> list[InstalmentPlan]:
    """Every Huabei plan for the amount, fewest periods first; none below `min_fen`."""
    if amount_fen < max(min_fen, 1):
        return []
    return [huabei_plan(amount_fen, n, payer) for n in INSTALMENT_PERIODS]
