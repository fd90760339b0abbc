"""The messages the shop sends. E-mail is rendered here from gettext msgids in the message's
language. A text message in mainland China must use a template approved at Aliyun, so for
SMS a kind names the shop's template code (settings: MERCATO_ALIYUN_SMS_TEMPLATES, a JSON
object from kind, or "kind.en" for the English version, to TemplateCode) and its parameters
are sent as TemplateParam. The merchant may replace either in the admin (a Wording per kind
and language, services.wording); what is here is the built-in default."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from mercato.messaging.domain import Wording
from mercato.platform.i18n import LOCALES, N_, current_locale
from mercato.platform.i18n import gettext_ as _


@dataclass(frozen=True, slots=True)
class Template:
    subject: str  # msgids; the body takes %(name)s parameters
    body: str
    params: tuple[str, ...]  # what the caller must give (also the SMS template's ${name}s)
    required: tuple[str, ...]  # what an edited body cannot leave out (the customer needs it)
    title: str  # msgids for the admin: what the message is, when the shop sends it
    about: str


TEMPLATES: dict[str, Template] = {
    "verification_code": Template(
        N_("Your verification code"),
        N_(
            "Your verification code is %(code)s. It is valid for %(minutes)s minutes. "
            "Do not share it with anyone. If you did not ask for it, ignore this message."
        ),
        ("code", "minutes"),
        ("code",),
        N_("Verification code"),
        N_("The one-time code a customer asks for to reset their password."),
    ),
    # Logistics issues, told once per cause (logistics.issue_opened).
    "out_of_stock": Template(
        N_("About your order %(order)s"),
        N_(
            "Some goods of your order %(order)s are short at the warehouse. We are on it "
            "and customer service will contact you shortly."
        ),
        ("order",),
        ("order",),
        N_("Goods out of stock"),
        N_("Sent once when goods of a paid order are short at the warehouse."),
    ),
    "no_tracking": Template(
        N_("About your parcel for order %(order)s"),
        N_(
            "Your parcel for order %(order)s has had no tracking update for a while. We are "
            "checking with the carrier."
        ),
        ("order",),
        ("order",),
        N_("No tracking update"),
        N_("Sent once when a parcel has had no tracking update for a while."),
    ),
    "delivery_failed": Template(
        N_("About your parcel for order %(order)s"),
        N_(
            "The carrier could not deliver your parcel for order %(order)s. We will arrange "
            "another delivery; contact us if the address must change."
        ),
        ("order",),
        ("order",),
        N_("Delivery failed"),
        N_("Sent once when the carrier could not deliver a parcel."),
    ),
    # Presale (presale.remind_balances): once per order, before its balance window closes.
    "balance_due": Template(
        N_("The balance of your presale order %(order)s"),
        N_(
            "Your deposit for order %(order)s is in. Pay the balance of ¥%(amount)s by "
            "%(until)s, or the order ends."
        ),
        ("order", "amount", "until"),
        ("order", "until"),
        N_("Presale balance due"),
        N_("Sent once to each presale order with its deposit paid, before the balance "
           "window closes."),
    ),
}


def template(kind: str, params: Mapping[str, str]) -> Template:
    """The template of `kind`; ValueError (a programming error) for an unknown kind or
    missing parameters."""
    found = TEMPLATES.get(kind)
    if found is None:
        raise ValueError(f"no message template {kind!r}")
    missing = [p for p in found.params if p not in params]
    if missing:
        raise ValueError(f"message {kind!r} needs {', '.join(missing)}")
    return found


@contextmanager
def in_locale(locale: str) -> Iterator[None]:
    token = current_locale.set(locale if locale in LOCALES else "zh_CN")
    try:
        yield
    finally:
        current_locale.reset(token)


def default_text(kind: str, locale: str) -> tuple[str, str]:
    """The built-in (subject, body) of `kind` in `locale`, values not filled in."""
    t = TEMPLATES[kind]
    with in_locale(locale):
        return _(t.subject), _(t.body)


def render_email(
    kind: str, params: Mapping[str, str], locale: str, wording: Wording | None = None
) -> tuple[str, str]:
    """(subject, body) in `locale`: the merchant's wording where they wrote one, else the
    built-in. Both take the values (a subject names the order too)."""
    template(kind, params)
    subject, body = default_text(kind, locale)
    if wording is not None:
        subject, body = wording.subject or subject, wording.body or body
    values = dict(params)
    return subject % values, body % values


def sms_text(kind: str, locale: str) -> str:
    """The built-in body as an Aliyun template (values as ${name}): what to get approved."""
    return re.sub(r"%\((\w+)\)s", r"${\1}", default_text(kind, locale)[1]).replace("%%", "%")


def sms_template_code(codes: Mapping[str, str], kind: str, locale: str) -> str:
    """The TemplateCode for `kind` in `locale` ("kind.en"), else the default one ("kind")."""
    short = "en" if locale == "en" else "zh_CN"
    return codes.get(f"{kind}.{short}") or codes.get(kind) or ""
