"""An invoice as a PDF laid out like the fully digital e-fapiao (全电发票) the tax system issues:
title, number and date, buyer and seller side by side, the item table, 合计, the amount in
words and figures, remarks, issuer. A5 landscape, the frame and its labels in the form's brown,
the filled-in values in black.

The tax system's own PDF is the legal document; this one is the shop's copy of it, for the
customer and the books. Every page repeats the frame and the invoice's totals (a page of a long
invoice must still say which invoice and how much); the lines continue from page to page.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from mercato.finance.fapiao import Invoice, Line, Party, rate_label, yuan_in_words
from mercato.platform.pdf import Document

LEFT, RIGHT, PAGE_H = 8.0, 202.0, 148.0
WIDTH = RIGHT - LEFT
FRAME = (151, 72, 32)
RED = (205, 25, 25)
TOP, PARTIES_H, HEAD_H = 25.0, 25.0, 6.0
BOTTOM, REMARK_H, WORDS_H, SUM_H = 136.0, 17.0, 8.0, 6.0
ITEMS_TOP = TOP + PARTIES_H + HEAD_H
ITEMS_BOTTOM = BOTTOM - REMARK_H - WORDS_H - SUM_H
SIDE = 7.0  # the narrow columns that write 购买方信息 / 备注 downwards
WORDS_LABEL = 38.0
LINE_H, ITEM_SIZE, PAD = 3.6, 8.0, 1.0
MAX_NAME_LINES = 10
# (heading, width mm, alignment) of the item table; the widths add up to WIDTH.
COLUMNS = (
    ("项目名称", 52.0, "L"),
    ("规格型号", 20.0, "L"),
    ("单位", 10.0, "C"),
    ("数量", 16.0, "R"),
    ("单价", 26.0, "R"),
    ("金额", 24.0, "R"),
    ("税率/征收率", 18.0, "C"),
    ("税额", 28.0, "R"),
)
TITLES = {"ordinary": "电子发票（普通发票）", "special": "电子发票（增值税专用发票）"}


@dataclass(frozen=True, slots=True)
class _Row:
    names: tuple[str, ...]  # the item's name wrapped to its column
    cells: tuple[str, ...]  # the other seven columns
    height: float


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def unit_price(line: Line) -> str:
    """Up to 8 decimals with the trailing zeros dropped (88.49557522, 100)."""
    price = line.unit_price
    if price is None:
        return ""
    text = f"{price:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def render(invoice: Invoice, tz: ZoneInfo) -> bytes:
    title = TITLES[invoice.vat_type]
    doc = Document(page="A5", landscape=True, title=f"{title} {invoice.number}")
    doc.add_page()
    pages = _paginate([_row(doc, ln) for ln in invoice.lines])
    for n, rows in enumerate(pages, start=1):
        if n > 1:
            doc.add_page()
        _header(doc, invoice, tz)
        _parties(doc, invoice)
        _items(doc, rows)
        _totals(doc, invoice)
        _remarks(doc, invoice)
        _footer(doc, invoice, n, len(pages))
    return doc.pdf_bytes()


def _row(doc: Document, line: Line) -> _Row:
    names = doc.lines(line.display_name, COLUMNS[0][1] - PAD, ITEM_SIZE)[:MAX_NAME_LINES]
    cells = (
        "",
        line.unit,
        str(line.quantity) if line.quantity else "",
        unit_price(line),
        yuan(line.net_fen),
        rate_label(line.rate_bp),
        yuan(line.tax_fen),
    )
    return _Row(tuple(names), cells, len(names) * LINE_H + PAD)


def _paginate(rows: list[_Row]) -> list[list[_Row]]:
    room = ITEMS_BOTTOM - ITEMS_TOP - PAD
    pages: list[list[_Row]] = [[]]
    used = 0.0
    for row in rows:
        if pages[-1] and used + row.height > room:
            pages.append([])
            used = 0.0
        pages[-1].append(row)
        used += row.height
    return pages


def _header(doc: Document, inv: Invoice, tz: ZoneInfo) -> None:
    title = TITLES[inv.vat_type]
    doc.heading(LEFT, 7, WIDTH, 10, title, size=17, color=FRAME)
    half = doc.width(title, 17) / 2 + 3
    middle = LEFT + WIDTH / 2
    for y in (18.2, 19.0):
        doc.rule(middle - half, y, middle + half, y, color=FRAME, width=0.35)
    issued = inv.issued_at.astimezone(tz)
    _field(doc, 148, 8, 54, "发票号码：", inv.number, size=8.5)
    _field(doc, 148, 13.5, 54, "开票日期：", f"{issued:%Y年%m月%d日}", size=8.5)
    if inv.kind == "red":
        doc.box(LEFT + 2, 9, 24, 8, color=RED, width=0.5)
        doc.heading(LEFT + 2, 9, 24, 8, "红字发票", size=11, color=RED)


def _field(
    doc: Document, x: float, y: float, w: float, label: str, value: str, *, size: float = 8
) -> None:
    """A brown label followed by its black value, the value shrunk to the room left."""
    label_w = doc.width(label, size) + 2 * doc.c_margin
    doc.put(x, y, label_w, 5, label, size=size, color=FRAME)
    doc.put(x + label_w - doc.c_margin, y, w - label_w + doc.c_margin, 5, value, size=size + 0.5)


def _downwards(doc: Document, x: float, y: float, h: float, text: str, size: float) -> None:
    """A label written one character under the other, centred in its column."""
    step = size * 0.45
    start = y + (h - step * len(text)) / 2
    for i, ch in enumerate(text):
        doc.put(x, start + i * step, SIDE, step, ch, size=size, align="C", color=FRAME)


def _party_fields(party: Party, special: bool) -> list[tuple[str, str]]:
    fields = [("名称：", party.name), ("统一社会信用代码/纳税人识别号：", party.tax_id)]
    if special:
        fields.append(("地址、电话：", " ".join(v for v in (party.address, party.phone) if v)))
        fields.append(("开户行及账号：", " ".join(v for v in (party.bank, party.account) if v)))
    return fields


def _parties(doc: Document, inv: Invoice) -> None:
    doc.box(LEFT, TOP, WIDTH, BOTTOM - TOP, color=FRAME, width=0.4)
    bottom = TOP + PARTIES_H
    half = WIDTH / 2
    sides = ((LEFT, "购买方信息", inv.buyer), (LEFT + half, "销售方信息", inv.seller))
    for x, title, party in sides:
        doc.rule(x + SIDE, TOP, x + SIDE, bottom, color=FRAME)
        _downwards(doc, x, TOP, PARTIES_H, title, 8)
        fields = _party_fields(party, inv.vat_type == "special")
        y = TOP + (PARTIES_H - 5.5 * len(fields)) / 2
        for label, value in fields:
            _field(doc, x + SIDE + 1, y, half - SIDE - 2, label, value, size=7.5)
            y += 5.5
    doc.rule(LEFT + half, TOP, LEFT + half, bottom, color=FRAME)
    doc.rule(LEFT, bottom, RIGHT, bottom, color=FRAME)


def _items(doc: Document, rows: list[_Row]) -> None:
    x = LEFT
    for heading, width, _align in COLUMNS:
        doc.put(x, TOP + PARTIES_H, width, HEAD_H, heading, size=8, align="C", color=FRAME)
        x += width
    y = ITEMS_TOP
    for row in rows:
        x = LEFT
        for i, name in enumerate(row.names):
            doc.put(x + PAD / 2, y + i * LINE_H, COLUMNS[0][1] - PAD, LINE_H, name,
                    size=ITEM_SIZE, fit=False)
        x += COLUMNS[0][1]
        for (_heading, width, align), text in zip(COLUMNS[1:], row.cells, strict=True):
            doc.put(x, y, width, LINE_H, text, size=ITEM_SIZE, align=align)
            x += width
        y += row.height


def _column_x(index: int) -> tuple[float, float]:
    start = LEFT + sum(w for _h, w, _a in COLUMNS[:index])
    return start, COLUMNS[index][1]


def _totals(doc: Document, inv: Invoice) -> None:
    y = ITEMS_BOTTOM
    name_x, name_w = _column_x(0)
    doc.put(name_x, y, name_w, SUM_H, "合　　计", size=8.5, align="C", color=FRAME)
    for index, fen in ((5, inv.net_fen), (7, inv.tax_fen)):
        x, w = _column_x(index)
        doc.put(x, y, w, SUM_H, f"¥{yuan(fen)}", size=8.5, align="R")
    y += SUM_H
    doc.rule(LEFT, y, RIGHT, y, color=FRAME)
    doc.rule(LEFT + WORDS_LABEL, y, LEFT + WORDS_LABEL, y + WORDS_H, color=FRAME)
    doc.put(LEFT, y, WORDS_LABEL, WORDS_H, "价税合计（大写）", size=8.5, align="C", color=FRAME)
    _crossed_circle(doc, LEFT + WORDS_LABEL + 4, y + WORDS_H / 2)
    doc.put(LEFT + WORDS_LABEL + 7, y, 100, WORDS_H, yuan_in_words(inv.total_fen), size=9.5)
    _field(doc, RIGHT - 52, y + 1.5, 52, "（小写）", f"¥{yuan(inv.total_fen)}", size=8.5)
    doc.rule(LEFT, y + WORDS_H, RIGHT, y + WORDS_H, color=FRAME)


def _crossed_circle(doc: Document, cx: float, cy: float, r: float = 1.7) -> None:
    """⊗, which the form prints before the amount in words so nothing can be written in front
    (the font has no such glyph)."""
    doc.set_draw_color(*FRAME)
    doc.set_line_width(0.25)
    doc.circle(cx, cy, r)
    d = r * 0.7071
    doc.line(cx - d, cy - d, cx + d, cy + d)
    doc.line(cx - d, cy + d, cx + d, cy - d)


def _remarks(doc: Document, inv: Invoice) -> None:
    top = BOTTOM - REMARK_H
    doc.rule(LEFT + SIDE, top, LEFT + SIDE, BOTTOM, color=FRAME)
    _downwards(doc, LEFT, top, REMARK_H, "备注", 8)
    parts = [f"订单号：{inv.order_number}"]
    if inv.kind == "red":
        parts.append(f"红字发票 对应正数发票号码：{inv.original_number}")
    if inv.note:
        parts.append(inv.note)
    text = "\n".join(parts)
    doc.block(LEFT + SIDE + 1, top + 1, WIDTH - SIDE - 2, text, size=7.5, line_h=3.6)


def _footer(doc: Document, inv: Invoice, page: int, pages: int) -> None:
    _field(doc, LEFT + 2, BOTTOM + 1.5, 60, "开票人：", inv.issuer, size=8)
    if pages > 1:
        doc.put(RIGHT - 40, BOTTOM + 1.5, 40, 5, f"共{pages}页　第{page}页", size=8, align="R",
                color=FRAME)
