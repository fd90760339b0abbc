"""Keys, fake providers and adapters wired together in-process (no network)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient

from mercato.kernel import DomainError
from mercato.payments.adapters.alipay import AlipayConfig, AlipayGateway
from mercato.payments.adapters.wechatpay import WechatPayConfig, WechatPayGateway
from mercato.payments.domain import Notification
from mercato.sandbox.alipay import FakeAlipay
from mercato.sandbox.wechatpay import FakeWechatPay

MCHID, APPID, SERIAL = "1900000109", "wxd678efh567hg6787", "5157F09EFDC096DE15EBE81A47057A72"
APIV3 = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb"
ALI_APP, SELLER = "2021000117600000", "2088102147948060"


@dataclass
class KeyPair:
    key: rsa.RSAPrivateKey
    private_pem: str = ""
    public_pem: str = ""


def make_keys() -> KeyPair:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return KeyPair(key, private, public)


@pytest.fixture(scope="session")
def merchant_keys() -> KeyPair:
    return make_keys()


@pytest.fixture(scope="session")
def other_keys() -> KeyPair:
    return make_keys()


@dataclass
class Merchant:
    """A stand-in for the order centre's notify endpoint: parse, record, acknowledge."""

    gateway: object = None
    received: list[Notification] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def app(self) -> Starlette:
        async def notify(request: Request) -> Response:
            gw = self.gateway
            try:
                self.received.append(gw.parse_notification(request.headers, await request.body()))
                ok = True
            except DomainError as exc:
                self.errors.append(exc.code)
                ok = False
            status, body, ctype = gw.notification_ack(ok)
            return Response(body, status, media_type=ctype)

        return Starlette(routes=[Route("/notify", notify, methods=["POST"])])


@pytest.fixture
def wechat(merchant_keys: KeyPair):
    """(fake server, adapter talking to it, merchant endpoint receiving its notifications)."""
    merchant = Merchant()
    fake = FakeWechatPay(
        mchid=MCHID,
        appid=APPID,
        apiv3_key=APIV3,
        merchant_serial=SERIAL,
        merchant_public_key=merchant_keys.public_pem,
        notify_client=TestClient(merchant.app(), base_url="http://merchant"),
    )
    gateway = WechatPayGateway(wechat_config(merchant_keys, fake), client=TestClient(fake.app))
    merchant.gateway = gateway
    return fake, gateway, merchant


def wechat_config(keys: KeyPair, fake: FakeWechatPay, **over: object) -> WechatPayConfig:
    values: dict = dict(
        mchid=MCHID,
        appid=APPID,
        merchant_serial=SERIAL,
        merchant_private_key=keys.private_pem,
        apiv3_key=APIV3,
        platform_keys={fake.platform_serial: fake.platform_public_key},
        base_url="http://testserver",
    )
    values.update(over)
    return WechatPayConfig(**values)


@pytest.fixture
def alipay(merchant_keys: KeyPair):
    merchant = Merchant()
    fake = FakeAlipay(
        app_id=ALI_APP,
        seller_id=SELLER,
        app_public_key=merchant_keys.public_pem,
        notify_client=TestClient(merchant.app(), base_url="http://merchant"),
    )
    config = AlipayConfig(
        app_id=ALI_APP,
        seller_id=SELLER,
        app_private_key=merchant_keys.private_pem,
        alipay_public_key=fake.alipay_public_key,
        gateway_url="http://testserver/gateway.do",
    )
    gateway = AlipayGateway(config, client=TestClient(fake.app))
    merchant.gateway = gateway
    return fake, gateway, merchant
