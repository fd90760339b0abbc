"""Knowledge-base articles (ingredients, care, usage, FAQ) linked to products by slug or SKU."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog import domain
from mercato.catalog.adapters.queries import admin as q
from mercato.catalog.adapters.tables import Article
from mercato.catalog.services import knowledge
from mercato.catalog.web import forms
from mercato.catalog.web.admin.common import FormDep, done, invalid
from mercato.catalog.web.forms import FieldErrors, Values
from mercato.kernel.errors import NotFound
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("content")])

LIST_TEMPLATE = "admin/catalog/articles.html"
FORM_TEMPLATE = "admin/catalog/article_form.html"
FIELDS = ("slug", "kind", "title_zh", "title_en", "body_zh", "body_en", "products")


def _load(tx: Session, article_id: int) -> Article:
    found = q.get(tx, Article, article_id)
    if found is None:
        raise NotFound("catalog.article_not_found", "No such article", "article_id")
    return found


def _stored(tx: Session, art: Article) -> Values:
    values: Values = {name: getattr(art, name) for name in FIELDS if name != "products"}
    values["products"] = "\n".join(q.article_product_slugs(tx, art.id))
    return values


def _form_ctx(article_id: int | None, values: Values) -> dict[str, Any]:
    return {"article_id": article_id, "values": values, "kinds": domain.ARTICLE_KINDS}


def _save(tx: Session, article_id: int | None, values: Values, errors: FieldErrors) -> None:
    for name in ("title_zh", "title_en"):
        errors.check(partial(domain.check_name, values[name], name))
    errors.check(lambda: domain.check_slug(values["slug"]))
    product_ids, unknown = q.resolve_product_refs(tx, forms.split_refs(values["products"]))
    if unknown:
        message = _("No product has this slug or SKU code: %(refs)s")
        errors.add("products", message % {"refs": ", ".join(unknown)})
    if errors:
        return
    errors.check(
        lambda: knowledge.save_article(
            tx,
            article_id,
            values["slug"],
            values["kind"],
            values["title_zh"],
            values["title_en"],
            values["body_zh"],
            values["body_en"],
            product_ids,
        )
    )


@router.get("/articles", response_class=HTMLResponse)
def article_list(request: Request, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep) -> Response:
    return render_admin(request, LIST_TEMPLATE, {"rows": q.articles(tx)})


@router.get("/articles/new", response_class=HTMLResponse)
def new_article(request: Request, _staff: StaffPageDep, _loc: LocaleDep) -> Response:
    values: Values = dict.fromkeys(FIELDS, "")
    values["kind"] = "usage"
    return render_admin(request, FORM_TEMPLATE, {**_form_ctx(None, values), "errors": {}})


@router.post("/articles", response_class=HTMLResponse)
def create_article(
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
        return invalid(request, tx, FORM_TEMPLATE, lambda: _form_ctx(None, values), errors)
    return done("/admin/articles", _("Article created"))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def edit_article(
    request: Request, article_id: int, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep
) -> Response:
    values = _stored(tx, _load(tx, article_id))
    return render_admin(request, FORM_TEMPLATE, {**_form_ctx(article_id, values), "errors": {}})


@router.post("/articles/{article_id}", response_class=HTMLResponse)
def update_article(
    request: Request,
    article_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    _load(tx, article_id)
    values = forms.named_values(form, FIELDS)
    errors = FieldErrors()
    _save(tx, article_id, values, errors)
    if errors:
        return invalid(request, tx, FORM_TEMPLATE, lambda: _form_ctx(article_id, values), errors)
    return done("/admin/articles", _("Article saved"))


@router.post("/articles/{article_id}/delete", response_class=HTMLResponse)
def delete_article(
    article_id: int, _staff: StaffPageDep, _csrf: CsrfDep, tx: TxDep, _loc: LocaleDep
) -> Response:
    knowledge.delete_article(tx, article_id)
    return done("/admin/articles", _("Article deleted"))
