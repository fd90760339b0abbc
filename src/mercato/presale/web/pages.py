"""Presale storefront pages."""

from __future__ import annotations

from mercato.web.routing import Router

router = Router(include_in_schema=False)
