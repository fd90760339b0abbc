"""The demo's fake ERP, speaking the shop's ERP webhook protocol (docs/erp-webhook.md) on its
own (no code shared with mercato.finance: the tests then prove the two agree):

- POST /entries: X-Mercato-Timestamp within 5 minutes of now and X-Mercato-Signature
  "sha256=" + hex HMAC-SHA256(secret, "<timestamp>.<raw body>"), else 401; each entry checked
  on its own (fields present, postings one-sided whole fen, debits equal to credits) and
  rejected with a reason, or booked once by entry_id (sent again: accepted again, not booked
  twice; sent again with other content: rejected);
- `fail_next(n)` (or the form on the page) makes the next n requests answer 503;
- GET /: the entries received, as a small page; GET /entries.json the same as JSON.

    fake = install(app, secret="...")    # mounted at /sandbox/erp
    fake.client()                          # an httpx client serving the fake in-process
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from mercato.platform.i18n import gettext_ as _

PREFIX = "/sandbox/erp"
FRESH = 300  # seconds either side of now a timestamp may be
SHOWN = 200  # entries listed on the page, newest first
KINDS = frozenset({"payment", "refund", "invoice", "credit_note"})
_TEXT = ("entry_id", "kind", "occurred_at", "order_number", "reference", "currency")
_STYLE = (
    "body{margin:0;font:15px/1.6 -apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;"
    "background:#f4f4f4;color:#222}main{max-width:860px;margin:0 auto;padding:12px}"
    ".note{background:#fff7e6;border:1px solid #ffd591;padding:8px 12px;border-radius:8px}"
    "table{width:100%;border-collapse:collapse;background:#fff;margin:10px 0}"
    "td,th{padding:4px 8px;border-bottom:1px solid #eee;text-align:left;font-size:14px}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def problem(entry: object) -> str:
    """Why the ERP would not book `entry` ("" when it would)."""
    if not isinstance(entry, Mapping):
        return "not an object"
    for name in _TEXT:
        if not isinstance(entry.get(name), str) or not entry[name]:
            return f"{name} missing"
    if entry["kind"] not in KINDS:
        return f"unknown kind {entry['kind']}"
    postings = entry.get("postings")
    if not isinstance(postings, list) or len(postings) < 2:
        return "fewer than two postings"
    debit = credit = 0
    for p in postings:
        if not isinstance(p, Mapping) or not isinstance(p.get("account"), str):
            return "posting without account"
        d, c = p.get("debit_fen", 0), p.get("credit_fen", 0)
        if not (_whole(d) and _whole(c)) or (d > 0) == (c > 0):
            return f"posting to {p['account']} is not one positive side in fen"
        debit, credit = debit + d, credit + c
    if debit != credit:
        return f"unbalanced: debits {debit} fen, credits {credit} fen"
    return ""


class FakeErp:
    def __init__(self, secret: str, *, now: Callable[[], float] = time.time) -> None:
        self.secret, self.now = secret, now
        self.booked: dict[str, dict[str, Any]] = {}  # entry_id → entry, in arrival order
        self.requests: list[dict[str, Any]] = []  # every request answered 200
        self.refused: list[int] = []  # statuses of requests not answered 200
        self._failing = 0
        self._lock = threading.Lock()
        self.app = Starlette(routes=[
            Route("/", self._page),
            Route("/entries", self._entries, methods=["POST"]),
            Route("/entries.json", self._json),
            Route("/fail", self._fail, methods=["POST"]),
        ])

    def fail_next(self, n: int) -> None:
        """Answer the next `n` requests 503 (an ERP down for maintenance)."""
        with self._lock:
            self._failing = max(0, n)

    def client(self, base_url: str = "http://erp.test") -> httpx.Client:
        """An httpx client whose requests this fake serves in-process: point the shop's
        webhook at f"{base_url}/entries"."""
        from starlette.testclient import TestClient

        return TestClient(self.app, base_url=base_url)

    def authentic(self, headers: Mapping[str, str], body: bytes) -> bool:
        stamp = headers.get("x-mercato-timestamp", "")
        given = headers.get("x-mercato-signature", "")
        if not stamp.isdigit() or abs(self.now() - int(stamp)) > FRESH:
            return False
        mac = hmac.new(self.secret.encode(), stamp.encode() + b"." + body, hashlib.sha256)
        return hmac.compare_digest("sha256=" + mac.hexdigest(), given)

    def receive(self, headers: Mapping[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        """(status, answer) of one delivery."""
        with self._lock:
            if self._failing:
                self._failing -= 1
                self.refused.append(503)
                return 503, {"error": "maintenance"}
            if not self.authentic(headers, body):
                self.refused.append(401)
                return 401, {"error": "bad signature or stale timestamp"}
            try:
                batch = json.loads(body)
                entries, batch_id = batch["entries"], batch["batch_id"]
            except (ValueError, KeyError, TypeError):
                entries = batch_id = None
            if not isinstance(entries, list) or not isinstance(batch_id, str):
                self.refused.append(400)
                return 400, {"error": "body is not a batch"}
            return 200, self._book(batch_id, headers, entries)

    def _book(self, batch_id: str, headers: Mapping[str, str], entries: list[Any]
              ) -> dict[str, Any]:
        accepted: list[str] = []
        rejected: list[dict[str, str]] = []
        for entry in entries:
            reason = problem(entry)
            eid = str(entry.get("entry_id", "")) if isinstance(entry, Mapping) else ""
            if not reason and eid in self.booked and self.booked[eid] != entry:
                reason = "entry_id already booked with other content"
            if reason:
                rejected.append({"entry_id": eid, "reason": reason})
                continue
            self.booked.setdefault(eid, dict(entry))
            accepted.append(eid)
        self.requests.append({"batch_id": batch_id, "key": headers.get("idempotency-key", ""),
                              "accepted": accepted, "rejected": rejected})
        return {"batch_id": batch_id, "accepted": accepted, "rejected": rejected}

    async def _entries(self, request: Request) -> Response:
        status, answer = self.receive(request.headers, await request.body())
        return JSONResponse(answer, status)

    async def _json(self, request: Request) -> Response:
        return JSONResponse({"items": list(self.booked.values())})

    async def _fail(self, request: Request) -> Response:
        form = await request.form()
        raw = str(form.get("n", "1"))
        self.fail_next(int(raw) if raw.isdigit() else 1)
        return RedirectResponse(f"{PREFIX}/", 303)

    async def _page(self, request: Request) -> Response:
        title = _("Demo ERP: entries received")
        note = _("Demo mode only: the shop posts an accounting entry for every payment, "
                 "refund and invoice here, signed, and retries until this ERP acknowledges.")
        newest = list(self.booked.values())[-SHOWN:]  # the page stays small in a long demo
        rows = "".join(_row(e) for e in reversed(newest))
        head = "".join(f"<th>{h}</th>" for h in (
            _("Entry"), _("Order"), _("Account"), _("Debit"), _("Credit"), _("Memo")))
        empty = f"<p>{_('No entries yet.')}</p>"
        table = f"<table><tr>{head}</tr>{rows}</table>" if rows else empty
        fail = (f"<form method='post' action='{PREFIX}/fail'><input type='hidden' name='n' "
                f"value='2'><button>{_('Fail the next 2 requests')}</button></form>")
        page = (
            "<!doctype html><html><head><meta charset='utf-8'><meta name='viewport' "
            "content='width=device-width,initial-scale=1'><meta name='robots' "
            f"content='noindex'><title>{title}</title><style>{_STYLE}</style></head><body>"
            f"<main><h1>{title}</h1><p class='note'>{note}</p>{fail}{table}</main></body></html>"
        )
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})


def _row(entry: Mapping[str, Any]) -> str:
    cells = []
    for i, p in enumerate(entry["postings"]):
        first = i == 0
        cells.append(
            f"<tr data-testid='posting' data-entry='{html.escape(entry['entry_id'])}'>"
            f"<td>{html.escape(entry['entry_id']) if first else ''}</td>"
            f"<td>{html.escape(entry['order_number']) if first else ''}</td>"
            f"<td>{html.escape(str(p['account']))} {html.escape(str(p.get('account_name', '')))}"
            f"</td><td class='n'>{_yuan(p.get('debit_fen', 0))}</td>"
            f"<td class='n'>{_yuan(p.get('credit_fen', 0))}</td>"
            f"<td>{html.escape(str(entry.get('memo', ''))) if first else ''}</td></tr>"
        )
    return "".join(cells)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}" if fen else ""


def install(app: Any, *, secret: str) -> FakeErp:
    """Mount the fake ERP on `app` at PREFIX."""
    fake = FakeErp(secret)
    app.mount(PREFIX, fake.app)
    return fake
