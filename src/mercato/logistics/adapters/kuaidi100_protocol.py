"""Kuaidi100 (快递100) wire details shared by the adapter: company codes, the two MD5
signatures, and turning a tracking push's `lastResult` into TrackingEvents.

Signatures (api.kuaidi100.com/document, "快递100加密方式统一为MD5后转大写"):
- label API (电子面单下单, https://api.kuaidi100.com/label/order):
  sign = upper(md5(param + t + key + secret)), t the millisecond timestamp;
- tracking push (推送接口, to our callbackurl): sign = md5(param + salt), the salt we gave
  at subscription. Kuaidi100 sends it upper-case; compared case-insensitively.

Push `lastResult.data` is the full history, newest first (全量, 倒序). Per-entry
`statusCode` (高级物流状态) comes only with resultv2=4 at subscription; `lastResult.state`
is the parcel's state now."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

from mercato.logistics.carriers import (
    COLLECTED,
    DELIVERING,
    FAILED,
    IN_TRANSIT,
    RETURNED,
    SIGNED,
    PushRejected,
    TrackingEvent,
)

# Our carrier codes → Kuaidi100 company codes (小写, from Kuaidi100's 快递公司编码 table).
COMPANY = {"zto": "zhongtong", "yto": "yuantong", "sto": "shentong", "yunda": "yunda"}
CARRIER_OF = {company: carrier for carrier, company in COMPANY.items()}

# Kuaidi100 times are mainland China wall-clock times without an offset; China has had no
# daylight saving since 1991, so a fixed +08:00 is exact and needs no tz database.
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")

# Main states (lastResult.state, and statusCode at resultv2=1). 10-13 are the customs
# sub-states (待清关, 清关中, 已清关, 清关异常); only 清关异常 needs a person.
_MAIN = {
    "0": IN_TRANSIT,  # 在途
    "1": COLLECTED,  # 揽收
    "2": FAILED,  # 疑难
    "3": SIGNED,  # 签收
    "4": RETURNED,  # 退签
    "5": DELIVERING,  # 派件
    "6": RETURNED,  # 退回
    "7": IN_TRANSIT,  # 转投: handed to another carrier, still moving
    "8": IN_TRANSIT,  # 清关
    "10": IN_TRANSIT,
    "11": IN_TRANSIT,
    "12": IN_TRANSIT,
    "13": FAILED,
    "14": FAILED,  # 拒签
}
# Three-digit advanced states (101 已下单, 301 本人签收, 501 投柜或驿站, 401 已销单, ...)
# belong to the main state of their first digit. 101/102 (ordered, awaiting pick-up) land on
# COLLECTED because the vocabulary has no earlier stage.
_FAMILY = {"1": COLLECTED, "2": FAILED, "3": SIGNED, "4": RETURNED, "5": DELIVERING}


def md5_upper(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest().upper()


def label_sign(param: str, t: str, key: str, secret: str) -> str:
    return md5_upper(param + t + key + secret)


def push_sign(param: str, salt: str) -> str:
    return md5_upper(param + salt)


def dumps(value: Mapping[str, Any]) -> str:
    """The param JSON exactly as signed: the signature covers these bytes, so the same
    string must be both signed and sent."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def sign_matches(param: str, salt: str, sign: str) -> bool:
    """Constant time, so a forger learns nothing from how fast a wrong sign is refused."""
    expected = push_sign(param, salt).encode("ascii")
    return hmac.compare_digest(expected, sign.strip().upper().encode("utf-8"))


def stage_for(code: str) -> str | None:
    """Our stage for a Kuaidi100 state code, main or advanced; None when unknown."""
    if code in _MAIN:
        return _MAIN[code]
    if len(code) == 4 and code.startswith("10"):
        return IN_TRANSIT  # 1001 到达派件城市, 1002 干线, 1003 转递: sub-states of 0 在途
    if len(code) == 3:
        return _FAMILY.get(code[0])
    return None


def china_time(text: str) -> datetime:
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).replace(tzinfo=CHINA)
        except ValueError:
            continue
    raise PushRejected("logistics.push_malformed", "The tracking push has a bad time", "time")


def events_from(result: Mapping[str, Any]) -> list[TrackingEvent]:
    """Every entry of lastResult.data as an event, oldest first."""
    carrier = CARRIER_OF.get(str(result.get("com", "")))
    number = str(result.get("nu", "")).strip()
    entries = result.get("data") or []
    if carrier is None or not number or not isinstance(entries, list):
        raise PushRejected(
            "logistics.push_malformed", "The tracking push names no known waybill", "param"
        )
    newest_state = str(result.get("state", ""))
    events = [
        _event(carrier, number, entry, newest_state if i == 0 else "")
        for i, entry in enumerate(entries)
    ]
    events.reverse()
    return events


def _event(carrier: str, number: str, entry: Any, state: str) -> TrackingEvent:
    if not isinstance(entry, dict) or not (entry.get("ftime") or entry.get("time")):
        raise PushRejected("logistics.push_malformed", "The tracking push has a bad entry", "param")
    # `code` feeds TrackingEvent.key(); it must be the same every time Kuaidi100 re-pushes
    # the history, so it is the entry's own statusCode, never the parcel's current state.
    raw = entry.get("statusCode")  # a string in the docs; a number is read the same way
    code = "" if raw is None else str(raw).strip()
    stage = stage_for(code) or stage_for(state) or IN_TRANSIT
    return TrackingEvent(
        carrier=carrier,
        waybill_no=number,
        stage=stage,
        occurred_at=china_time(str(entry.get("ftime") or entry.get("time"))),
        description=str(entry.get("context", "")),
        location=str(entry.get("areaName") or entry.get("location") or ""),
        code=code,
    )
