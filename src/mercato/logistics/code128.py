"""Code 128 (subset B) barcodes drawn as inline SVG, for the electronic waybills: a waybill
number (letters and digits) read by any carrier's scanner. Pure Python, no dependency.

A symbol is 11 modules: three bars and three spaces, each 1 to 4 modules wide; the stop
symbol has a fourth bar (13 modules). The check symbol is (104 + Σ position × value) mod 103,
positions counted from 1 after the start symbol."""

from __future__ import annotations

from html import escape

# Bar, space, bar, space, bar, space widths of the symbols 0 … 106 (ISO/IEC 15417 table).
# fmt: off
WIDTHS = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
)
# fmt: on
START_B = 104
STOP = 106
QUIET = 10  # modules of white either side


def values(text: str) -> list[int]:
    """The subset B values of `text` (printable ASCII only: ValueError otherwise)."""
    if not text:
        raise ValueError("nothing to encode")
    out = []
    for ch in text:
        code = ord(ch)
        if not 32 <= code <= 127:
            raise ValueError(f"{ch!r} is not in Code 128 subset B")
        out.append(code - 32)
    return out


def checksum(data: list[int]) -> int:
    return (START_B + sum(i * v for i, v in enumerate(data, start=1))) % 103


def symbols(text: str) -> list[int]:
    """Start B, the data, the check symbol and stop."""
    data = values(text)
    return [START_B, *data, checksum(data), STOP]


def modules(text: str) -> list[tuple[bool, int]]:
    """The barcode as (is a bar, width in modules) runs, quiet zones not included."""
    return [(i % 2 == 0, int(w)) for s in symbols(text) for i, w in enumerate(WIDTHS[s])]


def svg(text: str, height: int = 60) -> str:
    """An inline SVG of the barcode, one user unit a module; the page sizes it (keep it
    wide enough: a module under 0.25 mm scans badly)."""
    x, rects = QUIET, []
    for bar, width in modules(text):
        if bar:
            rects.append(f'<rect x="{x}" y="0" width="{width}" height="{height}"/>')
        x += width
    total = x + QUIET
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total} {height}" '
        f'preserveAspectRatio="none" shape-rendering="crispEdges" role="img" '
        f'aria-label="{escape(text)}"><title>{escape(text)}</title>'
        f'<rect width="{total}" height="{height}" fill="#fff"/><g fill="#000">'
        + "".join(rects)
        + "</g></svg>"
    )
