"""The instalment walk's pieces (tests/browser/test_instalment_walk.py): a shop that takes
Alipay, against the fake Alipay served on a port of its own (the shopper's browser goes to its
cashier; its "pay" posts the signed notification to the shop), and readers of the per-period
amounts on our pages and on the fake cashier."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import httpx
import uvicorn

from mercato.payments.adapters.alipay import AlipayConfig, AlipayGateway
from mercato.payments.adapters.huabei import HuabeiInstalments
from mercato.payments.adapters.sandbox import SandboxGateway
from mercato.sandbox.alipay import FakeAlipay
from tests.browser.walks_common import Walk
from tests.browser.walks_pricing import fen
from tests.orders.conftest import PASSWORD
from tests.payments.conftest import ALI_APP, SELLER, make_keys


@contextmanager
def serve(asgi: Any) -> Iterator[str]:
    """An ASGI app on a free local port (uvicorn in a thread, like live_url): its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(asgi, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "the fake Alipay did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def takes_alipay(app: Any, live_url: str) -> Iterator[FakeAlipay]:
    """The shop at `live_url` takes Alipay (and the sandbox): the gateway signs with the
    merchant's key and sends the browser to the fake's /gateway.do; the fake notifies the
    shop's notify URL (settings.public_url is the live server, so the notify and return URLs
    reach it). alipay_app_id set: the templates' huabei_plans shows the plans."""
    keys = make_keys()
    fake = FakeAlipay(app_id=ALI_APP, seller_id=SELLER, app_public_key=keys.public_pem)
    settings = app.state.settings
    with (
        serve(fake.app) as fake_url,
        httpx.Client(base_url=fake_url, timeout=10) as to_fake,
        httpx.Client(base_url=live_url, timeout=10) as to_shop,
    ):
        fake.notify_client = to_shop
        config = AlipayConfig(
            app_id=ALI_APP,
            seller_id=SELLER,
            app_private_key=keys.private_pem,
            alipay_public_key=fake.alipay_public_key,
            gateway_url=f"{fake_url}/gateway.do",
        )
        gateway = AlipayGateway(
            config, client=to_fake, instalments=HuabeiInstalments(settings.instalment_min_fen)
        )
        # Set before alipay_app_id: the registry would build a gateway from settings alone.
        app.state.gateways = {"alipay": gateway, "sandbox": SandboxGateway(settings.secret_key)}
        settings.public_url = live_url
        settings.alipay_app_id = ALI_APP  # the Settings object huabei_plans closes over
        yield fake


def sign_in(walk: Walk, url: str, phone: str, next_path: str) -> None:
    walk.page.goto(f"{url}/account/login?next={quote(next_path, safe='')}")
    walk.testid("field-login").fill(phone)
    walk.testid("field-password").fill(PASSWORD)
    walk.testid("login-submit").click()
    walk.page.wait_for_url(f"**{next_path}")


def centre(target: Any) -> None:
    """Scrolls `target` to the middle of the screen, clear of the fixed bars, for a picture."""
    target.evaluate("e => e.scrollIntoView({block: 'center'})")


def each_shown(scope: Any, testid: str) -> dict[int, int]:
    """Periods → fen of the rows `<testid>-3/6/12` within `scope` (a locator or page)."""
    return {
        n: fen(scope.locator(f"[data-testid={testid}-{n}]").first.inner_text()) for n in (3, 6, 12)
    }


def cashier(walk: Walk) -> tuple[int, list[int]]:
    """The fake Alipay cashier: the periods it opened the trade with, and each period's fen."""
    section = walk.page.locator("#huabei")
    periods = int(str(section.get_attribute("data-periods")))
    rows = section.locator("li[data-period]")
    return periods, [fen(rows.nth(i).inner_text()) for i in range(rows.count())]
