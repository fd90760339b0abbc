"""Helpers shared by the storefront pages: the request's locale, the cached category menu,
the catalogue version read on the event loop, and splitting stored text into paragraphs
(escaped by the templates, never marked safe)."""

from __future__ import annotations

import re

from fastapi import Request
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.platform.i18n import current_locale
from mercato.web.routing import Router

_BLANK_LINES = re.compile(r"\n\s*\n")
# One flat router for every catalogue page: each nesting level costs a route match.
router = Router(include_in_schema=False)


def shop_menu(request: Request, tx: Session, locale: str) -> catalog.CategoryMenu:
    """Sets the locale for this thread (gettext in Python code) and returns the menu."""
    current_locale.set(locale)
    return catalog.shop_menu(request, tx, locale)


def catalogue_version(request: Request) -> int:
    """One tiny statement on a pooled connection, released before the caller awaits."""
    with request.app.state.db.engine.connect() as conn:
        return catalog.catalogue_version(conn)


def paragraphs(text: str) -> list[list[str]]:
    """Paragraphs split on blank lines, each a list of its lines."""
    norm = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not norm:
        return []
    return [[ln.strip() for ln in p.strip().split("\n")] for p in _BLANK_LINES.split(norm)]
