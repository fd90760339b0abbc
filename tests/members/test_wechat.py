"""WeChat mini-program customers: link with a wx.login() code, sign in with one, unlink;
the code goes to the fake WeChat open API (code2Session) through the real adapter."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from mercato.members.adapters.wechat_login import WechatLogin
from mercato.sandbox.wechat_api import FakeWechatApi
from tests.members.conftest import api_login, make_customer

APPID, SECRET = "wxd678efh567hg6787", "0123456789abcdef0123456789abcdef"


@pytest.fixture
def fake() -> FakeWechatApi:
    return FakeWechatApi(APPID, SECRET)


@pytest.fixture
def wechat(client, fake):  # type: ignore[no-untyped-def]
    client.app.state.wechat_login = WechatLogin(APPID, SECRET, client=TestClient(fake.app))
    return client


def test_link_then_sign_in_with_wechat_then_unlink(wechat, db, alice, fake):
    me = api_login(wechat, alice["phone"])
    r = wechat.put("/api/v1/me/wechat", json={"code": fake.issue_code("o-alice")}, headers=me)
    assert r.status_code == 200, r.text
    assert r.json()["appid"] == APPID
    r = wechat.post("/api/v1/customers/wechat-token", json={"code": fake.issue_code("o-alice")})
    assert r.status_code == 200, r.text
    token = r.json()["token"]
    assert r.json()["customer"]["id"] == alice["id"]
    assert (
        wechat.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()["id"]
        == alice["id"]
    )
    assert wechat.delete("/api/v1/me/wechat", headers=me).status_code == 204
    r = wechat.post("/api/v1/customers/wechat-token", json={"code": fake.issue_code("o-alice")})
    assert (r.status_code, r.json()["error"]["code"]) == (404, "members.wechat_not_linked")
    assert wechat.delete("/api/v1/me/wechat", headers=me).status_code == 404


def test_codes_work_once_and_unknown_ones_are_refused(wechat, alice, fake):
    me = api_login(wechat, alice["phone"])
    code = fake.issue_code("o-alice")
    assert wechat.put("/api/v1/me/wechat", json={"code": code}, headers=me).status_code == 200
    en = {**me, "Accept-Language": "en"}
    for bad in (code, "forged-code"):  # replayed, never issued
        r = wechat.put("/api/v1/me/wechat", json={"code": bad}, headers=en)
        assert r.status_code == 422, r.text
        assert r.json()["error"] == {
            "code": "members.wechat_code_invalid",
            "message": "The WeChat login code expired or was used",
            "field": "code",
        }


def test_one_wechat_user_belongs_to_one_customer(wechat, db, alice, fake):
    bob = make_customer(db, "13800000002")
    a, b = api_login(wechat, alice["phone"]), api_login(wechat, bob["phone"])
    assert (
        wechat.put(
            "/api/v1/me/wechat", json={"code": fake.issue_code("o-1")}, headers=a
        ).status_code
        == 200
    )
    r = wechat.put("/api/v1/me/wechat", json={"code": fake.issue_code("o-1")}, headers=b)
    assert (r.status_code, r.json()["error"]["code"]) == (409, "members.wechat_taken")
    # Alice moves to another WeChat user: the old one is free again.
    assert (
        wechat.put(
            "/api/v1/me/wechat", json={"code": fake.issue_code("o-2")}, headers=a
        ).status_code
        == 200
    )
    assert (
        wechat.put(
            "/api/v1/me/wechat", json={"code": fake.issue_code("o-1")}, headers=b
        ).status_code
        == 200
    )


def test_wrong_shop_credentials_and_an_absent_wechat_are_502(client, alice, fake):
    me = api_login(client, alice["phone"])
    client.app.state.wechat_login = WechatLogin(APPID, "wrong", client=TestClient(fake.app))
    r = client.put("/api/v1/me/wechat", json={"code": fake.issue_code("o-a")}, headers=me)
    assert (r.status_code, r.json()["error"]["code"]) == (502, "members.wechat_unavailable")
    client.app.state.wechat_login = WechatLogin(APPID, SECRET, "http://127.0.0.1:9")
    r = client.post("/api/v1/customers/wechat-token", json={"code": "x"})
    assert (r.status_code, r.json()["error"]["code"]) == (502, "members.wechat_unavailable")


def test_off_without_settings(client, alice):
    r = client.post("/api/v1/customers/wechat-token", json={"code": "abc"})
    assert (r.status_code, r.json()["error"]["code"]) == (404, "members.wechat_off")
    me = api_login(client, alice["phone"])
    r = client.put("/api/v1/me/wechat", json={"code": "abc"}, headers=me)
    assert (r.status_code, r.json()["error"]["code"]) == (404, "members.wechat_off")
    r = client.put(
        "/api/v1/me/wechat", json={"code": "abc"}, headers={**me, "Accept-Language": "zh-CN"}
    )
    assert r.json()["error"]["message"] == "本店未开通微信登录"


def test_hostile_input(wechat, alice):
    assert wechat.put("/api/v1/me/wechat", json={"code": "abc"}).status_code == 401
    me = api_login(wechat, alice["phone"])
    for body in ({}, {"code": ""}, {"code": "x" * 129}, {"code": 5}, {"code": "a", "openid": "o"}):
        r = wechat.put("/api/v1/me/wechat", json=body, headers=me)
        assert r.status_code == 422 and r.json()["error"]["code"] == "request.invalid", body


@pytest.mark.parametrize(
    "answer",
    [b"[]", b"not json", b'{"errcode": "40029x"}', b'{"errcode": 0}', b'{"openid": 5}'],
)
def test_a_garbled_wechat_answer_is_a_502_not_a_crash(answer):
    import httpx

    from mercato.kernel.errors import DomainError

    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=answer))
    login = WechatLogin(APPID, SECRET, client=httpx.Client(transport=transport, base_url="http://x"))
    with pytest.raises(DomainError) as err:
        login.identify("code")
    assert (err.value.status, err.value.code) == (502, "members.wechat_unavailable")
