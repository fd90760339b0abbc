"""A product's pictures, from its edit page: upload several (each checked to be a real JPEG,
PNG or WebP picture of at most 5 MB; one bad file and none is added), add one by address,
move one earlier or later (buttons, no script needed) or set the whole order (drag and drop),
make one the main picture, delete one (its files go after the commit)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask
from starlette.datastructures import UploadFile

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog.adapters import picture_files
from mercato.catalog.services import pictures
from mercato.catalog.web import forms
from mercato.catalog.web.admin import product_page as page
from mercato.catalog.web.admin.common import FormDep, done, ids_param, media_dir
from mercato.catalog.web.forms import message_for
from mercato.kernel.errors import DomainError
from mercato.platform.db import Database
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("catalog")])
MAX_REQUEST = page.MAX_FILES * picture_files.MAX_BYTES + 64 * 1024
Upload = list[tuple[str, bytes | None]]  # file name, content (None: over the size limit)


class UploadTooLarge(DomainError):
    status = 413

    def __init__(self) -> None:
        super().__init__(
            "catalog.upload_too_large", "Upload at most 10 pictures of 5 MB each at once", "file"
        )


def limit_upload(request: Request) -> None:
    """Refuse an oversized body before anything reads it (the CSRF check parses the form)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_REQUEST:
        raise UploadTooLarge()


async def read_pictures(request: Request) -> Upload:
    form = await request.form()
    files = [f for f in form.getlist("pictures") if isinstance(f, UploadFile) and f.filename]
    if len(files) > page.MAX_FILES:
        raise UploadTooLarge()
    out: Upload = []
    for f in files:
        data = await f.read(picture_files.MAX_BYTES + 1)
        out.append((str(f.filename)[:120], data if len(data) <= picture_files.MAX_BYTES else None))
    return out


LimitDep = Annotated[None, Depends(limit_upload)]
PicturesDep = Annotated[Upload, Depends(read_pictures)]


def _refused(
    request: Request, db: Database, product_id: int, errors: list[str], status: int
) -> Response:
    with db.reading() as tx:
        ctx = page.edit_context(tx, product_id, picture_errors=errors)
        return render_admin(request, page.EDIT_TEMPLATE, ctx, status)


def _checked(upload: Upload) -> tuple[list[tuple[bytes, Any]], list[str], bool]:
    """(content, decoded picture) of each file, the files' errors, and whether one is too big."""
    good: list[tuple[bytes, Any]] = []
    errors: list[str] = []
    too_big = False
    for name, data in upload:
        if data is None:
            too_big = True
            errors.append(f"{name}: {_('A picture may be at most 5 MB')}")
            continue
        try:
            good.append((data, picture_files.check(data)))
        except DomainError as exc:
            too_big = too_big or exc.status == 413
            errors.append(f"{name}: {message_for(exc)}")
    if not upload:
        errors.append(_("Choose one or more pictures to upload"))
    return good, errors, too_big


@router.post("/products/{product_id}/pictures", response_class=HTMLResponse)
def upload_pictures(
    request: Request,
    product_id: int,
    _staff: StaffPageDep,
    _limit: LimitDep,
    _csrf: CsrfDep,
    upload: PicturesDep,
    db: DbDep,
    _loc: LocaleDep,
) -> Response:
    with db.reading() as tx:
        page.load_product(tx, product_id)  # 404 before any file is written
    good, errors, too_big = _checked(upload)
    if errors:
        return _refused(request, db, product_id, errors, 413 if too_big else 422)
    media = media_dir(request)
    stored = [picture_files.store(media, product_id, data, img) for data, img in good]
    try:
        added = db.unit(lambda tx: pictures.add_uploads(tx, product_id, stored))
    except DomainError as exc:
        files = [u for s in stored for u in (s.url, s.thumb_url, s.original_url)]
        with db.reading() as tx:
            picture_files.remove(media, pictures.unused(tx, files))
        return _refused(request, db, product_id, [message_for(exc)], 422)
    message = _("%(n)s pictures added") % {"n": added}
    return done(f"/admin/products/{product_id}#pictures", message)


def _change(
    request: Request, tx: Session, product_id: int, work: Callable[[], object]
) -> Response | None:
    """Run one gallery change; a refusal re-renders the edit page with the message."""
    page.load_product(tx, product_id)
    try:
        work()
    except DomainError as exc:
        if exc.status == 404:
            raise
        tx.rollback()
        ctx = page.edit_context(tx, product_id, picture_errors=[message_for(exc)])
        return render_admin(request, page.EDIT_TEMPLATE, ctx, 422)
    return None


def _back(product_id: int) -> Response:
    return done(f"/admin/products/{product_id}#pictures", _("Pictures saved"))


@router.post("/products/{product_id}/pictures/address", response_class=HTMLResponse)
def add_address(
    request: Request, product_id: int, _s: StaffPageDep, _c: CsrfDep, tx: TxDep, form: FormDep
) -> Response:
    work = partial(pictures.add_address, tx, product_id, forms.text(form, "picture_url"))
    return _change(request, tx, product_id, work) or _back(product_id)


@router.post("/products/{product_id}/pictures/order", response_class=HTMLResponse)
def set_order(
    request: Request, product_id: int, _s: StaffPageDep, _c: CsrfDep, tx: TxDep, form: FormDep
) -> Response:
    order = ids_param(forms.texts(form, "order"))
    work = partial(pictures.reorder, tx, product_id, order)
    return _change(request, tx, product_id, work) or _back(product_id)


@router.post("/products/{product_id}/pictures/{image_id}/move", response_class=HTMLResponse)
def move(
    request: Request,
    product_id: int,
    image_id: int,
    _s: StaffPageDep,
    _c: CsrfDep,
    tx: TxDep,
    form: FormDep,
) -> Response:
    step = -1 if forms.text(form, "step") == "-1" else 1
    work = partial(pictures.move, tx, product_id, image_id, step)
    return _change(request, tx, product_id, work) or _back(product_id)


@router.post("/products/{product_id}/pictures/{image_id}/main", response_class=HTMLResponse)
def make_main(
    request: Request, product_id: int, image_id: int, _s: StaffPageDep, _c: CsrfDep, tx: TxDep
) -> Response:
    work = partial(pictures.make_main, tx, product_id, image_id)
    return _change(request, tx, product_id, work) or _back(product_id)


@router.post("/products/{product_id}/pictures/{image_id}/delete", response_class=HTMLResponse)
def delete(
    request: Request, product_id: int, image_id: int, _s: StaffPageDep, _c: CsrfDep, tx: TxDep
) -> Response:
    files: list[str] = []

    def work() -> None:
        files.extend(pictures.remove(tx, product_id, image_id))

    refused = _change(request, tx, product_id, work)
    if refused is not None:
        return refused
    response = done(f"/admin/products/{product_id}#pictures", _("Picture deleted"))
    # After the response, so after the commit: a rolled-back delete keeps its files.
    response.background = BackgroundTask(picture_files.remove, media_dir(request), files)
    return response
