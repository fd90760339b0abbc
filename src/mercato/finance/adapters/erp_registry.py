"""Which ERP integration this shop posts through, built from settings: the CSV journal, the
signed webhook, or none (MERCATO_ERP_MODE=off: entries wait in the database). In the demo
(MERCATO_ERP_SANDBOX) the webhook points at the fake ERP the app serves at /sandbox/erp/
(mercato.sandbox.erp), with a secret derived from the shop's secret key."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import httpx

from mercato.finance.adapters.erp_csv import CsvJournal
from mercato.finance.adapters.erp_webhook import ErpWebhook, WebhookConfig
from mercato.finance.adapters.poster import Poster
from mercato.platform.clock import check_zone
from mercato.platform.settings import Settings

SANDBOX_PREFIX = "/sandbox/erp"


def sandbox_account(settings: Settings) -> dict[str, str]:
    """What the demo's fake ERP must check (bootstrap hands it to the sandbox)."""
    key = settings.secret_key.encode()
    secret = hmac.new(key, b"erp-sandbox:webhook-secret", hashlib.sha256).hexdigest()[:32]
    return {"secret": secret}


def build(settings: Settings, client: httpx.Client | None = None) -> Poster | None:
    """The poster, or None when posting is off."""
    if settings.erp_mode == "off":
        return None
    if settings.erp_sandbox:
        url = settings.public_url.rstrip("/") + SANDBOX_PREFIX + "/entries"
        return ErpWebhook(WebhookConfig(url, sandbox_account(settings)["secret"]), client)
    if settings.erp_mode == "webhook":
        config = WebhookConfig(settings.erp_webhook_url, settings.erp_webhook_secret)
        return ErpWebhook(config, client)
    folder = settings.erp_csv_dir or Path(settings.media_dir).parent / "erp"
    return CsvJournal(folder, check_zone(settings.time_zone))
