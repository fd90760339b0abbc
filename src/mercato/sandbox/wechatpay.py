"""A fake WeChat Pay API v3 server: verifies the merchant's signed requests, keeps orders in
memory, signs its responses with its own platform key, and on "pay" sends a signed and
encrypted notification to the merchant's notify_url.

    fake = FakeWechatPay(mchid=..., appid=..., apiv3_key=..., merchant_serial=...,
                         merchant_public_key=...)
    app = fake.app            # mount at e.g. /sandbox/wechatpay
    fake.platform_serial, fake.platform_public_key   # give these to the merchant adapter
    fake.refund_processing = True; ...; fake.finish_refund(no); fake.flush()   # REFUND.*
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from starlette.applications import Starlette

from mercato.sandbox import wechatpay_refunds
from mercato.sandbox.wechatpay_http import build_app
from mercato.sandbox.wechatpay_state import ApiError, NotifyRequest, WechatPayState

__all__ = ["ApiError", "FakeWechatPay", "NotifyRequest"]


class FakeWechatPay(WechatPayState):
    @cached_property
    def app(self) -> Starlette:
        return build_app(self)

    def finish_refund(self, out_refund_no: str, status: str = "SUCCESS") -> None:
        """A refund answered PROCESSING ends (SUCCESS, CLOSED or ABNORMAL); its REFUND.*
        notification goes to `outbox` (post it with `flush`)."""
        wechatpay_refunds.finish_refund(self, out_refund_no, status)

    def build_refund_notification(
        self, out_refund_no: str, *, plain_overrides: dict[str, Any] | None = None
    ) -> NotifyRequest:
        return wechatpay_refunds.build_refund_notification(
            self, out_refund_no, plain_overrides=plain_overrides
        )
