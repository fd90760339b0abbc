"""POST /api/v1/events: the beacon, for what the server cannot see (domain.BEACON_NAMES).

The body is JSON whatever its Content-Type (navigator.sendBeacon sends text/plain), at most
2 KB: {"name", "path", "channel"?, "product_id"?, "sku_id"?, "term"?, "id"?}. The visitor is
the `mv` cookie only, never the body: without it nothing is recorded (204); a forged one is
refused (403). SameSite=Lax keeps the cookie off other sites' POSTs, so another site cannot
record in a visitor's name. A resent beacon with the same "id" counts once.

Left out of the API document: it is the storefront's own plumbing, not an integration API."""

from __future__ import annotations

import threading
import time

import orjson
from fastapi import Request
from fastapi.responses import Response

from mercato.analytics import domain
from mercato.analytics.services.recording import Tracker
from mercato.analytics.web.middleware import COOKIE, private
from mercato.kernel.errors import DomainError, Forbidden, TooManyRequests
from mercato.web.routing import Router

router = Router(prefix="/api/v1", include_in_schema=False)
PER_MINUTE = 120  # beacons a visitor may send a minute (a person clicks far fewer)


class _Window:
    """Beacons per visitor in the current minute, in this process (cleared each minute)."""

    def __init__(self) -> None:
        self.minute, self.lock = 0, threading.Lock()
        self.counts: dict[str, int] = {}

    def allow(self, visitor: str) -> bool:
        minute = int(time.monotonic() // 60)
        with self.lock:
            if minute != self.minute:
                self.minute, self.counts = minute, {}
            self.counts[visitor] = n = self.counts.get(visitor, 0) + 1
        return n <= PER_MINUTE


_window = _Window()


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > domain.MAX_BEACON_BYTES:
        raise domain.TooLarge("analytics.too_large", "An event takes 2 KB at most")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > domain.MAX_BEACON_BYTES:
            raise domain.TooLarge("analytics.too_large", "An event takes 2 KB at most")
    return bytes(body)


@router.post("/events", status_code=204)
async def record_event(request: Request) -> Response:
    tracker: Tracker = request.app.state.analytics
    try:
        data = orjson.loads(await _body(request))
    except orjson.JSONDecodeError:
        raise DomainError("analytics.invalid_event", "The body is not valid JSON") from None
    beacon = domain.parse_beacon(data)
    token = request.cookies.get(COOKIE, "")
    if not token or not tracker.enabled or private(dict(request.scope["headers"])):
        return Response(status_code=204)  # nobody to record, or they asked not to be
    if not domain.valid_visitor_id(tracker.key, token):
        raise Forbidden("analytics.forged_visitor", "This visitor id was not made here")
    if not _window.allow(token):
        raise TooManyRequests("analytics.too_many_events", "Too many events; slow down")
    tracker.record_beacon(token, beacon)
    return Response(status_code=204)
