"""Provider-neutral carrier vocabulary: what we ask a carrier for (a waybill) and what it tells
us (tracking events). Adapters convert their protocol's fields at the edge; nothing here
knows a wire format."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

from mercato.kernel.errors import DomainError, Unauthorized

# Where a parcel is, in the order it normally gets there. FAILED (疑难, 拒签, 派送失败) and
# RETURNED (退回, 退签) are off the normal path: they raise an exception for a person.
COLLECTED = "collected"  # 揽收
IN_TRANSIT = "in_transit"  # 运输中
DELIVERING = "delivering"  # 派件中
SIGNED = "signed"  # 已签收
FAILED = "failed"
RETURNED = "returned"
STAGES = (COLLECTED, IN_TRANSIT, DELIVERING, SIGNED, FAILED, RETURNED)

Ack = tuple[int, bytes, str]  # (HTTP status, body, content type) answered to a push


class CarrierError(DomainError):
    """The carrier refused the request or could not be reached (502); `provider_code` keeps
    the carrier's own error code for the logs; `transient` when retrying may succeed."""

    status = 502

    def __init__(
        self, code: str, message: str, provider_code: str = "", transient: bool = False
    ) -> None:
        super().__init__(code, message, None)
        self.provider_code, self.transient = provider_code, transient


class PushRejected(Unauthorized):
    """A tracking push could not be authenticated or parsed (401); nothing is stored."""


@dataclass(frozen=True, slots=True)
class Party:
    """Sender or recipient as a waybill prints them."""

    name: str
    phone: str
    province: str
    city: str
    district: str
    address: str  # street and number
    company: str = ""


@dataclass(frozen=True, slots=True)
class Parcel:
    name: str  # what is inside, as the waybill says it ("商品名 ×2")
    quantity: int


@dataclass(frozen=True, slots=True)
class WaybillRequest:
    """One shipment to book with a carrier. `reference` is our shipment number, sent as the
    carrier's order id (orderId / orderNo): booking the same reference twice must give back
    the same waybill, never a second one."""

    reference: str
    sender: Party
    recipient: Party
    parcels: tuple[Parcel, ...]
    weight_g: int = 1000
    service: str = "standard"  # standard | express (SF 顺丰特快 vs 顺丰标快)


@dataclass(frozen=True, slots=True)
class Waybill:
    carrier: str  # our carrier code: "sf", "zto", "yto", "sto", "yunda"
    waybill_no: str
    # What the printed label needs beyond the parties: routing codes (origin / destination
    # codes, 大头笔 / 三段码), the carrier's product name, and so on.
    label: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TrackingEvent:
    carrier: str
    waybill_no: str
    stage: str  # one of STAGES
    occurred_at: datetime  # timezone-aware
    description: str  # the carrier's text, shown to the shopper as is
    location: str = ""
    code: str = ""  # the carrier's own code (SF opCode, Kuaidi100 status code)

    def key(self) -> str:
        """The same event pushed twice (carriers retry) has the same key."""
        raw = "|".join(
            (self.carrier, self.waybill_no, self.occurred_at.isoformat(), self.code,
             self.description)
        )
        return hashlib.sha256(raw.encode()).hexdigest()[:32]


@runtime_checkable
class Carrier(Protocol):
    """A carrier integration. Adapters raise CarrierError / PushRejected, never HTTP errors."""

    name: str  # the integration: "sf" (SF Express open platform) or "kuaidi100"
    carriers: tuple[str, ...]  # the carrier codes it books and tracks: ("sf",), ("zto", ...)

    def create_waybill(self, request: WaybillRequest, carrier: str) -> Waybill:
        """Book the shipment with `carrier` (one of self.carriers) and get its waybill number
        (idempotent on request.reference)."""
        ...

    def subscribe(self, carrier: str, waybill_no: str, phone: str) -> None:
        """Ask for tracking pushes for this waybill (a no-op where the account pushes all)."""
        ...

    def parse_push(self, headers: Mapping[str, str], body: bytes) -> list[TrackingEvent]:
        """Authenticate FIRST, then parse a tracking push into events (possibly several,
        possibly already seen, possibly out of order). Raises PushRejected."""
        ...

    def push_ack(self, ok: bool) -> Ack:
        """The answer the carrier expects, so it stops (ok) or retries (not ok)."""
        ...
