"""Shared by the storefront order pages: rendering in the shop shell, status labels."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.members import public as members
from mercato.members.public import CustomerView
from mercato.orders import domain
from mercato.platform.i18n import gettext_ as _


def status_label(status: str) -> str:
    labels = {
        domain.PENDING: _("Awaiting payment"),
        domain.PAID: _("Paid"),
        domain.PICKING: _("Being packed"),
        domain.SHIPPED: _("Shipped"),
        domain.SIGNED: _("Delivered"),
        domain.COMPLETED: _("Completed"),
        domain.CANCELLED: _("Cancelled"),
        domain.CLOSED: _("Closed"),
    }
    return labels.get(status, status)


def render(
    request: Request,
    tx: Session,
    loc: str,
    template: str,
    ctx: dict[str, Any],
    customer: CustomerView,
    status: int = 200,
) -> Response:
    base: dict[str, Any] = {
        "customer": customer,
        "csrf": members.csrf_token(request),
        "errors": {},
        "status_label": status_label,
    }
    response = catalog.render_page(request, tx, loc, template, {**base, **ctx}, status=status)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)
