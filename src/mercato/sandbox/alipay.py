"""A fake Alipay open-platform gateway: verifies the app's RSA2-signed requests, keeps trades
in memory, signs sync responses with its own key, renders a cashier page for page/wap pay and,
on "pay", posts a signed asynchronous notification (form) to the merchant's notify_url.

    fake = FakeAlipay(app_id=..., seller_id=..., app_public_key=...)
    app = fake.app                 # mount at e.g. /sandbox/alipay; the gateway is /gateway.do
    fake.alipay_public_key         # give this to the merchant adapter
"""

from __future__ import annotations

from functools import cached_property

from starlette.applications import Starlette

from mercato.sandbox.alipay_http import build_app
from mercato.sandbox.alipay_state import AlipayState, BizError, NotifyRequest

__all__ = ["BizError", "FakeAlipay", "NotifyRequest"]


class FakeAlipay(AlipayState):
    @cached_property
    def app(self) -> Starlette:
        return build_app(self)
