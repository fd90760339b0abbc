"""The one place that knows every context: metadata for migrations, and app wiring."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI

from mercato.access.adapters import tables as _access  # noqa: F401
from mercato.aftersales.adapters import tables as _aftersales  # noqa: F401
from mercato.catalog.adapters import tables as _catalog  # noqa: F401
from mercato.checkout.adapters import tables as _checkout  # noqa: F401
from mercato.content.adapters import tables as _content  # noqa: F401
from mercato.finance.adapters import invoice_table as _invoices  # noqa: F401
from mercato.finance.adapters import tables as _finance  # noqa: F401
from mercato.flashsale.adapters import tables as _flashsale  # noqa: F401
from mercato.groupbuy.adapters import tables as _groupbuy  # noqa: F401
from mercato.inventory.adapters import tables as _inventory  # noqa: F401
from mercato.logistics.adapters import tables as _logistics  # noqa: F401
from mercato.members.adapters import loyalty_tables as _loyalty  # noqa: F401
from mercato.members.adapters import reset_codes as _reset_codes  # noqa: F401
from mercato.members.adapters import tables as _members  # noqa: F401
from mercato.messaging.adapters import tables as _messaging  # noqa: F401
from mercato.orders.adapters import tables as _orders  # noqa: F401
from mercato.payments.adapters import tables as _payments  # noqa: F401
from mercato.platform import audit as _audit  # noqa: F401
from mercato.platform import idempotency as _idempotency  # noqa: F401
from mercato.platform.db import Base, Database
from mercato.platform.outbox import Bus  # also registers the platform_* tables
from mercato.platform.settings import Settings
from mercato.presale.adapters import tables as _presale  # noqa: F401
from mercato.pricing.adapters import tables as _pricing  # noqa: F401
from mercato.promotions.adapters import tables as _promotions  # noqa: F401

metadata = Base.metadata


def template_dirs() -> list[Path]:
    """Each context's web/templates folder, searched after the shell's own."""
    root = Path(__file__).parent
    return [d for d in sorted(root.glob("*/web/templates")) if d.parent.parent.name != "web"]


def routers() -> list[APIRouter]:
    from mercato.access.web import admin as access_admin
    from mercato.access.web import admin_audit, admin_team
    from mercato.access.web import api as access_api
    from mercato.catalog.web import admin as catalog_admin
    from mercato.catalog.web import admin_import as catalog_admin_import
    from mercato.catalog.web import api as catalog_api
    from mercato.catalog.web import pages as catalog_pages
    from mercato.checkout.web import api as checkout_api
    from mercato.content.web import admin as content_admin
    from mercato.content.web import pages as content_pages
    from mercato.inventory.web import admin as inventory_admin
    from mercato.inventory.web import api as inventory_api
    from mercato.messaging.web import admin as messaging_admin
    from mercato.orders.web import api as orders_api

    # The hottest paths first (public API, cart and orders, storefront pages): route matching
    # is linear, and it showed in the checkout profile (docs/benchmarks.md).
    return [
        catalog_api.router,
        checkout_api.router,
        orders_api.router,
        content_pages.router,
        catalog_pages.router,
        access_admin.router,
        admin_team.router,
        admin_team.staff_router,
        admin_team.roles_router,
        admin_audit.router,
        access_api.router,
        catalog_admin_import.router,
        inventory_api.router,
        catalog_admin.router,
        inventory_admin.router,
        content_admin.router,
        messaging_admin.router,
        *_transaction_routers(),
        *_analytics_routers(),
    ]


def _transaction_routers() -> list[APIRouter]:
    """Customers, cart, checkout, orders and payments."""
    from mercato.checkout.web import admin_shipping, api_shipping
    from mercato.checkout.web import pages as checkout_pages
    from mercato.logistics.web import admin as logistics_admin
    from mercato.logistics.web import api as logistics_api
    from mercato.logistics.web import pages as logistics_pages
    from mercato.members.web import api as members_api
    from mercato.members.web import api_wechat as members_wechat
    from mercato.members.web import pages as members_pages
    from mercato.orders.web import admin as orders_admin
    from mercato.orders.web import admin_dashboard
    from mercato.orders.web import pages as orders_pages
    from mercato.payments.web import admin as payments_admin
    from mercato.payments.web import api as payments_api
    from mercato.payments.web import pages as payments_pages

    return [
        members_api.router,
        members_wechat.router,
        members_pages.router,
        checkout_pages.router,
        api_shipping.router,
        admin_shipping.router,
        orders_pages.router,
        logistics_api.router,
        logistics_pages.router,
        orders_admin.router,
        admin_dashboard.router,
        payments_api.router,
        payments_pages.router,
        payments_admin.router,
        logistics_admin.router,
        *_aftersales_routers(),
        *_growth_routers(),
        *_campaign_routers(),
    ]


def _growth_routers() -> list[APIRouter]:
    """Members' loyalty, promotions and coupons."""
    from mercato.members.web import admin as members_admin
    from mercato.members.web import api_loyalty as members_loyalty_api
    from mercato.members.web import pages_loyalty as members_loyalty_pages
    from mercato.promotions.web import admin as promotions_admin
    from mercato.promotions.web import api as promotions_api
    from mercato.promotions.web import pages as promotions_pages

    return [
        members_loyalty_api.router,
        members_loyalty_pages.router,
        members_admin.router,
        promotions_api.router,
        promotions_pages.router,
        promotions_admin.router,
    ]


def _campaign_routers() -> list[APIRouter]:
    """Complex orders: flash sales."""
    from mercato.flashsale.web import admin as flashsale_admin
    from mercato.flashsale.web import api as flashsale_api
    from mercato.flashsale.web import pages as flashsale_pages
    from mercato.groupbuy.web import admin as groupbuy_admin
    from mercato.groupbuy.web import api as groupbuy_api
    from mercato.groupbuy.web import pages as groupbuy_pages
    from mercato.presale.web import admin as presale_admin
    from mercato.presale.web import api as presale_api
    from mercato.presale.web import pages as presale_pages

    return [flashsale_api.router, flashsale_pages.router, flashsale_admin.router,
            groupbuy_api.router, groupbuy_pages.router, groupbuy_admin.router,
            presale_api.router, presale_pages.router, presale_admin.router]


def _analytics_routers() -> list[APIRouter]:
    """The beacon, the figures for staff as JSON/CSV (reports permission, the staff API's
    sign-in) and the data centre's pages."""
    from mercato.access.public import needs
    from mercato.analytics.web import admin as analytics_admin
    from mercato.analytics.web import (
        admin_customers,
        admin_forecast,
        admin_fulfilment,
        admin_overview,
    )
    from mercato.analytics.web import api as analytics_api

    return [analytics_api.router, analytics_admin.make_router(needs("reports", api=True)),
            admin_overview.router, admin_customers.router, admin_fulfilment.router,
            admin_forecast.router]


def _aftersales_routers() -> list[APIRouter]:
    """Returns, refunds and invoices."""
    from mercato.aftersales.web import admin as aftersales_admin
    from mercato.aftersales.web import api as aftersales_api
    from mercato.aftersales.web import pages as aftersales_pages
    from mercato.finance.web import admin as finance_admin
    from mercato.finance.web import pages as finance_pages

    return [
        aftersales_api.router,
        aftersales_pages.router,
        aftersales_admin.router,
        aftersales_admin.warehouse,
        finance_pages.router,
        finance_pages.api,
        finance_admin.router,
    ]


def wire_app(app: FastAPI, settings: Settings) -> None:
    """Hooks between contexts that one cannot import from the other, and the demo's fake
    message servers (SMS and SMTP, their inbox at /sandbox/messages/)."""
    from mercato.aftersales import public as aftersales
    from mercato.analytics.web import middleware as analytics_middleware
    from mercato.catalog import public as catalog
    from mercato.checkout import public as checkout
    from mercato.finance import public as finance
    from mercato.logistics import public as logistics
    from mercato.members import public as members
    from mercato.orders import public as orders

    members.show_orders_overview(app, orders.orders_overview)
    orders.show_shipment_queue(app, logistics.queue_counts)
    orders.show_parcels(app, lambda *a: (
        logistics.order_card(*a) + aftersales.order_card(*a) + finance.order_card(*a)))
    catalog.show_free_shipping(app, checkout.free_shipping_over)
    catalog.show_shopper_province(app, members.default_province)
    _wire_campaigns(app, settings)
    analytics_middleware.install(app, settings)  # page views and the visitor cookie
    if settings.messages_sandbox:
        from mercato.messaging import public as messaging
        from mercato.sandbox import post_office

        app.state.post_office = post_office.install(app, **messaging.sandbox_account(settings))
    if settings.erp_sandbox:
        from mercato.finance.adapters import erp_registry
        from mercato.sandbox import erp as erp_sandbox

        app.state.erp_sandbox = erp_sandbox.install(app, **erp_registry.sandbox_account(settings))
    if settings.carriers_sandbox:
        from mercato.sandbox import carrier_desk

        app.state.carrier_desk = carrier_desk.install(app, **logistics.sandbox_account(settings))


def _wire_campaigns(app: FastAPI, settings: Settings) -> None:
    """Flash sales and group deals on the product page; Huabei plans (花呗分期) for the
    product page's and the checkout's per-period amounts: plain arithmetic on settings,
    asked by the templates (the macro is payments' own)."""
    from mercato.catalog import public as catalog
    from mercato.flashsale import public as flashsale
    from mercato.flashsale.web.bands import flash_bands
    from mercato.groupbuy.web.bands import group_bands
    from mercato.payments import public as payments
    from mercato.presale.web.bands import presale_bands

    flashsale.configure(settings)  # Redis or the database path, in every web process
    catalog.show_campaigns(app, flash_bands)
    catalog.show_campaigns(app, group_bands)
    catalog.show_campaigns(app, presale_bands)
    app.state.templates.env.globals["huabei_plans"] = (
        lambda fen: payments.instalment_plans(fen, settings))


def wire_bus(bus: Bus, settings: Settings) -> None:
    """Each context's subscribers and periodic jobs are registered here."""
    from mercato.aftersales import tasks as aftersales_tasks
    from mercato.analytics import tasks as analytics_tasks
    from mercato.catalog import tasks as catalog_tasks
    from mercato.finance import invoice_tasks
    from mercato.finance import tasks as finance_tasks
    from mercato.flashsale import tasks as flashsale_tasks
    from mercato.groupbuy import tasks as groupbuy_tasks
    from mercato.logistics import tasks as logistics_tasks
    from mercato.members import tasks as members_tasks
    from mercato.orders import tasks as orders_tasks
    from mercato.payments import tasks as payments_tasks
    from mercato.presale import tasks as presale_tasks
    from mercato.promotions import tasks as promotions_tasks

    catalog_tasks.wire(bus)
    orders_tasks.wire(bus, settings.orders_complete_after_days)
    payments_tasks.wire(bus, settings)
    logistics_tasks.wire(bus, settings)
    aftersales_tasks.wire(bus)
    finance_tasks.wire(bus, settings)
    invoice_tasks.wire(bus, settings)
    members_tasks.wire(bus, settings)
    promotions_tasks.wire(bus, settings)
    flashsale_tasks.wire(bus, settings)
    groupbuy_tasks.wire(bus, settings)
    presale_tasks.wire(bus, settings)
    analytics_tasks.wire(bus, settings)
    bus.every(3600, "platform.purge_idempotency_keys", _purge_keys)
    bus.every(900, "platform.purge_login_attempts", _purge_login_attempts)


def _purge_login_attempts(db: Database) -> None:
    from mercato.access import public as access
    from mercato.members import public as members

    access.purge_login_attempts(db)
    members.purge_login_attempts(db)


def _purge_keys(db: Database) -> None:
    from mercato.platform import idempotency

    idempotency.purge(db)
