"""Category tree: view, create, edit (including moving under another parent), delete."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog import domain
from mercato.catalog.adapters.queries import admin as q
from mercato.catalog.adapters.queries import returns, tax
from mercato.catalog.adapters.tables import Category
from mercato.catalog.services import taxonomy
from mercato.catalog.web import forms
from mercato.catalog.web.admin.common import FormDep, done, invalid
from mercato.catalog.web.forms import FieldErrors, Values
from mercato.catalog.web.pages.promises import returns_text
from mercato.kernel.errors import NotFound
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("catalog")])

LIST_TEMPLATE = "admin/catalog/categories.html"
EDIT_TEMPLATE = "admin/catalog/category_edit.html"
FIELDS = ("slug", "name_zh", "name_en", "parent_id", "position", "returns_days", "tax_rate_bp")
RETURNS_CHOICES = (0, 7, 15, 30)
# The VAT rate select: (basis points, label), 13% first (most goods); the top level's default.
TAX_CHOICES = [(str(bp), f"{bp / 100:g}%") for bp in sorted(domain.TAX_RATES_BP, reverse=True)]
TAX_DEFAULT = f"{tax.DEFAULT_RATE_BP / 100:g}%"


def _load(tx: Session, category_id: int) -> Category:
    found = q.get(tx, Category, category_id)
    if found is None:
        raise NotFound("catalog.category_not_found", "No such category", "category_id")
    return found


def _stored(cat: Category) -> Values:
    return {
        "slug": cat.slug,
        "name_zh": cat.name_zh,
        "name_en": cat.name_en,
        "parent_id": str(cat.parent_id or ""),
        "position": str(cat.position),
        "returns_days": "" if cat.returns_days is None else str(cat.returns_days),
        "tax_rate_bp": "" if cat.tax_rate_bp is None else str(cat.tax_rate_bp),
    }


def _returns_choices(stored: str) -> list[tuple[str, str]]:
    """The select's (value, label): the usual choices, and a stored value that is not one."""
    days = sorted({*RETURNS_CHOICES, *([int(stored)] if stored.isdigit() else [])})
    return [(str(d), returns_text(d)) for d in days]


def _list_ctx(tx: Session, values: Values | None = None) -> dict[str, Any]:
    tree = q.category_options(tx, current_locale.get())
    values = values or dict.fromkeys(FIELDS, "")
    days = returns.for_categories(tx, [c.id for c in tree])
    return {
        "tree": tree,
        "values": values,
        "returns": {i: returns_text(d) for i, d in days.items()},
        "returns_choices": _returns_choices(values["returns_days"]),
        "tax_choices": TAX_CHOICES,
        "tax_default": TAX_DEFAULT,
    }


def _edit_ctx(
    tx: Session, category_id: int, values: Values | None = None, action: FieldErrors | None = None
) -> dict[str, Any]:
    cat = _load(tx, category_id)
    values = values or _stored(cat)
    return {
        "category": cat,
        "tree": q.category_options(tx, current_locale.get()),
        "values": values,
        "action_errors": action or FieldErrors(),
        "returns_choices": _returns_choices(values["returns_days"]),
        "tax_choices": TAX_CHOICES,
        "tax_default": TAX_DEFAULT,
        "returns_now": returns_text(returns.for_categories(tx, [category_id])[category_id]),
    }


def _save(tx: Session, category_id: int | None, values: Values, errors: FieldErrors) -> None:
    forms.precheck_named(values, errors, limits={"slug": 80})
    parent_id = forms.record_id(values["parent_id"], "parent_id", errors, required=False)
    position = forms.whole_number(values["position"], "position", errors)
    returns_days = _choice(values["returns_days"], "returns_days", errors)
    tax_rate_bp = _choice(values["tax_rate_bp"], "tax_rate_bp", errors)
    if parent_id is not None and q.get(tx, Category, parent_id) is None:
        errors.add("parent_id", _("No such category"))
    if errors or position is None:
        return
    errors.check(
        lambda: taxonomy.save_category(
            tx,
            category_id,
            values["slug"],
            values["name_zh"],
            values["name_en"],
            parent_id,
            position,
            returns_days,
            tax_rate_bp,
        )
    )


def _choice(raw: str, field: str, errors: FieldErrors) -> int | None:
    """A select's choice: None (as the parent category) when empty, else a whole number (days
    of no-reason returns, a VAT rate in basis points: the domain checks which are allowed).
    ASCII digits only, at most 9: int() refuses other digits ("²") and very long numbers."""
    raw = raw.strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        errors.add(field, _("Choose one of the listed values"))
        return None
    return int(raw)


@router.get("/categories", response_class=HTMLResponse)
def category_list(request: Request, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep) -> Response:
    return render_admin(request, LIST_TEMPLATE, {**_list_ctx(tx), "errors": FieldErrors()})


@router.post("/categories", response_class=HTMLResponse)
def create_category(
    request: Request,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    values = forms.named_values(form, FIELDS)
    errors = FieldErrors()
    _save(tx, None, values, errors)
    if errors:
        return invalid(request, tx, LIST_TEMPLATE, lambda: _list_ctx(tx, values), errors)
    return done("/admin/categories", _("Category created"))


@router.get("/categories/{category_id}", response_class=HTMLResponse)
def edit_category(
    request: Request, category_id: int, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep
) -> Response:
    ctx = {**_edit_ctx(tx, category_id), "errors": FieldErrors()}
    return render_admin(request, EDIT_TEMPLATE, ctx)


@router.post("/categories/{category_id}", response_class=HTMLResponse)
def update_category(
    request: Request,
    category_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    _load(tx, category_id)
    values = forms.named_values(form, FIELDS)
    errors = FieldErrors()
    _save(tx, category_id, values, errors)
    if errors:
        return invalid(
            request, tx, EDIT_TEMPLATE, lambda: _edit_ctx(tx, category_id, values), errors
        )
    return done("/admin/categories", _("Category saved"))


@router.post("/categories/{category_id}/delete", response_class=HTMLResponse)
def delete_category(
    request: Request,
    category_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
) -> Response:
    errors = FieldErrors()
    _load(tx, category_id)
    errors.check(lambda: taxonomy.delete_category(tx, category_id), "category_id")
    if errors:
        return invalid(
            request,
            tx,
            EDIT_TEMPLATE,
            lambda: _edit_ctx(tx, category_id, action=errors),
            FieldErrors(),
        )
    return done("/admin/categories", _("Category deleted"))
