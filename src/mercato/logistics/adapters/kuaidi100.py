"""Kuaidi100 (快递100) for the 通达 group: ZTO 中通, YTO 圆通, STO 申通, Yunda 韵达.

- Booking (电子面单下单, POST https://api.kuaidi100.com/label/order, method=order): a form of
  method, key, t, sign, param; the param JSON carries our carrier account (partnerId /
  partnerKey / net, from each carrier's local branch), both parties, the goods and our
  shipment number as orderId. Answer: {"success", "code", "message", "data": {"kuaidinum",
  "taskId", "bulkpen", "orgCode", "destCode", ...}}; code 200 is success, -1 is Kuaidi100's
  own trouble (transient), 3000x are ours (30002 bad sign, 30003 bad key, 30004 no
  waybills left). NOT IDEMPOTENT: Kuaidi100 documents no duplicate check on orderId, so
  booking the same reference twice may draw two waybill numbers. The caller keeps the
  promise of WaybillRequest: it stores the reference (and, once known, the waybill) before
  and after booking, and never books a reference that already has a waybill; a booking
  whose answer was lost needs a person or a cancellation, not a blind retry.
- Tracking (订阅, POST https://poll.kuaidi100.com/poll): a form of schema=json and param
  {"company", "number", "key", "parameters": {"callbackurl", "salt", "resultv2", "phone"}}.
  Answer {"result", "returnCode", "message"}: 200 accepted, 501 already subscribed (fine:
  the pushes come anyway), 500 Kuaidi100's trouble (transient), 600 bad key, 601 key
  expired, 700 bad data, 701 company refused, 702 company not recognised.
- Pushes (推送, a form POST to callbackurl with param and sign = md5(param + salt)): the
  full history each time; answered {"result": true, "returnCode": "200"}, else Kuaidi100
  tries again later."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import httpx

from mercato.logistics.adapters import kuaidi100_protocol as protocol
from mercato.logistics.carriers import (
    Ack,
    CarrierError,
    Party,
    PushRejected,
    TrackingEvent,
    Waybill,
    WaybillRequest,
)

# resultv2=4 adds each entry's own statusCode (高级物流状态值) and area, so every event gets
# its own stage rather than the parcel's current one.
RESULTV2 = "4"
# Routing values from the booking answer that a printed label needs (大头笔, 三段码 parts).
_LABEL_FIELDS = (
    "bulkpen", "orgCode", "orgName", "destCode", "destName", "orgSortingCode",
    "orgSortingName", "destSortingCode", "destSortingName", "pkgCode", "pkgName", "road",
    "taskId", "label",
)  # fmt: skip
_SUBSCRIBED = {"200", "501"}


@dataclass(frozen=True)
class Kuaidi100Account:
    """One carrier's electronic-waybill account, issued by its local branch (网点)."""

    partner_id: str  # 电子面单客户账户或月结账号
    partner_key: str = ""
    partner_secret: str = ""
    partner_name: str = ""
    net: str = ""  # 网点名称, where the carrier asks for it
    code: str = ""  # 电子面单承载编号, where the carrier asks for it
    pay_type: str = "SHIPPER"  # SHIPPER 寄付 | CONSIGNEE 到付 | MONTHLY 月结


@dataclass(frozen=True)
class Kuaidi100Config:
    key: str  # 授权key
    customer: str  # 查询公司编号 (for the query API; kept so one config serves both)
    secret: str  # signs the label API
    salt: str  # signs the pushes; never empty, or pushes could not be authenticated
    callback_url: str
    accounts: Mapping[str, Kuaidi100Account] = field(default_factory=dict)
    template_id: str = ""  # tempId, only needed when Kuaidi100 renders the label
    poll_url: str = "https://poll.kuaidi100.com/poll"
    label_url: str = "https://api.kuaidi100.com/label/order"


def _millis() -> str:
    return str(int(time.time() * 1000))


class Kuaidi100:
    name = "kuaidi100"
    carriers: tuple[str, ...] = ("zto", "yto", "sto", "yunda")

    def __init__(
        self,
        config: Kuaidi100Config,
        client: httpx.Client | None = None,
        timestamp: Callable[[], str] = _millis,
    ) -> None:
        if not config.salt:
            raise ValueError("Kuaidi100 needs a salt to authenticate its pushes")
        self.config = config
        self._client = client or httpx.Client(timeout=10.0)
        self._timestamp = timestamp

    def create_waybill(self, request: WaybillRequest, carrier: str) -> Waybill:
        """Book one waybill (see the module docstring: the caller guards idempotency)."""
        account = self._account(carrier)
        param = protocol.dumps(self.order_param(request, carrier, account))
        t = self._timestamp()
        form = {
            "method": "order",
            "key": self.config.key,
            "t": t,
            "sign": protocol.label_sign(param, t, self.config.key, self.config.secret),
            "param": param,
        }
        data = self._post(self.config.label_url, form)
        code = str(data.get("code", ""))
        body = data.get("data")
        if code == "200" and data.get("success") is not False and isinstance(body, dict):
            number = str(body.get("kuaidinum") or "")
            if number:
                label = {k: str(body[k]) for k in _LABEL_FIELDS if body.get(k)}
                return Waybill(carrier=carrier, waybill_no=number, label=label)
        # A 200 without a waybill number is logged as such, not as Kuaidi100's success code.
        provider_code = code if code not in ("", "200") else "no-waybill"
        raise _refused(provider_code, str(data.get("message", "")), code == "-1")

    def order_param(
        self, request: WaybillRequest, carrier: str, account: Kuaidi100Account
    ) -> dict[str, Any]:
        """The param JSON of one booking (printType NON: data only, we print ourselves)."""
        param: dict[str, Any] = {
            "printType": "NON",
            "kuaidicom": protocol.COMPANY[carrier],
            "partnerId": account.partner_id,
            "partnerKey": account.partner_key,
            "partnerSecret": account.partner_secret,
            "partnerName": account.partner_name,
            "net": account.net,
            "code": account.code,
            "recMan": _man(request.recipient),
            "sendMan": _man(request.sender),
            "cargo": "，".join(p.name for p in request.parcels)[:100] or "商品",
            # One box per waybill: count > 1 would ask for child waybills (子单).
            "count": 1,
            "weight": round(max(request.weight_g, 1) / 1000, 3),
            "payType": account.pay_type,
            # The 通达 carriers sell one domestic product through this API; request.service
            # (SF's 特快 vs 标快) has no counterpart here.
            "expType": "标准快递",
            "needSubscribe": False,  # subscribe() does it, so every push has our salt
            "orderId": request.reference,
        }
        if self.config.template_id:
            param["tempId"] = self.config.template_id
        return param

    def subscribe(self, carrier: str, waybill_no: str, phone: str) -> None:
        """Ask Kuaidi100 to push this waybill's tracking (501 already subscribed is fine)."""
        company = self._company(carrier)
        parameters = {
            "callbackurl": self.config.callback_url,
            "salt": self.config.salt,
            "resultv2": RESULTV2,
        }
        if phone:
            parameters["phone"] = phone  # required for SF only; helps the others match
        param = {
            "company": company,
            "number": waybill_no,
            "key": self.config.key,
            "parameters": parameters,
        }
        data = self._post(self.config.poll_url, {"schema": "json", "param": protocol.dumps(param)})
        code = str(data.get("returnCode", ""))
        if code in _SUBSCRIBED:
            return
        raise _refused(code or "no-code", str(data.get("message", "")), code == "500")

    def parse_push(self, headers: Mapping[str, str], body: bytes) -> list[TrackingEvent]:
        """Check sign = md5(param + salt) first, then read every history entry."""
        try:
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError:
            raise _rejected("The tracking push is not UTF-8")
        param, sign = _single(form, "param"), _single(form, "sign")
        if not param or not sign or not protocol.sign_matches(param, self.config.salt, sign):
            raise PushRejected(
                "logistics.push_unauthenticated", "The tracking push is not signed by us", "sign"
            )
        try:
            payload = json.loads(param)
        except ValueError:
            raise _rejected("The tracking push is not JSON")
        result = payload.get("lastResult") if isinstance(payload, dict) else None
        if not isinstance(result, dict):
            raise _rejected("The tracking push has no lastResult")
        return protocol.events_from(result)

    def push_ack(self, ok: bool) -> Ack:
        if ok:
            body = {"result": True, "returnCode": "200", "message": "成功"}
            return 200, protocol.dumps(body).encode(), "application/json; charset=utf-8"
        body = {"result": False, "returnCode": "500", "message": "失败"}
        return 500, protocol.dumps(body).encode(), "application/json; charset=utf-8"

    def _company(self, carrier: str) -> str:
        if carrier not in protocol.COMPANY:
            raise CarrierError(
                "logistics.carrier_unsupported", f"Kuaidi100 here does not serve {carrier!r}"
            )
        return protocol.COMPANY[carrier]

    def _account(self, carrier: str) -> Kuaidi100Account:
        self._company(carrier)
        account = self.config.accounts.get(carrier)
        if account is None or not account.partner_id:
            raise CarrierError(
                "logistics.carrier_not_configured",
                f"No electronic-waybill account is set up for {carrier}",
            )
        return account

    def _post(self, url: str, form: Mapping[str, str]) -> dict[str, Any]:
        try:
            r = self._client.post(url, data=dict(form))
        except httpx.HTTPError as exc:
            raise _down("no answer") from exc
        if r.status_code >= 500:
            raise _down(f"HTTP {r.status_code}")
        try:
            data = r.json()
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise _down(f"HTTP {r.status_code}, not JSON")
        return data


def _man(party: Party) -> dict[str, str]:
    address = f"{party.province}{party.city}{party.district}{party.address}"
    return {
        "name": party.name,
        "mobile": party.phone,
        "printAddr": address,
        "company": party.company,
    }


def _single(form: Mapping[str, list[str]], name: str) -> str:
    values = form.get(name) or []
    return values[0] if len(values) == 1 else ""


def _rejected(message: str) -> PushRejected:
    return PushRejected("logistics.push_malformed", message, "param")


def _down(detail: str) -> CarrierError:
    return CarrierError(
        "logistics.carrier_unavailable",
        "The carrier cannot be reached right now; try again later",
        detail,
        transient=True,
    )


def _refused(code: str, message: str, transient: bool) -> CarrierError:
    if transient:
        return CarrierError(
            "logistics.carrier_unavailable",
            f"The carrier cannot be reached right now; try again later ({message[:100]})",
            code,
            transient=True,
        )
    return CarrierError(
        "logistics.carrier_refused", f"Kuaidi100 refused the request: {message[:200]}", code
    )
