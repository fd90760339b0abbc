"""Settings → staff and roles: the owner's pages to add staff, give them roles, define custom
roles; and every staff member's own password page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.access import roles, team
from mercato.access.adapters.tables import CustomRole, Staff
from mercato.access.public import SELF_SERVICE, CsrfDep, StaffPageDep, needs
from mercato.access.public import render_admin as render
from mercato.kernel.errors import DomainError, NotFound
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False)
staff_router = Router(prefix="/admin/staff", include_in_schema=False, dependencies=[needs("staff")])
roles_router = Router(prefix="/admin/roles", include_in_schema=False, dependencies=[needs("staff")])
Text = Annotated[str, Form(max_length=254)]
Id = Annotated[int, Path(ge=1, le=2**62)]
Code = Annotated[str, Path(min_length=1, max_length=40)]


def _staff_page(
    request: Request, tx: Session, form: dict[str, Any], errors: dict[str, str], status: int = 200
) -> Response:
    members = list(tx.scalars(select(Staff).order_by(Staff.email)))
    all_roles = team.all_roles(tx)
    names = {r.code: _(r.name) if r.builtin else r.name for r in all_roles}
    ctx = {
        "members": members,
        "roles": all_roles,
        "role_names": names,
        "form": form,
        "errors": errors,
    }
    return render(request, "admin/access/staff.html", ctx, status)


@staff_router.get("", response_class=HTMLResponse)
def staff_list(request: Request, _s: StaffPageDep, tx: ReadDep, _loc: LocaleDep) -> Response:
    return _staff_page(request, tx, {"role": "service"}, {})


@staff_router.post("", response_class=HTMLResponse)
def add_staff(
    request: Request,
    _s: StaffPageDep,
    _c: CsrfDep,
    db: DbDep,
    _loc: LocaleDep,
    email: Text = "",
    name: Text = "",
    password: Annotated[str, Form(max_length=200)] = "",
    role: Text = "",
) -> Response:
    form = {"email": email, "name": name, "role": role}
    try:
        db.unit(lambda tx: team.add_staff(tx, email, password, name, role))
    except DomainError as exc:
        with db.reading() as tx:
            return _staff_page(request, tx, form, {exc.field or "email": _(exc.message)}, 422)
    return RedirectResponse("/admin/staff?flash=" + _("Staff member added"), status_code=303)


@staff_router.post("/{staff_id}", response_class=HTMLResponse)
def change_staff(
    request: Request,
    staff_id: Id,
    me: StaffPageDep,
    _c: CsrfDep,
    db: DbDep,
    _loc: LocaleDep,
    role: Text = "",
    active: Text = "",
) -> Response:
    try:
        db.unit(lambda tx: team.change_staff(tx, me.id, staff_id, role, bool(active)))
    except DomainError as exc:
        if isinstance(exc, NotFound):
            raise
        with db.reading() as tx:
            return _staff_page(request, tx, {}, {"row": _(exc.message)}, exc.status)
    return RedirectResponse("/admin/staff?flash=" + _("Saved"), status_code=303)


def _role_form(
    request: Request, role: Any, form: dict[str, Any], errors: dict[str, str], status: int = 200
) -> Response:
    ctx = {"role": role, "form": form, "errors": errors, "areas": roles.AREAS}
    return render(request, "admin/access/role_form.html", ctx, status)


@roles_router.get("", response_class=HTMLResponse)
def role_list(request: Request, _s: StaffPageDep, tx: ReadDep, _loc: LocaleDep) -> Response:
    ctx = {"roles": team.all_roles(tx), "areas": roles.AREAS}
    return render(request, "admin/access/roles.html", ctx)


@roles_router.get("/new", response_class=HTMLResponse)
def new_role(request: Request, _s: StaffPageDep, _loc: LocaleDep) -> Response:
    return _role_form(request, None, {"code": "", "name": "", "permissions": []}, {})


@roles_router.get("/{code}", response_class=HTMLResponse)
def edit_role(
    request: Request, code: Code, _s: StaffPageDep, tx: ReadDep, _loc: LocaleDep
) -> Response:
    role = tx.scalars(select(CustomRole).where(CustomRole.code == code)).first()
    if role is None:
        raise NotFound("access.role_not_found", "No such role", "role_id")
    form = {"code": role.code, "name": role.name, "permissions": role.permissions.split()}
    return _role_form(request, role, form, {})


@roles_router.post("", response_class=HTMLResponse)
@roles_router.post("/{existing}", response_class=HTMLResponse)
def save_role(
    request: Request,
    _s: StaffPageDep,
    _c: CsrfDep,
    db: DbDep,
    _loc: LocaleDep,
    existing: Code | None = None,
    code: Text = "",
    name: Text = "",
    permissions: Annotated[list[str] | None, Form(max_length=40)] = None,
) -> Response:
    data = team.RoleData(code, name, list(permissions or []))
    try:
        db.unit(lambda tx: team.save_role(tx, existing, data))
    except DomainError as exc:
        if isinstance(exc, NotFound):
            raise
        form = {"code": code, "name": name, "permissions": data.permissions}
        errors = {exc.field or "name": _(exc.message)}
        return _role_form(request, {"code": existing} if existing else None, form, errors, 422)
    return RedirectResponse("/admin/roles?flash=" + _("Saved"), status_code=303)


@router.get("/password", response_class=HTMLResponse, dependencies=[SELF_SERVICE])
def password_page(request: Request, _loc: LocaleDep) -> Response:
    return render(request, "admin/access/password.html", {"errors": {}})


@router.post("/password", response_class=HTMLResponse, dependencies=[SELF_SERVICE])
def change_password(
    request: Request,
    me: StaffPageDep,
    _c: CsrfDep,
    db: DbDep,
    _loc: LocaleDep,
    current: Annotated[str, Form(max_length=200)] = "",
    new: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        db.unit(lambda tx: team.change_own_password(tx, me.id, current, new))
    except DomainError as exc:
        field = "current" if exc.field == "current" else "new"
        ctx = {"errors": {field: _(exc.message)}}
        return render(request, "admin/access/password.html", ctx, 422)
    # Every session ended, this one too: sign in again with the new password.
    return RedirectResponse("/admin/login", status_code=303)
