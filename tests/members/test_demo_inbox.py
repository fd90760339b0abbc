"""The demo's message wiring: with MERCATO_MESSAGES_SANDBOX the shop's messenger (built from
settings) talks to the fakes mounted in the shop itself (mercato.sandbox.post_office), and a
tester reads the code at /sandbox/messages/."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mercato.app import create_app
from mercato.messaging import public as messaging
from mercato.platform.db import Database
from mercato.platform.settings import Settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def demo(db: Database, settings: Settings) -> Iterator[TestClient]:
    """A demo shop (bootstrap mounts the fake servers, the lifespan starts the SMTP relay)
    whose messenger reaches the fake SMS server through the test client."""
    settings.sandbox_smtp_port = _free_port()
    app = create_app(settings, db)
    with TestClient(app) as client:
        assert app.state.post_office.relaying
        app.state.messenger = messaging.from_settings(settings, sms_client=client)
        yield client


def test_demo_settings_use_the_sandbox():
    assert Settings(demo=True, secret_key="x" * 40).messages_sandbox is True
    assert (
        Settings(
            demo=True,
            secret_key="x" * 40,
            smtp_host="mail.example.com",
            smtp_from="shop@example.com",
        ).messages_sandbox
        is False
    )
    with pytest.raises(ValueError, match="MESSAGES_SANDBOX"):
        Settings(demo=False, secret_key="x" * 40, messages_sandbox=True)
    with pytest.raises(ValueError, match="SMTP_FROM"):
        Settings(demo=True, secret_key="x" * 40, smtp_host="mail.example.com")


def test_codes_reach_the_demo_inbox(demo, alice):
    assert demo.post("/api/v1/password/code", json={"login": alice["phone"]}).status_code == 202
    assert demo.post("/api/v1/password/code", json={"login": alice["email"]}).status_code == 202
    items = demo.get("/sandbox/messages/inbox.json").json()["items"]
    assert [m["channel"] for m in items] == ["email", "sms"]
    assert items[1]["text"].startswith("【Mercato商城】您的验证码为")
    page = demo.get(f"/sandbox/messages/?to={alice['phone']}")
    assert page.status_code == 200 and page.text.count("data-testid='inbox-message'") == 1
    assert "演示收件箱" in page.text and "noindex" in page.text
