"""The data centre's fulfilment page (/admin/analytics/fulfilment): being written."""

from __future__ import annotations

from mercato.access.public import needs
from mercato.web.routing import Router

router = Router(prefix="/admin/analytics", include_in_schema=False,
                dependencies=[needs("reports")])
