"""Payment API bodies."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from mercato.payments.services.attempts import CHANNELS
from mercato.web.strict import StrictBody


class PaymentIn(StrictBody):
    provider: Literal["wechatpay", "alipay", "sandbox"]
    # jsapi (inside WeChat: mini-program or WeChat browser) pays as the WeChat user the
    # customer linked with PUT /api/v1/me/wechat.
    channel: Literal["native", "jsapi", "h5", "page", "wap"] = Field(
        "native",
        description="wechatpay: native, jsapi or h5; alipay: page or wap; sandbox: native, h5, "
        "page or wap",
    )

    @classmethod
    def stated_rules(cls, schema: dict[str, Any]) -> None:
        super().stated_rules(schema)
        # Each provider opens its own channels (payments.services.attempts.CHANNELS).
        schema["anyOf"] = [
            {
                "properties": {"provider": {"const": name}, "channel": {"enum": sorted(ways)}},
                "required": ["provider"] if "native" in ways else ["provider", "channel"],
            }
            for name, ways in sorted(CHANNELS.items())
        ]


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
