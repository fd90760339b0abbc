"""Small, deterministic SVG illustrations for demo products, banners and scenario pages.

Everything is plain string building (stdlib only): the same arguments always give the same
SVG, product art stays well under 2 KB, and user-visible text is XML-escaped.
"""

from __future__ import annotations

import random
from xml.sax.saxutils import escape

from mercato.demo.vocab_format import load_tops, sub_index

FONT = "Noto Sans CJK SC, PingFang SC, sans-serif"
DEFAULT_HUE = "#8a9bb0"

_HUES = {
    "beauty-skincare": "#e88fa6",
    "baby-maternity": "#f2b36b",
    "home-kitchen": "#6fb59a",
    "digital-accessories": "#6c8fd6",
    "apparel-bags": "#b48a6a",
    "food-drinks": "#e0a040",
    "sports-outdoors": "#4fb0c6",
    "personal-home-care": "#8f86d8",
}

# Simple silhouettes drawn around the centre of a 600×600 canvas.
_SHAPES: dict[str, tuple[str, ...]] = {
    "bottle": (
        '<rect x="232" y="205" width="136" height="215" rx="30"/>',
        '<rect x="270" y="160" width="60" height="50" rx="8"/>',
        '<rect x="260" y="132" width="80" height="32" rx="8"/>',
    ),
    "jar": (
        '<rect x="200" y="250" width="200" height="160" rx="34"/>',
        '<rect x="212" y="200" width="176" height="52" rx="12"/>',
    ),
    "tube": (
        '<path d="M236 140h128l-22 250h-84z"/>',
        '<rect x="262" y="388" width="76" height="40" rx="8"/>',
    ),
    "box": (
        '<rect x="190" y="200" width="220" height="210" rx="14"/>',
        '<path d="M190 260h220M300 200v60" fill="none"/>',
    ),
    "shirt": (
        '<path d="M240 150l-90 50 36 70 40-18v168h148V252l40 18 36-70-90-50q-30 34-60 0z"/>',
    ),
    "cup": (
        '<rect x="210" y="190" width="150" height="220" rx="22"/>',
        '<path d="M360 240q70 0 70 60t-70 60" fill="none"/>',
    ),
    "pot": (
        '<rect x="180" y="250" width="240" height="150" rx="30"/>',
        '<ellipse cx="300" cy="245" rx="135" ry="24"/>',
        '<rect x="280" y="200" width="40" height="24" rx="8"/>',
        '<path d="M180 285h-40M420 285h40" fill="none"/>',
    ),
    "phone": (
        '<rect x="220" y="140" width="160" height="300" rx="28"/>',
        '<rect x="238" y="170" width="124" height="230" rx="10"/>',
    ),
    "plug": (
        '<rect x="215" y="210" width="170" height="170" rx="32"/>',
        '<path d="M265 210v-60M335 210v-60M300 380v60" fill="none"/>',
    ),
    "audio": (
        '<path d="M190 330v-40a110 110 0 0 1 220 0v40" fill="none"/>',
        '<rect x="168" y="300" width="60" height="110" rx="26"/>',
        '<rect x="372" y="300" width="60" height="110" rx="26"/>',
    ),
    "bag": (
        '<rect x="185" y="230" width="230" height="190" rx="20"/>',
        '<path d="M245 230v-30a55 55 0 0 1 110 0v30" fill="none"/>',
    ),
    "shoe": (
        '<path d="M150 390v-70q40 0 60-60h80q10 60 110 75 60 10 60 55v0z"/>',
        '<path d="M150 390h310" fill="none"/>',
    ),
    "ball": (
        '<circle cx="300" cy="285" r="130"/>',
        '<path d="M170 285h260M300 155q-70 130 0 260" fill="none"/>',
    ),
    "packet": (
        '<path d="M210 170l15-15 15 15 15-15 15 15 15-15 15 15 15-15 15 15 15-15 15 15'
        ' 15-15 15 15v240H210z"/>',
    ),
    "tent": (
        '<path d="M150 410L300 160l150 250z"/>',
        '<path d="M300 160l-40 250M300 160l40 250" fill="none"/>',
    ),
    "fold": (
        '<rect x="170" y="330" width="260" height="70" rx="18"/>',
        '<rect x="190" y="265" width="220" height="62" rx="18"/>',
        '<rect x="210" y="205" width="180" height="58" rx="18"/>',
    ),
}


def _mix(hex_color: str, target: int, amount: float) -> str:
    rgb = [int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (target - c) * amount):02x}" for c in rgb)


def _valid_hex(value: str) -> bool:
    return (
        len(value) == 7
        and value[0] == "#"
        and all(ch in "0123456789abcdefABCDEF" for ch in value[1:])
    )


def category_hue(top_category_slug: str) -> str:
    """Base colour (``#rrggbb``) for a top-level category; a neutral grey-blue if unknown."""
    return _HUES.get(top_category_slug, DEFAULT_HUE)


def shape_for(category_slug: str) -> str:
    """Silhouette kind for a (sub)category slug, e.g. ``bottle``, ``shirt``, ``cup``."""
    found = sub_index().get(category_slug)
    if found:
        return found[1].shape
    for top in load_tops():
        if top.slug == category_slug:
            return top.subs[0].shape
    return "box"


def _resolve(hue_hint: str) -> tuple[str, str]:
    """(colour, shape) for a hint that is a ``#rrggbb`` colour, a top or a sub category slug."""
    if _valid_hex(hue_hint):
        return hue_hint.lower(), "box"
    found = sub_index().get(hue_hint)
    top_slug = found[0].slug if found else hue_hint
    return category_hue(top_slug), shape_for(hue_hint)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def product_svg(seed: int, title: str, hue_hint: str, kind: str | None = None) -> str:
    """600×600 product illustration.

    ``hue_hint`` is a category slug (sub or top; picks both colour and silhouette) or a
    ``#rrggbb`` colour; ``kind`` overrides the silhouette (see ``_SHAPES``).
    """
    rng = random.Random(seed)
    hue, shape = _resolve(hue_hint)
    shape = kind if kind in _SHAPES else shape
    light, dark = _mix(hue, 255, 0.55), _mix(hue, 0, 0.45)
    dots = "".join(
        f'<circle cx="{rng.randint(40, 560)}" cy="{rng.randint(40, 460)}" '
        f'r="{rng.randint(30, 110)}" fill="#fff" fill-opacity=".{rng.randint(12, 22)}"/>'
        for _ in range(3)
    )
    angle = rng.randint(-6, 6)
    art = "".join(_SHAPES[shape])
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600" width="600" height="600">'
        f'<defs><linearGradient id="g{seed}" x1="0" y1="0" x2="1" y2="1">'
        f'<stop offset="0" stop-color="{light}"/><stop offset="1" stop-color="{hue}"/>'
        "</linearGradient></defs>"
        f'<rect width="600" height="600" fill="url(#g{seed})"/>{dots}'
        f'<g transform="rotate({angle} 300 290)" fill="#fff" fill-opacity=".92" stroke="{dark}" '
        f'stroke-width="6" stroke-linejoin="round" stroke-linecap="round">{art}</g>'
        f'<text x="300" y="525" text-anchor="middle" font-family="{FONT}" font-size="34" '
        f'font-weight="600" fill="{dark}">{escape(_short(title, 16))}</text></svg>'
    )


def banner_svg(seed: int, title: str, subtitle: str, hue_hint: str | None = None) -> str:
    """1200×400 banner with title and subtitle; colour from ``hue_hint`` or the seed."""
    rng = random.Random(seed)
    hue = _resolve(hue_hint)[0] if hue_hint else rng.choice(sorted(_HUES.values()))
    light, dark = _mix(hue, 255, 0.6), _mix(hue, 0, 0.5)
    dots = "".join(
        f'<circle cx="{rng.randint(620, 1180)}" cy="{rng.randint(20, 380)}" '
        f'r="{rng.randint(50, 170)}" fill="#fff" fill-opacity=".{rng.randint(15, 30)}"/>'
        for _ in range(4)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 400" width="1200" height="400">'
        f'<defs><linearGradient id="b{seed}" x1="0" y1="0" x2="1" y2="0">'
        f'<stop offset="0" stop-color="{light}"/><stop offset="1" stop-color="{hue}"/>'
        "</linearGradient></defs>"
        f'<rect width="1200" height="400" fill="url(#b{seed})"/>{dots}'
        f'<text x="80" y="190" font-family="{FONT}" font-size="60" font-weight="700" '
        f'fill="{dark}">{escape(_short(title, 20))}</text>'
        f'<text x="82" y="255" font-family="{FONT}" font-size="28" fill="{dark}" '
        f'fill-opacity=".85">{escape(_short(subtitle, 40))}</text>'
        f'<rect x="80" y="292" width="150" height="6" rx="3" fill="{dark}"/></svg>'
    )
