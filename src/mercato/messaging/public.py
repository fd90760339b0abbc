"""What other contexts use from messaging: a Messenger built from the settings, which sends
a templated, localised Message to a phone (SMS) or an e-mail address, and its errors. Send
through `send(tx, messenger, message)`: it uses the merchant's wording of the message (edited
at /admin/messages) where there is one."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import httpx
from sqlalchemy.orm import Session

from mercato.messaging.adapters.aliyun_sms import AliyunSms, AliyunSmsConfig
from mercato.messaging.adapters.smtp import SmtpConfig, SmtpMailer
from mercato.messaging.domain import (
    Channel,
    Message,
    MessagingLimited,
    MessagingUnavailable,
    RecipientRefused,
    Sent,
    Wording,
)
from mercato.messaging.services import wording
from mercato.messaging.services.sending import Messenger
from mercato.platform.settings import Settings

__all__ = [
    "Channel",
    "Message",
    "MessagingLimited",
    "MessagingUnavailable",
    "Messenger",
    "RecipientRefused",
    "Sent",
    "from_settings",
    "offers",
    "sandbox_account",
    "send",
]

# The demo's fake Aliyun account (mercato.sandbox.post_office knows the same template codes,
# as a real shop copies them from Aliyun's console into MERCATO_ALIYUN_SMS_TEMPLATES).
SANDBOX_SIGN_NAME = "Mercato商城"
SANDBOX_KEY_ID = "LTAI5sandbox0mercato"
SANDBOX_TEMPLATES = {
    "verification_code": "SMS_900000001",
    "verification_code.en": "SMS_900000002",
    "out_of_stock": "SMS_900000011",
    "out_of_stock.en": "SMS_900000012",
    "no_tracking": "SMS_900000013",
    "no_tracking.en": "SMS_900000014",
    "delivery_failed": "SMS_900000015",
    "delivery_failed.en": "SMS_900000016",
    "balance_due": "SMS_900000021",
    "balance_due.en": "SMS_900000022",
}
SANDBOX_SENDER = "Mercato <no-reply@mercato.local>"


def _sandbox_secret(settings: Settings) -> str:
    key = settings.secret_key.encode()
    return hmac.new(key, b"messages-sandbox", hashlib.sha256).hexdigest()[:30]


def sandbox_account(settings: Settings) -> dict[str, Any]:
    """What the demo's fake servers must accept (bootstrap hands it to the sandbox)."""
    return {
        "access_key_id": SANDBOX_KEY_ID,
        "access_key_secret": _sandbox_secret(settings),
        "sign_name": SANDBOX_SIGN_NAME,
        "smtp_port": settings.sandbox_smtp_port,
        "inbox_path": settings.media_dir.parent / "sandbox-messages.jsonl",
    }


def _sms(
    settings: Settings, client: httpx.Client | None
) -> tuple[AliyunSms | None, dict[str, str]]:
    if settings.messages_sandbox:
        endpoint = settings.public_url.rstrip("/") + "/sandbox/messages/sms/"
        config = AliyunSmsConfig(
            SANDBOX_KEY_ID, _sandbox_secret(settings), SANDBOX_SIGN_NAME, endpoint
        )
        return AliyunSms(config, client), dict(SANDBOX_TEMPLATES)
    if not settings.aliyun_sms_access_key_id:
        return None, {}
    config = AliyunSmsConfig(
        settings.aliyun_sms_access_key_id,
        settings.aliyun_sms_access_key_secret,
        settings.aliyun_sms_sign_name,
        settings.aliyun_sms_endpoint,
        settings.aliyun_sms_region,
    )
    return AliyunSms(config, client), dict(settings.aliyun_sms_templates)


def _email(settings: Settings) -> SmtpMailer | None:
    if settings.messages_sandbox:
        return SmtpMailer(
            SmtpConfig(
                "127.0.0.1", settings.sandbox_smtp_port, sender=SANDBOX_SENDER, security="none"
            )
        )
    if not settings.smtp_host:
        return None
    return SmtpMailer(
        SmtpConfig(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_user,
            settings.smtp_password,
            settings.smtp_from,
            settings.smtp_security,
            str(settings.smtp_ca_file or ""),
        )
    )


def from_settings(settings: Settings, sms_client: httpx.Client | None = None) -> Messenger:
    """The shop's channels: Aliyun SMS when MERCATO_ALIYUN_SMS_ACCESS_KEY_ID is set, SMTP
    when MERCATO_SMTP_HOST is; in the demo (MERCATO_MESSAGES_SANDBOX) both go to the fakes
    whose inbox is at /sandbox/messages/."""
    sms, codes = _sms(settings, sms_client)
    return Messenger(sms, codes, _email(settings))


def send(tx: Session, messenger: Messenger, message: Message) -> Sent:
    """Deliver `message` in the merchant's wording of its kind and language (their e-mail
    text, their approved SMS template code), else the built-in; one query in `tx`. Errors as
    Messenger.send."""
    return messenger.send(message, wording.stored(tx, message.kind))


def wording_of(tx: Session, kind: str) -> dict[str, Wording]:
    """The merchant's wording of `kind` by language (one query), for a caller that sends
    later, outside its transaction: `messenger.send(message, wording_of(tx, kind))`."""
    return wording.stored(tx, kind)


def offers(tx: Session, messenger: Messenger, channel: Channel, kind: str) -> bool:
    """Whether `messenger` can send `kind` by `channel`: for SMS, a template code from the
    settings or one the merchant entered (looked up only when the settings have none)."""
    if messenger.offers(channel, kind):
        return True
    if channel != "sms" or messenger.sms is None:
        return False
    return messenger.offers(channel, kind, wording.stored(tx, kind))
