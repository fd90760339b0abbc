"""Send a message by the channel its recipient calls for (an @ makes it e-mail)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Protocol

from mercato.messaging.domain import (
    Channel,
    Message,
    MessagingUnavailable,
    Sent,
    check_recipient,
)
from mercato.messaging.services import templates

log = logging.getLogger(__name__)


class SmsSender(Protocol):
    def send(
        self, phone: str, template_code: str, params: Mapping[str, str], out_id: str = ""
    ) -> str: ...


class EmailSender(Protocol):
    def send(self, to: str, subject: str, text: str) -> str: ...


def _off(channel: Channel) -> MessagingUnavailable:
    text = (
        "This shop does not send text messages"
        if channel == "sms"
        else "This shop does not send e-mail"
    )
    error = MessagingUnavailable(f"messaging.{channel}_off", text)
    error.transient = False
    return error


class Messenger:
    """The shop's channels: either may be missing (not configured)."""

    def __init__(
        self,
        sms: SmsSender | None = None,
        sms_templates: Mapping[str, str] | None = None,
        email: EmailSender | None = None,
    ) -> None:
        self.sms, self.email = sms, email
        self.sms_templates = dict(sms_templates or {})

    def offers(self, channel: Channel, kind: str = "") -> bool:
        """Whether `channel` is configured (for SMS: with a template for `kind`, if given)."""
        if channel == "email":
            return self.email is not None
        return self.sms is not None and (
            not kind
            or any(
                templates.sms_template_code(self.sms_templates, kind, loc)
                for loc in ("zh_CN", "en")
            )
        )

    def send(self, message: Message) -> Sent:
        """Deliver `message`; RecipientRefused, MessagingLimited or MessagingUnavailable
        (logged with the provider's detail) when it cannot go."""
        channel, to = check_recipient(message.to)
        templates.template(message.kind, message.params)
        try:
            reference = self._send(channel, to, message)
        except MessagingUnavailable as exc:
            log.warning("%s to %s failed: %s (%s)", message.kind, channel, exc.code, exc.detail)
            raise
        return Sent(channel, to, reference)

    def _send(self, channel: Channel, to: str, message: Message) -> str:
        if channel == "sms":
            code = templates.sms_template_code(self.sms_templates, message.kind, message.locale)
            if self.sms is None or not code:
                raise _off("sms")
            return self.sms.send(to, code, message.params)
        if self.email is None:
            raise _off("email")
        subject, body = templates.render_email(message.kind, message.params, message.locale)
        return self.email.send(to, subject, body)
