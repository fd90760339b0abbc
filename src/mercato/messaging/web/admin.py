"""Customer notifications (/admin/messages): the merchant's wording of each message the shop
sends, per kind and language. E-mail subject and text are theirs to write; a text message in
mainland China must use a template approved at Aliyun, so for SMS they enter the approved
template code, and the page shows the built-in text to get approved."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.messaging.domain import LANGUAGES, InvalidWording, Wording
from mercato.messaging.services import templates, wording
from mercato.messaging.web import view
from mercato.messaging.web.view import FormDep
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin/messages", include_in_schema=False, dependencies=[needs("content")])
LIST = "admin/messaging/list.html"
EDIT = "admin/messaging/edit.html"
PREVIEW = "admin/messaging/_preview.html"


def _url(kind: str, locale: str) -> str:
    return f"/admin/messages/{kind}/{locale}"


@router.get("", response_class=HTMLResponse)
def message_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)  # gettext in this worker thread follows the request's language
    sender = view.messenger(request)
    entries = wording.overview(tx)
    kinds = [
        {
            "kind": kind,
            "template": t,
            "entries": [e for e in entries if e.kind == kind],
            "default_codes": {lang: sender.sms_code(kind, lang) for lang in LANGUAGES},
        }
        for kind, t in templates.TEMPLATES.items()
    ]
    ctx = {"kinds": kinds, "languages": view.LANGUAGE_LABELS, "sms_on": sender.sms is not None}
    return render_admin(request, LIST, ctx)


def _edit_page(
    request: Request,
    tx: Session,
    kind: str,
    locale: str,
    typed: Wording | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    entry = wording.entry(tx, kind, locale)
    values = typed or view.shown(entry)
    sender = view.messenger(request)
    ctx: dict[str, Any] = {
        "kind": kind,
        "lang": locale,
        "template": templates.TEMPLATES[kind],
        "entry": entry,
        "values": values,
        "errors": errors or {},
        "value_list": view.values_of(kind),
        "languages": view.LANGUAGE_LABELS,
        "sms_text": templates.sms_text(kind, locale),
        "default_code": sender.sms_code(kind, locale),
        "sms_on": sender.sms is not None,
        "action": _url(kind, locale),
        **view.preview(kind, locale, values),
    }
    return render_admin(request, EDIT, ctx, status=422 if errors else 200)


@router.get("/{kind}/{locale}", response_class=HTMLResponse)
def edit(
    request: Request, kind: str, locale: str, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep
) -> Response:
    current_locale.set(loc)
    return _edit_page(request, tx, kind, locale)


@router.post("/{kind}/{locale}", response_class=HTMLResponse)
def save(
    request: Request,
    kind: str,
    locale: str,
    staff: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    tx: TxDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    typed = view.typed(form)
    try:
        wording.save(tx, kind, locale, typed, staff.email)
    except InvalidWording as exc:  # checked before any write: nothing is stored
        return _edit_page(request, tx, kind, locale, typed, view.field_errors(exc))
    flash = _("Saved: %(message)s (%(language)s)") % {
        "message": _(templates.TEMPLATES[kind].title),
        "language": _(view.LANGUAGE_LABELS[locale]),
    }
    return RedirectResponse(f"/admin/messages?flash={quote(flash)}", status_code=303)


@router.post("/{kind}/{locale}/preview", response_class=HTMLResponse)
def preview(
    request: Request, kind: str, locale: str, _c: CsrfDep, form: FormDep, loc: LocaleDep
) -> Response:
    """The preview card for what is typed (htmx, as the merchant types)."""
    current_locale.set(loc)
    wording.template_of(kind, locale)
    return render_admin(request, PREVIEW, view.preview(kind, locale, view.typed(form)))


@router.post("/{kind}/{locale}/restore")
def restore(
    kind: str, locale: str, _s: StaffPageDep, _c: CsrfDep, tx: TxDep, loc: LocaleDep
) -> Response:
    current_locale.set(loc)
    wording.restore(tx, kind, locale)
    flash = quote(_("The built-in wording is back"))
    return RedirectResponse(f"{_url(kind, locale)}?flash={flash}", status_code=303)
