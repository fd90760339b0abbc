"""Presale admin (营销中心 › 预售活动)."""

from __future__ import annotations

from mercato.web.routing import Router

router = Router(include_in_schema=False)
