"""Huabei instalments (花呗分期) as the fake Alipay sees them: the extend_params it accepts on
page/wap pay, and the schedule its cashier shows. Its own arithmetic, not the shop's: the
interoperability tests compare the two.

Alipay takes hb_fq_num "3", "6" or "12" and hb_fq_seller_percent "0" (the buyer pays the fee)
or "100" (the seller does); "0" when only the number is given. Anything else is refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mercato.sandbox.alipay_state import BizError

# The buyer's fee, in 1/10000 of the amount, per number of periods (2.3%, 4.5%, 7.5%).
RATES = {3: 230, 6: 450, 12: 750}


def terms(biz: Mapping[str, Any]) -> tuple[int, int]:
    """(periods, seller percent) asked for in biz_content; (0, 0) for paying at once."""
    extend = biz.get("extend_params") or {}
    if not isinstance(extend, dict):
        raise BizError("ACQ.INVALID_PARAMETER", "extend_params must be an object")
    num, percent = extend.get("hb_fq_num"), extend.get("hb_fq_seller_percent")
    if num is None:
        if percent is not None:
            raise BizError("ACQ.INVALID_PARAMETER", "hb_fq_seller_percent needs hb_fq_num")
        return 0, 0
    if not isinstance(num, str) or num not in ("3", "6", "12"):
        raise BizError("ACQ.INVALID_PARAMETER", "hb_fq_num must be 3, 6 or 12")
    if percent is None:
        percent = "0"
    if not isinstance(percent, str) or percent not in ("0", "100"):
        raise BizError("ACQ.INVALID_PARAMETER", "hb_fq_seller_percent must be 0 or 100")
    return int(num), int(percent)


def schedule(total_fen: int, periods: int, seller_percent: int) -> list[int]:
    """What the buyer pays in each period, in fen: principal and fee each divided evenly, the
    fen left over paid first; the fee (half up to the fen) only when the buyer bears it."""
    fee = 0 if seller_percent == 100 else (total_fen * RATES[periods] + 5000) // 10000
    owed = []
    for part in (total_fen, fee):
        each = part // periods
        owed.append([part - each * (periods - 1)] + [each] * (periods - 1))
    return [p + f for p, f in zip(owed[0], owed[1], strict=True)]
