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


# --- the merchant's wording of a message (edited in the admin) ---

LANGUAGES = ("zh_CN", "en")
SMS_CODE_RE = re.compile(r"^SMS_\d{6,12}$")
MAX_SUBJECT = 150
MAX_BODY = 2000
# A value is written %(name)s and a percent sign %%; any other % is a mistake (Python's %
# formatting would fail or print something odd in the customer's message).
_TOKEN = re.compile(r"%(?:\((?P<name>[^()%]*)\)s|(?P<percent>%))?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FieldError = tuple[str, dict[str, str]]  # (msgid, its %(name)s values)


@dataclass(frozen=True, slots=True)
class Wording:
    """The merchant's version of one kind of message in one language; None keeps the
    built-in one (the gettext msgid in that language, the shop's configured SMS code)."""

    subject: str | None = None
    body: str | None = None
    sms_code: str | None = None


class InvalidWording(DomainError):
    """Fields of a template are wrong: `errors` maps each to (msgid, values) so the page can
    say it in the staff member's language."""

    def __init__(self, errors: dict[str, FieldError]) -> None:
        field_name, (message, _values) = next(iter(errors.items()))
        super().__init__("messaging.invalid_template", message, field_name)
        self.errors = errors


def language(locale: str) -> str:
    """The template language a message's locale falls back to."""
    return "en" if locale == "en" else "zh_CN"


def placeholders(text: str) -> tuple[list[str], str]:
    """The value names `text` uses, and the first malformed % piece ('' when none)."""
    names: list[str] = []
    for m in _TOKEN.finditer(text):
        if m.group("name") is not None:
            names.append(m.group("name"))
        elif m.group("percent") is None:
            return names, text[m.start() : m.start() + 12]
    return names, ""


def _text_error(
    text: str, limit: int, known: tuple[str, ...], required: tuple[str, ...]
) -> FieldError | None:
    """The first thing wrong with `text` (one clear reason per field), else None."""
    if not text.strip():
        return "Write the text here", {}
    if len(text) > limit:
        return "Too long: at most %(n)s characters", {"n": str(limit)}
    if _CONTROL.search(text):
        return "Remove the control characters from the text", {}
    names, broken = placeholders(text)
    if broken:
        return "Write a value as %(example)s and a percent sign as %(percent)s: check “%(near)s”", {
            "example": "%(" + (known[0] if known else "name") + ")s",
            "percent": "%%",
            "near": broken,
        }
    unknown = sorted({n for n in names if n not in known})
    if unknown:
        return "Unknown value %(found)s; this message can use %(known)s", {
            "found": ", ".join(f"%({n})s" for n in unknown),
            "known": ", ".join(f"%({n})s" for n in known),
        }
    missing = [n for n in required if n not in names]
    if missing:
        return "The customer needs %(missing)s in this text", {
            "missing": ", ".join(f"%({n})s" for n in missing)
        }
    return None


def check_wording(wording: Wording, known: tuple[str, ...], required: tuple[str, ...]) -> None:
    """InvalidWording listing every wrong field. The subject may use the kind's values; the
    body must also carry the required ones (the code, the order number)."""
    errors: dict[str, FieldError] = {}
    if wording.subject is not None:
        found = _text_error(wording.subject, MAX_SUBJECT, known, ())
        if found is None and ("\n" in wording.subject or "\r" in wording.subject):
            found = "The subject must be one line", {}
        if found:
            errors["subject"] = found
    if wording.body is not None:
        found = _text_error(wording.body, MAX_BODY, known, required)
        if found:
            errors["body"] = found
    if wording.sms_code is not None and not SMS_CODE_RE.match(wording.sms_code):
        errors["sms_code"] = (
            "Enter the template code as Aliyun shows it, like %(example)s",
            {"example": "SMS_123456789"},
        )
    if errors:
        raise InvalidWording(errors)
