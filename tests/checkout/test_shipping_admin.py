"""Shipping methods in the admin: create with rule rows (yuan → fen exactly), edit, errors
re-rendered next to their fields, CSRF; and every new message has a Chinese translation."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from mercato.checkout.services import shipping
from mercato.checkout.web.shipping_forms import _MESSAGES
from mercato.platform.db import Database
from mercato.platform.i18n import translations
from tests.catalog_admin.helpers import assert_done, assert_refused, post
from tests.checkout.shipping_factory import shipping_methods

SRC = Path(__file__).resolve().parents[2] / "src" / "mercato"


def _form(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": "sf",
        "name_zh": "顺丰标快",
        "name_en": "SF Express",
        "carrier": "sf",
        "position": "1",
        "active": "1",
        "rules.0.provinces": "*",
        "rules.0.first_weight_g": "1000",
        "rules.0.first_fee": "12",
        "rules.0.step_g": "500",
        "rules.0.step_fee": "2.5",
        "rules.0.free_over": "199.99",
        # a blank row between two rules is ignored
        "rules.1.provinces": "",
        "rules.2.provinces": "新疆，西藏自治区",
        "rules.2.first_weight_g": "1000",
        "rules.2.first_fee": "¥25.10",
        "rules.2.step_g": "500",
        "rules.2.step_fee": "0.1",
        "rules.2.free_over": "",
    }
    data.update(over)
    return data


def _stored(db: Database) -> list[shipping.MethodView]:
    with db.reading() as tx:
        return shipping.list_methods(tx)


def test_create_with_rules_converts_yuan_exactly(admin: TestClient, db: Database) -> None:
    page = admin.get("/admin/shipping/new")
    assert page.status_code == 200 and 'name="rules.2.free_over"' in page.text
    assert_done(post(admin, "/admin/shipping", _form()), "/admin/shipping")
    (method,) = _stored(db)
    assert (method.code, method.name_zh, method.carrier, method.active) == (
        "sf",
        "顺丰标快",
        "sf",
        True,
    )
    anywhere, remote = method.rules
    assert (anywhere.first_fee, anywhere.step_fee, anywhere.free_over) == (1200, 250, 19999)
    assert remote.provinces == ("西藏自治区", "新疆维吾尔自治区")
    assert (remote.first_fee, remote.step_fee, remote.free_over) == (2510, 10, None)
    listing = admin.get("/admin/shipping").text
    assert 'data-method="sf"' in listing and "¥199.99" in listing
    assert 'href="/admin/shipping"' in listing  # the nav link


def test_edit_shows_yuan_and_saves(admin: TestClient, db: Database) -> None:
    with db.transaction() as tx:
        std = shipping_methods(tx)["std"]
    page = admin.get(f"/admin/shipping/{std}").text
    assert 'value="10.00"' in page and 'value="99.00"' in page and 'value="*"' in page
    form = _form(code="std", name_en="Economy", active="", **{"rules.2.provinces": "广东"})
    assert_done(post(admin, f"/admin/shipping/{std}", form), "/admin/shipping")
    method = next(m for m in _stored(db) if m.id == std)
    assert (method.name_en, method.active) == ("Economy", False)
    assert [r.provinces for r in method.rules] == [("*",), ("广东省",)]


def test_refused_form_shows_errors_and_input(admin: TestClient, db: Database) -> None:
    bad = _form(
        code="Not OK",
        **{
            "rules.0.first_fee": "12.345",
            "rules.0.step_g": "0",
            "rules.2.provinces": "火星",
            "rules.2.first_weight_g": "heavy",
        },
    )
    r = post(admin, "/admin/shipping", bad)
    assert_refused(r, "code", "rules.0.first_fee", "rules.2.first_weight_g")
    assert 'value="12.345"' in r.text and 'value="Not OK"' in r.text
    # Once the numbers read, the service's refusals land on the form's own row numbers.
    r = post(admin, "/admin/shipping", _form(**{"rules.2.provinces": "火星"}))
    assert_refused(r, "rules.2.provinces")
    assert "火星" in r.text
    r = post(admin, "/admin/shipping", _form(**{"rules.0.step_g": "0"}))
    assert_refused(r, "rules.0.step_g")
    assert _stored(db) == []


def test_duplicate_code_and_missing_rules(admin: TestClient, db: Database) -> None:
    with db.transaction() as tx:
        shipping_methods(tx)
    assert_refused(post(admin, "/admin/shipping", _form(code="std")), "code")
    empty = {k: v for k, v in _form().items() if not k.startswith("rules.")}
    r = post(admin, "/admin/shipping", empty)
    assert_refused(r, "rules")
    assert len(_stored(db)) == 2


def test_chinese_admin_shows_translated_errors(admin: TestClient) -> None:
    admin.cookies.set("lang", "zh_CN")
    r = post(admin, "/admin/shipping", _form(**{"rules.0.first_fee": "abc"}))
    assert r.status_code == 422
    assert "配送方式" in r.text and "请输入以元为单位的金额" in r.text


def test_deactivate_from_the_list(admin: TestClient, db: Database) -> None:
    with db.transaction() as tx:
        ids = shipping_methods(tx)
    assert_done(post(admin, f"/admin/shipping/{ids['std']}/deactivate"), "/admin/shipping")
    assert [(m.code, m.active) for m in _stored(db)] == [("std", False), ("express", True)]


def test_csrf_and_sign_in_are_required(admin: TestClient, client: TestClient, db: Database) -> None:
    r = admin.post("/admin/shipping", data=_form(), follow_redirects=False)
    assert r.status_code == 403
    r = admin.post("/admin/shipping", data={**_form(), "csrf": "0" * 32}, follow_redirects=False)
    assert r.status_code == 403
    assert _stored(db) == []
    admin.cookies.clear()
    r = client.get("/admin/shipping", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")


def test_unknown_method_is_404(admin: TestClient) -> None:
    assert admin.get("/admin/shipping/999999").status_code == 404
    assert post(admin, "/admin/shipping/999999", _form()).status_code == 404
    assert admin.get("/admin/shipping/99999999999999").status_code == 422


def _python_messages(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        args = node.args
        if name == "_" and args and isinstance(args[0], ast.Constant):
            found.add(str(args[0].value))
        elif name in ("DomainError", "NotFound", "Conflict") and len(args) >= 2:
            msg = args[1]
            if isinstance(msg, ast.Constant):
                found.add(str(msg.value))
            elif isinstance(msg, ast.JoinedStr) and isinstance(msg.values[0], ast.Constant):
                found.add(str(msg.values[0].value).removesuffix(": "))
    return found


def test_every_shipping_message_has_a_chinese_translation() -> None:
    checkout = SRC / "checkout"
    files = [
        checkout / "shipping.py",
        checkout / "adapters" / "shipping_repo.py",
        checkout / "services" / "shipping.py",
        checkout / "services" / "shipping_input.py",
        checkout / "web" / "shipping_forms.py",
        checkout / "web" / "admin_shipping.py",
    ]
    messages = set().union(*(_python_messages(f) for f in files))
    templates = (checkout / "web" / "templates" / "checkout" / "admin").glob("*.html")
    for t in templates:
        messages |= set(re.findall(r'_\("((?:[^"\\]|\\.)+)"', t.read_text(encoding="utf-8")))
    messages |= {"Shipping", *_MESSAGES.values()}  # the nav link; service texts reworded
    messages |= {f"{n} must be ≥ 0" for n in ("first_weight_g", "first_fee", "step_fee")}
    assert len(messages) > 40
    zh = translations("zh_CN")
    assert sorted(m for m in messages if zh.gettext(m) == m) == []
