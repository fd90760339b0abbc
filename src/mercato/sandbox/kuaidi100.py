"""A fake Kuaidi100 (快递100) for the 通达 carriers (zhongtong, yuantong, shentong, yunda):
electronic-waybill booking, tracking subscriptions, and pushes to the subscriber.

    fake = FakeKuaidi100(key=..., customer=..., secret=..., client=httpx.Client(...))
    fake.app                      # mount it: POST /poll and POST /label/order
    fake.advance("7xxxxxxxxxxx")  # the next scan, pushed to the subscription's callbackurl

Like Kuaidi100, it does not deduplicate orderId: booking one order twice draws two waybill
numbers (its documentation promises nothing else). Waybill numbers only look like the
carriers' (ZTO 12 digits from 7, YTO "YT" + 13 digits, STO 77 + 11 digits, Yunda 13 digits
from 4): real formats vary by year and branch. Pushes carry the full history, newest first,
signed upper(md5(param + salt)) with the subscription's salt, and no sign when the
subscription gave no salt at all."""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cached_property
from typing import Any

import httpx
from starlette.applications import Starlette

from mercato.sandbox.kuaidi100_http import Refusal, build_app, sign

__all__ = ["FakeKuaidi100", "Refusal"]

CHINA = timezone(timedelta(hours=8))
# A normal parcel's life: 揽收, 在途, 在途, 派件, 签收.
SCRIPT = ("1", "0", "0", "5", "3")
NAMES = {
    "0": "在途", "1": "揽收", "2": "疑难", "3": "签收", "4": "退签", "5": "派件",
    "6": "退回", "7": "转投", "8": "清关", "14": "拒签",
}  # fmt: skip
_TEXT = {
    "1": "【{org}】您的快件已被业务员揽收",
    "0": "快件离开【{org}】，已发往【{dest}转运中心】",
    "5": "【{dest}】快件正在派送中，请保持电话畅通",
    "3": "快件已签收，签收人：本人",
    "2": "快件派送不成功，联系不上收件人",
    "14": "收件人拒收快件",
    "6": "快件正在退回寄件人途中",
    "4": "退回快件已由寄件人签收",
}
_FINAL = {"3", "4"}  # Kuaidi100 stops polling (status=shutdown) once signed for
_CITY = re.compile(r"^(?:.*?省|.*?自治区)?(.*?市)")


@dataclass
class Subscription:
    company: str
    number: str
    callbackurl: str
    salt: str | None
    phone: str
    status: str = "polling"
    history: list[dict[str, str]] = field(default_factory=list)  # newest first


class FakeKuaidi100:
    def __init__(
        self,
        *,
        key: str,
        customer: str,
        secret: str,
        client: httpx.Client | None = None,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.key, self.customer, self.secret = key, customer, secret
        self.now = now
        self.key_expired = False  # set to answer subscriptions with 601
        self.fail_with: int | None = None  # set (-1: Kuaidi100 down) to refuse bookings
        self.orders: list[dict[str, Any]] = []  # every accepted booking: param + answer
        self.subscriptions: dict[tuple[str, str], Subscription] = {}
        self.pushes: list[dict[str, Any]] = []  # every push sent, with the answer
        self._client = client
        self._routes: dict[str, tuple[str, str]] = {}  # waybill → (origin, destination)
        self._lock = threading.Lock()

    @cached_property
    def app(self) -> Starlette:
        return build_app(self)

    def subscribe(
        self, company: str, number: str, callbackurl: str, salt: str | None, phone: str
    ) -> tuple[str, str]:
        """Accept a checked subscription: 200, or 501 while that number is still polled."""
        with self._lock:
            current = self.subscriptions.get((company, number))
            if current is not None and current.status == "polling":
                return "501", "重复订阅"
            history = current.history if current else []
            self.subscriptions[(company, number)] = Subscription(
                company, number, callbackurl, salt, phone, history=history
            )
        return "200", "提交成功"

    def book(self, param: dict[str, Any]) -> dict[str, str]:
        """Issue a waybill number for a checked order."""
        company = str(param["kuaidicom"])
        origin = _city(str(param["sendMan"]["printAddr"]))
        dest = _city(str(param["recMan"]["printAddr"]))
        with self._lock:
            number = self._new_number(company)
            self._routes[number] = (origin, dest)
            data = {
                "taskId": uuid.uuid4().hex.upper(),
                "kuaidinum": number,
                "kuaidicom": company,
                "bulkpen": f"{dest[:2]} {secrets.randbelow(900) + 100}",
                "orgCode": f"{secrets.randbelow(900000) + 100000}",
                "orgName": f"{origin}分部",
                "destCode": f"{secrets.randbelow(900000) + 100000}",
                "destName": f"{dest}分部",
                "label": _label_link(param.get("printType", "NON"), number),
            }
            self.orders.append({"param": param, "data": data})
        return data

    def advance(self, number: str, state: str | None = None) -> dict[str, Any]:
        """Append the next scan (the normal script's, or `state`) and push the history."""
        with self._lock:
            sub = self._subscription(number)
            step = state or SCRIPT[min(len(sub.history), len(SCRIPT) - 1)]
            sub.history.insert(0, self._entry(sub, step))
            if step in _FINAL:
                sub.status = "shutdown"
            form = self._push_form(sub, step)
            url = sub.callbackurl
        return self._deliver(url, form)

    def _subscription(self, number: str) -> Subscription:
        for sub in self.subscriptions.values():
            if sub.number == number:
                return sub
        raise KeyError(f"{number} is not subscribed")

    def _entry(self, sub: Subscription, step: str) -> dict[str, str]:
        origin, dest = self._routes.get(sub.number, ("上海市", "北京市"))
        at = datetime.fromtimestamp(self.now(), CHINA).replace(microsecond=0)
        if sub.history:
            # Scans are never simultaneous: keep each one after the previous.
            last = datetime.strptime(sub.history[0]["ftime"], "%Y-%m-%d %H:%M:%S")
            at = max(at, last.replace(tzinfo=CHINA) + timedelta(minutes=1))
        stamp = at.strftime("%Y-%m-%d %H:%M:%S")
        here = origin if step == "1" or (step == "0" and len(sub.history) < 2) else dest
        text = _TEXT.get(step, "快件状态更新").format(org=origin, dest=dest)
        return {
            "context": text,
            "time": stamp,
            "ftime": stamp,
            "status": NAMES.get(step, "在途"),
            "statusCode": step,
            "areaCode": "",
            "areaName": here,
        }

    def _push_form(self, sub: Subscription, step: str) -> dict[str, str]:
        final = step in _FINAL
        last_result = {
            "message": "ok",
            "state": step,
            "status": "200",
            "condition": "F00",
            "ischeck": "1" if step == "3" else "0",
            "com": sub.company,
            "nu": sub.number,
            "data": [dict(e) for e in sub.history],
        }
        param = {
            "status": "shutdown" if final else "polling",
            "billstatus": "check" if final else "sending",
            "message": "",
            "autoCheck": "0",
            "comOld": "",
            "comNew": "",
            "lastResult": last_result,
        }
        text = json.dumps(param, ensure_ascii=False, separators=(",", ":"))
        form = {"param": text}
        if sub.salt is not None:
            form["sign"] = sign(text + sub.salt)
        return form

    def _deliver(self, url: str, form: dict[str, str]) -> dict[str, Any]:
        client = self._client or httpx.Client(timeout=10.0)
        record: dict[str, Any] = {"url": url, "form": form}
        try:
            r = client.post(url, data=form)
            record["status"] = r.status_code
            try:
                record["answer"] = r.json()
            except ValueError:
                record["answer"] = r.text
        except httpx.HTTPError as exc:
            # Kuaidi100 would try again later; the fake only records the failure.
            record["status"], record["answer"] = 0, str(exc)
        finally:
            if self._client is None:
                client.close()
        with self._lock:
            self.pushes.append(record)
        return record

    def _new_number(self, company: str) -> str:
        issued = self._routes
        while True:
            number = _number(company)
            if number not in issued:
                return number


def _number(company: str) -> str:
    if company == "zhongtong":
        return "7" + _digits(11)
    if company == "yuantong":
        return "YT" + _digits(13)
    if company == "shentong":
        return "77" + _digits(11)
    return "4" + _digits(12)


def _digits(n: int) -> str:
    return "".join(str(secrets.randbelow(10)) for _ in range(n))


def _city(address: str) -> str:
    m = _CITY.match(address)
    return m.group(1) if m and m.group(1) else address[:3]


def _label_link(print_type: str, number: str) -> str:
    if print_type in ("IMAGE", "HTML"):
        return f"https://fake.kuaidi100.local/label/{number}.{print_type.lower()}"
    return ""
