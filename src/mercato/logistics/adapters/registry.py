"""Which carriers this shop books and tracks, built once from settings. In the demo
(MERCATO_CARRIERS_SANDBOX) both integrations point at the fake carriers the app serves at
/sandbox/carriers/ (mercato.sandbox.carrier_desk), with credentials derived from the shop's
secret key, and the fakes push tracking back to the shop's own push URLs."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Any

import httpx

from mercato.logistics.adapters.kuaidi100 import Kuaidi100, Kuaidi100Account, Kuaidi100Config
from mercato.logistics.adapters.sf_express import SfExpress, SfExpressConfig
from mercato.logistics.carriers import Carrier
from mercato.platform.settings import Settings

SANDBOX_PREFIX = "/sandbox/carriers"
SANDBOX_PARTNER = "MERCATO_SANDBOX"


@dataclass
class Book:
    """The carriers by code ("sf", "zto", ...) and the integrations by name ("sf",
    "kuaidi100"), as the push URLs name them; `default` is the carrier staff start from."""

    by_carrier: dict[str, Carrier] = field(default_factory=dict)
    integrations: dict[str, Carrier] = field(default_factory=dict)
    default: str = ""

    def add(self, adapter: Carrier) -> None:
        self.integrations[adapter.name] = adapter
        for code in adapter.carriers:
            self.by_carrier.setdefault(code, adapter)


def _secret(settings: Settings, purpose: str) -> str:
    key = settings.secret_key.encode()
    return hmac.new(key, f"carriers-sandbox:{purpose}".encode(), hashlib.sha256).hexdigest()[:32]


def sandbox_account(settings: Settings) -> dict[str, Any]:
    """What the demo's fake carriers must accept and where they push (bootstrap hands it to
    the sandbox)."""
    base = settings.public_url.rstrip("/")
    return {
        "sf_partner_id": SANDBOX_PARTNER,
        "sf_check_word": _secret(settings, "sf-check-word"),
        "sf_push_url": f"{base}/api/v1/logistics/push/sf",
        "sf_push_token": _secret(settings, "sf-push-token"),
        "kuaidi100_key": "MERCATOsandboxKEY",
        "kuaidi100_customer": "MERCATOSANDBOXCUSTOMER",
        "kuaidi100_secret": _secret(settings, "kuaidi100-secret"),
    }


def _sandbox(settings: Settings, client: httpx.Client | None) -> Book:
    acc, base = sandbox_account(settings), settings.public_url.rstrip("/") + SANDBOX_PREFIX
    book = Book(default=settings.default_carrier)
    book.add(SfExpress(SfExpressConfig(
        acc["sf_partner_id"], acc["sf_check_word"], "7550000000",
        f"{base}/sf/std/service", acc["sf_push_token"]), client))
    accounts = {c: Kuaidi100Account(f"SANDBOX-{c.upper()}", "sandbox") for c in Kuaidi100.carriers}
    book.add(Kuaidi100(Kuaidi100Config(
        acc["kuaidi100_key"], acc["kuaidi100_customer"], acc["kuaidi100_secret"],
        _secret(settings, "kuaidi100-salt"),
        settings.public_url.rstrip("/") + "/api/v1/logistics/push/kuaidi100", accounts,
        poll_url=f"{base}/kuaidi100/poll", label_url=f"{base}/kuaidi100/label/order"), client))
    return book


def build(settings: Settings, client: httpx.Client | None = None) -> Book:
    if settings.carriers_sandbox:
        return _sandbox(settings, client)
    book = Book(default=settings.default_carrier)
    if settings.sf_partner_id:
        book.add(SfExpress(SfExpressConfig(
            settings.sf_partner_id, settings.sf_check_word, settings.sf_monthly_card,
            settings.sf_base_url, settings.sf_push_token), client))
    if settings.kuaidi100_key:
        accounts = {c: Kuaidi100Account(a.get("partner_id", ""), a.get("partner_key", ""),
                                        a.get("partner_secret", ""))
                    for c, a in settings.kuaidi100_accounts.items()}
        book.add(Kuaidi100(Kuaidi100Config(
            settings.kuaidi100_key, settings.kuaidi100_customer, settings.kuaidi100_secret,
            settings.kuaidi100_salt,
            settings.public_url.rstrip("/") + "/api/v1/logistics/push/kuaidi100", accounts,
            poll_url=settings.kuaidi100_poll_url, label_url=settings.kuaidi100_label_url),
            client))
    if book.default not in book.by_carrier:
        book.default = next(iter(book.by_carrier), "")
    return book
