"""The demo's fake message servers, in the shop's own process: the fake Aliyun SMS API at
/sandbox/messages/sms/ and a fake SMTP relay on 127.0.0.1 (MERCATO_SANDBOX_SMTP_PORT), both
writing to one inbox shown at /sandbox/messages/ (and as JSON at /sandbox/messages/inbox.json),
so a tester can read the codes the shop sends. Demo mode only: anyone can read it.

    office = install(app, access_key_id=..., access_key_secret=..., sign_name=...,
                     smtp_port=2525, inbox_path=Path("var/sandbox-messages.jsonl"))
"""

from __future__ import annotations

import html
import logging
import time
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route

from mercato.platform.i18n import gettext_ as _
from mercato.sandbox.aliyun_sms import FakeAliyunSms
from mercato.sandbox.inbox import Inbox
from mercato.sandbox.smtp import FakeSmtp

log = logging.getLogger(__name__)
PREFIX = "/sandbox/messages"
_STYLE = (
    "body{margin:0;font:15px/1.6 -apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;"
    "background:#f4f4f4;color:#222}main{max-width:720px;margin:0 auto;padding:12px}"
    "h1{font-size:20px}.note{background:#fff7e6;border:1px solid #ffd591;padding:8px 12px;"
    "border-radius:8px}.m{background:#fff;border-radius:8px;padding:12px;margin:10px 0}"
    ".m b{color:#e4393c}.m small{color:#777;display:block}"
    ".m pre{white-space:pre-wrap;font:inherit;margin:6px 0 0}"
)


class PostOffice:
    def __init__(self, sms: FakeAliyunSms, smtp: FakeSmtp, inbox: Inbox) -> None:
        self.sms, self.smtp, self.inbox = sms, smtp, inbox
        self.relaying = False
        self.app = Starlette(
            routes=[
                Route("/", self._page),
                Route("/inbox.json", self._json),
                Mount("/sms", app=sms.app),
            ]
        )

    def start(self) -> None:
        """Start the SMTP relay; a second worker process finds the port taken and leaves it to
        the first (they share the inbox file)."""
        try:
            self.smtp.start()
            self.relaying = True
        except OSError as exc:
            log.warning("demo SMTP relay not started on port %s: %s", self.smtp.port, exc)

    def stop(self) -> None:
        if self.relaying:
            self.smtp.stop()
            self.relaying = False

    async def _json(self, request: Request) -> Response:
        return JSONResponse({"items": self.inbox.messages(request.query_params.get("to", ""))})

    async def _page(self, request: Request) -> Response:
        items = self.inbox.messages(request.query_params.get("to", "")[:254])
        cards = "".join(_card(m) for m in items) or f"<p>{_('No messages yet.')}</p>"
        title = _("Demo inbox: text messages and e-mail")
        note = _(
            "Demo mode only: what the shop sent to the fake SMS and e-mail servers. "
            "A real shop sends them to phones and mailboxes."
        )
        page = (
            f"<!doctype html><html><head><meta charset='utf-8'><meta name='viewport' "
            f"content='width=device-width,initial-scale=1'><meta name='robots' content='noindex'>"
            f"<title>{title}</title><style>{_STYLE}</style></head><body><main>"
            f"<h1>{title}</h1><p class='note'>{note}</p>{cards}</main></body></html>"
        )
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})


def _card(m: dict[str, Any]) -> str:
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(m.get("at", 0))))
    kind = _("Text message") if m.get("channel") == "sms" else _("E-mail")
    subject = f"<div><b>{html.escape(str(m['subject']))}</b></div>" if m.get("subject") else ""
    return (
        f"<article class='m' data-testid='inbox-message'><small>{kind} · "
        f"{html.escape(str(m.get('to', '')))} · {when}</small>{subject}"
        f"<pre>{html.escape(str(m.get('text', '')))}</pre></article>"
    )


def install(
    app: Any,
    *,
    access_key_id: str,
    access_key_secret: str,
    sign_name: str,
    smtp_port: int,
    inbox_path: Path | None,
) -> PostOffice:
    """Mount the fakes on `app` at PREFIX; `start()` the SMTP relay in the app's lifespan."""
    inbox = Inbox(inbox_path)
    sms = FakeAliyunSms(
        access_key_id=access_key_id,
        access_key_secret=access_key_secret,
        sign_name=sign_name,
        inbox=inbox,
    )
    office = PostOffice(sms, FakeSmtp(port=smtp_port, inbox=inbox), inbox)
    app.mount(PREFIX, office.app)
    return office
