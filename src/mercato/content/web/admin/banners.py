"""Home banner admin: list, create, edit, delete."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.content import services
from mercato.content.adapters import queries, repository
from mercato.content.adapters.tables import Banner
from mercato.content.domain import InvalidContent
from mercato.content.web.admin import forms
from mercato.content.web.admin.common import FormDep, back, use_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin/banners", include_in_schema=False, dependencies=[needs("content")])
FORM = "admin/content_banner_form.html"


@router.get("", response_class=HTMLResponse)
def banner_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    use_locale(loc)
    return render_admin(request, "admin/content_banners.html", {"banners": queries.all_banners(tx)})


def _form_page(
    request: Request,
    banner: Banner | None,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
) -> Response:
    ctx = {
        "banner": banner,
        "values": values,
        "errors": errors or {},
        "action": f"/admin/banners/{banner.id}" if banner else "/admin/banners",
    }
    return render_admin(request, FORM, ctx, status=422 if errors else 200)


@router.get("/new", response_class=HTMLResponse)
def new_banner(request: Request, _s: StaffPageDep, loc: LocaleDep) -> Response:
    use_locale(loc)
    return _form_page(request, None, forms.banner_values(None))


@router.get("/{banner_id}", response_class=HTMLResponse)
def edit_banner(
    request: Request, banner_id: int, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep
) -> Response:
    use_locale(loc)
    banner = repository.get_banner(tx, banner_id)
    return _form_page(request, banner, forms.banner_values(banner))


def _save(request: Request, tx: Session, banner_id: int | None, form: Any) -> Response:
    banner = repository.get_banner(tx, banner_id) if banner_id else None
    try:
        services.save_banner(tx, banner_id, forms.banner_data(form))
    except InvalidContent as exc:
        values = {
            f: forms.field_text(form, f) for f in (*forms.BANNER_FIELDS, "position", "active")
        }
        return _form_page(request, banner, values, forms.form_errors(exc.errors, []))
    return back("/admin/banners", _("Saved"))


@router.post("", response_class=HTMLResponse)
def create_banner(
    request: Request, _s: StaffPageDep, _c: CsrfDep, form: FormDep, tx: TxDep, loc: LocaleDep
) -> Response:
    use_locale(loc)
    return _save(request, tx, None, form)


@router.post("/{banner_id}", response_class=HTMLResponse)
def update_banner(
    request: Request,
    banner_id: int,
    _s: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    tx: TxDep,
    loc: LocaleDep,
) -> Response:
    use_locale(loc)
    return _save(request, tx, banner_id, form)


@router.post("/{banner_id}/delete")
def delete_banner(
    banner_id: int, _s: StaffPageDep, _c: CsrfDep, tx: TxDep, loc: LocaleDep
) -> Response:
    use_locale(loc)
    services.delete_banner(tx, banner_id)
    return back("/admin/banners", _("Deleted"))
