"""Invoices in the admin (/admin/invoices): every blue and red-letter invoice, newest first,
each as its PDF; and the ERP posting queue's state (/admin/erp)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select

from mercato.access.public import StaffPageDep, needs, render_admin
from mercato.finance.adapters.invoice_table import IssuedInvoice
from mercato.finance.adapters.tables import FinanceEntry
from mercato.finance.web.pages import pdf_response
from mercato.platform.i18n import current_locale
from mercato.web.deps import LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(include_in_schema=False, dependencies=[needs("payments")])
SIZE = 50


@router.get("/admin/invoices", response_class=HTMLResponse)
def invoices(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep,
             page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    current_locale.set(loc)
    total = tx.scalar(select(func.count()).select_from(IssuedInvoice)) or 0
    rows = tx.scalars(select(IssuedInvoice).order_by(IssuedInvoice.id.desc())
                      .offset((page - 1) * SIZE).limit(SIZE)).all()
    entries = {str(s): int(n) for s, n in tx.execute(
        select(FinanceEntry.status, func.count()).group_by(FinanceEntry.status))}
    failing = tx.scalar(select(func.count()).select_from(FinanceEntry)
                        .where(FinanceEntry.status == "pending", FinanceEntry.attempts > 0)) or 0
    ctx = {"rows": rows, "total": total, "page": {"page": page,
                                                  "pages": ((total + SIZE - 1) // SIZE) or 1},
           "entries": entries, "failing": failing,
           "buyers": {r.id: json.loads(r.buyer).get("name", "") for r in rows}}
    return render_admin(request, "admin/finance/invoices.html", ctx)


@router.get("/admin/invoices/{number}.pdf")
def invoice_pdf(number: Annotated[str, Path(pattern=r"^\d{20}$")], _s: StaffPageDep,
                tx: ReadDep) -> Response:
    row = tx.scalars(select(IssuedInvoice).where(IssuedInvoice.number == number)).first()
    return pdf_response(row) if row else Response(status_code=404)
