"""Which providers this shop takes, built once from settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mercato.payments.adapters.alipay import AlipayConfig, AlipayGateway
from mercato.payments.adapters.gateway import PaymentGateway
from mercato.payments.adapters.huabei import HuabeiInstalments
from mercato.payments.adapters.sandbox import SandboxGateway
from mercato.payments.adapters.wechatpay import WechatPayConfig, WechatPayGateway
from mercato.platform.settings import Settings


def _read(path: Path | None) -> str:
    return path.read_text(encoding="utf-8") if path else ""


def build(settings: Settings) -> dict[str, PaymentGateway]:
    out: dict[str, PaymentGateway] = {}
    if settings.wechatpay_mchid:
        cfg = WechatPayConfig(
            mchid=settings.wechatpay_mchid,
            appid=settings.wechatpay_appid,
            merchant_serial=settings.wechatpay_serial,
            merchant_private_key=_read(settings.wechatpay_private_key_file),
            apiv3_key=settings.wechatpay_apiv3_key,
            platform_keys={
                settings.wechatpay_platform_serial: _read(settings.wechatpay_platform_key_file)
            },
            base_url=settings.wechatpay_base_url,
            refund_notify_url=f"{settings.public_url.rstrip('/')}/api/v1/payments/notify/wechatpay",
        )
        out["wechatpay"] = WechatPayGateway(cfg)
    if settings.alipay_app_id:
        out["alipay"] = AlipayGateway(
            AlipayConfig(
                app_id=settings.alipay_app_id,
                seller_id=settings.alipay_seller_id,
                app_private_key=_read(settings.alipay_private_key_file),
                alipay_public_key=_read(settings.alipay_public_key_file),
                gateway_url=settings.alipay_gateway_url,
            ),
            instalments=HuabeiInstalments(settings.instalment_min_fen),
        )
    if settings.payments_sandbox:
        out["sandbox"] = SandboxGateway(settings.secret_key)
    return out


def shared(state: Any) -> dict[str, PaymentGateway]:
    """An app's providers (`app.state`): built once from its settings and kept on it, so every
    caller shares their HTTP clients (tests may set `app.state.gateways` themselves)."""
    found: dict[str, PaymentGateway] | None = getattr(state, "gateways", None)
    if found is None:
        found = state.gateways = build(state.settings)
    return found
