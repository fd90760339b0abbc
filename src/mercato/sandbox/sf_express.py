"""A fake SF Express open platform (顺丰开放平台 standard API) for one partner: the platform
checks of sf_express_http (digest, partner, timestamp, request id) and three services with
SF's field names and codes (the order checks live in sf_express_http too):
- EXP_RECE_CREATE_ORDER: needs the sender (contactType 1) and recipient (2) with address,
  contact and tel or mobile (1010/1011/1012 for the sender, 1014/1015/1016 for the
  recipient), cargoDetails with names (1023), a 10-digit monthlyCard if any (6126); a reused
  orderId is 8016 重复下单. Books an "SF" + 13 digits waybill with origin/dest codes and a
  routing label;
- EXP_RECE_SEARCH_ORDER_RESP: the booking of an orderId (6150 找不到该订单);
- EXP_RECE_SEARCH_ROUTES: routeResps for waybill numbers (trackingType 1) or orderIds (2).
A missing orderId or trackingNumber answers 8013 (the fake's choice: no documented code).

`advance(waybill_no)` adds the next route of the normal script (50 收件, 30 分拣, 44 派送,
80 签收) or the given opCode, and pushes it to push_url?token=push_token the way SF's route
push (RoutePushService, JSON mode) does: {"Body": {"WaybillRoute": [...]}}, expecting
{"return_code": "0000"} back; `deliveries` records each push and its answer.

    fake = FakeSfExpress("PARTNER", "checkword", "https://shop/push/sf", "secret")
    fake.app               # POST /std/service
    fake.booking(order_id) # what was booked (the request's msgData under "request")
    fake.routes(waybill)   # its routes so far, as pushed
    fake.calls             # the serviceCodes served, in order
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from functools import cached_property
from typing import Any

import httpx
from starlette.applications import Starlette

from mercato.sandbox.sf_express_http import BizError, build_app, check_order, order_id

SCRIPT = ("50", "30", "44", "80")
_BEIJING = timezone(timedelta(hours=8))
_CITY_CODES = {
    "北京市": "010",
    "上海市": "021",
    "广州市": "020",
    "深圳市": "755",
    "杭州市": "571",
    "成都市": "028",
    "武汉市": "027",
    "南京市": "025",
}
_REMARKS = {
    "50": "顺丰速运 已收取快件",
    "30": "快件在【{city}营业部】完成分拣,准备发往下一站",
    "31": "快件到达 【{city}中转场】",
    "36": "快件离开 【{city}中转场】,已发往下一站",
    "44": "快件交给顺丰小哥，正在派送途中（联系电话：95338）",
    "80": "您的快件已签收，如有疑问请电联快递员【电话：95338】，感谢您使用顺丰，期待再次为您服务。",
    "70": "快件派送不成功(收方客户不在),待再次派送",
    "33": "快件滞留，待收方客户确认后派送",
    "648": "快件已退回",
}


class FakeSfExpress:
    def __init__(
        self,
        partner_id: str,
        check_word: str,
        push_url: str,
        push_token: str,
        client: httpx.Client | None = None,
        *,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.partner_id, self.check_word, self.now = partner_id, check_word, now
        self.push_url, self.push_token = push_url, push_token
        self._client = client or httpx.Client(timeout=10.0)
        self._orders: dict[str, dict[str, Any]] = {}  # orderId → booking
        self._waybills: dict[str, str] = {}  # waybillNo → orderId
        self._request_ids: set[str] = set()
        self.calls: list[str] = []  # serviceCodes served, in order
        self.deliveries: list[dict[str, Any]] = []  # route pushes sent and their answers
        self._lock = threading.RLock()

    @cached_property
    def app(self) -> Starlette:
        return build_app(self)

    def first_use(self, request_id: str) -> bool:
        with self._lock:
            fresh = request_id not in self._request_ids
            self._request_ids.add(request_id)
            return fresh

    def serve(self, service: str, msg: Mapping[str, Any]) -> dict[str, Any]:
        """apiResultData for one service call."""
        handlers = {
            "EXP_RECE_CREATE_ORDER": self._create,
            "EXP_RECE_SEARCH_ORDER_RESP": self._search,
            "EXP_RECE_SEARCH_ROUTES": self._routes,
        }
        with self._lock:
            self.calls.append(service)
            try:
                data = handlers[service](msg)
            except BizError as exc:
                return {
                    "success": False,
                    "errorCode": exc.code,
                    "errorMsg": exc.message,
                    "msgData": None,
                }
        return {"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": data}

    def booking(self, order_id: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._orders.get(order_id)
            return json.loads(json.dumps(found)) if found else None

    def waybills(self) -> list[tuple[str, str, str]]:
        """(waybill, orderId, last opCode or "") of every booking, newest first."""
        with self._lock:
            return [(o["waybillNo"], o["orderId"], o["routes"][-1]["opCode"] if o["routes"]
                     else "") for o in reversed(self._orders.values())]

    def routes(self, waybill_no: str) -> list[dict[str, Any]]:
        with self._lock:
            order = self._orders.get(self._waybills.get(waybill_no, ""))
            return [dict(r) for r in order["routes"]] if order else []

    def _create(self, msg: Mapping[str, Any]) -> dict[str, Any]:
        key = order_id(msg)
        cities = [str(party.get("city") or "") for party in check_order(msg)]
        if key in self._orders:
            raise BizError("8016", "重复下单")
        number = self._new_waybill()
        origin, dest = (_CITY_CODES.get(city, "000") for city in cities)
        self._orders[key] = order = {
            "orderId": key,
            "waybillNo": number,
            "originCode": origin,
            "destCode": dest,
            "cities": cities,
            "request": dict(msg),
            "routes": [],
            "clock": 0.0,
        }
        self._waybills[number] = key
        answer = {"orderId": key, "originCode": origin, "destCode": dest, "filterResult": 2}
        return {**answer, "remark": "", **_numbers(order)}

    def _search(self, msg: Mapping[str, Any]) -> dict[str, Any]:
        order = self._orders.get(order_id(msg))
        if order is None:
            raise BizError("6150", "找不到该订单")
        # This service spells the area codes in lower case, unlike the order answer.
        return {
            "orderId": order["orderId"],
            "origincode": order["originCode"],
            "destcode": order["destCode"],
            "filterResult": "2",
            **_numbers(order),
        }

    def _routes(self, msg: Mapping[str, Any]) -> dict[str, Any]:
        numbers = msg.get("trackingNumber")
        if not isinstance(numbers, list) or not numbers:
            raise BizError("8013", "未传入查询关键字")
        by_order = str(msg.get("trackingType", "1")) == "2"
        found = [
            self._orders.get(str(n) if by_order else self._waybills.get(str(n), ""))
            for n in numbers
        ]
        keys = ("acceptTime", "acceptAddress", "remark", "opCode")
        return {
            "routeResps": [
                {
                    "mailNo": o["waybillNo"],
                    "orderId": o["orderId"],
                    "routes": [{k: r[k] for k in keys} for r in o["routes"]],
                }
                for o in found
                if o
            ]
        }

    def _new_waybill(self) -> str:
        while (number := f"SF{secrets.randbelow(10**13):013d}") in self._waybills:
            continue
        return number

    def advance(self, waybill_no: str, op_code: str | None = None) -> dict[str, Any]:
        """Adds the next route and pushes it; returns the route as pushed."""
        with self._lock:
            order = self._orders.get(self._waybills.get(waybill_no, ""))
            if order is None:
                raise ValueError(f"unknown waybill {waybill_no}")
            code = op_code or _next_in_script(order["routes"])
            order["clock"] = max(self.now(), order["clock"] + 1)
            city = order["cities"][0 if code in ("50", "30") else 1]
            route = {
                "id": f"{secrets.randbelow(10**15):015d}",
                "mailno": waybill_no,
                "orderid": order["orderId"],
                "acceptTime": datetime.fromtimestamp(order["clock"], _BEIJING).strftime(
                    "%Y-%m-%d %H:%M:%S"
                ),
                "acceptAddress": city,
                "remark": _REMARKS.get(code, "快件运输中").format(city=city),
                "opCode": code,
                "reasonCode": "",
                "reasonName": "",
            }
            order["routes"].append(route)
        self._push(route)
        return dict(route)

    def _push(self, route: Mapping[str, Any]) -> None:
        if not self.push_url:
            return
        body = json.dumps({"Body": {"WaybillRoute": [route]}}, ensure_ascii=False)
        record: dict[str, Any] = {"route": dict(route), "status": 0, "ok": False, "answer": ""}
        try:
            r = self._client.post(
                self.push_url,
                params={"token": self.push_token},
                content=body.encode("utf-8"),
                headers={"Content-Type": "application/json;charset=UTF-8"},
            )
            record.update(status=r.status_code, answer=r.text, ok=_acknowledged(r))
        except httpx.HTTPError as exc:
            record["answer"] = type(exc).__name__
        with self._lock:
            self.deliveries.append(record)


def _numbers(order: Mapping[str, Any]) -> dict[str, Any]:
    number, origin, dest = order["waybillNo"], order["originCode"], order["destCode"]
    check = secrets.token_hex(4)
    label = {
        "waybillNo": number,
        "sourceTransferCode": f"{origin}W",
        "sourceCityCode": origin,
        "destCityCode": dest,
        "destDeptCode": f"{dest}AB",
        "destTransferCode": f"{dest}W",
        "destRouteLabel": f"{dest}W-AB",
        "codingMapping": "S10",
        "limitTypeCode": "T4",
        "proCode": "T4",
        "xbFlag": "0",
        "printFlag": "000000000",
        "abFlag": "",
        "twoDimensionCode": f"MMM={{'k1':'{dest}W','k2':'{dest}AB','k3':'','k4':'T4',"
        f"'k5':'{number}','k6':'','k7':'{check}'}}",
    }
    return {
        "waybillNoInfoList": [{"waybillType": 1, "waybillNo": number}],
        "routeLabelInfo": [{"code": "1000", "routeLabelData": label, "message": f"{number}:"}],
    }


def _next_in_script(routes: list[dict[str, Any]]) -> str:
    done = [SCRIPT.index(r["opCode"]) for r in routes if r["opCode"] in SCRIPT]
    position = max(done, default=-1) + 1
    if position >= len(SCRIPT):
        raise ValueError("the waybill is already signed for")
    return SCRIPT[position]


def _acknowledged(r: httpx.Response) -> bool:
    try:
        answer = r.json()
    except ValueError:
        return False
    return r.status_code == 200 and isinstance(answer, dict) and answer.get("return_code") == "0000"
