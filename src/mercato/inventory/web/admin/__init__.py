"""Admin pages for warehouses (/admin/warehouses) and stock (/admin/stock).

Each route sets current_locale itself: LocaleDep is a sync dependency, run in a worker
thread, so the contextvar it sets does not reach the route that renders the template."""

from fastapi import APIRouter

from mercato.inventory.web.admin import stock, warehouses

router = APIRouter()
router.include_router(warehouses.router)
router.include_router(stock.router)
