"""The pick list as a PDF (A4 portrait), the same sheet as the printable page
(/admin/shipments/picklist): per warehouse, each SKU to take off the shelves with its total
and the shipments it goes into, a box to tick per row; then each shipment's lines to pack.

For printers reached without a browser (a warehouse PC sending files to a network printer)
and for archiving what was picked. Tables continue across pages with their heading repeated;
every page is numbered "page n of m".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mercato.platform.i18n import gettext_ as _
from mercato.platform.pdf import Document

LEFT, RIGHT, TOP, BOTTOM, PAGE_H = 12.0, 198.0, 12.0, 280.0, 297.0
WIDTH = RIGHT - LEFT
SIZE, LINE_H, PAD = 9.0, 4.4, 1.2
GREY = (235, 235, 235)
MUTED = (110, 110, 110)
RED = (190, 30, 30)
# tick box, SKU code, item name, the shipments it serves, quantity: widths add up to WIDTH.
WIDTHS = (9.0, 36.0, 63.0, 60.0, 18.0)


@dataclass(frozen=True, slots=True)
class PickRow:
    sku_code: str
    name: str
    quantity: int
    shipments: tuple[str, ...]  # the numbers of the chosen shipments that take some


@dataclass(frozen=True, slots=True)
class House:
    name: str
    code: str
    picks: tuple[PickRow, ...]


@dataclass(frozen=True, slots=True)
class Parcel:
    number: str
    urgent: bool
    summary: str  # warehouse · recipient · place
    status: str  # shown when the shipment is past picking, else ""
    lines: tuple[tuple[str, str, int], ...]  # SKU code, name, quantity


@dataclass(frozen=True, slots=True)
class Sheet:
    printed_at: str
    houses: tuple[House, ...]
    parcels: tuple[Parcel, ...]
    missing: tuple[str, ...] = ()


class _Pen:
    """Where the next row goes; a row that would not fit starts a new page, where `again`
    (a table's heading) is drawn first."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.y = TOP
        self.again: Callable[[], None] | None = None

    def need(self, h: float) -> None:
        if self.y + h <= BOTTOM:
            return
        self.doc.add_page()
        self.y = TOP
        if self.again is not None:
            self.again()


def render(sheet: Sheet) -> bytes:
    doc = Document(page="A4", title=_("Pick list"))
    doc.add_page()
    pen = _Pen(doc)
    _title(pen, sheet)
    for house in sheet.houses:
        _house(pen, house)
    _parcels(pen, sheet.parcels)
    _page_numbers(doc, sheet.printed_at)
    return doc.pdf_bytes()


def _title(pen: _Pen, sheet: Sheet) -> None:
    doc = pen.doc
    doc.heading(LEFT, pen.y, WIDTH, 9, _("Pick list"), size=16, align="L")
    pieces = sum(p.quantity for h in sheet.houses for p in h.picks)
    meta = " · ".join((
        _("Printed at %(time)s") % {"time": sheet.printed_at},
        _("%(n)s shipments") % {"n": len(sheet.parcels)},
        _("%(n)s pieces") % {"n": pieces},
    ))
    doc.put(LEFT, pen.y + 9, WIDTH, 5, meta, size=8.5, color=MUTED)
    pen.y += 15
    if sheet.missing:
        text = f"{_('No such shipment')}: {', '.join(sheet.missing)}"
        pen.y += doc.block(LEFT, pen.y, WIDTH, text, size=SIZE, color=RED) + 2


def _house(pen: _Pen, house: House) -> None:
    doc = pen.doc
    pen.again = None
    pen.need(7 + 2 * (LINE_H + 2 * PAD))
    doc.heading(LEFT, pen.y, WIDTH, 7, f"{house.name}  {house.code}".strip(), size=11.5, align="L")
    pen.y += 8

    def heading() -> None:
        doc.set_fill_color(*GREY)
        doc.rect(LEFT, pen.y, WIDTH, LINE_H + PAD, style="F")
        titles = ("", _("SKU"), _("Item"), _("Shipment"), _("Quantity"))
        x = LEFT
        for title, width, align in zip(titles, WIDTHS, "LLLLR", strict=True):
            doc.put(x, pen.y + PAD / 2, width, LINE_H, title, size=8.5, align=align)
            x += width
        pen.y += LINE_H + PAD

    heading()
    pen.again = heading
    for row in house.picks:
        _pick_row(pen, row)
    pen.need(LINE_H + PAD)
    total = sum(p.quantity for p in house.picks)
    doc.put(LEFT + WIDTHS[0], pen.y + PAD / 2, sum(WIDTHS[1:4]), LINE_H, _("Total to pick"),
            size=SIZE)
    doc.put(RIGHT - WIDTHS[4], pen.y + PAD / 2, WIDTHS[4], LINE_H, str(total), size=10,
            align="R")
    pen.y += LINE_H + PAD + 6
    pen.again = None


def _pick_row(pen: _Pen, row: PickRow) -> None:
    doc = pen.doc
    names = doc.lines(row.name, WIDTHS[2] - 2 * doc.c_margin, SIZE)
    numbers = doc.lines(" ".join(row.shipments), WIDTHS[3] - 2 * doc.c_margin, 8, words=True)
    height = max(len(names), len(numbers)) * LINE_H + 2 * PAD
    pen.need(height)
    top = pen.y + PAD
    doc.tick_box(LEFT + 2.5, top + 0.4)
    doc.put(LEFT + WIDTHS[0], top, WIDTHS[1], LINE_H, row.sku_code, size=SIZE)
    x = LEFT + WIDTHS[0] + WIDTHS[1]
    for i, line in enumerate(names):
        doc.put(x, top + i * LINE_H, WIDTHS[2], LINE_H, line, size=SIZE, fit=False)
    x += WIDTHS[2]
    for i, line in enumerate(numbers):
        doc.put(x, top + i * LINE_H, WIDTHS[3], LINE_H, line, size=8, color=MUTED)
    doc.put(RIGHT - WIDTHS[4], top, WIDTHS[4], LINE_H, str(row.quantity), size=11, align="R")
    pen.y += height
    doc.rule(LEFT, pen.y, RIGHT, pen.y, color=(200, 200, 200), width=0.2)


def _parcels(pen: _Pen, parcels: tuple[Parcel, ...]) -> None:
    doc = pen.doc
    pen.need(9 + LINE_H * 2)
    doc.heading(LEFT, pen.y, WIDTH, 7, _("Pack by shipment"), size=11.5, align="L")
    pen.y += 9
    for parcel in parcels:
        _parcel(pen, parcel)


def _parcel(pen: _Pen, parcel: Parcel) -> None:
    doc = pen.doc
    pen.need(LINE_H * (1 + min(len(parcel.lines), 3)) + 3)
    doc.tick_box(LEFT, pen.y + 0.5)
    doc.put(LEFT + 5, pen.y, 48, LINE_H + 0.5, parcel.number, size=10)
    x = LEFT + 54
    if parcel.urgent:
        doc.put(x, pen.y, 12, LINE_H + 0.5, _("Urgent"), size=SIZE, color=RED)
        x += 13
    tail = f"{parcel.summary} · {parcel.status}" if parcel.status else parcel.summary
    doc.put(x, pen.y, RIGHT - x, LINE_H + 0.5, tail, size=8.5, color=MUTED)
    pen.y += LINE_H + 1
    for code, name, quantity in parcel.lines:
        pen.need(LINE_H)
        doc.put(LEFT + 5, pen.y, 40, LINE_H, code, size=8.5)
        doc.put(LEFT + 45, pen.y, WIDTH - 63, LINE_H, name, size=8.5)
        doc.put(RIGHT - 18, pen.y, 18, LINE_H, f"×{quantity}", size=SIZE, align="R")
        pen.y += LINE_H
    pen.y += 2.5


def _page_numbers(doc: Document, printed_at: str) -> None:
    """Numbers every page once all are laid out (fpdf2 lets us go back to earlier pages)."""
    pages = doc.page
    for n in range(1, pages + 1):
        doc.revisit(n)
        text = f"{_('Pick list')} · {printed_at} · " + _("Page %(page)s of %(pages)s") % {
            "page": n,
            "pages": pages,
        }
        doc.put(LEFT, PAGE_H - 12, WIDTH, 5, text, size=8, align="R", color=MUTED)
    doc.revisit(pages)
