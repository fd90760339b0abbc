"""Content admin: scenario pages and home banners, under /admin."""

from __future__ import annotations

from mercato.content.web.admin import banners, scenarios
from mercato.web.routing import Router

router = Router()
router.include_router(scenarios.router)
router.include_router(banners.router)

__all__ = ["router"]
