"""Settings → audit log: every staff write, who and when, what changed (before → after),
filtered by staff member, text and local days."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response

from mercato.access.public import StaffPageDep, needs
from mercato.access.public import render_admin as render
from mercato.kernel.errors import DomainError
from mercato.kernel.paging import page_count
from mercato.platform import audit, clock
from mercato.web.deps import LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(prefix="/admin/audit", include_in_schema=False, dependencies=[needs("audit")])
PER_PAGE = 50


def _changes(raw: str) -> list[tuple[str, Any, Any]]:
    try:
        data = json.loads(raw)
    except ValueError:
        return [("", raw, "")]
    return [(k, v[0], v[1]) for k, v in data.items() if isinstance(v, list) and len(v) == 2]


@router.get("", response_class=HTMLResponse)
def audit_log(
    request: Request,
    _staff: StaffPageDep,
    tx: ReadDep,
    _loc: LocaleDep,
    actor: Annotated[str, Query(max_length=254)] = "",
    q: Annotated[str, Query(max_length=100)] = "",
    date_from: date | None = None,
    date_to: date | None = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    if date_from and date_to and date_to < date_from:
        raise DomainError("access.bad_range", "The end date is before the start date", "date_to")
    f = audit.Filter(
        actor.strip(),
        q.strip(),
        clock.day_start_utc(date_from) if date_from else None,
        clock.day_end_utc(date_to) if date_to else None,
    )
    total, rows = audit.entries(tx, f, (page - 1) * PER_PAGE, PER_PAGE)
    keep = {"actor": actor, "q": q, "date_from": date_from or "", "date_to": date_to or ""}
    ctx = {
        "rows": [(r, _changes(r.changes)) for r in rows],
        "total": total,
        "page": page,
        "pages": page_count(total, PER_PAGE),
        "actors": audit.actors(tx),
        "filter": keep,
        "page_url": lambda n: "/admin/audit?" + urlencode({**keep, "page": n}),
    }
    return render(request, "admin/access/audit.html", ctx)
