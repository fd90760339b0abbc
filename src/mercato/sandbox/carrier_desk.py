"""The demo's fake carriers, in the shop's own process: a fake SF Express open platform at
/sandbox/carriers/sf/ and a fake Kuaidi100 at /sandbox/carriers/kuaidi100/, both pushing
tracking to the shop's push URLs; and a desk at /sandbox/carriers/ where a tester moves a
parcel along (the next scan, or a failed delivery) as a courier would. Demo mode only, one
worker: the fakes keep their parcels in memory.

    desk = install(app, sf_partner_id=..., sf_check_word=..., sf_push_url=...,
                   sf_push_token=..., kuaidi100_key=..., kuaidi100_customer=...,
                   kuaidi100_secret=...)
"""

from __future__ import annotations

import html
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route

from mercato.platform.i18n import gettext_ as _
from mercato.sandbox.kuaidi100 import FakeKuaidi100
from mercato.sandbox.sf_express import FakeSfExpress

PREFIX = "/sandbox/carriers"
_STYLE = (
    "body{margin:0;font:15px/1.6 -apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;"
    "background:#f4f4f4;color:#222}main{max-width:760px;margin:0 auto;padding:12px}"
    ".note{background:#fff7e6;border:1px solid #ffd591;padding:8px 12px;border-radius:8px}"
    ".p{background:#fff;border-radius:8px;padding:10px 12px;margin:10px 0;display:flex;"
    "gap:8px;align-items:center;flex-wrap:wrap}.p code{font-size:15px}.p small{color:#777}"
    ".p form{margin:0}.p button{padding:6px 12px;border-radius:16px;border:1px solid #ccc;"
    "background:#fff}.p button.go{background:#e4393c;color:#fff;border-color:#e4393c}"
)
# A failed delivery in each protocol: SF opCode 70 (派送不成功), Kuaidi100 state 14 (拒签).
_FAIL = {"sf": "70", "kuaidi100": "14"}


class CarrierDesk:
    def __init__(self, sf: FakeSfExpress, kuaidi100: FakeKuaidi100) -> None:
        self.sf, self.kuaidi100 = sf, kuaidi100
        self.app = Starlette(routes=[
            Route("/", self._page),
            Route("/parcels.json", self._json),
            Route("/advance", self._advance, methods=["POST"]),
            Mount("/sf", app=sf.app),
            Mount("/kuaidi100", app=kuaidi100.app),
        ])

    def use_client(self, client: httpx.Client) -> None:
        """Push through `client` (tests: a TestClient of the shop)."""
        self.sf._client = client
        self.kuaidi100._client = client

    def parcels(self) -> list[dict[str, str]]:
        out = [{"integration": "sf", "carrier": "sf", "waybill": w, "reference": ref,
                "last": code} for w, ref, code in self.sf.waybills()]
        for (company, number), sub in list(self.kuaidi100.subscriptions.items()):
            last = sub.history[0].get("statusCode", "") if sub.history else ""
            out.append({"integration": "kuaidi100", "carrier": company, "waybill": number,
                        "reference": "", "last": last})
        return out

    def advance(self, integration: str, waybill: str, fail: bool) -> dict[str, Any]:
        code = _FAIL[integration] if fail else None
        if integration == "sf":
            return self.sf.advance(waybill, code)
        return self.kuaidi100.advance(waybill, code)

    async def _advance(self, request: Request) -> Response:
        form = await request.form()
        integration, waybill = str(form.get("integration", "")), str(form.get("waybill", ""))
        if integration not in _FAIL or not waybill:
            return JSONResponse({"error": "integration and waybill required"}, 400)
        try:
            # The fakes push to the shop over HTTP, served by this same process: not from
            # the event loop, or the push would wait for the loop this call holds.
            await run_in_threadpool(self.advance, integration, waybill, bool(form.get("fail")))
        except (ValueError, KeyError) as exc:
            return JSONResponse({"error": str(exc)}, 404)
        return RedirectResponse(f"{PREFIX}/", 303)

    async def _json(self, request: Request) -> Response:
        return JSONResponse({"items": self.parcels()})

    async def _page(self, request: Request) -> Response:
        rows = "".join(_row(p) for p in self.parcels()) or f"<p>{_('No parcels yet.')}</p>"
        title = _("Demo carriers: parcels on their way")
        note = _("Demo mode only: waybills booked with the fake SF Express and Kuaidi100. "
                 "Move a parcel on as its courier would; the carrier pushes the scan to the "
                 "shop.")
        page = (
            "<!doctype html><html><head><meta charset='utf-8'><meta name='viewport' "
            "content='width=device-width,initial-scale=1'><meta name='robots' "
            f"content='noindex'><title>{title}</title><style>{_STYLE}</style></head><body>"
            f"<main><h1>{title}</h1><p class='note'>{note}</p>{rows}</main></body></html>"
        )
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})


def _row(p: dict[str, str]) -> str:
    hidden = (f"<input type='hidden' name='integration' value='{html.escape(p['integration'])}'>"
              f"<input type='hidden' name='waybill' value='{html.escape(p['waybill'])}'>")
    return (
        f"<div class='p' data-testid='parcel' data-waybill='{html.escape(p['waybill'])}'>"
        f"<code>{html.escape(p['waybill'])}</code><small>{html.escape(p['carrier'])} · "
        f"{html.escape(p['reference'])} · {_('last scan')} {html.escape(p['last'] or '—')}"
        f"</small><form method='post' action='{PREFIX}/advance'>{hidden}"
        f"<button class='go'>{_('Next scan')}</button></form>"
        f"<form method='post' action='{PREFIX}/advance'>{hidden}"
        f"<input type='hidden' name='fail' value='1'><button>{_('Delivery fails')}</button>"
        "</form></div>"
    )


def install(app: Any, *, client: httpx.Client | None = None, **account: str) -> CarrierDesk:
    """Mount the fake carriers and the desk on `app` at PREFIX."""
    sf = FakeSfExpress(account["sf_partner_id"], account["sf_check_word"],
                       account["sf_push_url"], account["sf_push_token"], client)
    kd = FakeKuaidi100(key=account["kuaidi100_key"], customer=account["kuaidi100_customer"],
                       secret=account["kuaidi100_secret"], client=client)
    desk = CarrierDesk(sf, kd)
    app.mount(PREFIX, desk.app)
    return desk
