"""The Kuaidi100 adapter against the fake Kuaidi100 (which shares no code with it): booking,
subscribing, pushes signed md5(param + salt), and the answers Kuaidi100 expects."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

import httpx
import pytest
from starlette.testclient import TestClient

from mercato.logistics.adapters import kuaidi100_protocol as protocol
from mercato.logistics.adapters.kuaidi100 import Kuaidi100, Kuaidi100Account, Kuaidi100Config
from mercato.logistics.carriers import (
    COLLECTED,
    DELIVERING,
    FAILED,
    IN_TRANSIT,
    RETURNED,
    SIGNED,
    Carrier,
    CarrierError,
    Parcel,
    Party,
    PushRejected,
    TrackingEvent,
    WaybillRequest,
)
from mercato.sandbox import kuaidi100_http
from mercato.sandbox.kuaidi100 import FakeKuaidi100

KEY, CUSTOMER, SECRET, SALT = "test-key", "TESTCUSTOMER", "test-secret", "test-salt"
CALLBACK = "https://shop.example/logistics/kuaidi100/push"
BASE = "https://kuaidi100.test"
MAY_DAY = 1714528800.0  # 2024-05-01 10:00:00 in China
CHINA = timezone(timedelta(hours=8))

SENDER = Party("仓库", "13800000001", "浙江省", "杭州市", "余杭区", "仓前街道1号", "Mercato")
RECIPIENT = Party("张三", "13900000002", "北京市", "北京市", "朝阳区", "建国路88号")
REQUEST = WaybillRequest("SH-0001", SENDER, RECIPIENT, (Parcel("茶杯 ×2", 2),), weight_g=1500)


def make_fake(client: httpx.Client | None = None) -> FakeKuaidi100:
    return FakeKuaidi100(
        key=KEY, customer=CUSTOMER, secret=SECRET, client=client, now=lambda: MAY_DAY
    )


def make_adapter(fake: FakeKuaidi100, *, key: str = KEY, secret: str = SECRET) -> Kuaidi100:
    account = Kuaidi100Account(partner_id="ZTO-0001", partner_key="zto-pass")
    config = Kuaidi100Config(key=key, customer=CUSTOMER, secret=secret, salt=SALT,
                             callback_url=CALLBACK, accounts={"zto": account},
                             poll_url=f"{BASE}/poll", label_url=f"{BASE}/label/order")  # fmt: skip
    client = TestClient(fake.app, base_url=BASE)
    return Kuaidi100(config, client=client, timestamp=lambda: "1714528800000")


def signed(text: str, salt: str = SALT, upper: bool = True) -> bytes:
    sign = hashlib.md5((text + salt).encode()).hexdigest()
    return urlencode({"param": text, "sign": sign.upper() if upper else sign}).encode()


def push(data: list[dict[str, str]], state: str = "0", com: str = "zhongtong") -> str:
    last = {"message": "ok", "state": state, "status": "200", "condition": "F00",
            "ischeck": "0", "com": com, "nu": "712345678901", "data": data}  # fmt: skip
    param = {"status": "polling", "billstatus": "got", "message": "", "autoCheck": "0",
             "comOld": "", "comNew": "", "lastResult": last}  # fmt: skip
    return json.dumps(param, ensure_ascii=False)


def wired() -> tuple[FakeKuaidi100, Kuaidi100, list[list[TrackingEvent]]]:
    """A fake whose pushes reach the adapter, which answers them; each push's events kept."""
    received: list[list[TrackingEvent]] = []

    def callback(request: httpx.Request) -> httpx.Response:
        assert str(request.url) == CALLBACK
        received.append(adapter.parse_push(dict(request.headers), request.content))
        status, body, content_type = adapter.push_ack(True)
        return httpx.Response(status, content=body, headers={"content-type": content_type})

    fake = make_fake(httpx.Client(transport=httpx.MockTransport(callback)))
    adapter = make_adapter(fake)
    return fake, adapter, received


HISTORY = [  # newest first, as Kuaidi100 sends it
    {"context": "快件已签收", "time": "2024-05-03 09:00:00", "ftime": "2024-05-03 09:00:00",
     "status": "签收", "statusCode": "301", "areaName": "北京市,朝阳区"},
    {"context": "快件派送中", "time": "2024-05-03 08:00:00", "ftime": "2024-05-03 08:00:00",
     "status": "派件", "statusCode": "5", "areaName": "北京市"},
    {"context": "快件到达北京转运中心", "time": "2024-05-02 03:00:00",
     "ftime": "2024-05-02 03:00:00", "status": "在途", "statusCode": "1001"},
    {"context": "已揽收", "time": "2024-05-01 10:00:00", "ftime": "2024-05-01 10:00:00",
     "status": "揽收", "statusCode": "1", "areaName": "杭州市"},
]  # fmt: skip


def test_books_a_zto_waybill():
    fake = make_fake()
    adapter = make_adapter(fake)
    assert isinstance(adapter, Carrier) and adapter.carriers == ("zto", "yto", "sto", "yunda")
    waybill = adapter.create_waybill(REQUEST, "zto")
    assert waybill.carrier == "zto" and re.fullmatch(r"7\d{11}", waybill.waybill_no)
    assert {"bulkpen", "orgCode", "destCode", "taskId"} <= set(waybill.label)
    param = fake.orders[0]["param"]
    assert param["orderId"] == "SH-0001" and param["kuaidicom"] == "zhongtong"
    assert param["partnerId"] == "ZTO-0001" and param["printType"] == "NON"
    assert param["recMan"]["printAddr"] == "北京市北京市朝阳区建国路88号"
    assert param["weight"] == 1.5 and param["count"] == 1


def test_the_same_reference_twice_draws_a_second_waybill_so_the_caller_must_guard():
    adapter = make_adapter(make_fake())
    first, second = adapter.create_waybill(REQUEST, "zto"), adapter.create_waybill(REQUEST, "zto")
    assert first.waybill_no != second.waybill_no


@pytest.mark.parametrize(
    ("kwargs", "fail_with", "code"),
    [({"secret": "wrong"}, None, "30002"), ({"key": "x"}, None, "30003"), ({}, -1, "-1")],
)
def test_refusals_carry_kuaidi100s_code_and_only_its_own_failure_is_transient(
    kwargs, fail_with, code
):
    fake = make_fake()
    fake.fail_with = fail_with
    with pytest.raises(CarrierError) as caught:
        make_adapter(fake, **kwargs).create_waybill(REQUEST, "zto")
    assert caught.value.provider_code == code and caught.value.transient == (code == "-1")


@pytest.mark.parametrize("failure", ["502", "timeout", "html"])
def test_no_usable_answer_is_transient(failure):
    def handler(request: httpx.Request) -> httpx.Response:
        if failure == "timeout":
            raise httpx.ReadTimeout("slow", request=request)
        if failure == "html":
            return httpx.Response(200, text="<html>maintenance</html>")
        return httpx.Response(502)

    adapter = make_adapter(make_fake())
    adapter._client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(CarrierError) as caught:
        adapter.create_waybill(REQUEST, "zto")
    assert caught.value.transient
    with pytest.raises(CarrierError):
        adapter.subscribe("zto", "712345678901", "")


def test_a_carrier_without_an_account_or_support_is_refused_before_calling():
    adapter = make_adapter(make_fake())
    for carrier in ("yto", "sf"):
        with pytest.raises(CarrierError) as caught:
            adapter.create_waybill(REQUEST, carrier)
        assert not caught.value.transient


def test_subscribe_again_is_fine_but_a_bad_or_expired_key_is_not():
    fake = make_fake()
    adapter = make_adapter(fake)
    adapter.subscribe("zto", "712345678901", "13900000002")
    adapter.subscribe("zto", "712345678901", "13900000002")  # 501 重复订阅: fine
    sub = fake.subscriptions[("zhongtong", "712345678901")]
    assert (sub.callbackurl, sub.salt, sub.phone) == (CALLBACK, SALT, "13900000002")
    with pytest.raises(CarrierError) as caught:
        make_adapter(fake, key="nope").subscribe("zto", "712345678901", "")
    assert caught.value.provider_code == "600" and not caught.value.transient
    fake.key_expired = True
    with pytest.raises(CarrierError) as caught:
        make_adapter(fake).subscribe("zto", "712345678901", "")
    assert caught.value.provider_code == "601"


def test_a_signed_push_gives_every_entry_oldest_first():
    events = make_adapter(make_fake()).parse_push({}, signed(push(HISTORY, "3")))
    assert [e.stage for e in events] == [COLLECTED, IN_TRANSIT, DELIVERING, SIGNED]
    assert [e.code for e in events] == ["1", "1001", "5", "301"]
    assert events[0].occurred_at == datetime(2024, 5, 1, 10, tzinfo=CHINA)
    assert all(e.occurred_at.utcoffset() == timedelta(hours=8) for e in events)
    assert (events[-1].description, events[-1].location) == ("快件已签收", "北京市,朝阳区")
    assert {e.carrier for e in events} == {"zto"} and events[0].waybill_no == "712345678901"
    lower_case = signed(push(HISTORY, "3"), upper=False)  # the docs write md5(), not upper()
    assert make_adapter(make_fake()).parse_push({}, lower_case) == events


def test_without_status_codes_the_newest_takes_the_state_and_the_rest_are_in_transit():
    data = [{k: v for k, v in e.items() if k != "statusCode"} for e in HISTORY[1:]]
    events = make_adapter(make_fake()).parse_push({}, signed(push(data, "5")))
    assert [e.stage for e in events] == [IN_TRANSIT, IN_TRANSIT, DELIVERING]


def test_numeric_codes_read_like_strings():
    data = [{**HISTORY[2], "statusCode": 0}]
    events = make_adapter(make_fake()).parse_push({}, signed(push(data, "5")))
    assert (events[0].code, events[0].stage) == ("0", IN_TRANSIT)


@pytest.mark.parametrize(
    "body",  # forged, unsigned, tampered sign, not even UTF-8
    [signed(push(HISTORY), salt="someone-else"), urlencode({"param": push(HISTORY)}).encode(),
     signed(push(HISTORY))[:-4] + b"0000", b"\xff\xfe"],
)  # fmt: skip
def test_unauthenticated_pushes_are_rejected(body):
    with pytest.raises(PushRejected):
        make_adapter(make_fake()).parse_push({}, body)


@pytest.mark.parametrize(
    "text",
    ["not json", json.dumps({"status": "polling"}), push(HISTORY, com="shunfeng"),
     push([{"context": "no time"}]), push([{**HISTORY[0], "time": "yesterday", "ftime": ""}])],
)  # fmt: skip
def test_malformed_pushes_are_rejected_after_the_sign_checks_out(text):
    with pytest.raises(PushRejected) as caught:
        make_adapter(make_fake()).parse_push({}, signed(text))
    assert caught.value.code == "logistics.push_malformed"


def test_push_ack_bodies():
    adapter = make_adapter(make_fake())
    status, body, content_type = adapter.push_ack(True)
    assert status == 200 and content_type.startswith("application/json")
    assert json.loads(body) == {"result": True, "returnCode": "200", "message": "成功"}
    status, body, _ = adapter.push_ack(False)  # anything but result true: Kuaidi100 retries
    assert status == 500 and json.loads(body) == {"result": False, "returnCode": "500",
                                                   "message": "失败"}  # fmt: skip


def test_fake_pushes_each_scan_and_the_adapter_reads_it():
    fake, adapter, received = wired()
    waybill = adapter.create_waybill(REQUEST, "zto")
    adapter.subscribe("zto", waybill.waybill_no, RECIPIENT.phone)
    for _ in range(5):
        assert fake.advance(waybill.waybill_no)["answer"]["result"] is True
    final = received[-1]
    assert [e.stage for e in final] == [COLLECTED, IN_TRANSIT, IN_TRANSIT, DELIVERING, SIGNED]
    assert [e.occurred_at for e in final] == sorted(e.occurred_at for e in final)
    assert received[0][0].key() == final[0].key()  # re-pushed history dedupes
    assert json.loads(fake.pushes[-1]["form"]["param"])["status"] == "shutdown"
    adapter.subscribe("zto", waybill.waybill_no, "")  # allowed again after shutdown


def test_fake_pushes_an_exception_state_on_request():
    fake, adapter, received = wired()
    adapter.subscribe("zto", "712345678901", "")
    fake.advance("712345678901")
    fake.advance("712345678901", state="14")
    fake.advance("712345678901", state="6")
    assert [e.stage for e in received[-1]] == [COLLECTED, FAILED, RETURNED]


def test_signatures_match_a_hand_computed_md5():
    # printf '%s' '{"com":"zhongtong"}1576123932000keysecret' | md5sum
    vector = "825BDAA20E58CFE57FFDC7D3340EC98B"
    assert protocol.label_sign('{"com":"zhongtong"}', "1576123932000", "key", "secret") == vector
    assert kuaidi100_http.sign('{"com":"zhongtong"}1576123932000keysecret') == vector
    # printf '%s' '{"status":"polling"}salt' | md5sum
    assert protocol.push_sign('{"status":"polling"}', "salt") == "E3A53447F84B9D616FB644F645B4F524"
    assert protocol.push_sign("签收", "salt") == "1BEDA4B57AA34B810C2455BEFE075F47"


@pytest.mark.parametrize(
    ("code", "stage"),
    [("101", COLLECTED), ("0", IN_TRANSIT), ("1002", IN_TRANSIT), ("7", IN_TRANSIT),
     ("501", DELIVERING), ("304", SIGNED), ("2", FAILED), ("14", FAILED), ("4", RETURNED),
     ("6", RETURNED), ("401", RETURNED), ("99", None), ("", None)],
)  # fmt: skip
def test_state_codes_map_to_stages(code, stage):
    assert protocol.stage_for(code) == stage


GOOD_SUBSCRIPTION = {"company": "zhongtong", "number": "712345678901", "key": KEY,
                     "parameters": {"callbackurl": CALLBACK, "salt": SALT}}  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [{"parameters": None}, {"company": "nope"}, {"number": "123"},
     {"parameters": {"callbackurl": "ftp://x"}}, {"schema": "xml"}],
)  # fmt: skip
def test_fake_refuses_bad_subscriptions_with_700(change):
    param = json.dumps({**GOOD_SUBSCRIPTION, **change})
    form = {"schema": change.get("schema", "json"), "param": param}
    answer = TestClient(make_fake().app).post("/poll", data=form).json()
    assert answer == {"result": False, "returnCode": "700", "message": answer["message"]}


def test_fake_refuses_unreadable_params_and_orders_with_missing_fields():
    client = TestClient(make_fake().app)
    assert client.post("/poll", data={"param": "{"}).json()["returnCode"] == "700"
    answer = client.post("/label/order", data={"method": "order", "key": KEY, "param": "{}"})
    assert answer.json()["code"] == 30001 and answer.json()["success"] is False
    param = json.dumps({"kuaidicom": "zhongtong", "partnerId": "P", "recMan": {"name": "A"}})
    form = {"method": "order", "key": KEY, "t": "1", "param": param,
            "sign": kuaidi100_http.sign(param + "1" + KEY + SECRET)}  # fmt: skip
    assert client.post("/label/order", data=form).json()["code"] == 30001
