"""Presale API."""

from __future__ import annotations

from mercato.web.routing import Router

router = Router(prefix="/api/v1", tags=["presales"])
