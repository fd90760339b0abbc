"""Admin pages for warehouses (/admin/warehouses) and stock (/admin/stock).

Each route sets current_locale itself: LocaleDep is a sync dependency, run in a worker
thread, so the contextvar it sets does not reach the route that renders the template."""

from mercato.inventory.web.admin import stock, warehouses
from mercato.web.routing import Router

router = Router()
router.include_router(warehouses.router)
router.include_router(stock.router)
