"""PDF documents with Chinese text (fapiao, pick lists), drawn with fpdf2.

Every document embeds the vendored Noto Sans SC subset (scripts/vendor_font.py); fpdf2 cuts it
down again to the glyphs a document uses, so a one-page invoice stays small and renders on a
machine with no Chinese font installed. Text goes through `printable` first: a character the
font lacks (a rare hanzi in a customer's name, an emoji in a product name) becomes □ instead of
an invisible .notdef box and a log line per document, and control characters never reach the
content stream.

Pages are laid out by their callers at fixed positions (mm, top-left origin); automatic page
breaks are off so a cell never silently moves to a page the caller did not plan.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue, TextMode, WrapMode
from fpdf.fonts import TTFFont

FONT_FILE = Path(__file__).resolve().parent / "fonts" / "NotoSansSC-Regular-subset.ttf"
FAMILY = "NotoSansSC"
REPLACEMENT = "□"
BLACK = (0, 0, 0)
MIN_SIZE = 5.0  # pt: below this a fitted cell wraps or is cut instead of shrinking further
PT = 25.4 / 72  # mm per point
# Marks, controls and format characters take no room of their own: dropping one the font lacks
# loses nothing visible, where □ would add a character that was never there.
_INVISIBLE = frozenset({"Mn", "Mc", "Me", "Cc", "Cf"})
# Portrait sizes in mm, given to fpdf2 as numbers: it warns on every "A5" by name.
PAGES = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "A6": (105.0, 148.0)}


def printable(text: str, covered: Container[int]) -> str:
    """`text` with what the font cannot draw replaced: a compatibility form by its plain one
    (ｅ → e) when the font has that, else □; marks and format/control characters it cannot
    draw are dropped (a variation selector after an emoji). Line breaks stay."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch == "\n" or ord(ch) in covered:
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in _INVISIBLE:
            continue
        else:
            plain = unicodedata.normalize("NFKC", ch)
            fits = plain != ch and all(ord(c) in covered for c in plain)
            out.append(plain if fits else REPLACEMENT)
    return "".join(out)


class Document(FPDF):
    """An A4/A5 page set in mm with the CJK font loaded and text helpers that fit or wrap."""

    def __init__(self, *, page: str = "A4", landscape: bool = False, title: str = "") -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format=PAGES[page])
        self.add_font(FAMILY, "", str(FONT_FILE))
        font = self.fonts[FAMILY.lower()]
        assert isinstance(font, TTFFont)
        self.covered: frozenset[int] = frozenset(font.cmap)
        self.set_font(FAMILY, size=10)
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.c_margin = 1.0
        self.set_lang("zh-CN")
        self.set_creator("Mercato")
        if title:
            self.set_title(self.safe(title))

    def safe(self, text: str) -> str:
        return printable(text, self.covered)

    def width(self, text: str, size: float) -> float:
        self.set_font_size(size)
        return float(self.get_string_width(self.safe(text)))

    def fitted_size(self, text: str, w: float, size: float) -> float:
        """The largest size ≤ `size` (down to MIN_SIZE) at which `text` fits in `w` mm."""
        room = w - 2 * self.c_margin
        need = self.width(text, size)
        if need <= room or need == 0:
            return size
        return max(MIN_SIZE, size * room / need)

    def put(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        text: str,
        *,
        size: float = 9,
        align: str = "L",
        color: tuple[int, int, int] = BLACK,
        fit: bool = True,
    ) -> None:
        """One line of text in the box (x, y, w, h), vertically centred; shrunk to fit `w`
        when `fit`, else cut at the box's edge."""
        shown = self.safe(text).replace("\n", " ")
        self.set_font_size(self.fitted_size(shown, w, size) if fit else size)
        self.set_text_color(*color)
        self.set_xy(x, y)
        self.cell(w, h, shown, align=Align.coerce(align))
        self.set_text_color(*BLACK)

    def lines(self, text: str, w: float, size: float, *, words: bool = False) -> list[str]:
        """`text` wrapped to `w` mm, breaking anywhere (Chinese has no spaces to break at), or
        only at spaces when `words` (a list of numbers must not split one)."""
        self.set_font_size(size)
        wrapped = self.multi_cell(
            w,
            text=self.safe(text),
            dry_run=True,
            output=MethodReturnValue.LINES,
            wrapmode=WrapMode.WORD if words else WrapMode.CHAR,
        )
        assert isinstance(wrapped, list)
        return [str(line) for line in wrapped] or [""]

    def block(
        self,
        x: float,
        y: float,
        w: float,
        text: str,
        *,
        size: float = 9,
        line_h: float | None = None,
        align: str = "L",
        color: tuple[int, int, int] = BLACK,
    ) -> float:
        """`text` wrapped into lines from (x, y); returns the height it took."""
        step = line_h if line_h is not None else size * PT * 1.35
        wrapped = self.lines(text, w, size)
        for i, line in enumerate(wrapped):
            self.put(x, y + i * step, w, step, line, size=size, align=align, color=color)
        return step * len(wrapped)

    def heading(
        self, x: float, y: float, w: float, h: float, text: str, *, size: float, align: str = "C",
        color: tuple[int, int, int] = BLACK,
    ) -> None:
        """A title set heavier than the regular face allows: the glyphs are filled and stroked
        (the vendored font has no bold weight, and a second CJK font would double the size)."""
        # In a saved graphics state: the rendering mode is text state, which outlives the
        # text object it was set in and would embolden everything drawn after.
        with self.local_context(text_mode=TextMode.FILL_STROKE, line_width=size * 0.012):
            self.set_draw_color(*color)
            self.put(x, y, w, h, text, size=size, align=align, color=color)

    def box(self, x: float, y: float, w: float, h: float, *, color: tuple[int, int, int] = BLACK,
            width: float = 0.25) -> None:
        self.set_draw_color(*color)
        self.set_line_width(width)
        self.rect(x, y, w, h)
        self.set_draw_color(*BLACK)

    def rule(self, x1: float, y1: float, x2: float, y2: float, *,
             color: tuple[int, int, int] = BLACK, width: float = 0.25) -> None:
        self.set_draw_color(*color)
        self.set_line_width(width)
        self.line(x1, y1, x2, y2)
        self.set_draw_color(*BLACK)

    def tick_box(self, x: float, y: float, side: float = 3.5) -> None:
        """An empty square to tick by hand."""
        self.box(x, y, side, side, width=0.3)

    def revisit(self, page: int) -> None:
        """Go back to an earlier page to add to it (page numbers, once the count is known)."""
        self.page = page
        # fpdf2 writes a font size only when it differs from the last one it wrote, which was
        # on another page; a throwaway size makes the next text state its own on this page.
        self.set_font_size(0.5)

    def pdf_bytes(self) -> bytes:
        return bytes(self.output())
