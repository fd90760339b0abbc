"""The marketing centre: promotions (/admin/promotions), coupons and gift bundles
(/admin/coupons). Bootstrap includes this one router."""

from mercato.promotions.web import admin_bundles, admin_coupons, admin_promotions
from mercato.web.routing import Router

router = Router()
router.include_router(admin_promotions.router)
# Bundles' fixed path before the coupons' /{template_id}.
router.include_router(admin_bundles.router)
router.include_router(admin_coupons.router)
