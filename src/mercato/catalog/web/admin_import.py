"""/admin/import: upload products or stock CSV and see every bad row; /admin/export/*.csv."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog.services import csv_io
from mercato.inventory import public as inventory
from mercato.kernel.csvreport import ImportReport
from mercato.kernel.errors import DomainError
from mercato.platform.db import Database
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False)
MAX_UPLOAD = 10 * 1024 * 1024
FORM_SLACK = 64 * 1024  # multipart boundaries and the other fields around the file
BOM = "\ufeff".encode()  # Excel opens a UTF-8 CSV correctly only with it


class UploadTooLarge(DomainError):
    status = 413

    def __init__(self) -> None:
        super().__init__("import.too_large", "The file is larger than 10 MB: split it", "file")


@dataclass(frozen=True, slots=True)
class Upload:
    data: bytes | None
    filename: str
    skip_errors: bool


def limit_upload(request: Request) -> None:
    """Refuse an oversized body before anything reads it (the CSRF check parses the form)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_UPLOAD + FORM_SLACK:
        raise UploadTooLarge()


async def read_upload(request: Request) -> Upload:
    form = await request.form()
    file = form.get("file")
    skip = form.get("skip_errors") in ("1", "on", "true")
    if not isinstance(file, UploadFile) or not file.filename:
        return Upload(None, "", skip)
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise UploadTooLarge()
    return Upload(data, file.filename, skip)


LimitDep = Annotated[None, Depends(limit_upload)]
UploadDep = Annotated[Upload, Depends(read_upload)]


def _page(request: Request, ctx: dict[str, Any], status: int = 200) -> Response:
    base = {"kind": "", "report": None, "error": "", "filename": "", "skip_errors": False}
    return render_admin(request, "admin/import/index.html", {**base, **ctx}, status)


@router.get("/import", response_class=HTMLResponse, dependencies=[needs("catalog")])
def import_page(request: Request, _staff: StaffPageDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _page(request, {})


def _run(request: Request, db: Database, kind: str, upload: Upload, actor: str) -> Response:
    ctx: dict[str, Any] = {
        "kind": kind,
        "filename": upload.filename,
        "skip_errors": upload.skip_errors,
    }
    if upload.data is None:
        return _page(request, {**ctx, "error": _("Choose a CSV file to upload")}, 422)
    importer = csv_io.import_products if kind == "products" else inventory.import_stock_csv
    data = upload.data
    report: ImportReport = db.unit(
        lambda tx: importer(tx, data, skip_errors=upload.skip_errors, progress=None, actor=actor)
    )
    failed = bool(report.errors) and not report.written and not report.unchanged
    return _page(request, {**ctx, "report": report}, 422 if failed else 200)


@router.post("/import/products", response_class=HTMLResponse, dependencies=[needs("catalog")])
def import_products(
    request: Request,
    staff: StaffPageDep,
    _limit: LimitDep,
    _csrf: CsrfDep,
    upload: UploadDep,
    db: DbDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    return _run(request, db, "products", upload, staff.email)


@router.post("/import/stock", response_class=HTMLResponse, dependencies=[needs("stock")])
def import_stock(
    request: Request,
    staff: StaffPageDep,
    _limit: LimitDep,
    _csrf: CsrfDep,
    upload: UploadDep,
    db: DbDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    return _run(request, db, "stock", upload, staff.email)


def _download(data: bytes, filename: str) -> Response:
    return Response(
        BOM + data,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/export/products.csv", dependencies=[needs("catalog")])
def export_products(_staff: StaffPageDep, tx: ReadDep) -> Response:
    return _download(csv_io.export_products(tx), "products.csv")


@router.get("/export/stock.csv", dependencies=[needs("stock")])
def export_stock(_staff: StaffPageDep, tx: ReadDep) -> Response:
    return _download(inventory.export_stock_csv(tx), "stock.csv")
