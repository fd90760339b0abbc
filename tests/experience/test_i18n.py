"""Every message has its zh_CN translation, checked by `make lint`; the pages in question
read Chinese (issue 14, defect 9); /favicon.ico is the shop's mark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mercato.platform import i18n_check


def test_the_code_has_no_untranslated_message() -> None:
    assert i18n_check.missing() == {}


def test_the_check_finds_a_message_without_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "thing.py").write_text(
        'from x import DomainError, _\n_("Sign out")\n_("A brand new sentence")\n'
        'raise DomainError("x.y", "An untranslated refusal", "field")\n',
        encoding="utf-8",
    )
    (tmp_path / "page.html").write_text('{{ _("Words only a page says") }}', encoding="utf-8")
    monkeypatch.setattr(i18n_check, "ROOT", tmp_path)
    assert set(i18n_check.missing()) == {
        "A brand new sentence",
        "An untranslated refusal",
        "Words only a page says",
    }
    assert i18n_check.main() == 1


def test_the_staff_sign_in_page_reads_chinese(client: Any) -> None:
    page = client.get("/admin/login").text
    assert "员工登录" in page and "Staff sign in" not in page and ">Sign in<" not in page


def test_signed_in_admin_offers_sign_out_in_chinese(admin: Any) -> None:
    page = admin.get("/admin/orders").text
    assert "退出登录" in page and "Sign out" not in page


def test_the_favicon_is_served(client: Any) -> None:
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age" in r.headers["cache-control"]
