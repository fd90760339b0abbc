"""Over the whole generated demo catalogue: descriptions (and the buying guides shown beside
them) agree with the options a product is really sold in, and each garment's picture has its
own outline (no T-shirt for a sweater)."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

import pytest

from mercato.demo.catalogue import Catalogue, build_catalogue
from mercato.demo.images import product_svg, shape_for
from mercato.demo.shapes import GARMENTS, SHAPES
from mercato.demo.vocab_format import load_tops

# Colours, flavours and scents are ordinary words too ("stays clear"); sizes and the like are
# labels, matched as written ("single" is not the "Single" pack).
WORDY_AXES = {"color", "flavor", "scent"}

# The end of a garment's English name, and the outline it must be drawn with; longest first.
GARMENT_NAMES = (
    ("Hooded Down Jacket", "puffer-hood"),
    ("Long Down Coat", "puffer-long"),
    ("Down Vest", "puffer-vest"),
    ("Down Jacket", "puffer"),
    ("Crew-Neck Sweater", "sweater"),
    ("Mock-Neck Sweater", "turtleneck"),
    ("Turtleneck", "turtleneck"),
    ("Cardigan", "cardigan"),
    ("Knit Vest", "knit-vest"),
    ("Long-Sleeve Tee", "longsleeve"),
    ("Sweatshirt", "sweatshirt"),
    ("Polo Shirt", "polo"),
    ("T-Shirt", "tee"),
    ("Training Tee", "tee"),
    ("Shirt", "shirt"),
    ("Hoodie", "hoodie"),
    ("Track Jacket", "jacket"),
    ("Training Shorts", "shorts"),
    ("Yoga Leggings", "leggings"),
    ("Sports Bra", "bra"),
    ("Romper", "romper"),
    ("Bodysuit", "romper"),
    ("Sleep Sack", "sleep-sack"),
    ("Pyjama Set", "pyjamas"),
    ("Chelsea Boots", "boot"),
)
GARMENT_CATEGORIES = {"knitwear", "shirts-tees", "outerwear", "activewear", "baby-clothing"}


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return build_catalogue()


def _word(value: str, axis: str) -> re.Pattern[str]:
    # not inside a longer token: "5 L" is not in "2.5 L", "S" is not in "SGS" or "T-Shirt"
    flags = re.IGNORECASE if axis in WORDY_AXES else 0
    return re.compile(rf"(?<![A-Za-z0-9.]){re.escape(value)}(?![A-Za-z0-9])", flags)


def _category_values(cat: Catalogue) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """Every (zh, en) value the products of a category are sold in, by (category, axis): the
    values a product of that kind could have been offered in."""
    values: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for p in cat.products:
        for sku in p.skus:
            for axis, zh, en in sku.options:
                values[p.category_slug, axis].add((zh, en))
    return values


def _disagreements(cat: Catalogue) -> list[tuple[str, str, str]]:
    """(product, problem, value) wherever a description and the product's SKUs disagree."""
    offered = _category_values(cat)
    wrong = []
    for p in cat.products:
        own: dict[str, set[tuple[str, str]]] = {axis: set() for axis in p.axes}
        for sku in p.skus:
            for axis, zh, en in sku.options:
                own[axis].add((zh, en))
        for lang, text in enumerate((p.description_zh, p.description_en)):
            for values in own.values():
                wrong += [(p.slug, "does not name", v[lang]) for v in values if v[lang] not in text]
            # blank out its own values, longest first, so "iPhone 16" in "iPhone 16 Pro" or
            # "XL" in "XXL" is not mistaken for another; then no other value may be left
            mine = sorted({v[lang] for vs in own.values() for v in vs}, key=len, reverse=True)
            for value in mine:
                text = text.replace(value, "\u25a1")
            for axis in p.axes:
                others = offered[p.category_slug, axis] - own[axis]
                for value in {v[lang] for v in others} - set(mine):
                    if _word(value, axis).search(text):
                        wrong.append((p.slug, "is not sold in", value))
    return wrong


def test_descriptions_name_exactly_the_options_the_product_is_sold_in(cat: Catalogue) -> None:
    wrong = _disagreements(cat)
    assert wrong == [], wrong[:10]


def test_the_check_catches_a_size_range_the_product_does_not_have(cat: Catalogue) -> None:
    i, p = next((i, p) for i, p in enumerate(cat.products) if p.category_slug == "knitwear")
    sizes = {sku.options[0][2] for sku in p.skus}
    assert sizes != {"S", "M", "L", "XL", "XXL"}
    bad = dataclasses.replace(p, description_en=p.description_en + " Sizes S–XXL.")
    products = (*cat.products[:i], bad, *cat.products[i + 1 :])
    flagged = _disagreements(dataclasses.replace(cat, products=products))
    assert {v for _, _, v in flagged} == ({"S", "XXL"} - sizes)


def test_buying_guides_shown_on_product_pages_list_no_option_values(cat: Catalogue) -> None:
    """The generated guide of a subcategory is shown on each of its products' pages, so it
    lists no option values (the review found "S, M, L, XL, XXL" beside an XL/XXL jumper).
    Its hand-written advice may explain a size system ("NB up to 5 kg, S 4-8 kg")."""
    advice = {s.guide[i] for top in load_tops() for s in top.subs for i in (0, 1)}
    offered = _category_values(cat)
    products = {p.slug: p for p in cat.products}
    wrong = []
    for article in (a for a in cat.articles if a.slug.endswith("-buying-guide")):
        for lang, body in enumerate((article.body_zh, article.body_en)):
            text = "\n\n".join(x for x in body.split("\n\n") if x not in advice)
            for p in (products[slug] for slug in article.product_slugs):
                for axis in p.axes:
                    for value in {v[lang] for v in offered[p.category_slug, axis]}:
                        if _word(value, axis).search(text):
                            wrong.append((article.slug, p.slug, value))
    assert wrong == [], wrong[:10]


def test_a_knitwear_description_lists_its_own_sizes_only(cat: Catalogue) -> None:
    sweater = next(p for p in cat.products if p.category_slug == "knitwear")
    sizes = list(dict.fromkeys(s.options[0][2] for s in sweater.skus))
    assert f"size{'s' if len(sizes) > 1 else ''}: {' / '.join(sizes)}" in sweater.description_en
    assert "S–XXL" not in sweater.description_en and "S-XXL" not in sweater.description_en


def test_each_garment_is_drawn_with_its_own_outline(cat: Catalogue) -> None:
    seen = set()
    for p in cat.products:
        expected = next((k for end, k in GARMENT_NAMES if p.name_en.endswith(end)), None)
        if p.category_slug in GARMENT_CATEGORIES:
            assert expected, f"{p.name_en}: no outline expected; add it to GARMENT_NAMES"
        if expected:
            assert p.image_kind == expected, (p.name_en, p.image_kind)
            seen.add(expected)
        else:  # everything else keeps its category's picture, never a garment's
            assert p.image_kind == shape_for(p.category_slug), p.name_en
            assert p.image_kind not in GARMENTS, p.name_en
    assert seen == GARMENTS  # every outline is used, none is dead


def test_the_picture_draws_the_chosen_outline(cat: Catalogue) -> None:
    for p in cat.products:
        if p.image_kind in GARMENTS:
            svg = product_svg(p.image_seed, p.category_slug, p.image_kind)
            assert all(part in svg for part in SHAPES[p.image_kind]), p.slug
            tee = product_svg(p.image_seed, p.category_slug, "tee")
            assert (svg == tee) == (p.image_kind == "tee"), p.slug
