"""Content rules: what a valid banner and scenario page look like. Pure Python: validation
collects every wrong field at once so a form can show them all."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mercato.kernel.errors import DomainError

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BLOCK_TYPES = ("text", "image", "products")
MAX_BLOCKS = 30
MAX_PRODUCTS = 48
MAX_TEXT = 20000
_BLANK_LINES = re.compile(r"\n\s*\n")


class InvalidContent(DomainError):
    """One or more fields are wrong; `errors` maps each field to its reason. The first one is
    also the error's own field and message, for callers that show a single error."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        first_field, first_message = next(iter(errors.items()))
        super().__init__("content.invalid", first_message, first_field)
        self.errors = dict(errors)


@dataclass(frozen=True, slots=True)
class BannerData:
    title_zh: str
    title_en: str
    subtitle_zh: str = ""
    subtitle_en: str = ""
    image: str = ""
    link: str = "/"
    position: int = 0
    active: bool = True


@dataclass(frozen=True, slots=True)
class ScenarioData:
    """Blocks as entered: {"type": "text", "body_zh", "body_en"} | {"type": "image", "url",
    "alt_zh", "alt_en"} | {"type": "products", "title_zh", "title_en", "product_slugs": [...]}"""

    slug: str
    title_zh: str
    title_en: str
    summary_zh: str = ""
    summary_en: str = ""
    hero_image: str = ""
    blocks: Sequence[Mapping[str, Any]] = field(default_factory=tuple)


class Checker:
    """Cleans values and remembers what was wrong, keyed by field."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def text(self, name: str, value: object, max_len: int, required: bool = False) -> str:
        v = str(value or "").replace("\r\n", "\n").strip()
        if required and not v:
            self.errors.setdefault(name, "This field is required")
        elif len(v) > max_len:
            self.errors.setdefault(name, f"At most {max_len} characters")
        return v

    def url(self, name: str, value: object, required: bool = False) -> str:
        """A site path ('/media/x.svg') or an absolute http(s) URL; nothing else."""
        v = self.text(name, value, 300, required)
        ok = (v.startswith("/") and not v.startswith("//")) or v.startswith(("https://", "http://"))
        if v and (not ok or any(c.isspace() for c in v)):
            self.errors.setdefault(name, "Use a /path or an absolute http(s) URL")
        return v

    def slug(self, name: str, value: object) -> str:
        v = self.text(name, value, 120, required=True)
        if v and not SLUG_RE.match(v):
            self.errors.setdefault(name, "Use lowercase letters, digits and single hyphens")
        return v

    def raise_if_any(self) -> None:
        if self.errors:
            raise InvalidContent(self.errors)


def clean_banner(data: BannerData) -> tuple[BannerData, Checker]:
    c = Checker()
    position = data.position
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= 9999:
        c.errors["position"] = "A whole number from 0 to 9999"
        position = 0
    clean = BannerData(
        title_zh=c.text("title_zh", data.title_zh, 200, required=True),
        title_en=c.text("title_en", data.title_en, 200, required=True),
        subtitle_zh=c.text("subtitle_zh", data.subtitle_zh, 300),
        subtitle_en=c.text("subtitle_en", data.subtitle_en, 300),
        image=c.url("image", data.image),
        link=c.url("link", data.link or "/", required=True),
        position=position,
        active=bool(data.active),
    )
    return clean, c


def product_slugs(blocks: Sequence[Mapping[str, Any]]) -> set[str]:
    """Every product slug the blocks mention, to look them all up at once."""
    out: set[str] = set()
    for b in blocks:
        if isinstance(b, Mapping) and b.get("type") == "products":
            out.update(s for s in b.get("product_slugs") or () if isinstance(s, str))
    return out


def _products_block(c: Checker, at: str, b: Mapping[str, Any], ids: Mapping[str, int]) -> dict:
    slugs = [s.strip() for s in b.get("product_slugs") or () if isinstance(s, str) and s.strip()]
    missing = [s for s in slugs if s not in ids]
    if not slugs:
        c.errors[f"{at}.products"] = "List at least one product"
    elif len(slugs) > MAX_PRODUCTS:
        c.errors[f"{at}.products"] = f"At most {MAX_PRODUCTS} products"
    elif missing:
        c.errors[f"{at}.products"] = "Unknown products: " + ", ".join(missing[:10])
    return {
        "type": "products",
        "title_zh": c.text(f"{at}.title_zh", b.get("title_zh"), 200),
        "title_en": c.text(f"{at}.title_en", b.get("title_en"), 200),
        "product_ids": list(dict.fromkeys(ids[s] for s in slugs if s in ids)),
    }


def _block(c: Checker, i: int, b: Mapping[str, Any], ids: Mapping[str, int]) -> dict | None:
    at = f"blocks.{i}"
    kind = b.get("type") if isinstance(b, Mapping) else None
    if kind == "text":
        return {
            "type": "text",
            "body_zh": c.text(f"{at}.body_zh", b.get("body_zh"), MAX_TEXT, required=True),
            "body_en": c.text(f"{at}.body_en", b.get("body_en"), MAX_TEXT, required=True),
        }
    if kind == "image":
        return {
            "type": "image",
            "url": c.url(f"{at}.url", b.get("url"), required=True),
            "alt_zh": c.text(f"{at}.alt_zh", b.get("alt_zh"), 200),
            "alt_en": c.text(f"{at}.alt_en", b.get("alt_en"), 200),
        }
    if kind == "products":
        return _products_block(c, at, b, ids)
    c.errors[f"{at}.type"] = "Choose one of: " + ", ".join(BLOCK_TYPES)
    return None


def clean_scenario(
    data: ScenarioData, product_ids: Mapping[str, int]
) -> tuple[ScenarioData, list[dict[str, Any]], Checker]:
    """The cleaned page, its blocks as stored (product slugs turned into ids) and the
    checker holding any errors; `product_ids` maps the known slugs to ids."""
    c = Checker()
    clean = ScenarioData(
        slug=c.slug("slug", data.slug),
        title_zh=c.text("title_zh", data.title_zh, 200, required=True),
        title_en=c.text("title_en", data.title_en, 200, required=True),
        summary_zh=c.text("summary_zh", data.summary_zh, 400),
        summary_en=c.text("summary_en", data.summary_en, 400),
        hero_image=c.url("hero_image", data.hero_image),
    )
    if len(data.blocks) > MAX_BLOCKS:
        c.errors["blocks"] = f"At most {MAX_BLOCKS} blocks"
    blocks = [_block(c, i, b, product_ids) for i, b in enumerate(data.blocks[:MAX_BLOCKS])]
    return clean, [b for b in blocks if b is not None], c


def pick(zh: str, en: str, locale: str) -> str:
    """The text in the shopper's language, falling back to the other one when empty."""
    first, second = (zh, en) if locale.startswith("zh") else (en, zh)
    return first or second


def paragraphs(text: str) -> tuple[tuple[str, ...], ...]:
    """Paragraphs split on blank lines, each a tuple of its lines (escaped when rendered)."""
    norm = (text or "").replace("\r\n", "\n").strip()
    if not norm:
        return ()
    return tuple(
        tuple(line.strip() for line in p.strip().split("\n")) for p in _BLANK_LINES.split(norm)
    )
