"""The merchant's wording of the shop's messages: loaded for a send, saved from the admin
(checked first: nothing is written when a field is wrong), restored to the built-in, and
listed for the admin. Text equal to the built-in is kept as NULL, so it goes on following
the translations (and the list shows it as the default)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from mercato.kernel.errors import NotFound
from mercato.messaging.adapters import repository
from mercato.messaging.adapters.tables import MessageTemplate
from mercato.messaging.domain import LANGUAGES, Wording, check_wording
from mercato.messaging.services import templates
from mercato.messaging.services.templates import Template
from mercato.platform import clock

# What the admin's preview fills the values with: realistic, so the merchant sees the length.
SAMPLES = {"code": "246810", "minutes": "10", "order": "2612121234567890"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One kind in one language as the admin lists it: the stored wording (all None when
    there is no row) and who changed it last."""

    kind: str
    locale: str
    wording: Wording
    updated_at: datetime | None = None
    updated_by: str = ""

    @property
    def email_customised(self) -> bool:
        return self.wording.subject is not None or self.wording.body is not None


def _wording(row: MessageTemplate) -> Wording:
    return Wording(row.subject, row.body, row.sms_code)


def stored(tx: Session, kind: str) -> dict[str, Wording]:
    """The merchant's wording of `kind` by language (one query); empty when none."""
    return {row.locale: _wording(row) for row in repository.of_kind(tx, kind)}


def template_of(kind: str, locale: str) -> Template:
    """The kind's built-in template; NotFound for an unknown kind or language."""
    found = templates.TEMPLATES.get(kind)
    if found is None or locale not in LANGUAGES:
        raise NotFound("messaging.no_template", "There is no such message")
    return found


def entry(tx: Session, kind: str, locale: str) -> Entry:
    template_of(kind, locale)
    row = repository.get(tx, kind, locale)
    if row is None:
        return Entry(kind, locale, Wording())
    return Entry(kind, locale, _wording(row), row.updated_at, row.updated_by)


def overview(tx: Session) -> list[Entry]:
    """Every kind in every language, in the order of TEMPLATES."""
    rows = {(r.kind, r.locale): r for r in repository.every(tx)}
    out = []
    for kind in templates.TEMPLATES:
        for locale in LANGUAGES:
            row = rows.get((kind, locale))
            if row is None:
                out.append(Entry(kind, locale, Wording()))
            else:
                out.append(Entry(kind, locale, _wording(row), row.updated_at, row.updated_by))
    return out


def cleaned(kind: str, locale: str, typed: Wording) -> Wording:
    """What the form sent, as it would be stored: trimmed, line ends as \\n, the built-in
    text and a blank code as None."""
    subject, body = templates.default_text(kind, locale)
    typed_subject = (typed.subject or "").strip()
    typed_body = (typed.body or "").replace("\r\n", "\n").strip()
    return Wording(
        None if typed_subject == subject else typed_subject,
        None if typed_body == body else typed_body,
        (typed.sms_code or "").strip() or None,
    )


def save(tx: Session, kind: str, locale: str, typed: Wording, who: str) -> None:
    """Check, then store (InvalidWording and nothing written when a field is wrong). All
    built-in again: the row goes, as with `restore`."""
    template = template_of(kind, locale)
    wording = cleaned(kind, locale, typed)
    check_wording(wording, template.params, template.required)
    row = repository.get(tx, kind, locale)
    if wording == Wording():
        if row is not None:
            tx.delete(row)
        return
    if row is None:
        row = MessageTemplate(kind=kind, locale=locale)
        tx.add(row)
    row.subject, row.body, row.sms_code = wording.subject, wording.body, wording.sms_code
    row.updated_at, row.updated_by = clock.utcnow(), who


def restore(tx: Session, kind: str, locale: str) -> None:
    """Back to the built-in wording and the configured SMS code."""
    template_of(kind, locale)
    row = repository.get(tx, kind, locale)
    if row is not None:
        tx.delete(row)


def preview(kind: str, locale: str, typed: Wording) -> tuple[str, str]:
    """The e-mail (subject, body) as a customer would get it, with sample values;
    InvalidWording when the text cannot be sent."""
    template = template_of(kind, locale)
    wording = cleaned(kind, locale, Wording(typed.subject, typed.body))
    check_wording(wording, template.params, template.required)
    return templates.render_email(kind, SAMPLES, locale, wording)
