"""The wire format of the SF Express open platform (顺丰开放平台, formerly 丰桥): signing, the
answer envelope, routes and route pushes. Pure functions; sf_express.py does the HTTP.

Requests are form posts of partnerID, requestID, serviceCode, timestamp (ms), msgData (a JSON
string) and msgDigest = Base64(MD5(URLEncoder.encode(msgData + timestamp + checkWord, UTF-8))):
the URL-encoding is Java's (space as "+", "*" kept, "~" encoded), applied to the whole
concatenation before hashing. The answer is JSON: apiResultCode "A1000" when the platform let
the call through, otherwise its own code (A1001 missing parameter, A1002 expired, A1003 IP,
A1004 no permission for the service, A1005 throttled, A1006 bad digest, A1007 duplicate
request, A1009 backend unreachable, A1099 system error); apiResultData is a JSON *string*
with success, errorCode ("S0000" when the business call succeeded, else SF's code such as
8016 duplicate orderId), errorMsg and msgData."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote_plus

from mercato.logistics.carriers import (
    COLLECTED,
    DELIVERING,
    FAILED,
    IN_TRANSIT,
    RETURNED,
    SIGNED,
    CarrierError,
    TrackingEvent,
)

CARRIER = "sf"
CREATE_ORDER = "EXP_RECE_CREATE_ORDER"
SEARCH_ORDER = "EXP_RECE_SEARCH_ORDER_RESP"
SEARCH_ROUTES = "EXP_RECE_SEARCH_ROUTES"
DUPLICATE_ORDER = "8016"
# SF's times are Beijing wall-clock; mainland China has had no daylight saving since 1991, so a
# fixed offset is exact and needs no tz database.
CHINA = timezone(timedelta(hours=8), "CST")
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# Platform codes worth retrying: throttling and SF's own outages.
_TRANSIENT = {"A1005", "A1009", "A1099"}
# opCode → stage. Codes seen in SF's routes: 50/54 collected; 30 sorted, 31 arrived, 36 left,
# 105/106/310 in transit; 44/204 out for delivery; 80/8000 signed; 70 delivery failed, 33
# held; 99/631/648 forwarded or sent back. Anything else is a transit scan.
_STAGES = {
    "50": COLLECTED, "54": COLLECTED,
    "44": DELIVERING, "204": DELIVERING,
    "80": SIGNED, "8000": SIGNED,
    "70": FAILED, "33": FAILED,
    "99": RETURNED, "631": RETURNED, "648": RETURNED,
}  # fmt: skip
_MOBILE = re.compile(r"^1\d{10}$")


def java_urlencode(text: str) -> str:
    """java.net.URLEncoder.encode(text, "UTF-8"): Python keeps "~" where Java encodes it."""
    return quote_plus(text, safe="*").replace("~", "%7E")


def digest(msg_data: str, timestamp: str, check_word: str) -> str:
    raw = java_urlencode(msg_data + timestamp + check_word).encode("utf-8")
    return base64.b64encode(hashlib.md5(raw).digest()).decode("ascii")


def dumps(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def form(
    partner_id: str,
    check_word: str,
    service: str,
    msg: Mapping[str, Any],
    timestamp: str,
    request_id: str,
) -> dict[str, str]:
    msg_data = dumps(msg)
    return {
        "partnerID": partner_id,
        "requestID": request_id,
        "serviceCode": service,
        "timestamp": timestamp,
        "msgData": msg_data,
        "msgDigest": digest(msg_data, timestamp, check_word),
    }


def unavailable(detail: str) -> CarrierError:
    return CarrierError(
        "logistics.carrier_unavailable",
        "SF Express cannot be reached right now; try again later",
        provider_code=detail,
        transient=True,
    )


def refused(code: str, message: str) -> CarrierError:
    return CarrierError(
        "logistics.carrier_refused",
        f"SF Express refused the request: {message}"[:300],
        provider_code=code,
    )


def _object(value: Any) -> dict[str, Any]:
    """SF documents apiResultData and msgData as JSON strings; some answers inline them."""
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else {}
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value


def business_data(status: int, body: bytes) -> dict[str, Any]:
    """The msgData of a successful call, or the CarrierError SF's answer means."""
    if status >= 500 or status == 429:
        raise unavailable(f"HTTP {status}")
    try:
        envelope = _object(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        # A 4xx page is a wrong base_url or a proxy refusing us: retrying will not help.
        if status >= 400:
            raise refused(f"HTTP {status}", "the answer is not SF's")
        raise unavailable(f"HTTP {status}: not JSON")
    code = str(envelope.get("apiResultCode") or f"HTTP {status}")
    if code != "A1000":
        if code in _TRANSIENT:
            raise unavailable(code)
        raise refused(code, str(envelope.get("apiErrorMsg") or code))
    try:
        result = _object(envelope.get("apiResultData"))
        data = _object(result.get("msgData"))
    except ValueError:
        raise unavailable("apiResultData is not JSON")
    error = str(result.get("errorCode") or "")
    if result.get("success") not in (True, "true") or error not in ("", "S0000"):
        raise refused(error or "success=false", str(result.get("errorMsg") or error))
    return data


def contact(kind: int, name: str, phone: str, place: Sequence[str], company: str) -> dict[str, Any]:
    """One contactInfoList entry (1 sender, 2 recipient); SF wants one of mobile or tel."""
    province, city, county, address = place
    entry: dict[str, Any] = {
        "contactType": kind,
        "contact": name,
        "country": "CN",
        "province": province,
        "city": city,
        "county": county,
        "address": address,
    }
    entry["mobile" if _MOBILE.match(phone) else "tel"] = phone
    if company:
        entry["company"] = company
    return entry


def waybill_no(data: Mapping[str, Any]) -> str:
    """The parent waybill (waybillType 1) of a create-order or search-order answer."""
    infos = [i for i in data.get("waybillNoInfoList") or [] if isinstance(i, dict)]
    parents = [i for i in infos if str(i.get("waybillType", "1")) == "1"] or infos
    number = str(parents[0].get("waybillNo") or "") if parents else ""
    if not number:
        raise refused("no waybillNo", "no waybill number given")
    return number


def label(data: Mapping[str, Any]) -> dict[str, str]:
    """Routing codes for the printed label (丰密面单), SF's own names kept."""
    out = {
        "originCode": str(data.get("originCode") or data.get("origincode") or ""),
        "destCode": str(data.get("destCode") or data.get("destcode") or ""),
    }
    infos = [i for i in data.get("routeLabelInfo") or [] if isinstance(i, dict)]
    route_label = infos[0].get("routeLabelData") if infos else None
    if isinstance(route_label, dict):
        out.update({k: str(v) for k, v in route_label.items() if isinstance(v, str | int)})
    return {k: v for k, v in out.items() if v}


def stage(op_code: str) -> str:
    return _STAGES.get(op_code, IN_TRANSIT)


def accept_time(text: str) -> datetime:
    return datetime.strptime(text.strip(), TIME_FORMAT).replace(tzinfo=CHINA)


def event(number: str, route: Mapping[str, Any]) -> TrackingEvent:
    """A route from a query (routeResps[].routes[]) or a push (WaybillRoute[]); ValueError when
    its time or opCode is missing."""
    op_code = str(route.get("opCode") or route.get("opcode") or "")
    if not op_code or not number:
        raise ValueError("route without opCode or waybill number")
    return TrackingEvent(
        carrier=CARRIER,
        waybill_no=number,
        stage=stage(op_code),
        occurred_at=accept_time(str(route.get("acceptTime") or "")),
        description=str(route.get("remark") or route.get("reasonName") or ""),
        location=str(route.get("acceptAddress") or ""),
        code=op_code,
    )


def query_events(data: Mapping[str, Any], number: str) -> list[TrackingEvent]:
    found = [r for r in data.get("routeResps") or [] if isinstance(r, dict)]
    routes = [x for r in found if r.get("mailNo") == number for x in r.get("routes") or []]
    try:
        return [event(number, r) for r in routes if isinstance(r, dict)]
    except ValueError:
        raise unavailable("unreadable route in routeResps")


def push_events(body: bytes) -> list[TrackingEvent]:
    """{"Body": {"WaybillRoute": [{mailno, orderid, acceptTime, acceptAddress, remark, opCode,
    id, reasonCode, reasonName}, ...]}}; ValueError when it is anything else."""
    outer = _object(body.decode("utf-8")).get("Body")
    routes = outer.get("WaybillRoute") if isinstance(outer, dict) else None
    if not isinstance(routes, list) or not routes:
        raise ValueError("no WaybillRoute")
    if not all(isinstance(r, dict) for r in routes):
        raise ValueError("WaybillRoute entries must be objects")
    return [event(str(r.get("mailno") or ""), r) for r in routes]


def ack(ok: bool) -> bytes:
    """The JSON answer a route push expects: 0000 stops it, 1000 makes SF push again."""
    return dumps(
        {"return_code": "0000", "return_msg": "成功"}
        if ok
        else {"return_code": "1000", "return_msg": "失败"}
    ).encode("utf-8")
