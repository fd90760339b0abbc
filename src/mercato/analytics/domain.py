"""Analytics rules: which events exist, what one holds, signed visitor ids, the beacon's
input, and the figures' arithmetic. Pure: no I/O.

Personal data never enters an event: no phone, address, name or IP address; a customer is
its id, a visitor a random signed token; a search term has long digit runs (phone numbers,
ID cards) masked. Paths carry no query string."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from mercato import events
from mercato.kernel.errors import DomainError

PAGE_VIEW, SEARCH, PRODUCT_VIEW = "page_view", "search", "product_view"
ADD_TO_CART, CHECKOUT_STARTED = "add_to_cart", "checkout_started"
ORDER_PLACED, ORDER_PAID = "order_placed", "order_paid"
SHIPPED, SIGNED, REFUNDED = "shipped", "signed", "refunded"
NAMES = (PAGE_VIEW, SEARCH, PRODUCT_VIEW, ADD_TO_CART, CHECKOUT_STARTED, ORDER_PLACED,
         ORDER_PAID, SHIPPED, SIGNED, REFUNDED)
# Not a behaviour: the visitor was seen on one of an order's own pages (or placing it), which
# ties the visitor to the order's customer. customer_id is set instead when already known.
LINKED = "linked"
FUNNEL = (PRODUCT_VIEW, ADD_TO_CART, CHECKOUT_STARTED, ORDER_PLACED, ORDER_PAID)
# What a browser or app may report itself: only what the server may not see (a page restored
# from the back-forward cache, screens an app draws from API data). Everything else the
# server records from its own responses or from the outbox, so a client cannot forge it.
BEACON_NAMES = (PAGE_VIEW, PRODUCT_VIEW, SEARCH)
CHANNELS = ("web", "app", "mini")
GRAINS = ("day", "week", "month")

MAX_BEACON_BYTES = 2048
MAX_PATH, MAX_TERM, MAX_RAW_TERM = 200, 60, 200
MAX_RANGE_DAYS = 3 * 365 + 1  # "three years", with its leap day
_MAX_ID = 2**63 - 1
_CARRIER_CODE = re.compile(r"^[a-z0-9_-]{1,20}$")  # as logistics writes them: "sf", "zto"

# The order matters: it is the column order of the segment files and of the Parquet files.
# New ones go at the end, nullable: older files read NULL there (lake.parquet_rows).
COLUMNS = ("id", "occurred_at", "day", "name", "visitor_id", "customer_id", "channel", "path",
           "product_id", "sku_id", "order_number", "value_fen", "quantity", "term",
           "carrier", "warehouse_id", "shipment")


# Not frozen: a frozen dataclass sets its 17 fields through object.__setattr__, five times
# slower, and an event is built on every page. Treat it as a value all the same.
@dataclass(slots=True)
class Event:
    id: str  # unique: the outbox event id for orders' events, so a replay is the same row
    occurred_at: datetime  # naive UTC
    day: date  # the shop's local day of occurred_at: the lake's partition
    name: str
    visitor_id: str | None = None
    customer_id: int | None = None
    channel: str = "web"
    path: str | None = None
    product_id: int | None = None
    sku_id: int | None = None
    order_number: str | None = None
    value_fen: int | None = None
    quantity: int | None = None
    term: str | None = None
    carrier: str | None = None  # these three: shipments' events only (from the outbox)
    warehouse_id: int | None = None
    shipment: str | None = None  # its number: "<order number>-1"


class TooLarge(DomainError):
    status = 413


# --- visitor ids ---------------------------------------------------------------------------

_RAW = 32  # hex digits: 128 random bits
_TAG = 16  # hex digits of the HMAC kept: 64 bits, far beyond guessing one per request
_HEX = frozenset("0123456789abcdef")


def visitor_key(secret: str) -> hmac.HMAC:
    """The HMAC that signs visitor ids, keyed from the app secret (never the secret itself);
    copied for each id, which saves setting the key up every time."""
    key = hashlib.sha256(b"mercato.analytics.visitor:" + secret.encode()).digest()
    return hmac.new(key, digestmod=hashlib.sha256)


def _tag(key: hmac.HMAC, raw: str) -> str:
    mac = key.copy()
    mac.update(raw.encode())
    return mac.digest()[: _TAG // 2].hex()


def new_visitor_id(key: hmac.HMAC) -> str:
    raw = secrets.token_hex(_RAW // 2)
    return f"{raw}.{_tag(key, raw)}"


def valid_visitor_id(key: hmac.HMAC, token: str) -> bool:
    """True for an id this shop made: a forged or altered one fails its signature."""
    if len(token) != _RAW + 1 + _TAG or token[_RAW] != "." or not _HEX.issuperset(token[:_RAW]):
        return False
    return hmac.compare_digest(token[_RAW + 1:], _tag(key, token[:_RAW]))


# --- cleaning ------------------------------------------------------------------------------

_LONG_DIGITS = re.compile(r"\d{7,}")


def clean_path(raw: str) -> str:
    """The path without query string or fragment (they may carry personal data), cut short."""
    return raw.split("?", 1)[0].split("#", 1)[0][:MAX_PATH]


def clean_term(raw: str) -> str | None:
    """Spaces trimmed and collapsed, at most 60 characters, digit runs of 7+ masked; None when
    nothing is left."""
    words = " ".join(raw.split())
    masked = _LONG_DIGITS.sub(lambda m: "*" * len(m.group()), words)[:MAX_TERM]
    return masked or None


# --- the outbox ----------------------------------------------------------------------------

OUTBOX = {
    events.ORDER_PLACED: ORDER_PLACED,
    events.ORDER_PAID: ORDER_PAID,
    events.SHIPMENT_SHIPPED: SHIPPED,
    events.SHIPMENT_SIGNED: SIGNED,
    events.PAYMENT_REFUNDED: REFUNDED,  # a whole payment given back
    events.PAYMENT_REFUND_SUCCEEDED: REFUNDED,  # an after-sales (partial) refund
}


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def outbox_time(event_name: str, payload: dict[str, Any], at: datetime) -> datetime:
    """When an outbox event happened: `at` (naive UTC, when recorded), but a signing at its
    `signed_at`, the carrier's scan, which reaches the shop minutes or hours later (a push,
    a poll). Naive UTC (an aware one is converted); a missing or malformed one leaves `at`."""
    raw = payload.get("signed_at") if event_name == events.SHIPMENT_SIGNED else None
    try:
        signed = datetime.fromisoformat(raw) if isinstance(raw, str) else at
    except ValueError:
        return at
    return signed.astimezone(UTC).replace(tzinfo=None) if signed.tzinfo else signed


def from_outbox(
    event_id: str, event_name: str, payload: dict[str, Any], at: datetime, day: date
) -> Event:
    """The analytics event of an outbox event (a name in OUTBOX): ids and amounts only.
    Orders carry their number as "number", shipments and refunds as "order_number"; value is
    the order's total (placed, paid) or the money given back (refunded). A shipment's events
    keep its number ("number"), shipping also its carrier and warehouse; never the phone or
    the waybill. `at` is outbox_time's answer, `day` its local day."""
    name = OUTBOX[event_name]
    number = payload.get("order_number", payload.get("number"))
    value = payload.get("amount_fen") if name == REFUNDED else payload.get("total_fen")
    channel = payload.get("channel")
    carrier = payload.get("carrier") if name == SHIPPED else None
    shipment = payload.get("number") if name in (SHIPPED, SIGNED) else None
    return Event(
        id=event_id, occurred_at=at, day=day, name=name,
        customer_id=_int(payload.get("customer_id")),
        channel=channel if channel in CHANNELS else "web",
        order_number=str(number)[:40] if number is not None else None,
        value_fen=_int(value) if name in (ORDER_PLACED, ORDER_PAID, REFUNDED) else None,
        carrier=carrier if isinstance(carrier, str) and _CARRIER_CODE.match(carrier) else None,
        warehouse_id=_int(payload.get("warehouse_id")) if name == SHIPPED else None,
        shipment=shipment[:40] if isinstance(shipment, str) and shipment else None,
    )


# --- the beacon ----------------------------------------------------------------------------

_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
BEACON_FIELDS = frozenset({"name", "path", "channel", "product_id", "sku_id", "term", "id"})


@dataclass(frozen=True, slots=True)
class Beacon:
    name: str
    path: str
    channel: str = "web"
    product_id: int | None = None
    sku_id: int | None = None
    term: str | None = None
    client_id: str | None = None  # the same id sent twice is one event


def _bad(field: str | None, message: str = "Not in the form this field takes") -> DomainError:
    return DomainError("analytics.invalid_event", message, field)


def _text(data: dict[str, Any], field: str, longest: int, required: bool = False) -> str | None:
    value = data.get(field)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value or len(value) > longest or _CONTROL.search(value):
        raise _bad(field)
    return value


def _id(data: dict[str, Any], field: str) -> int | None:
    value = data.get(field)
    if value is None:
        return None
    if _int(value) is None or not 1 <= value <= _MAX_ID:
        raise _bad(field)
    return int(value)


def parse_beacon(data: Any) -> Beacon:
    """A beacon body, checked: an object with known fields only; `name` one of BEACON_NAMES
    (analytics.unknown_event otherwise), `path` starting with "/" (its query string dropped),
    ids positive integers; anything else is analytics.invalid_event."""
    if not isinstance(data, dict):
        raise _bad(None, "Send a JSON object")
    extra = sorted(set(data) - BEACON_FIELDS)
    if extra:
        raise _bad(extra[0], "Unknown field")
    name = data.get("name")
    if not isinstance(name, str) or name not in BEACON_NAMES:
        raise DomainError("analytics.unknown_event", "Unknown event name", "name")
    path = _text(data, "path", MAX_PATH, required=True)
    if not path or not path.startswith("/"):
        raise _bad("path")
    channel = data.get("channel", "web")
    if channel not in CHANNELS:
        raise _bad("channel")
    client_id = _text(data, "id", 64)
    if client_id is not None and not _CLIENT_ID.match(client_id):
        raise _bad("id")
    term = _text(data, "term", MAX_RAW_TERM)
    return Beacon(name, clean_path(path), channel, _id(data, "product_id"), _id(data, "sku_id"),
                  clean_term(term) if term else None, client_id)


def beacon_event_id(visitor_id: str, client_id: str) -> str:
    """A resent beacon (same visitor, same client id) gets the same event id: counted once."""
    return "b" + hashlib.sha256(f"{visitor_id}:{client_id}".encode()).hexdigest()[:31]


# --- figures -------------------------------------------------------------------------------


def check_range(first: date, last: date) -> None:
    """A date range of local days, both included: in order, and at most three years."""
    if last < first:
        raise DomainError("analytics.invalid_range", "The end date is before the start date", "to")
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise DomainError("analytics.range_too_long", "Ask for three years at most", "to")


def period_start(day: date, grain: str) -> date:
    """The first day of the day's week (Monday, as ISO and date_trunc count) or month."""
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    return day


def periods(first: date, last: date, grain: str) -> list[date]:
    """Every period touching [first, last], by its first day (a week may start before first)."""
    out: list[date] = []
    day = period_start(first, grain)
    while day <= last:
        out.append(day)
        if grain == "month":
            day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            day += timedelta(days=7 if grain == "week" else 1)
    return out


def average_fen(total_fen: int, count: int) -> int:
    """total ÷ count in whole fen, halves rounded up (¥10.005 → ¥10.01); 0 when count is 0."""
    return (2 * total_fen + count) // (2 * count) if count else 0


def rate(part: int, whole: int) -> float:
    """part ÷ whole for display (4 decimals); 0.0 when whole is 0. Never used for money."""
    return round(part / whole, 4) if whole else 0.0


def drops(reached: list[int]) -> list[float]:
    """The share lost at each step of a funnel (0.0 for the first step)."""
    return [0.0] + [round(1 - rate(b, a), 4) if a else 0.0 for a, b in itertools.pairwise(reached)]
