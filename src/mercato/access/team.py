"""Staff and roles use cases: who may do what (a staff member's permissions), the staff
accounts the owner manages, custom roles, and one's own password."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from mercato.access import domain, roles
from mercato.access.adapters.tables import CustomRole, Staff
from mercato.access.services import authenticate, create_staff, end_sessions, hash_password
from mercato.kernel.errors import Conflict, DomainError, NotFound


def role_of(tx: Session, code: str) -> roles.Role | None:
    """A built-in or custom role by code (None if it no longer exists)."""
    builtin = roles.BUILTIN.get(code)
    if builtin is not None:
        return builtin
    custom = tx.scalars(select(CustomRole).where(CustomRole.code == code)).first()
    if custom is None:
        return None
    return roles.Role(custom.code, custom.name, frozenset(custom.permissions.split()), False)


def permissions_of(tx: Session, staff: Staff) -> frozenset[str]:
    """What the staff member may do: every permission for superusers (owners), else their
    role's; nothing for a role that was deleted."""
    if staff.superuser:
        return roles.PERMISSIONS
    role = role_of(tx, staff.role)
    return role.permissions if role else frozenset()


def all_roles(tx: Session) -> list[roles.Role]:
    custom = tx.scalars(select(CustomRole).order_by(CustomRole.code))
    extra = [roles.Role(c.code, c.name, frozenset(c.permissions.split()), False) for c in custom]
    return [*roles.BUILTIN.values(), *extra]


def _check_role(tx: Session, code: str) -> str:
    if role_of(tx, code) is None:
        raise DomainError("access.unknown_role", "Choose one of the roles", "role")
    return code


def add_staff(tx: Session, email: str, password: str, name: str, role: str) -> Staff:
    """A new staff account with a role (owners are superusers)."""
    _check_role(tx, role)
    staff = create_staff(tx, email, password, name, superuser=role == roles.OWNER)
    staff.role = role
    return staff


def change_staff(tx: Session, by: int, staff_id: int, role: str, active: bool) -> Staff:
    """Give a staff member another role, or (de)activate them; a deactivated member's
    sessions end. Nobody demotes or deactivates themselves, nor the last active owner."""
    staff = tx.get(Staff, staff_id)
    if staff is None:
        raise NotFound("access.staff_not_found", "No such staff member", "staff_id")
    _check_role(tx, role)
    if staff.id == by and (role != staff.role or not active):
        raise Conflict("access.own_account", "You cannot change your own role", "role")
    if staff.superuser and (role != roles.OWNER or not active) and _owners(tx) <= 1:
        raise Conflict("access.last_owner", "The shop needs at least one owner", "role")
    staff.role, staff.superuser = role, role == roles.OWNER
    if staff.active and not active:
        end_sessions(tx, staff.id)
    staff.active = active
    return staff


def _owners(tx: Session) -> int:
    q = select(func.count()).where(Staff.superuser.is_(True), Staff.active.is_(True))
    return int(tx.scalar(q) or 0)


@dataclass(frozen=True, slots=True)
class RoleData:
    code: str
    name: str
    permissions: list[str]


def save_role(tx: Session, existing: str | None, data: RoleData) -> CustomRole:
    """Create (no `existing` code) or edit a custom role."""
    name = (data.name or "").strip()
    if not name or len(name) > 80:
        raise DomainError("access.role_name", "Name is required (max 80)", "name")
    perms = " ".join(sorted(roles.check_permissions(data.permissions)))
    if existing is None:
        code = roles.check_role_code(data.code)
        if tx.scalars(select(CustomRole.id).where(CustomRole.code == code)).first():
            raise Conflict("access.role_taken", "Another role uses this code", "code")
        role = CustomRole(code=code, name=name, permissions=perms)
        tx.add(role)
    else:
        found = tx.scalars(select(CustomRole).where(CustomRole.code == existing)).first()
        if found is None:
            raise NotFound("access.role_not_found", "No such role", "role_id")
        role, role.name, role.permissions = found, name, perms
    tx.flush()
    return role


def change_own_password(tx: Session, staff_id: int, current: str, new: str) -> None:
    """Set a new password (the current one is asked for); every session of the member ends,
    this one included: they sign in again with the new password."""
    staff = tx.get(Staff, staff_id)
    if staff is None or authenticate(tx, staff.email, current) is None:
        raise DomainError("access.wrong_password", "The current password is wrong", "current")
    domain.check_password(new)
    tx.execute(
        update(Staff).where(Staff.id == staff_id).values(password_hash=hash_password(new))
    )
    end_sessions(tx, staff_id)
