"""Customer notifications are the merchant's (/admin/messages): the e-mail wording per kind and
language is edited with a live preview, checked (unknown or missing values, broken % syntax,
over-long text: 422, nothing stored), audited, and used by the next send through the real
SMTP adapter; for SMS the merchant enters an approved template code, which the next send
through the real Aliyun adapter uses; "restore default" goes back to the built-in wording.
Only staff with the content permission may see or change it, and every write needs CSRF."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from mercato.access import team
from mercato.messaging import public as messaging
from mercato.messaging.adapters.tables import MessageTemplate
from mercato.messaging.domain import InvalidWording, Wording, check_wording, placeholders
from mercato.platform.audit import AuditEntry
from mercato.platform.db import Database
from mercato.sandbox.aliyun_sms import DEMO_TEMPLATES, FakeAliyunSms
from mercato.sandbox.smtp import FakeSmtp
from tests.members.post import KEY_ID, SECRET, SIGN, SMTP_PASSWORD, SMTP_USER, mailer, sms_adapter

URL = "/admin/messages/verification_code/zh_CN"
DEFAULT_SUBJECT = "您的验证码"
DEFAULT_BODY = (
    "您的验证码为 %(code)s，%(minutes)s分钟内有效，请勿泄露给他人。如非本人操作，请忽略本邮件。"
)
PARAMS = {"code": "135790", "minutes": "10"}


def _post(client: TestClient, url: str, **data: str) -> Any:
    return client.post(url, data={"csrf": client.csrf, **data}, follow_redirects=False)


def _rows(db: Database) -> list[tuple[Any, ...]]:
    """(kind, locale, subject, body, sms_code, updated_by) of every stored template."""
    t = MessageTemplate
    with db.reading() as tx:
        query = select(t.kind, t.locale, t.subject, t.body, t.sms_code, t.updated_by)
        return [tuple(r) for r in tx.execute(query)]


@pytest.fixture
def smtp() -> Iterator[FakeSmtp]:
    relay = FakeSmtp(user=SMTP_USER, password=SMTP_PASSWORD, tls=True).start()
    yield relay
    relay.stop()


def test_the_list_shows_every_kind_in_both_languages(admin: TestClient) -> None:
    page = admin.get("/admin/messages")
    assert page.status_code == 200
    html = page.text
    assert "客户通知" in html and 'href="/admin/messages"' in html  # in the Settings group
    for title in ("验证码", "商品缺货", "物流长时间未更新", "派送失败", "预售尾款提醒"):
        assert title in html
    assert "客户重置密码时收到的一次性验证码。" in html
    kinds = ("verification_code", "out_of_stock", "no_tracking", "delivery_failed",
             "balance_due")
    for kind in kinds:
        for locale in ("zh_CN", "en"):
            assert f'href="/admin/messages/{kind}/{locale}"' in html
    assert html.count('<span class="badge">默认</span>') == 2 * len(kinds)
    assert "已自定义" not in html
    assert "SMS_900000001" in html and "SMS_900000016" in html  # the demo's codes


def test_edit_save_then_a_real_send_uses_the_edited_text(
    admin: TestClient, db: Database, smtp: FakeSmtp
) -> None:
    page = admin.get(URL)
    assert page.status_code == 200
    assert DEFAULT_SUBJECT in page.text and "246810" in page.text  # preview, sample values
    assert "您的验证码为 ${code}，${minutes}分钟内有效" in page.text  # the SMS to get approved
    body = "【小店】您的验证码是 %(code)s（%(minutes)s 分钟内有效）。\r\n100%% 安全，请勿转发。"
    r = _post(admin, URL, subject="小店验证码 %(code)s", body=body, sms_code="")
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/messages?flash=")
    listed = admin.get("/admin/messages").text
    assert "已自定义" in listed and "admin@example.com" in listed
    (row,) = _rows(db)
    assert row == ("verification_code", "zh_CN", "小店验证码 %(code)s", body.replace("\r\n", "\n"),
                   None, "admin@example.com")
    with db.reading() as tx:
        targets = list(tx.scalars(select(AuditEntry.target)))
    assert "messaging_template#verification_code,zh_CN (new)" in targets

    sender = messaging.Messenger(None, {}, mailer(smtp))
    with db.reading() as tx:
        messaging.send(tx, sender, messaging.Message("verification_code", "ann@shop.test", PARAMS))
        messaging.send(tx, sender, messaging.Message("verification_code", "bob@shop.test",
                                                     PARAMS, "en"))
    (got,) = smtp.inbox.messages("ann@shop.test")
    assert got["subject"] == "小店验证码 135790"
    text = str(got["text"]).replace("\r\n", "\n")  # SMTP's line ends
    assert text == "【小店】您的验证码是 135790（10 分钟内有效）。\n100% 安全，请勿转发。\n"
    (english,) = smtp.inbox.messages("bob@shop.test")  # no English row: the built-in text
    assert english["subject"] == "Your verification code"
    assert "Your verification code is 135790." in str(english["text"])


@pytest.mark.parametrize(
    ("fields", "field", "says"),
    [
        ({"body": "验证码 %(code)s，优惠券 %(coupon)s"}, "body", "未知变量 %(coupon)s"),
        ({"body": "您的验证码在邮件里"}, "body", "内容中必须包含 %(code)s"),
        ({"body": "验证码 %(code)s，100% 安全"}, "body", "百分号请写作 %%"),
        ({"body": "验证码 %(code)d"}, "body", "请检查“%(code)d"),
        ({"subject": "主题" * 80}, "subject", "最多 150 个字符"),
        ({"body": "%(code)s " + "长" * 2000}, "body", "最多 2000 个字符"),
        ({"subject": "  "}, "subject", "请填写内容"),
        ({"sms_code": "12345"}, "sms_code", "例如 SMS_123456789"),
    ],
)
def test_a_wrong_field_is_refused_and_nothing_is_stored(
    admin: TestClient, db: Database, fields: dict[str, str], field: str, says: str
) -> None:
    data = {"subject": DEFAULT_SUBJECT, "body": DEFAULT_BODY, "sms_code": "", **fields}
    r = _post(admin, URL, **data)
    assert r.status_code == 422
    assert f'data-field="{field}"' in r.text and says in r.text, r.text
    assert "未保存" in r.text
    assert _rows(db) == []


def test_the_live_preview_follows_what_is_typed(admin: TestClient) -> None:
    ok = _post(admin, URL + "/preview", subject="码", body="码：%(code)s", sms_code="")
    assert ok.status_code == 200 and 'data-testid="preview-body">码：246810<' in ok.text
    bad = _post(admin, URL + "/preview", subject="码", body="码：%(cod)s", sms_code="")
    assert bad.status_code == 200 and "未知变量 %(cod)s" in bad.text


def test_an_sms_code_of_the_merchant_is_used_by_the_next_send(
    admin: TestClient, db: Database
) -> None:
    approved = "您好，验证码${code}，${minutes}分钟内有效。"
    fake = FakeAliyunSms(access_key_id=KEY_ID, access_key_secret=SECRET, sign_name=SIGN,
                         templates={**DEMO_TEMPLATES, "SMS_246813579": approved}, per_minute=9)
    data = {"subject": DEFAULT_SUBJECT, "body": DEFAULT_BODY, "sms_code": " SMS_246813579 "}
    assert _post(admin, URL, **data).status_code == 303
    assert [r[2:5] for r in _rows(db)] == [
        (None, None, "SMS_246813579")]  # the built-in e-mail text is not copied
    assert "SMS_246813579" in admin.get("/admin/messages").text
    sender = messaging.Messenger(sms_adapter(fake), messaging.SANDBOX_TEMPLATES)
    with db.reading() as tx:
        messaging.send(tx, sender, messaging.Message("verification_code", "13912345678", PARAMS))
        messaging.send(tx, sender, messaging.Message("verification_code", "13812345678",
                                                     PARAMS, "en"))
    (zh,) = fake.inbox.messages("13912345678")
    assert zh["text"] == "【Mercato商城】您好，验证码135790，10分钟内有效。"
    (en,) = fake.inbox.messages("13812345678")  # English keeps its configured code
    assert str(en["text"]).startswith("【Mercato商城】Your verification code is 135790")


def test_restore_default_deletes_the_row(admin: TestClient, db: Database) -> None:
    assert _post(admin, URL, subject="自己的主题", body="码 %(code)s").status_code == 303
    assert "自己的主题" in admin.get(URL).text
    r = _post(admin, URL + "/restore")
    assert r.status_code == 303 and r.headers["location"].startswith(URL + "?flash=")
    assert _rows(db) == []
    page = admin.get(URL).text
    assert "自己的主题" not in page and f'value="{DEFAULT_SUBJECT}"' in page
    # Saving the built-in text as it is stores nothing either: it keeps following translations.
    same = {"subject": DEFAULT_SUBJECT, "body": DEFAULT_BODY, "sms_code": ""}
    assert _post(admin, URL, **same).status_code == 303 and _rows(db) == []


def test_staff_without_the_content_permission_get_403(
    admin: TestClient, app: Any, db: Database
) -> None:
    with db.transaction() as tx:
        team.add_staff(tx, "clerk@example.com", "correct-horse-9", "Clerk", "warehouse")
    clerk = TestClient(app, follow_redirects=False)
    login = {"email": "clerk@example.com", "password": "correct-horse-9"}
    assert clerk.post("/admin/login", data=login).status_code == 303
    assert 'href="/admin/messages"' not in clerk.get("/admin/stock").text
    for path in ("/admin/messages", URL):
        denied = clerk.get(path)
        assert denied.status_code == 403 and "您没有执行此操作的权限" in denied.text
    refused = clerk.post(URL, data={"csrf": "x", "subject": "x", "body": "%(code)s"})
    assert refused.status_code == 403 and _rows(db) == []


def test_a_write_without_csrf_is_refused(admin: TestClient, db: Database) -> None:
    data = {"subject": "主题", "body": "码 %(code)s"}
    assert admin.post(URL, data=data, follow_redirects=False).status_code == 403
    forged = admin.post(URL, data={**data, "csrf": "0" * 32}, follow_redirects=False)
    assert forged.status_code == 403 and _rows(db) == []
    assert _post(admin, URL, **data).status_code == 303
    assert admin.post(URL + "/restore", follow_redirects=False).status_code == 403
    assert len(_rows(db)) == 1


def test_unknown_kind_or_language_is_404(admin: TestClient) -> None:
    assert admin.get("/admin/messages/welcome/zh_CN").status_code == 404
    assert admin.get("/admin/messages/verification_code/fr").status_code == 404
    assert _post(admin, "/admin/messages/welcome/zh_CN", body="x").status_code == 404


def test_the_checks_on_their_own() -> None:
    assert placeholders("%(code)s costs 100%% of %(minutes)s") == (["code", "minutes"], "")
    assert placeholders("100% sure")[1] == "% sure"
    check_wording(Wording("Order %(order)s", "Your order %(order)s"), ("order",), ("order",))
    with pytest.raises(InvalidWording) as caught:
        check_wording(Wording("a\nb", "no order", "SMS_1"), ("order",), ("order",))
    assert set(caught.value.errors) == {"subject", "body", "sms_code"}
    with pytest.raises(InvalidWording):  # %(name)r or %s would print oddly or fail
        check_wording(Wording(None, "%(order)r %s"), ("order",), ())
