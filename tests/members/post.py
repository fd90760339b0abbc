"""The fake SMS (Aliyun) and SMTP servers wired to an app's messenger through the real
adapters, for the password tests: `post` gives the inbox and the fakes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from starlette.testclient import TestClient

from mercato.messaging.adapters.aliyun_sms import AliyunSms, AliyunSmsConfig
from mercato.messaging.adapters.smtp import SmtpConfig, SmtpMailer
from mercato.messaging.public import Messenger
from mercato.sandbox.aliyun_sms import FakeAliyunSms
from mercato.sandbox.inbox import Inbox
from mercato.sandbox.smtp import FakeSmtp

KEY_ID, SECRET, SIGN = "LTAI5tTestKeyId", "testSecretOfTheShop", "Mercato商城"
TEMPLATES = {"verification_code": "SMS_900000001", "verification_code.en": "SMS_900000002"}
SMTP_USER, SMTP_PASSWORD = "shop", "relay-pass-1"
_CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")


@dataclass
class Post:
    sms: FakeAliyunSms
    smtp: FakeSmtp
    inbox: Inbox

    def to(self, recipient: str) -> list[dict[str, object]]:
        return self.inbox.messages(recipient)

    def code_for(self, recipient: str) -> str:
        found = self.to(recipient)
        assert found, f"no message to {recipient}"
        match = _CODE.search(str(found[0]["text"]))
        assert match, found[0]
        return match.group(1)


def sms_adapter(fake: FakeAliyunSms, secret: str = SECRET, key_id: str = KEY_ID) -> AliyunSms:
    config = AliyunSmsConfig(key_id, secret, SIGN, endpoint="http://testserver/")
    return AliyunSms(config, client=TestClient(fake.app))


def mailer(smtp: FakeSmtp, password: str = SMTP_PASSWORD, ca: bool = True) -> SmtpMailer:
    config = SmtpConfig(
        "127.0.0.1",
        smtp.port,
        SMTP_USER,
        password,
        "Mercato <no-reply@shop.test>",
        "starttls",
        smtp.ca_file if ca else "",
        timeout=5.0,
    )
    return SmtpMailer(config)


@pytest.fixture
def post(app) -> Iterator[Post]:  # type: ignore[no-untyped-def]
    inbox = Inbox()
    sms = FakeAliyunSms(
        access_key_id=KEY_ID, access_key_secret=SECRET, sign_name=SIGN, inbox=inbox, per_minute=50
    )
    smtp = FakeSmtp(user=SMTP_USER, password=SMTP_PASSWORD, tls=True, inbox=inbox).start()
    app.state.messenger = Messenger(sms_adapter(sms), TEMPLATES, mailer(smtp))
    yield Post(sms, smtp, inbox)
    smtp.stop()
