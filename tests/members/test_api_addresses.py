"""The address book through the API: validation, the single default, the 20-address limit
and owner scoping (another customer's address answers exactly like a missing one)."""

from __future__ import annotations

from sqlalchemy import func, select

from mercato.members.adapters.tables import Address
from tests.api.helpers import error_of
from tests.members.conftest import ADDRESS, api_login

URL = "/api/v1/me/addresses"


def _add(client, headers, **over):  # type: ignore[no-untyped-def]
    r = client.post(URL, json={**ADDRESS, **over}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def test_first_address_is_the_default_and_default_moves(client, alice):
    h = api_login(client, alice["phone"])
    first = _add(client, h)
    assert first["is_default"] is True and first["phone"] == "13912345678"
    second = _add(client, h, recipient="李雷", is_default=True)
    items = client.get(URL, headers=h).json()["items"]
    assert [(a["id"], a["is_default"]) for a in items] == [
        (second["id"], True),
        (first["id"], False),
    ]
    r = client.patch(f"{URL}/{first['id']}", json={"is_default": True}, headers=h)
    assert r.status_code == 200 and r.json()["is_default"] is True
    defaults = [a["id"] for a in client.get(URL, headers=h).json()["items"] if a["is_default"]]
    assert defaults == [first["id"]]


def test_default_cannot_be_unset_and_deleting_it_promotes_another(client, alice):
    h = api_login(client, alice["phone"])
    first = _add(client, h)
    second = _add(client, h, street="南京路1号")
    err = error_of(client.patch(f"{URL}/{first['id']}", json={"is_default": False}, headers=h), 422)
    assert err["field"] == "is_default"
    assert client.delete(f"{URL}/{first['id']}", headers=h).status_code == 204
    only = client.get(URL, headers=h).json()["items"]
    assert [(a["id"], a["is_default"]) for a in only] == [(second["id"], True)]


def test_patch_changes_only_given_fields_and_validates(client, alice):
    h = api_login(client, alice["phone"])
    a = _add(client, h)
    r = client.patch(
        f"{URL}/{a['id']}", json={"street": "  淮海路 9号 ", "postcode": ""}, headers=h
    )
    assert r.status_code == 200, r.text
    assert r.json()["street"] == "淮海路 9号" and r.json()["postcode"] == ""
    assert r.json()["recipient"] == ADDRESS["recipient"]
    error_of(client.patch(f"{URL}/{a['id']}", json={"phone": "123"}, headers=h), 422, "phone")
    error_of(
        client.patch(f"{URL}/{a['id']}", json={"postcode": "1234"}, headers=h), 422, "postcode"
    )
    error_of(client.patch(f"{URL}/{a['id']}", json={"city": 5}, headers=h), 422, "city")
    error_of(client.patch(f"{URL}/{a['id']}", json={"country": "CN"}, headers=h), 422, "country")
    got = client.get(f"{URL}/{a['id']}", headers=h).json()
    assert got["street"] == "淮海路 9号"  # the failed patches changed nothing


def test_bad_addresses_are_422_with_the_field(client, alice, db):
    h = api_login(client, alice["phone"])
    for field, value in [
        ("recipient", ""),
        ("province", ""),
        ("street", "x" * 121),
        ("phone", "+1 555 0100"),
        ("postcode", "2001200"),
    ]:
        error_of(client.post(URL, json={**ADDRESS, field: value}, headers=h), 422, field)
    error_of(client.post(URL, json={**ADDRESS, "is_default": "yes"}, headers=h), 422, "is_default")
    body = {k: v for k, v in ADDRESS.items() if k != "district"}
    error_of(client.post(URL, json=body, headers=h), 422, "district")
    with db.reading() as tx:
        assert tx.execute(select(func.count(Address.id))).scalar_one() == 0


def test_at_most_20_addresses(client, alice):
    h = api_login(client, alice["phone"])
    for i in range(20):
        _add(client, h, street=f"世纪大道{i}号")
    err = error_of(client.post(URL, json=ADDRESS, headers=h), 409)
    assert err["code"] == "members.too_many_addresses"
    assert len(client.get(URL, headers=h).json()["items"]) == 20


def test_another_customers_address_is_404_like_a_missing_one(client, alice, bob, db):
    ha, hb = api_login(client, alice["phone"]), api_login(client, bob["phone"])
    mine = _add(client, ha)
    missing = mine["id"] + 1000
    for target in (mine["id"], missing):
        for method, body in (("get", None), ("patch", {"street": "被改了"}), ("delete", None)):
            r = client.request(method, f"{URL}/{target}", json=body, headers=hb)
            err = error_of(r, 404)
            assert err == {"code": "members.address_not_found", "message": err["message"]}
    assert client.get(URL, headers=hb).json() == {"items": []}
    got = client.get(f"{URL}/{mine['id']}", headers=ha).json()
    assert got == mine  # untouched


def test_address_ids_out_of_range_are_422(client, alice):
    h = api_login(client, alice["phone"])
    error_of(client.get(f"{URL}/99999999999999999999", headers=h), 422)
    error_of(client.get(f"{URL}/0", headers=h), 422)


def test_cookie_session_writes_need_the_csrf_header(client, alice):
    from tests.members.conftest import page_login

    token = page_login(client, alice["phone"])
    assert client.get("/api/v1/me").json()["id"] == alice["id"]
    err = error_of(client.post(URL, json=ADDRESS), 403)
    assert err["code"] == "members.csrf"
    r = client.post(URL, json=ADDRESS, headers={"X-CSRF-Token": token})
    assert r.status_code == 201, r.text


def test_unauthenticated_address_calls_are_401(client):
    error_of(client.get(URL), 401)
    error_of(client.post(URL, json=ADDRESS), 401)
    error_of(client.delete(f"{URL}/1"), 401)
