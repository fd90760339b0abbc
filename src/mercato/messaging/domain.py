"""What a message is and what can go wrong sending it. Pure: no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from mercato.kernel.errors import DomainError, TooManyRequests

Channel = Literal["sms", "email"]
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[a-zA-Z]{2,}$")


@dataclass(frozen=True, slots=True)
class Message:
    """`kind` names a template (see services.TEMPLATES); `params` fill it; `locale` picks
    its language (zh_CN or en)."""

    kind: str
    to: str
    params: dict[str, str] = field(default_factory=dict)
    locale: str = "zh_CN"


@dataclass(frozen=True, slots=True)
class Sent:
    channel: Channel
    to: str
    reference: str  # the provider's id of the message (Aliyun BizId, SMTP Message-ID)


class RecipientRefused(DomainError):
    """The provider will not deliver to this recipient (not a valid number, refused)."""

    status = 422


class MessagingLimited(TooManyRequests):
    """The provider's own rate limit for this recipient (or the account) was reached."""

    transient = True


class MessagingUnavailable(DomainError):
    """The provider did not answer, failed, or refused the shop's own setup (credentials,
    signature name, template): the shop must look at its logs. `detail` keeps the provider's
    code for them."""

    status = 502
    transient = True

    def __init__(self, code: str, message: str, detail: str = "") -> None:
        super().__init__(code, message)
        self.detail = detail


def channel_of(recipient: str) -> Channel:
    """E-mail for anything with an @, else a text message to a mainland mobile number."""
    return "email" if "@" in recipient else "sms"


def check_recipient(recipient: str) -> tuple[Channel, str]:
    channel = channel_of(recipient)
    value = (recipient or "").strip()
    ok = EMAIL_RE.match(value) if channel == "email" else MOBILE_RE.match(value)
    if not ok or len(value) > 254 or "\r" in value or "\n" in value:
        raise RecipientRefused(
            "messaging.bad_recipient", "This recipient cannot receive messages", "to"
        )
    return channel, value
