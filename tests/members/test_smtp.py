"""E-mail through the real SMTP adapter (smtplib: STARTTLS, AUTH) to the fake relay
(aiosmtpd), errors mapped to clear domain errors, and the messenger's localised templates."""

from __future__ import annotations

import socket

import pytest

from mercato.messaging.adapters.smtp import SmtpConfig, SmtpMailer
from mercato.messaging.domain import Message, MessagingUnavailable, RecipientRefused
from mercato.messaging.public import Messenger
from mercato.sandbox.smtp import FakeSmtp
from tests.members.post import SMTP_PASSWORD, SMTP_USER, mailer


@pytest.fixture
def relay():  # type: ignore[no-untyped-def]
    with FakeSmtp(user=SMTP_USER, password=SMTP_PASSWORD, tls=True) as smtp:
        yield smtp


def test_sends_over_starttls_with_auth(relay):
    message_id = mailer(relay).send("li.lei@example.com", "你好", "第一行\n第二行")
    [got] = relay.inbox.messages()
    assert got["to"] == "li.lei@example.com" and got["subject"] == "你好"
    assert got["text"].replace("\r\n", "\n") == "第一行\n第二行\n"
    assert got["tls"] is True and got["user"] == SMTP_USER
    assert got["message_id"] == message_id and got["from"] == "no-reply@shop.test"


def test_refused_recipient_and_wrong_credentials(relay):
    relay.refuse.add("nobody@example.com")
    with pytest.raises(RecipientRefused) as refused:
        mailer(relay).send("nobody@example.com", "s", "t")
    assert (refused.value.code, refused.value.field) == ("messaging.email_recipient_refused", "to")
    with pytest.raises(MessagingUnavailable) as wrong:
        mailer(relay, password="not-it").send("li.lei@example.com", "s", "t")
    assert wrong.value.code == "messaging.email_setup" and not wrong.value.transient
    assert wrong.value.detail.startswith("535")
    assert relay.inbox.messages() == []


def test_an_untrusted_certificate_is_refused(relay):
    with pytest.raises(MessagingUnavailable) as caught:
        mailer(relay, ca=False).send("li.lei@example.com", "s", "t")
    assert caught.value.code == "messaging.email_setup"


def test_a_relay_without_starttls_is_refused():
    with FakeSmtp() as plain:
        config = SmtpConfig("127.0.0.1", plain.port, sender="a@shop.test", timeout=5.0)
        with pytest.raises(MessagingUnavailable) as caught:
            SmtpMailer(config).send("li.lei@example.com", "s", "t")
        assert caught.value.code == "messaging.email_setup"
        assert plain.inbox.messages() == []


def test_no_relay_is_a_transient_failure():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = SmtpConfig("127.0.0.1", port, sender="a@shop.test", security="none", timeout=2.0)
    with pytest.raises(MessagingUnavailable) as caught:
        SmtpMailer(config).send("li.lei@example.com", "s", "t")
    assert caught.value.code == "messaging.email_unavailable" and caught.value.transient


def test_header_injection_is_refused(relay):
    with pytest.raises(RecipientRefused):
        Messenger(email=mailer(relay)).send(
            Message("verification_code", "a@b.cn\r\nBcc: x@y.cn", {"code": "1", "minutes": "1"})
        )


def test_the_messenger_renders_the_template_in_the_recipients_language(relay):
    messenger = Messenger(email=mailer(relay))
    params = {"code": "135790", "minutes": "10"}
    messenger.send(Message("verification_code", "li.lei@example.com", params, "zh_CN"))
    messenger.send(Message("verification_code", "han.mei@example.com", params, "en"))
    zh, en = (
        relay.inbox.messages("li.lei@example.com")[0],
        relay.inbox.messages("han.mei@example.com")[0],
    )
    assert zh["subject"] == "您的验证码" and "135790" in zh["text"] and "10分钟" in zh["text"]
    assert en["subject"] == "Your verification code" and "valid for 10 minutes" in en["text"]
    with pytest.raises(MessagingUnavailable) as off:  # no SMS channel configured
        messenger.send(Message("verification_code", "13800000001", params))
    assert off.value.code == "messaging.sms_off"
    with pytest.raises(ValueError):
        messenger.send(Message("verification_code", "li.lei@example.com", {"code": "1"}))
