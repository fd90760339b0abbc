"""Payment API bodies."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from mercato.payments.services.attempts import CHANNELS, INSTALMENT_PROVIDERS
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
    # Alipay Huabei (花呗分期): pay in 3, 6 or 12 periods; 0 pays at once. Who pays the fee is
    # the shop's setting. Other providers refuse periods (400 payments.instalments_unsupported).
    instalments: Literal[0, 3, 6, 12] = Field(
        0,
        description="alipay only: Huabei instalments in 3, 6 or 12 periods (0: pay at once); "
        "refused below the shop's minimum amount (422 payments.instalments_below_minimum)",
    )

    @classmethod
    def stated_rules(cls, schema: dict[str, Any]) -> None:
        super().stated_rules(schema)
        # Each provider opens its own channels (payments.services.attempts.CHANNELS).
        # Only Alipay takes instalments (INSTALMENT_PROVIDERS).
        schema["anyOf"] = [
            {
                "properties": {
                    "provider": {"const": name},
                    "channel": {"enum": sorted(ways)},
                    **({} if name in INSTALMENT_PROVIDERS else {"instalments": {"const": 0}}),
                },
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
    instalments: int = Field(0, description="Huabei periods chosen (0: paid at once)")
    instalment_payer: str = Field("", description="buyer or merchant; empty when paid at once")
