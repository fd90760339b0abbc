"""Alipay Huabei instalments (花呗分期), the first InstalmentGateway: 3, 6 or 12 periods from
the shop's minimum amount, asked for with biz_content.extend_params of alipay.trade.page.pay
and alipay.trade.wap.pay:

    "extend_params": {"hb_fq_num": "3", "hb_fq_seller_percent": "100"}

Both are strings, as Alipay documents them: hb_fq_num only "3", "6" or "12";
hb_fq_seller_percent only "0" (the buyer pays the fee) or "100" (the merchant does, 免息);
anything else Alipay refuses. The trade's total_amount stays the order's amount: the buyer
repays Huabei, fee included, on Alipay's side."""

from __future__ import annotations

from typing import Any

from mercato.payments.domain import INSTALMENT_PERIODS, Payer, valid_instalments
from mercato.payments.instalments import HUABEI_MIN_FEN, InstalmentPlan, huabei_plan, periods_of

_SELLER_PERCENT: dict[str, str] = {"buyer": "0", "merchant": "100"}


class HuabeiInstalments:
    name = "huabei"

    def __init__(self, min_fen: int = HUABEI_MIN_FEN) -> None:
        self.min_fen = max(min_fen, 1)

    def periods_for(self, amount_fen: int) -> tuple[int, ...]:
        return INSTALMENT_PERIODS if amount_fen >= self.min_fen else ()

    def plan(self, amount_fen: int, periods: int, payer: Payer) -> InstalmentPlan:
        return huabei_plan(amount_fen, periods, payer)

    def request_fields(self, periods: int, payer: Payer) -> dict[str, Any]:
        valid_instalments(periods_of(periods), payer)
        return {
            "extend_params": {
                "hb_fq_num": str(periods),
                "hb_fq_seller_percent": _SELLER_PERCENT[payer],
            }
        }
