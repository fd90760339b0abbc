"""Addresses must name a real province / city / district (stored by full names), through the
API and the form page; paste recognition at POST /account/addresses/parse; the form's region
picker and paste box."""

from __future__ import annotations

from sqlalchemy import insert, select

from mercato.members.adapters.tables import Address
from tests.api.helpers import error_of
from tests.members.conftest import ADDRESS, api_login, page_login
from tests.storefront.helpers import tags_with, text_of

URL = "/api/v1/me/addresses"
PASTED = "张三 13812345678 广东省深圳市南山区科技园科苑路15号"


def test_the_api_refuses_a_region_that_does_not_exist(client, alice):  # type: ignore[no-untyped-def]
    h = api_login(client, alice["phone"])
    for over, field in (
        ({"province": "火星"}, "province"),
        ({"city": "北京市"}, "city"),
        ({"district": "南山区"}, "district"),  # 上海市 has no 南山区
    ):
        error_of(client.post(URL, json={**ADDRESS, **over}, headers=h), 422, field)
    assert client.get(URL, headers=h).json()["items"] == []


def test_short_names_are_stored_in_full(client, alice):  # type: ignore[no-untyped-def]
    h = api_login(client, alice["phone"])
    body = {**ADDRESS, "province": "广东", "city": "深圳", "district": "南山"}
    r = client.post(URL, json=body, headers=h)
    assert r.status_code == 201, r.text
    a = r.json()
    assert (a["province"], a["city"], a["district"]) == ("广东省", "深圳市", "南山区")
    r = client.patch(f"{URL}/{a['id']}", json={"district": "朝阳区"}, headers=h)
    error_of(r, 422, "district")


def test_an_older_address_keeps_its_region_until_it_is_changed(client, alice, db):  # type: ignore[no-untyped-def]
    with db.transaction() as tx:  # saved before regions were checked
        values = {**ADDRESS, "province": "广东", "city": "深圳", "district": "科技园"}
        old = tx.execute(
            insert(Address).values(customer_id=alice["id"], is_default=True, **values)
            .returning(Address.id)
        ).scalar_one()
    h = api_login(client, alice["phone"])
    r = client.patch(f"{URL}/{old}", json={"phone": "13700000000"}, headers=h)
    assert r.status_code == 200 and r.json()["district"] == "科技园"
    error_of(client.patch(f"{URL}/{old}", json={"city": "广州"}, headers=h), 422, "district")
    r = client.patch(f"{URL}/{old}", json={"city": "广州", "district": "天河"}, headers=h)
    assert (r.json()["province"], r.json()["city"], r.json()["district"]) == (
        "广东省", "广州市", "天河区",
    )


def test_the_form_page_shows_a_wrong_region_beside_the_picker(client, alice, db):  # type: ignore[no-untyped-def]
    token = page_login(client, alice["phone"])
    data = {**ADDRESS, "district": "南山区", "csrf": token}
    r = client.post("/account/addresses", data=data)
    assert r.status_code == 422 and text_of(r.text, "region-error") == "该区县不属于所选城市"
    with db.reading() as tx:
        assert tx.scalars(select(Address)).all() == []


def test_the_form_has_the_picker_and_the_paste_box(client, alice):  # type: ignore[no-untyped-def]
    page_login(client, alice["phone"])
    page = client.get("/account/addresses/new?next=/checkout").text
    region = page.split('class="region"')[1].split(">")[0]
    assert "vendor/china-regions.json?v=" in region  # fetched by the picker when opened
    assert "address.js" in page and "cart.css" in page
    assert tags_with(page, "region-button") and tags_with(page, "paste-box")
    button = tags_with(page, "paste-recognise")[0]
    assert 'formaction="/account/addresses/parse?next=/checkout"' in button


def test_parse_answers_json_to_the_script(client, alice):  # type: ignore[no-untyped-def]
    token = page_login(client, alice["phone"])
    r = client.post(
        "/account/addresses/parse",
        data={"paste": PASTED},
        headers={"Accept": "application/json", "X-CSRF-Token": token},
    )
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    assert r.json() == {
        "recipient": "张三",
        "phone": "13812345678",
        "province": "广东省",
        "city": "深圳市",
        "district": "南山区",
        "street": "科技园科苑路15号",
        "postcode": "",
    }
    refused = client.post(
        "/account/addresses/parse", data={"paste": PASTED}, headers={"Accept": "application/json"}
    )
    assert refused.status_code == 403
    client.cookies.clear()
    r = client.post("/account/addresses/parse", data={"paste": PASTED, "csrf": token},
                    headers={"Accept": "application/json"})
    assert r.status_code in (401, 403)


def test_parse_without_javascript_fills_the_form_in(client, alice, db):  # type: ignore[no-untyped-def]
    token = page_login(client, alice["phone"])
    form = {"csrf": token, "paste": PASTED, "recipient": "", "postcode": "518057"}
    r = client.post("/account/addresses/parse?next=/checkout", data=form)
    assert r.status_code == 200
    values = {
        name: tags_with(r.text, f"field-{name}")[0].split('value="')[1].split('"')[0]
        for name in ("recipient", "phone", "province", "city", "district", "street", "postcode")
    }
    assert values == {
        "recipient": "张三",
        "phone": "13812345678",
        "province": "广东省",
        "city": "深圳市",
        "district": "南山区",
        "street": "科技园科苑路15号",
        "postcode": "518057",  # what the shopper typed stays when nothing replaces it
    }
    assert 'action="/account/addresses?next=/checkout"' in r.text
    with db.reading() as tx:
        assert tx.scalars(select(Address)).all() == []  # nothing saved until they save
