"""The merchant's order centre: admin pages (/admin/orders) and the staff orders API
(/api/v1/admin/orders). Bootstrap includes this one router."""


from mercato.orders.web import admin_bulk, admin_pages, admin_print, api_staff
from mercato.web.routing import Router

router = Router()
# Fixed paths (/packing-slips, /bulk, /fulfil) before the pages' /{number}.
router.include_router(admin_print.router)
router.include_router(admin_bulk.router)
router.include_router(admin_bulk.fulfil_router)
router.include_router(admin_pages.router)
router.include_router(api_staff.router)
