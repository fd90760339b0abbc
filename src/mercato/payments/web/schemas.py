"""Payment API bodies."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from mercato.web.strict import StrictBody


class PaymentIn(StrictBody):
    provider: Literal["wechatpay", "alipay", "sandbox"]
    # jsapi (inside WeChat: mini-program or WeChat browser) pays as the WeChat user the
    # customer linked with PUT /api/v1/me/wechat.
    channel: Literal["native", "jsapi", "h5", "page", "wap"] = "native"


class PaymentOut(BaseModel):
    out_trade_no: str
    order_number: str
    provider: str
    channel: str
    amount_fen: int
    currency: str
    status: str
    action: str
    url: str
    params: dict[str, str]
