"""Logistics API shapes."""

from __future__ import annotations

from pydantic import BaseModel

from mercato.logistics.services.views import Parcel
from mercato.web.times import ShopDateTime


class ScanOut(BaseModel):
    occurred_at: ShopDateTime
    stage: str
    description: str
    location: str


class ParcelLineOut(BaseModel):
    sku_code: str
    name: str
    quantity: int


class ParcelOut(BaseModel):
    number: str
    status: str  # allocated | picking | shipped | signed | cancelled
    stage: str  # the carrier's last word: collected, in_transit, delivering, signed, ...
    carrier: str
    carrier_name: str
    waybill_no: str
    shipped_at: ShopDateTime | None
    signed_at: ShopDateTime | None
    lines: list[ParcelLineOut]
    scans: list[ScanOut]  # newest first


class ReceiptOut(BaseModel):
    number: str
    parcels_signed: int


def parcel_out(p: Parcel) -> ParcelOut:
    return ParcelOut(
        number=p.number, status=p.status, stage=p.stage, carrier=p.carrier,
        carrier_name=p.carrier_name, waybill_no=p.waybill_no, shipped_at=p.shipped_at,
        signed_at=p.signed_at,
        lines=[ParcelLineOut(sku_code=c, name=n, quantity=q) for c, n, q in p.lines],
        scans=[ScanOut(occurred_at=s.occurred_at, stage=s.stage, description=s.description,
                       location=s.location) for s in p.scans],
    )
