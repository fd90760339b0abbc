"""Aliyun SMS: the RPC signature against Aliyun's documented example, the real adapter
against the fake dysmsapi (which checks signatures on its own), and every documented error
mapped to a clear domain error."""

from __future__ import annotations

import httpx
import pytest
from starlette.testclient import TestClient

from mercato.messaging.adapters import aliyun_signature
from mercato.messaging.adapters.aliyun_sms import AliyunSms, AliyunSmsConfig
from mercato.messaging.domain import MessagingLimited, MessagingUnavailable, RecipientRefused
from mercato.sandbox import _rpc_sign
from mercato.sandbox.aliyun_sms import FakeAliyunSms
from tests.members.post import KEY_ID, SECRET, SIGN, sms_adapter

# The example of Aliyun's SMS documentation ("HTTP protocol and signature"): testId /
# testSecret, a GET of SendSms with these parameters.
DOC_PARAMS = {
    "AccessKeyId": "testId",
    "Action": "SendSms",
    "Format": "XML",
    "OutId": "123",
    "PhoneNumbers": "15300000001",
    "RegionId": "cn-hangzhou",
    "SignName": "阿里云短信测试专用",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
    "SignatureVersion": "1.0",
    "TemplateCode": "SMS_71390007",
    "TemplateParam": '{"customer":"test"}',
    "Timestamp": "2017-07-12T02:42:19Z",
    "Version": "2017-05-25",
}
DOC_STRING_TO_SIGN = (
    "GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123"
    "%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF"
    "%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF"
    "%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce"
    "%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode"
    "%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D"
    "%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25"
)
DOC_SIGNATURE = "zJDF+Lrzhj/ThnlvIToysFRq6t4="


def test_signature_of_the_documented_example():
    assert aliyun_signature.string_to_sign("GET", DOC_PARAMS) == DOC_STRING_TO_SIGN
    assert aliyun_signature.signature("testSecret", "GET", DOC_PARAMS) == DOC_SIGNATURE
    # The fake's own implementation agrees with the documentation too.
    assert _rpc_sign.to_sign("GET", DOC_PARAMS) == DOC_STRING_TO_SIGN
    assert _rpc_sign.expected("testSecret", "GET", DOC_PARAMS) == DOC_SIGNATURE


def test_percent_encoding_follows_rfc_3986():
    assert aliyun_signature.percent_encode("a b*c~d/é") == "a%20b%2Ac~d%2F%C3%A9"
    assert _rpc_sign.encode("a b*c~d/é") == "a%20b%2Ac~d%2F%C3%A9"


@pytest.fixture
def fake() -> FakeAliyunSms:
    return FakeAliyunSms(access_key_id=KEY_ID, access_key_secret=SECRET, sign_name=SIGN)


def test_send_reaches_the_fake_which_records_the_rendered_text(fake):
    biz_id = sms_adapter(fake).send(
        "13800000001", "SMS_900000001", {"code": "246810", "minutes": "10"}, out_id="r-1"
    )
    [msg] = fake.inbox.messages()
    assert msg["biz_id"] == biz_id and msg["to"] == "13800000001" and msg["out_id"] == "r-1"
    assert msg["text"] == (
        "【Mercato商城】您的验证码为246810，10分钟内有效，请勿泄露给他人。如非本人操作，请忽略本短信。"
    )


def test_the_request_carries_the_documented_fields(fake):
    params = sms_adapter(fake).request_params("13800000001", "SMS_900000001", {"code": "1"})
    assert {k: params[k] for k in ("Action", "Version", "Format", "SignatureMethod")} == {
        "Action": "SendSms",
        "Version": "2017-05-25",
        "Format": "JSON",
        "SignatureMethod": "HMAC-SHA1",
    }
    assert params["PhoneNumbers"] == "13800000001" and params["SignName"] == SIGN
    assert params["TemplateParam"] == '{"code":"1"}'
    assert _rpc_sign.matches(SECRET, "POST", params)


def _post(fake: FakeAliyunSms, params: dict[str, str]) -> httpx.Response:
    return TestClient(fake.app).post("/", data=params)


def test_the_fake_refuses_a_bad_signature(fake):
    params = sms_adapter(fake).request_params("13800000001", "SMS_900000001", {"code": "1"})
    tampered = {**params, "PhoneNumbers": "13900000009"}  # changed after signing
    r = _post(fake, tampered)
    assert r.status_code == 400 and r.json()["Code"] == "SignatureDoesNotMatch"
    assert fake.inbox.messages() == []
    # A wrong secret is the same mistake, and the adapter says it is the shop's setup.
    with pytest.raises(MessagingUnavailable) as caught:
        sms_adapter(fake, secret="not-the-secret").send("13800000001", "SMS_900000001", {})
    assert caught.value.code == "messaging.sms_setup" and not caught.value.transient
    assert caught.value.detail.startswith("SignatureDoesNotMatch")


def test_the_fake_refuses_replays_stale_requests_and_unknown_keys(fake):
    adapter = sms_adapter(fake)
    params = adapter.request_params("13800000001", "SMS_900000001", {"code": "1", "minutes": "1"})
    assert _post(fake, params).json()["Code"] == "OK"
    assert _post(fake, params).json()["Code"] == "SignatureNonceUsed"
    stale = AliyunSms(
        adapter.config, TestClient(fake.app), timestamp=lambda: "2017-07-12T02:42:19Z"
    )
    with pytest.raises(MessagingUnavailable, match="cannot be sent") as caught:
        stale.send("13800000002", "SMS_900000001", {"code": "1", "minutes": "1"})
    assert caught.value.detail.startswith("InvalidTimeStamp.Expired")
    with pytest.raises(MessagingUnavailable) as caught:
        sms_adapter(fake, key_id="LTAIunknown").send("13800000002", "SMS_900000001", {})
    assert caught.value.detail.startswith("InvalidAccessKeyId.NotFound")


def test_documented_errors_map_to_clear_domain_errors(fake):
    adapter = sms_adapter(fake)
    ok = {"code": "1", "minutes": "1"}
    with pytest.raises(RecipientRefused) as refused:
        adapter.send("12345", "SMS_900000001", ok)
    assert (refused.value.code, refused.value.field) == ("messaging.sms_recipient_refused", "to")
    adapter.send("13800000003", "SMS_900000001", ok)
    with pytest.raises(MessagingLimited) as limited:  # Aliyun: one a minute per number
        adapter.send("13800000003", "SMS_900000001", ok)
    assert limited.value.status == 429 and limited.value.headers == {"Retry-After": "60"}
    for template, params, code in (
        ("SMS_000", ok, "isv.SMS_TEMPLATE_ILLEGAL"),
        ("SMS_900000001", {"code": "1"}, "isv.TEMPLATE_MISSING_PARAMETERS"),
    ):
        with pytest.raises(MessagingUnavailable) as setup:
            adapter.send("13800000004", template, params)
        assert setup.value.detail.startswith(code) and not setup.value.transient
    fake.fail_with = "isp.SYSTEM_ERROR"
    with pytest.raises(MessagingUnavailable) as down:
        adapter.send("13800000004", "SMS_900000001", ok)
    assert down.value.code == "messaging.sms_unavailable" and down.value.transient


def test_a_wrong_sign_name_and_an_unreachable_service(fake):
    config = AliyunSmsConfig(KEY_ID, SECRET, "别的签名", endpoint="http://testserver/")
    with pytest.raises(MessagingUnavailable) as caught:
        AliyunSms(config, TestClient(fake.app)).send("13800000001", "SMS_900000001", {})
    assert caught.value.detail.startswith("isv.SMS_SIGNATURE_ILLEGAL")

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    offline = AliyunSms(config, httpx.Client(transport=httpx.MockTransport(refuse)))
    with pytest.raises(MessagingUnavailable) as down:
        offline.send("13800000001", "SMS_900000001", {})
    assert down.value.transient and down.value.status == 502
