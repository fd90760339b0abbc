"""The merchant's order centre: admin pages (/admin/orders) and the staff orders API
(/api/v1/admin/orders). Bootstrap includes this one router."""


from mercato.orders.web import admin_pages, api_staff
from mercato.web.routing import Router

router = Router()
router.include_router(admin_pages.router)
router.include_router(api_staff.router)
