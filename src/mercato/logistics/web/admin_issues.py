"""The issue queue (/admin/logistics/issues): what needs a person (out of stock when the
order was allocated, tracking gone quiet, a failed delivery), open ones longest waiting first,
resolved ones with who resolved them and their note; resolving one takes a note."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.kernel.errors import DomainError
from mercato.logistics import domain
from mercato.logistics.adapters import admin_queries
from mercato.logistics.adapters.admin_queries import IssueFilter
from mercato.logistics.services import issues
from mercato.logistics.web import admin_forms as forms
from mercato.logistics.web.admin_forms import FormDep
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(
    prefix="/admin/logistics", include_in_schema=False, dependencies=[needs("shipping")]
)
IssueId = Annotated[int, Path(ge=1, le=2**31 - 1)]
MAX_NOTE = 500


def _keep(f: IssueFilter) -> dict[str, str]:
    raw = {"view": f.view if f.view != admin_queries.OPEN_VIEW else "", "cause": f.cause}
    return {k: v for k, v in raw.items() if v}


def issues_page(
    request: Request,
    tx: Session,
    f: IssueFilter,
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    keep = _keep(f)
    ctx = {
        **forms.HELPERS,
        "filter": f,
        "keep": keep,
        "cause_keep": {k: v for k, v in keep.items() if k != "view"},
        "page": admin_queries.list_issues(tx, f),
        "counts": admin_queries.issue_counts(tx, f),
        "causes": domain.CAUSES,
        "resolved_view": f.view == admin_queries.RESOLVED_VIEW,
        "error": "",
        "error_for": 0,
        **(extra or {}),
    }
    return render_admin(request, "admin/logistics/issues.html", ctx, status)


@router.get("/issues", response_class=HTMLResponse)
def issue_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return issues_page(request, tx, forms.parse_issue_filter(request.query_params))


def _back(form: Mapping[str, Any]) -> IssueFilter:
    return forms.parse_issue_filter({k: v for k, v in form.items() if isinstance(v, str)})


@router.post("/issues/{issue_id}/resolve", response_class=HTMLResponse)
def resolve(
    request: Request,
    issue_id: IssueId,
    staff: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    db: DbDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    f = _back(form)
    note = forms.text(form, "note")
    try:
        if len(note) > MAX_NOTE:
            raise DomainError(
                "logistics.note_too_long", "Keep the note under 500 characters", "note"
            )
        db.unit(lambda tx: issues.resolve(tx, issue_id, staff.email, note))
    except DomainError as exc:
        extra = {"error": _(exc.message), "error_for": issue_id, "note": note}
        with db.reading() as tx:
            return issues_page(request, tx, f, extra, exc.status)
    query = urlencode({**_keep(f), "flash": _("Issue resolved.")})
    return RedirectResponse(f"/admin/logistics/issues?{query}", status_code=303)
