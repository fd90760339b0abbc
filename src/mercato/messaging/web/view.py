"""What the notification pages show besides the stored rows: labels, the values a kind may
use, the shop's configured SMS codes, and the form's fields read back."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.datastructures import FormData

from mercato.messaging import public as messaging
from mercato.messaging.domain import InvalidWording, Wording
from mercato.messaging.services import templates, wording
from mercato.platform.i18n import N_
from mercato.platform.i18n import gettext_ as _

LANGUAGE_LABELS = {"zh_CN": N_("Chinese"), "en": N_("English")}
VALUE_LABELS = {
    "code": N_("the verification code"),
    "minutes": N_("how many minutes the code stays valid"),
    "order": N_("the order number"),
}


async def _form(request: Request) -> FormData:
    return await request.form()


FormDep = Annotated[FormData, Depends(_form)]


def messenger(request: Request) -> messaging.Messenger:
    """The app's Messenger, as the senders build it (its configured SMS codes are the
    defaults the merchant's codes replace)."""
    state = request.app.state
    found: messaging.Messenger | None = getattr(state, "messenger", None)
    if found is None:
        found = state.messenger = messaging.from_settings(state.settings)
    return found


def typed(form: FormData) -> Wording:
    def text(name: str) -> str:
        value = form.get(name)
        return value if isinstance(value, str) else ""

    return Wording(text("subject"), text("body"), text("sms_code"))


def field_errors(exc: InvalidWording) -> dict[str, str]:
    """Each wrong field's reason in the staff member's language."""
    return {f: _(msgid) % vals if vals else _(msgid) for f, (msgid, vals) in exc.errors.items()}


def preview(kind: str, locale: str, shown: Wording) -> dict[str, Any]:
    """The e-mail with sample values, or why it cannot be sent as typed."""
    try:
        subject, body = wording.preview(kind, locale, shown)
    except InvalidWording as exc:
        return {"preview_errors": field_errors(exc)}
    return {"preview_subject": subject, "preview_body": body, "preview_errors": {}}


def values_of(kind: str) -> list[tuple[str, str, bool]]:
    """(placeholder, what it stands for, required) for the kind's values."""
    t = templates.TEMPLATES[kind]
    return [(f"%({p})s", _(VALUE_LABELS.get(p, p)), p in t.required) for p in t.params]


def shown(entry: wording.Entry) -> Wording:
    """What the form starts with: the merchant's text, else the built-in."""
    subject, body = templates.default_text(entry.kind, entry.locale)
    w = entry.wording
    return Wording(w.subject or subject, w.body or body, w.sms_code or "")
