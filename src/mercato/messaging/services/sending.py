"""Send a message by the channel its recipient calls for (an @ makes it e-mail), in the
merchant's wording when they gave one (`stored`, loaded by the caller: the Messenger itself
never touches the database, so it is built and used without one)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Protocol

from mercato.messaging.domain import (
    Channel,
    Message,
    MessagingUnavailable,
    Sent,
    Wording,
    check_recipient,
    language,
)
from mercato.messaging.services import templates

log = logging.getLogger(__name__)
Stored = Mapping[str, Wording]  # one kind's wording by language (zh_CN, en)


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

    def offers(self, channel: Channel, kind: str = "", stored: Stored | None = None) -> bool:
        """Whether `channel` is configured (for SMS: with a template for `kind`, if given)."""
        if channel == "email":
            return self.email is not None
        return self.sms is not None and (
            not kind or any(self.sms_code(kind, loc, stored) for loc in ("zh_CN", "en"))
        )

    def sms_code(self, kind: str, locale: str, stored: Stored | None = None) -> str:
        """The TemplateCode for `kind` in `locale`: the merchant's own for a language replaces
        the configured one ("kind" for Chinese, which is also the fallback, "kind.en")."""
        codes = dict(self.sms_templates)
        for loc, wording in (stored or {}).items():
            if wording.sms_code:
                codes[kind if loc == "zh_CN" else f"{kind}.en"] = wording.sms_code
        return templates.sms_template_code(codes, kind, locale)

    def send(self, message: Message, stored: Stored | None = None) -> Sent:
        """Deliver `message`; RecipientRefused, MessagingLimited or MessagingUnavailable
        (logged with the provider's detail) when it cannot go."""
        channel, to = check_recipient(message.to)
        templates.template(message.kind, message.params)
        try:
            reference = self._send(channel, to, message, stored or {})
        except MessagingUnavailable as exc:
            log.warning("%s to %s failed: %s (%s)", message.kind, channel, exc.code, exc.detail)
            raise
        return Sent(channel, to, reference)

    def _send(self, channel: Channel, to: str, message: Message, stored: Stored) -> str:
        if channel == "sms":
            code = self.sms_code(message.kind, message.locale, stored)
            if self.sms is None or not code:
                raise _off("sms")
            return self.sms.send(to, code, message.params)
        if self.email is None:
            raise _off("email")
        wording = stored.get(language(message.locale))
        subject, body = templates.render_email(
            message.kind, message.params, message.locale, wording
        )
        return self.email.send(to, subject, body)
