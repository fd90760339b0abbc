"""Shoppers and a warehouse clerk for the chaos test, over real HTTP. Every request that may
be cut off by a crash is sent again until it gets an answer: with the same Idempotency-Key
for orders and payments, the same signed body for a payment notification (as a provider
retries), and plainly for cancels and status changes (which are idempotent by state)."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from mercato.payments.adapters.sandbox import SandboxGateway

RETRY_FOR = 120.0  # seconds one request may take to get through, restarts included
TRANSIENT = {"idempotency.in_progress", "db.busy", "orders.busy", "checkout.cart_busy"}


@dataclass
class Tally:
    codes: Counter[str] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    orders: set[str] = field(default_factory=set)  # numbers answered 201 to their client
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, what: str, r: httpx.Response) -> None:
        with self.lock:
            self.codes[f"{what} {r.status_code}"] += 1
            if r.status_code >= 500:
                self.server_errors.append(f"{what} {r.status_code} {r.text[:200]}")


def call(
    client: httpx.Client, tally: Tally, what: str, method: str, url: str, **kw: Any
) -> httpx.Response:
    """Send until answered (a cut connection, a 5xx or a transient 409 means: again)."""
    deadline = time.monotonic() + RETRY_FOR
    while True:
        try:
            r = client.request(method, url, **kw)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
            continue
        tally.add(what, r)
        code = r.json().get("error", {}).get("code") if r.status_code == 409 else None
        if (r.status_code >= 500 or code in TRANSIENT) and time.monotonic() < deadline:
            time.sleep(0.1)
            continue
        return r


@dataclass(frozen=True)
class Shopper:
    headers: dict[str, str]
    address_id: int


def shop(
    base: str, who: Shopper, skus: list[int], gateway: SandboxGateway, until: float, t: Tally
) -> None:
    rng = random.Random(who.address_id)
    with httpx.Client(base_url=base, headers=who.headers, timeout=30) as c:
        while time.monotonic() < until:
            for sku in rng.sample(skus, rng.randint(1, 3)):
                call(c, t, "add", "POST", "/api/v1/cart/lines", json={"sku_id": sku})
            body = {"address_id": who.address_id, "shipping_method": "std"}
            key = {"Idempotency-Key": uuid.uuid4().hex}
            r = call(c, t, "order", "POST", "/api/v1/orders", json=body, headers=key)
            if r.status_code != 201:
                continue
            with t.lock:
                t.orders.add(r.json()["number"])
            _after_order(c, t, rng, r.json(), gateway)


def _after_order(
    c: httpx.Client, t: Tally, rng: random.Random, order: dict[str, Any], gw: SandboxGateway
) -> None:
    number, roll = order["number"], rng.random()
    if roll < 0.25:
        call(c, t, "cancel", "POST", f"/api/v1/orders/{number}/cancel", json={})
        return
    if roll < 0.35:
        return  # left unpaid
    key = {"Idempotency-Key": uuid.uuid4().hex}
    body = {"provider": "sandbox", "channel": "page"}
    pay = call(c, t, "pay", "POST", f"/api/v1/orders/{number}/payments", json=body, headers=key)
    if pay.status_code != 201:
        return
    if roll > 0.9:  # cancelled while the shopper pays: the money must go back
        call(c, t, "cancel", "POST", f"/api/v1/orders/{number}/cancel", json={})
    headers, raw = gw.notification(pay.json()["out_trade_no"], order["total_fen"], True)
    call(c, t, "notify", "POST", "/api/v1/payments/notify/sandbox", content=raw, headers=headers)


def clerk(base: str, token: str, until: float, t: Tally) -> None:
    """Ships paid orders (picking, then shipped): the stock leaves the warehouse."""
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as c:
        while time.monotonic() < until:
            page = call(c, t, "list", "GET", "/api/v1/admin/orders?status=paid")
            for o in page.json().get("orders", [])[:5]:
                for status in ("picking", "shipped"):
                    body = {"status": status, "reason": ""}
                    url = f"/api/v1/admin/orders/{o['number']}/status"
                    call(c, t, "ship", "POST", url, json=body)
            time.sleep(0.5)
