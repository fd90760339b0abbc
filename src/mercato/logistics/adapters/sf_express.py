"""SF Express (顺丰速运) through its open platform (顺丰开放平台 / 丰桥), standard API
(https://sfapi.sf-express.com/std/service; sandbox https://sfapi-sbox.sf-express.com/std/service),
signed with the account's check word (sf_express_protocol says how). Used services:
- EXP_RECE_CREATE_ORDER (下订单) books a shipment under our reference as orderId and answers
  the waybill number with its routing label. SF refuses a reused orderId with 8016 (重复下单;
  newer documentation says it answers the first booking again): either way we end up with the
  first booking's waybill, through EXP_RECE_SEARCH_ORDER_RESP (订单结果查询) after an 8016, so
  booking is idempotent and a timed-out booking can simply be retried;
- EXP_RECE_SEARCH_ROUTES (路由查询, trackingType 1 = by waybill number) for `routes`.

Tracking pushes (路由推送, RoutePushService) come to a URL configured once per SF account, for
every waybill booked through the API, in the JSON mode the account must choose: a POST of
{"Body": {"WaybillRoute": [...]}} answered {"return_code": "0000", "return_msg": "成功"}
("1000" makes SF push again). SF's documentation shows no signature on pushes, so the push URL
configured at SF carries a per-shop secret, `?token=...`; the web route hands that query value
to parse_push under the PUSH_TOKEN key of `headers`, compared in constant time, and a shop
without a push_token configured accepts no push at all.

Errors: no answer, a timeout or HTTP 5xx, and SF's A1005 / A1009 / A1099 are CarrierError
"logistics.carrier_unavailable", transient; every other platform or business refusal is
"logistics.carrier_refused" with SF's code (A1006 bad digest, 1014 recipient address missing,
...) in provider_code."""

from __future__ import annotations

import hmac
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from mercato.logistics.adapters import sf_express_protocol as sf
from mercato.logistics.carriers import (
    Ack,
    CarrierError,
    Party,
    PushRejected,
    TrackingEvent,
    Waybill,
    WaybillRequest,
)

PUSH_TOKEN = "x-push-token"  # where the web route puts the push URL's ?token= value
SANDBOX_URL = "https://sfapi-sbox.sf-express.com/std/service"  # base_url for 沙箱 testing
_EXPRESS_TYPE = {"express": 1, "standard": 2}  # 顺丰特快, 顺丰标快
_PRODUCT = {1: "顺丰特快", 2: "顺丰标快"}


@dataclass(frozen=True)
class SfExpressConfig:
    partner_id: str  # 顾客编码
    check_word: str  # 校验码 (sandbox and production ones differ)
    monthly_card: str  # 月结卡号 the shipments are billed to
    base_url: str = "https://sfapi.sf-express.com/std/service"
    push_token: str = ""  # the secret in the route-push URL; empty refuses every push


def _now_ms() -> int:
    return int(time.time() * 1000)


class SfExpress:
    name = "sf"
    carriers: tuple[str, ...] = ("sf",)

    def __init__(
        self,
        config: SfExpressConfig,
        client: httpx.Client | None = None,
        now_ms: Callable[[], int] = _now_ms,
        request_id: Callable[[], str] = lambda: str(uuid.uuid4()),
    ) -> None:
        self.config = config
        self._client = client or httpx.Client(timeout=httpx.Timeout(10.0, connect=5.0))
        self._now_ms, self._request_id = now_ms, request_id

    def create_waybill(self, request: WaybillRequest, carrier: str) -> Waybill:
        if carrier not in self.carriers:
            raise CarrierError("logistics.carrier_unknown", f"SF Express does not carry {carrier}")
        try:
            data = self.call(sf.CREATE_ORDER, self.order(request))
        except CarrierError as exc:
            if exc.provider_code != sf.DUPLICATE_ORDER:
                raise
            search = {"orderId": request.reference, "searchType": "1", "language": "zh-CN"}
            data = self.call(sf.SEARCH_ORDER, search)
        if str(data.get("filterResult", "")) == "3":  # 不可以收派: outside SF's service area
            raise sf.refused("filterResult 3", str(data.get("remark") or "address not served"))
        express_type = _EXPRESS_TYPE.get(request.service, 2)
        label = {"product": _PRODUCT[express_type], **sf.label(data)}
        return Waybill(carrier="sf", waybill_no=sf.waybill_no(data), label=label)

    def order(self, request: WaybillRequest) -> dict[str, Any]:
        """EXP_RECE_CREATE_ORDER's msgData for one shipment (寄方付, billed to the month card)."""
        return {
            "language": "zh-CN",
            "orderId": request.reference,
            "monthlyCard": self.config.monthly_card,
            "payMethod": 1,
            "expressTypeId": _EXPRESS_TYPE.get(request.service, 2),
            "parcelQty": 1,
            # kg to SF's three decimals: a weight, not money, so a JSON number is what SF wants
            "totalWeight": round(request.weight_g / 1000, 3),
            "isReturnRoutelabel": 1,
            "isUnifiedWaybillNo": 1,  # the 15-character SF... numbers
            "cargoDetails": [
                {"name": p.name, "count": p.quantity, "unit": "件"} for p in request.parcels
            ],
            "contactInfoList": [_contact(1, request.sender), _contact(2, request.recipient)],
        }

    def subscribe(self, carrier: str, waybill_no: str, phone: str) -> None:
        """Nothing to do: SF pushes the routes of every waybill booked through the API to the
        account's configured push URL; there is no per-waybill subscription."""

    def routes(self, waybill_no: str) -> list[TrackingEvent]:
        """The waybill's routes so far (路由查询), oldest first as SF lists them."""
        msg = {
            "language": "0",
            "trackingType": "1",
            "trackingNumber": [waybill_no],
            "methodType": "1",
        }
        return sf.query_events(self.call(sf.SEARCH_ROUTES, msg), waybill_no)

    def parse_push(self, headers: Mapping[str, str], body: bytes) -> list[TrackingEvent]:
        token = next((v for k, v in headers.items() if k.lower() == PUSH_TOKEN), "")
        expected = self.config.push_token.encode()
        if not expected or not hmac.compare_digest(token.encode(), expected):
            raise PushRejected("logistics.push_forged", "The tracking push is not from SF Express")
        try:
            return sf.push_events(body)
        except (ValueError, UnicodeDecodeError):
            raise PushRejected("logistics.push_malformed", "The tracking push cannot be read")

    def push_ack(self, ok: bool) -> Ack:
        return 200, sf.ack(ok), "application/json;charset=UTF-8"

    def call(self, service: str, msg: Mapping[str, Any]) -> dict[str, Any]:
        """One signed call; the business msgData, or CarrierError."""
        cfg = self.config
        form = sf.form(
            cfg.partner_id, cfg.check_word, service, msg, str(self._now_ms()), self._request_id()
        )
        try:
            r = self._client.post(cfg.base_url, data=form)
        except httpx.HTTPError as exc:
            raise sf.unavailable(type(exc).__name__) from exc
        return sf.business_data(r.status_code, r.content)


def _contact(kind: int, party: Party) -> dict[str, Any]:
    place = (party.province, party.city, party.district, party.address)
    return sf.contact(kind, party.name, party.phone, place, party.company)
