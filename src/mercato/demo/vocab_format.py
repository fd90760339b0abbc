"""Parser for the compact, line-based vocabulary texts of the demo catalogue.

Every ``vocab_<top>.py`` module holds one ``TEXT`` string.  Each non-empty line starts with a
keyword followed by ``|``-separated fields::

    TOP slug | 中文名 | English name | SKU prefix
    series 中文 | English | 中文口号 | English tagline
    video 标题 | Title | 正文（可含 {name}） | Body (may contain {name})
    case  标题 | Title | 正文 | Body
    SUB slug | 中文名 | English name
    shape bottle
    price 49 | 169                      (base price range in yuan)
    weight 150                          (base weight in grams)
    axes capacity spec                  (one or two axis codes)
    opt capacity | 50ML | 50ml | 50 ml | 0.6 | 0.5   (code, zh, en, price and weight factor)
    attr skin_type | 干性=Dry | 油性=Oily
    noun 洁面乳 | Facial Cleanser | tag-or- | 用法 | Usage sentence [| kind]
    feat 氨基酸 | Amino Acid | tag | 短卖点 | Short claim | 卖点句 | predicate [| axis=CODE ...]
    point 中文卖点句 | English selling point sentence
    guide 中文选购建议 | English buying advice

Lines starting with ``#`` are comments.

A noun's optional ``kind`` picks its silhouette (``shapes.SHAPES``) when the subcategory's
``shape`` would draw the wrong thing, e.g. a cardigan among knitwear.  A feature's optional
``axis=CODE ...`` restricts the option values a product with that feature is sold in, so a
"see-through" box is never sold only in white.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class Option:
    code: str
    zh: str
    en: str
    price_factor: float
    weight_factor: float


@dataclass(frozen=True)
class Noun:
    zh: str
    en: str
    tag: str
    usage_zh: str
    usage_en: str
    kind: str = ""


@dataclass(frozen=True)
class Feature:
    zh: str
    en: str
    tag: str
    claim_zh: str
    claim_en: str
    benefit_zh: str
    benefit_en: str
    only: str = ""  # "axis=CODE CODE": the only option codes a product with it is sold in

    def allowed(self, axis: str) -> frozenset[str] | None:
        """Option codes this feature allows on ``axis``; None when it does not restrict it."""
        name, _, codes = self.only.partition("=")
        return frozenset(codes.split()) if name == axis else None


@dataclass(frozen=True)
class Series:
    zh: str
    en: str
    tagline_zh: str
    tagline_en: str


@dataclass(frozen=True)
class Story:
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str


@dataclass
class SubVocab:
    slug: str
    zh: str
    en: str
    shape: str = "box"
    price: tuple[float, float] = (50.0, 100.0)
    weight: int = 200
    axes: tuple[str, ...] = ()
    options: dict[str, list[Option]] = field(default_factory=dict)
    attrs: list[tuple[str, tuple[tuple[str, str], ...]]] = field(default_factory=list)
    nouns: list[Noun] = field(default_factory=list)
    features: list[Feature] = field(default_factory=list)
    points: list[tuple[str, str]] = field(default_factory=list)
    guide: tuple[str, str] = ("", "")


@dataclass
class TopVocab:
    slug: str
    zh: str
    en: str
    prefix: str
    series: list[Series] = field(default_factory=list)
    videos: list[Story] = field(default_factory=list)
    cases: list[Story] = field(default_factory=list)
    subs: list[SubVocab] = field(default_factory=list)


def _opt(sub: SubVocab, f: list[str]) -> None:
    option = Option(f[1], f[2], f[3], float(f[4]), float(f[5]))
    sub.options.setdefault(f[0], []).append(option)


def _attr(sub: SubVocab, f: list[str]) -> None:
    values = tuple(tuple(v.split("=", 1)) for v in f[1:])
    sub.attrs.append((f[0], values))  # type: ignore[arg-type]


def _set(name: str, conv: Callable[[list[str]], object]) -> Callable[[SubVocab, list[str]], None]:
    return lambda sub, f: setattr(sub, name, conv(f))


_SUB_LINES: dict[str, Callable[[SubVocab, list[str]], None]] = {
    "shape": _set("shape", lambda f: f[0]),
    "price": _set("price", lambda f: (float(f[0]), float(f[1]))),
    "weight": _set("weight", lambda f: int(f[0])),
    "axes": _set("axes", lambda f: tuple(f[0].split())),
    "guide": _set("guide", lambda f: (f[0], f[1])),
    "opt": _opt,
    "attr": _attr,
    "noun": lambda sub, f: sub.nouns.append(Noun(*f)),
    "feat": lambda sub, f: sub.features.append(Feature(*f)),
    "point": lambda sub, f: sub.points.append((f[0], f[1])),
}


def _top_line(top: TopVocab, key: str, f: list[str]) -> bool:
    if key == "series":
        top.series.append(Series(*f))
    elif key == "video":
        top.videos.append(Story(*f))
    elif key == "case":
        top.cases.append(Story(*f))
    elif key == "SUB":
        top.subs.append(SubVocab(f[0], f[1], f[2]))
    else:
        return False
    return True


def parse_top(text: str) -> TopVocab:
    """Parse one top-level category vocabulary text."""
    top: TopVocab | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _, rest = line.partition(" ")
        fields = [part.strip() for part in rest.split("|")]
        if key == "TOP":
            top = TopVocab(fields[0], fields[1], fields[2], fields[3])
        elif top is None:
            raise ValueError(f"vocabulary line before TOP: {line!r}")
        elif not _top_line(top, key, fields):
            _SUB_LINES[key](top.subs[-1], fields)
    if top is None:
        raise ValueError("vocabulary text without TOP line")
    return top


@cache
def load_tops() -> tuple[TopVocab, ...]:
    """All top-level category vocabularies, in storefront order."""
    from mercato.demo import (
        vocab_apparel,
        vocab_baby,
        vocab_beauty,
        vocab_care,
        vocab_digital,
        vocab_food,
        vocab_kitchen,
        vocab_sports,
    )

    modules = (
        vocab_beauty,
        vocab_baby,
        vocab_kitchen,
        vocab_digital,
        vocab_apparel,
        vocab_food,
        vocab_sports,
        vocab_care,
    )
    return tuple(parse_top(m.TEXT) for m in modules)


@cache
def sub_index() -> dict[str, tuple[TopVocab, SubVocab]]:
    """Map every subcategory slug to its (top, sub) vocabulary."""
    return {sub.slug: (top, sub) for top in load_tops() for sub in top.subs}
