"""SF Express open platform: the documented msgDigest example, the adapter against the fake
(which checks digests on its own), idempotent booking, routes and token-checked pushes."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import httpx
import pytest
from starlette.testclient import TestClient

from mercato.logistics.adapters import sf_express_protocol as sf
from mercato.logistics.adapters.sf_express import PUSH_TOKEN, SfExpress, SfExpressConfig
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
    WaybillRequest,
)
from mercato.sandbox import sf_express_http
from mercato.sandbox.sf_express import FakeSfExpress

PARTNER, CHECK_WORD, CARD, TOKEN = "MERCATO01", "cw-0123456789abcdef", "7551234567", "t0k3n"
PUSH_URL = "https://shop.example/logistics/push/sf"
# The digital-signature example of SF's documentation (数字签名认证说明).
DOC_MSG = '{"language":"zh-CN","orderId":"QIAO-20200618-004"}'
DOC_TIMESTAMP, DOC_CHECK_WORD = "12312334453453", "fjcg5PGKaNpPSHFAZ4QsCOkV71R3zVci"
DOC_DIGEST = "IIKJtuLVzoFTu4kHI8M8vA=="

SENDER = Party("商城仓库", "13800000001", "广东省", "深圳市", "南山区", "科技园1号", "Mercato")
RECIPIENT = Party("张三", "13900000002", "上海市", "上海市", "浦东新区", "世纪大道100号")


def shipment(reference: str = "SH-1001", recipient: Party = RECIPIENT) -> WaybillRequest:
    return WaybillRequest(reference, SENDER, recipient, (Parcel("茶叶 ×2", 2),), weight_g=1250)


@pytest.fixture
def fake() -> FakeSfExpress:
    return FakeSfExpress(PARTNER, CHECK_WORD, PUSH_URL, TOKEN)


def adapter(fake: FakeSfExpress, check_word: str = CHECK_WORD, **kw) -> SfExpress:
    config = SfExpressConfig(PARTNER, check_word, CARD, "http://testserver/std/service", TOKEN)
    return SfExpress(config, client=TestClient(fake.app), **kw)


def push_body(*routes: dict) -> bytes:
    return json.dumps({"Body": {"WaybillRoute": list(routes)}}, ensure_ascii=False).encode()


def route(op_code: str, at: str = "2025-05-26 09:55:52", **extra: str) -> dict:
    return {"mailno": "SF7444496931331", "orderid": "SH-1", "acceptTime": at,
            "acceptAddress": "深圳市", "remark": "顺丰速运 已收取快件", "opCode": op_code,
            "id": "363636015985819", "reasonCode": "", "reasonName": "", **extra}  # fmt: skip


def test_digest_of_the_documented_example():
    assert sf.digest(DOC_MSG, DOC_TIMESTAMP, DOC_CHECK_WORD) == DOC_DIGEST
    # The fake's own implementation agrees with the documentation too.
    assert sf_express_http.expected_digest(DOC_MSG, DOC_TIMESTAMP, DOC_CHECK_WORD) == DOC_DIGEST


def test_url_encoding_is_javas():
    text = "a b*~é+&=/"
    assert sf.java_urlencode(text) == "a+b*%7E%C3%A9%2B%26%3D%2F"
    assert sf_express_http.url_encode(text) == sf.java_urlencode(text)


def test_the_adapter_is_a_carrier(fake):
    sf_carrier = adapter(fake)
    assert isinstance(sf_carrier, Carrier)
    assert (sf_carrier.name, sf_carrier.carriers) == ("sf", ("sf",))
    assert sf_carrier.subscribe("sf", "SF7444496931331", "13900000002") is None
    with pytest.raises(CarrierError):
        sf_carrier.create_waybill(shipment(), "zto")
    assert fake.calls == []


def test_booking_gives_a_waybill_with_its_routing_label(fake):
    waybill = adapter(fake).create_waybill(shipment(), "sf")
    assert waybill.carrier == "sf" and waybill.waybill_no.startswith("SF")
    assert len(waybill.waybill_no) == 15 and waybill.waybill_no[2:].isdigit()
    assert waybill.label["originCode"] == "755" and waybill.label["destCode"] == "021"
    assert waybill.label["destRouteLabel"] == "021W-AB" and waybill.label["product"] == "顺丰标快"
    assert "k5':'" + waybill.waybill_no in waybill.label["twoDimensionCode"]
    sent = fake.booking("SH-1001")["request"]
    assert (sent["expressTypeId"], sent["payMethod"], sent["monthlyCard"]) == (2, 1, CARD)
    assert sent["totalWeight"] == 1.25 and sent["cargoDetails"][0]["count"] == 2
    sender, recipient = sent["contactInfoList"]
    assert (sender["contactType"], sender["company"]) == (1, "Mercato")
    assert sender["mobile"] == SENDER.phone and "tel" not in sender
    assert (recipient["contactType"], recipient["county"]) == (2, "浦东新区")


def test_express_service_books_sf_express(fake):
    request = WaybillRequest("SH-2", SENDER, RECIPIENT, (Parcel("手机", 1),), service="express")
    waybill = adapter(fake).create_waybill(request, "sf")
    assert fake.booking("SH-2")["request"]["expressTypeId"] == 1
    assert waybill.label["product"] == "顺丰特快"


def test_booking_the_same_reference_twice_gives_the_same_waybill(fake):
    sf_carrier = adapter(fake)
    first = sf_carrier.create_waybill(shipment(), "sf")
    again = sf_carrier.create_waybill(shipment(), "sf")
    assert again.waybill_no == first.waybill_no
    assert again.label["destCode"] == "021"  # the search answer spells it "destcode"
    assert fake.calls == [sf.CREATE_ORDER, sf.CREATE_ORDER, sf.SEARCH_ORDER]


def test_a_wrong_check_word_is_refused_with_sfs_code(fake):
    with pytest.raises(CarrierError) as caught:
        adapter(fake, check_word="not-the-check-word").create_waybill(shipment(), "sf")
    assert caught.value.provider_code == "A1006" and not caught.value.transient
    assert caught.value.code == "logistics.carrier_refused" and fake.booking("SH-1001") is None


def test_stale_and_replayed_requests_are_refused(fake):
    old = int((time.time() - 3600) * 1000)
    with pytest.raises(CarrierError) as caught:
        adapter(fake, now_ms=lambda: old).create_waybill(shipment(), "sf")
    assert caught.value.provider_code == "A1002"
    replaying = adapter(fake, request_id=lambda: "same-request-id")
    replaying.create_waybill(shipment(), "sf")
    with pytest.raises(CarrierError) as caught:
        replaying.routes("SF0000000000000")
    assert caught.value.provider_code == "A1007"


def test_a_recipient_without_address_or_phone_is_refused(fake):
    nobody = Party("李四", "", "北京市", "北京市", "朝阳区", "")
    with pytest.raises(CarrierError) as caught:
        adapter(fake).create_waybill(shipment(recipient=nobody), "sf")
    assert caught.value.provider_code == "1014" and not caught.value.transient
    no_phone = Party("李四", "", "北京市", "北京市", "朝阳区", "建国路1号")
    with pytest.raises(CarrierError) as caught:
        adapter(fake).create_waybill(shipment(recipient=no_phone), "sf")
    assert caught.value.provider_code == "1016"


def test_route_query_gives_aware_events_in_order(fake):
    sf_carrier = adapter(fake)
    number = sf_carrier.create_waybill(shipment(), "sf").waybill_no
    assert sf_carrier.routes(number) == []
    fake.advance(number)
    fake.advance(number)
    events = sf_carrier.routes(number)
    assert [(e.stage, e.code) for e in events] == [(COLLECTED, "50"), (IN_TRANSIT, "30")]
    assert all(e.occurred_at.utcoffset() == timedelta(hours=8) for e in events)
    assert events[0].occurred_at < events[1].occurred_at
    assert events[0].description == "顺丰速运 已收取快件" and events[0].location == "深圳市"
    assert events[0].waybill_no == number and events[0].carrier == "sf"


def test_a_good_push_gives_events_with_stages(fake):
    body = push_body(route("50"), route("44", "2025-05-26 18:20:00", acceptAddress="上海市"))
    events = adapter(fake).parse_push({"X-Push-Token": TOKEN}, body)
    assert [e.stage for e in events] == [COLLECTED, DELIVERING]
    first = events[0]
    assert first.occurred_at.isoformat() == "2025-05-26T09:55:52+08:00"
    assert (first.waybill_no, first.code, first.location) == ("SF7444496931331", "50", "深圳市")
    assert first.key() != events[1].key()
    assert first.key() == adapter(fake).parse_push({PUSH_TOKEN: TOKEN}, body)[0].key()


@pytest.mark.parametrize("headers", [{}, {PUSH_TOKEN: ""}, {PUSH_TOKEN: TOKEN + "x"}])
def test_a_forged_push_is_rejected(fake, headers):
    with pytest.raises(PushRejected) as caught:
        adapter(fake).parse_push(headers, push_body(route("80")))
    assert caught.value.code == "logistics.push_forged"


def test_without_a_configured_token_every_push_is_rejected(fake):
    config = SfExpressConfig(PARTNER, CHECK_WORD, CARD, push_token="")
    with pytest.raises(PushRejected):
        SfExpress(config, client=TestClient(fake.app)).parse_push({PUSH_TOKEN: ""}, b"{}")


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'{"Body": {}}',
        b'{"Body": "x"}',
        b'{"Body": {"WaybillRoute": []}}',
        b'{"Body": {"WaybillRoute": ["x"]}}',
        push_body(route("50", at="26/05/2025 09:55")),
        push_body(route("")),
    ],
)
def test_a_malformed_push_is_rejected(fake, body):
    with pytest.raises(PushRejected) as caught:
        adapter(fake).parse_push({PUSH_TOKEN: TOKEN}, body)
    assert caught.value.code == "logistics.push_malformed"


def test_push_ack_bodies(fake):
    status, body, content_type = adapter(fake).push_ack(True)
    assert status == 200 and content_type.startswith("application/json")
    assert json.loads(body) == {"return_code": "0000", "return_msg": "成功"}
    assert json.loads(adapter(fake).push_ack(False)[1])["return_code"] == "1000"


@pytest.mark.parametrize(
    ("op_code", "stage"),
    [("50", COLLECTED), ("54", COLLECTED), ("31", IN_TRANSIT), ("36", IN_TRANSIT),
     ("44", DELIVERING), ("204", DELIVERING), ("80", SIGNED), ("8000", SIGNED),
     ("70", FAILED), ("33", FAILED), ("648", RETURNED), ("99", RETURNED), ("607", IN_TRANSIT)],
)  # fmt: skip
def test_op_codes_map_to_stages(op_code, stage):
    assert sf.stage(op_code) == stage


def test_the_fakes_pushes_are_read_by_the_adapter():
    received: list[httpx.Request] = []

    def shop(request: httpx.Request) -> httpx.Response:
        received.append(request)
        headers = {PUSH_TOKEN: request.url.params.get("token", "")}
        events = sf_carrier.parse_push(headers, request.content)
        status, body, content_type = sf_carrier.push_ack(bool(events))
        return httpx.Response(status, content=body, headers={"content-type": content_type})

    shop_client = httpx.Client(transport=httpx.MockTransport(shop))
    fake = FakeSfExpress(PARTNER, CHECK_WORD, PUSH_URL, TOKEN, client=shop_client)
    sf_carrier = adapter(fake)
    number = sf_carrier.create_waybill(shipment(), "sf").waybill_no
    pushed = [fake.advance(number)["opCode"] for _ in range(4)]
    assert pushed == ["50", "30", "44", "80"]
    with pytest.raises(ValueError):
        fake.advance(number)
    assert all(d["ok"] for d in fake.deliveries) and len(fake.deliveries) == 4
    assert received[0].url.path == "/logistics/push/sf"
    assert received[0].headers["content-type"].startswith("application/json")
    stages = [sf_carrier.parse_push({PUSH_TOKEN: TOKEN}, r.content)[0].stage for r in received]
    assert stages == [COLLECTED, IN_TRANSIT, DELIVERING, SIGNED]
    assert [r["opCode"] for r in fake.routes(number)] == pushed


def test_an_off_script_route_and_a_refused_push_are_recorded():
    answers = iter([httpx.Response(200, json={"return_code": "1000", "return_msg": "失败"})])
    shop_client = httpx.Client(transport=httpx.MockTransport(lambda _: next(answers)))
    fake = FakeSfExpress(PARTNER, CHECK_WORD, PUSH_URL, TOKEN, client=shop_client)
    number = adapter(fake).create_waybill(shipment(), "sf").waybill_no
    assert fake.advance(number, op_code="70")["remark"].startswith("快件派送不成功")
    assert fake.deliveries[0]["ok"] is False
    assert [e.stage for e in adapter(fake).routes(number)] == [FAILED]


def sf_answering(handler) -> SfExpress:
    config = SfExpressConfig(PARTNER, CHECK_WORD, CARD, "http://sf.test/std/service")
    return SfExpress(config, client=httpx.Client(transport=httpx.MockTransport(handler)))


def slow(request: httpx.Request) -> httpx.Response:  # SF took longer than the timeout
    raise httpx.ReadTimeout("too slow", request=request)


@pytest.mark.parametrize(
    ("handler", "provider_code"),
    [
        (lambda _: httpx.Response(502), "HTTP 502"),
        (lambda _: httpx.Response(200, json={"apiResultCode": "A1099"}), "A1099"),
        (slow, "ReadTimeout"),
    ],
)
def test_sf_outages_and_timeouts_are_transient(handler, provider_code):
    with pytest.raises(CarrierError) as caught:
        sf_answering(handler).create_waybill(shipment(), "sf")
    assert caught.value.transient and caught.value.provider_code == provider_code
    assert caught.value.code == "logistics.carrier_unavailable"


def test_a_page_that_is_not_sfs_answer_is_not_retried():
    with pytest.raises(CarrierError) as caught:
        sf_answering(lambda _: httpx.Response(404, text="<html>404</html>")).routes("SF1")
    assert not caught.value.transient and caught.value.provider_code == "HTTP 404"


def test_an_inline_result_object_is_read_too():
    # SF documents apiResultData as a JSON string; some answers carry the object itself.
    result = {"success": True, "errorCode": "S0000", "msgData": {"routeResps": [
        {"mailNo": "SF1", "routes": [{"acceptTime": "2025-05-26 09:56:46", "opCode": "80",
                                      "remark": "已签收", "acceptAddress": ""}]}]}}  # fmt: skip
    body = json.dumps({"apiResultCode": "A1000", "apiResultData": result}).encode()
    [signed] = sf.query_events(sf.business_data(200, body), "SF1")
    assert signed.stage == SIGNED and signed.occurred_at.utcoffset() == timedelta(hours=8)
