"""Content admin: scenario pages and home banners, under /admin."""

from __future__ import annotations

from fastapi import APIRouter

from mercato.content.web.admin import banners, scenarios

router = APIRouter()
router.include_router(scenarios.router)
router.include_router(banners.router)

__all__ = ["router"]
