"""Small, deterministic SVG illustrations for demo products, banners and scenario pages.

Everything is plain string building (stdlib only): the same arguments always give the same
SVG, and product art stays small.  No picture carries text: the pages set titles, captions and
product names in HTML, where they are translated, readable by screen readers and never cropped
with the picture.
"""

from __future__ import annotations

import random

from mercato.demo.shapes import GARMENTS, SHAPES
from mercato.demo.vocab_format import load_tops, sub_index

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


def kind_for(category_slug: str, noun_kind: str = "") -> str:
    """Silhouette for a product: its noun's own kind if it has one, else its category's."""
    return noun_kind if noun_kind in SHAPES else shape_for(category_slug)


def _figure(kind: str, x: float, y: float, scale: float, angle: int) -> str:
    """A silhouette (drawn around (300, 290) on its 600×600 canvas) centred on (x, y)."""
    art = "".join(SHAPES.get(kind, SHAPES["box"]))
    move = f"translate({x} {y}) rotate({angle}) scale({scale}) translate(-300 -290)"
    return f'<g transform="{move}">{art}</g>'


def _dots(rng: random.Random, xs: tuple[int, int], ys: tuple[int, int], rs: tuple[int, int]) -> str:
    return "".join(
        f'<circle cx="{rng.randint(*xs)}" cy="{rng.randint(*ys)}" r="{rng.randint(*rs)}" '
        f'fill="#fff" fill-opacity=".{rng.randint(12, 24)}"/>'
        for _ in range(4)
    )


def _open(width: int, height: int, gid: str, stops: tuple[str, ...], diagonal: bool) -> str:
    offsets = [i / (len(stops) - 1) for i in range(len(stops))]
    grad = "".join(
        f'<stop offset="{o:.2f}" stop-color="{c}"/>' for o, c in zip(offsets, stops, strict=True)
    )
    y2 = "1" if diagonal else "0"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
        f'<defs><linearGradient id="{gid}" x1="0" y1="0" x2="1" y2="{y2}">{grad}'
        "</linearGradient></defs>"
        f'<rect width="{width}" height="{height}" fill="url(#{gid})"/>'
    )


def _ink(dark: str) -> str:
    return (
        f'fill="#fff" fill-opacity=".94" stroke="{dark}" stroke-width="6" '
        'stroke-linejoin="round" stroke-linecap="round"'
    )


def product_svg(seed: int, hue_hint: str, kind: str | None = None) -> str:
    """600×600 product illustration, without text: the page around it names the product.

    ``hue_hint`` is a category slug (sub or top; picks both colour and silhouette) or a
    ``#rrggbb`` colour; ``kind`` overrides the silhouette (see ``shapes.SHAPES``).
    """
    rng = random.Random(seed)
    hue, shape = _resolve(hue_hint)
    shape = kind if kind in SHAPES else shape
    light, dark = _mix(hue, 255, 0.55), _mix(hue, 0, 0.45)
    dots = _dots(rng, (40, 560), (40, 560), (30, 110))
    figure = _figure(shape, 300, 300, 1.08, rng.randint(-6, 6))
    head = _open(600, 600, f"g{seed}", (light, hue), True)
    return f"{head}{dots}<g {_ink(dark)}>{figure}</g></svg>"


def _detail_svg(seed: int, hue: str, shape: str) -> str:
    """A close-up: the silhouette enlarged past the frame over a fine weave, so the second
    picture of a gallery reads as "the material, up close" without any words."""
    rng = random.Random(seed * 7 + 1)
    light, mid, dark = _mix(hue, 255, 0.72), _mix(hue, 255, 0.3), _mix(hue, 0, 0.45)
    weave = "".join(f"M{x} 0L{x - 600} 600" for x in range(0, 1201, 24))
    lines = f'<path d="{weave}" stroke="#fff" stroke-opacity=".18" stroke-width="5"/>'
    figure = _figure(shape, rng.randint(300, 360), rng.randint(380, 420), 2.3, 0)
    head = _open(600, 600, f"d{seed}", (mid, light), True)
    return f"{head}{lines}<g {_ink(dark)}>{figure}</g></svg>"


def _in_use_svg(seed: int, hue: str, shape: str) -> str:
    """The product in a room: garments hang from a rail, other goods stand on a table by a
    window with a plant beside them."""
    rng = random.Random(seed * 7 + 2)
    wall, floor, dark = _mix(hue, 255, 0.82), _mix(hue, 0, 0.12), _mix(hue, 0, 0.45)
    window = (
        '<rect x="60" y="60" width="210" height="250" rx="6" fill="#fff" fill-opacity=".7"/>'
        f'<path d="M165 60v250M60 185h210" stroke="{_mix(hue, 255, 0.5)}" stroke-width="8"/>'
    )
    leaves = "".join(
        f'<ellipse cx="{505 + dx}" cy="{330 + dy}" rx="16" ry="42" '
        f'transform="rotate({dx * 2} {505 + dx} {330 + dy})" fill="#5f9e6e"/>'
        for dx, dy in ((-24, 10), (0, -12), (24, 10), (-10, 30), (12, 28))
    )
    plant = f'{leaves}<path d="M478 390h54l-8 50h-38z" fill="{dark}"/>'
    if shape in GARMENTS:
        rail = (
            f'<path d="M40 96H560M300 96v34L216 212M300 130L384 212" stroke="{dark}" '
            'stroke-width="8" fill="none" stroke-linecap="round"/>'
        )
        figure = _figure(shape, 300, 320, 0.8, 0)
        return (
            f"{_open(600, 600, f'u{seed}', (wall, _mix(hue, 255, 0.6)), False)}{rail}"
            f"<g {_ink(dark)}>{figure}</g></svg>"
        )
    table = f'<rect y="440" width="600" height="160" fill="{floor}" fill-opacity=".5"/>'
    shadow = '<ellipse cx="300" cy="444" rx="140" ry="16" fill="#000" fill-opacity=".12"/>'
    figure = _figure(shape, 300, 322 + rng.randint(-4, 4), 0.85, 0)
    head = _open(600, 600, f"u{seed}", (wall, _mix(hue, 255, 0.6)), False)
    return f"{head}{window}{table}{plant}{shadow}<g {_ink(dark)}>{figure}</g></svg>"


def product_views(seed: int, hue_hint: str, kind: str | None = None) -> tuple[str, str, str]:
    """A product's gallery, without text: the front (``product_svg``), a close-up of the
    material and the product in use."""
    hue, shape = _resolve(hue_hint)
    shape = kind if kind in SHAPES else shape
    return (
        product_svg(seed, hue_hint, kind),
        _detail_svg(seed, hue, shape),
        _in_use_svg(seed, hue, shape),
    )


def banner_svg(seed: int, hue_hint: str | None = None, kinds: tuple[str, ...] = ()) -> str:
    """1200×400 banner art without text: deep colour on the left, where the page sets its
    caption, and up to three product silhouettes grouped at the right, beyond x=890, so a
    phone's 2:1 crop anchored right keeps them whole and clear of the caption."""
    rng = random.Random(seed)
    hue = _resolve(hue_hint)[0] if hue_hint else rng.choice(sorted(_HUES.values()))
    deep, light, dark = _mix(hue, 0, 0.34), _mix(hue, 255, 0.45), _mix(hue, 0, 0.5)
    dots = _dots(rng, (560, 1180), (20, 380), (50, 170))
    picked = (kinds or (shape_for(hue_hint or ""),))[:3]
    spots = ((1040, 200, 0.5), (960, 250, 0.36), (1120, 250, 0.36))
    figures = "".join(  # the first, biggest one last: it stands in front of the other two
        _figure(kind, x, y, s, rng.randint(-8, 8))
        for kind, (x, y, s) in reversed(list(zip(picked, spots, strict=False)))
    )
    head = _open(1200, 400, f"b{seed}", (deep, hue, light), False)
    return f"{head}{dots}<g {_ink(dark)}>{figures}</g></svg>"


def scene_svg(seed: int, hue_hint: str | None = None, kinds: tuple[str, ...] = ()) -> str:
    """1200×600 still life without text for scenario pages: the products of the page on a
    table top, kept between y=150 and y=490 so a wide screen's crop to 2.5:1 keeps them."""
    rng = random.Random(seed)
    hue = _resolve(hue_hint)[0] if hue_hint else rng.choice(sorted(_HUES.values()))
    light, dark = _mix(hue, 255, 0.6), _mix(hue, 0, 0.5)
    dots = _dots(rng, (60, 1140), (40, 300), (60, 180))
    picked = (kinds or ("box",))[:3]
    gap = 1200 / (len(picked) + 1)
    figures = "".join(  # standing on the table top: most outlines end near y=430
        _figure(kind, round(gap * (i + 1)), 380, 0.72, rng.randint(-4, 4))
        for i, kind in enumerate(picked)
    )
    table = f'<rect y="470" width="1200" height="130" fill="{_mix(hue, 0, 0.18)}" opacity=".55"/>'
    head = _open(1200, 600, f"s{seed}", (light, hue), True)
    return f"{head}{dots}{table}<g {_ink(dark)}>{figures}</g></svg>"
