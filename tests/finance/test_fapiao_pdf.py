"""The invoice PDF: it reads back with the right words and figures, carries its own (cut down)
Chinese font, and survives characters the font does not have."""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from mercato.finance import fapiao as f
from mercato.finance.adapters import fapiao_pdf
from mercato.platform import pdf

TZ = ZoneInfo("Asia/Shanghai")
SELLER = f.Party("杭州集市网络科技有限公司", "91330106MA2GL1234X", "杭州市西湖区文三路 398 号",
                 "0571-88886666", "招商银行杭州分行", "571908888810801")
COMPANY = f.Party("上海云杉贸易有限公司", "91310115MA1K4ABCDE", "上海市浦东新区张江路 88 号",
                  "021-50801234", "中国工商银行上海张江支行", "1001234509876543210")
GOODS = [
    ("纯棉圆领短袖T恤 男款 夏季宽松 白色 XL", "服装", 2, 17800, 1300),
    ("骨瓷马克杯 350ml", "日用杂品", 1, 6900, 1300),
    ("有机五常大米 5kg", "谷物", 3, 23700, 900),
]
# Late on 30 April in UTC is 1 May in Shanghai: the date printed is the shop's.
AT = datetime(2026, 4, 30, 17, 30, tzinfo=UTC)


def _invoice(**kw: Any) -> f.Invoice:
    args: dict[str, Any] = {
        "number": "26332000000012345678", "kind": "blue", "vat_type": "ordinary", "issued_at": AT,
        "seller": SELLER, "buyer": f.Party("张伟"), "order_number": "M20260501-0007",
        "lines": f.blue_lines(GOODS, 3000, 1200), "issuer": "李娜",
    }
    return f.Invoice(**{**args, **kw})


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _fonts(data: bytes) -> list[Any]:
    reader = PdfReader(io.BytesIO(data))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    return [fonts[name].get_object() for name in fonts]


def test_blue_ordinary_invoice_reads_back() -> None:
    inv = _invoice()
    data = fapiao_pdf.render(inv, TZ)
    assert data.startswith(b"%PDF-")
    text = _text(data)
    assert "电子发票（普通发票）" in text
    assert "张伟" in text and "杭州集市网络科技有限公司" in text
    assert "26332000000012345678" in text and "2026年05月01日" in text
    assert inv.total_fen == 46600
    assert "¥466.00" in text and "肆佰陆拾陆圆整" in text
    assert f"¥{fapiao_pdf.yuan(inv.net_fen)}" in text and f"¥{fapiao_pdf.yuan(inv.tax_fen)}" in text
    assert "*服装*纯棉圆领短袖T恤" in text and "*运输服务*运费" in text and "13%" in text
    assert "M20260501-0007" in text and "李娜" in text
    assert "红字" not in text
    # Only a special invoice prints the parties' address and bank.
    assert "开户行及账号" not in text


def test_the_font_is_embedded_and_cut_down() -> None:
    data = fapiao_pdf.render(_invoice(), TZ)
    assert len(data) < 300_000
    (font,) = _fonts(data)
    (descendant,) = font["/DescendantFonts"]
    descriptor = descendant.get_object()["/FontDescriptor"].get_object()
    embedded = descriptor["/FontFile2"].get_object()
    # A subset's name carries a six-letter tag (ABCDEF+NotoSansSC), and the file is a sliver
    # of the vendored 2.5 MB.
    assert "+" in str(font["/BaseFont"]) and "NotoSansSC" in str(font["/BaseFont"])
    assert 1_000 < len(embedded.get_data()) < 250_000


def test_special_invoice_names_the_company_in_full() -> None:
    data = fapiao_pdf.render(_invoice(vat_type="special", buyer=COMPANY), TZ)
    text = _text(data)
    assert "电子发票（增值税专用发票）" in text
    assert "上海云杉贸易有限公司" in text and "91310115MA1K4ABCDE" in text
    assert "开户行及账号" in text and "1001234509876543210" in text
    assert "地址、电话" in text and "021-50801234" in text


def test_red_letter_invoice_shows_negative_figures() -> None:
    blue = _invoice()
    lines = f.red_lines(blue, {0: (1, 8000), 3: (0, 1200)})
    red = _invoice(number="26332000000012399999", kind="red", lines=lines,
                   original_number=blue.number)
    text = _text(fapiao_pdf.render(red, TZ))
    assert "红字发票" in text
    assert f"对应正数发票号码：{blue.number}" in text
    assert "¥-92.00" in text and "（负数）玖拾贰圆整" in text
    assert "-70.80" in text and "-11.01" in text
    assert "-1" in text


def test_many_lines_continue_on_more_pages() -> None:
    goods = [(f"商品{i:02d} 一个相当长的名字，要折成两行才放得下", "服装", 1, 1000 + i, 1300)
             for i in range(40)]
    inv = _invoice(lines=f.blue_lines(goods, 0, 0))
    reader = PdfReader(io.BytesIO(fapiao_pdf.render(inv, TZ)))
    assert len(reader.pages) > 2
    text = "\n".join(p.extract_text() for p in reader.pages)
    for i in range(40):
        assert f"*服装*商品{i:02d}" in text
    assert f"共{len(reader.pages)}页" in text
    # Every page says which invoice it belongs to and how much it is for.
    assert all(inv.number in p.extract_text() for p in reader.pages)


def test_a_rare_character_does_not_break_the_pdf(caplog: pytest.LogCaptureFixture) -> None:
    # 𠀀 (CJK extension B) and 喆 are outside GB2312; the emoji is in no CJK font.
    buyer = f.Party("陶喆𠀀😀")
    lines = (f.Line("限量款\u200d马克杯😀\ufe0f", "日用杂品", 1, 9900, 1300),)
    with caplog.at_level(logging.WARNING):
        data = fapiao_pdf.render(_invoice(buyer=buyer, lines=lines), TZ)
    text = _text(data)
    assert "陶□□□" in text and "*日用杂品*限量款马克杯□" in text
    assert not [r for r in caplog.records if "missing" in r.getMessage()]


def test_printable_replaces_only_what_the_font_lacks() -> None:
    doc = pdf.Document()
    covered = doc.covered
    assert pdf.printable("电子发票 ¥12.50（含税）", covered) == "电子发票 ¥12.50（含税）"
    assert pdf.printable("𠀀", covered) == pdf.REPLACEMENT
    # Invisible characters the font cannot draw are dropped, not boxed; tabs become spaces.
    assert pdf.printable("a\u200db\ufe0fc\x07\td", covered) == "abc d"
    assert pdf.printable("第一行\n第二行", covered) == "第一行\n第二行"
    # A compatibility form falls back to its plain letter when only that is in the font.
    assert pdf.printable("ﬁ", {ord("f"), ord("i")}) == "fi"
    assert pdf.printable("\ue000", covered) == pdf.REPLACEMENT


def test_the_vendored_font_covers_gb2312() -> None:
    covered = pdf.Document().covered
    missing = []
    for row in range(0xB0, 0xF8):
        for col in range(0xA1, 0xFF):
            try:
                ch = bytes((row, col)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            if ord(ch) not in covered:
                missing.append(ch)
    assert missing == []
    assert {ord(c) for c in "¥￥（）【】《》、。—…·×"} <= covered
