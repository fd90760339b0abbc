"""Staff permissions and roles (pure rules, no database).

A permission is "<area>.view" or "<area>.edit": admin pages and staff API operations of an
area need .view to read (GET, HEAD) and .edit for anything else. A role is a named set of
permissions: five built in (owner holds every permission), plus custom roles the owner
defines. Every admin route declares its area (access.public.needs), and a test walks every
route to prove it (tests/access/test_permission_matrix.py)."""

from __future__ import annotations

from dataclasses import dataclass

from mercato.kernel.errors import DomainError
from mercato.platform.i18n import N_

# area → label; the order is the order of the role form.
AREAS: dict[str, str] = {
    "dashboard": N_("Dashboard"),
    "orders": N_("Orders"),
    "aftersales": N_("After-sales"),
    "customers": N_("Customers"),
    "marketing": N_("Promotions and coupons"),
    "catalog": N_("Products and catalogue"),
    "content": N_("Content"),
    "stock": N_("Stock and warehouses"),
    "shipping": N_("Shipping"),
    "payments": N_("Payments and refunds"),
    "reports": N_("Reports"),
    "staff": N_("Staff and roles"),
    "audit": N_("Audit log"),
}
ACTIONS = ("view", "edit")
PERMISSIONS = frozenset(f"{a}.{x}" for a in AREAS for x in ACTIONS)


def both(*areas: str) -> frozenset[str]:
    return frozenset(f"{a}.{x}" for a in areas for x in ACTIONS)


def view(*areas: str) -> frozenset[str]:
    return frozenset(f"{a}.view" for a in areas)


@dataclass(frozen=True, slots=True)
class Role:
    code: str
    name: str  # a msgid for the built-in roles, the owner's words for custom ones
    permissions: frozenset[str]
    builtin: bool = True


OWNER = "owner"
BUILTIN: dict[str, Role] = {
    r.code: r
    for r in (
        Role(OWNER, N_("Owner"), PERMISSIONS),
        Role(
            "operations",
            N_("Operations"),
            view("dashboard", "orders", "stock", "reports")
            | both("catalog", "content", "marketing"),
        ),
        Role(
            "service",
            N_("Customer service"),
            view("dashboard", "catalog", "stock", "payments", "marketing")
            | both("orders", "customers", "aftersales"),
        ),
        Role(
            "warehouse",
            N_("Warehouse"),
            view("dashboard", "orders", "catalog", "aftersales") | both("stock", "shipping"),
        ),
        Role(
            "finance",
            N_("Finance"),
            view("dashboard", "orders", "customers", "aftersales", "marketing")
            | both("payments", "reports"),
        ),
    )
}


def check_permissions(chosen: list[str]) -> frozenset[str]:
    """A custom role's permissions: known ones only; .edit brings .view with it."""
    unknown = [p for p in chosen if p not in PERMISSIONS]
    if unknown:
        raise DomainError("access.unknown_permission", "Unknown permission", "permissions")
    out = set(chosen)
    out |= {p.replace(".edit", ".view") for p in chosen if p.endswith(".edit")}
    return frozenset(out)


def check_role_code(code: str) -> str:
    """A custom role's code: lower-case letters, digits and dashes, not a built-in one."""
    c = (code or "").strip().lower()
    if not c or len(c) > 40 or not all(ch.isalnum() or ch == "-" for ch in c) or not c.isascii():
        raise DomainError(
            "access.invalid_role_code", "Code: lower-case letters, digits or -", "code"
        )
    if c in BUILTIN:
        raise DomainError("access.role_builtin", "This is a built-in role", "code")
    return c


def needed(area: str, method: str) -> str:
    """The permission a request of `method` needs in `area`."""
    return f"{area}.view" if method in ("GET", "HEAD", "OPTIONS") else f"{area}.edit"
