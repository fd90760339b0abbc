"""Tests for the deterministic demo catalogue and its SVG art."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from mercato.demo.catalogue import Catalogue, build_catalogue
from mercato.demo.images import banner_svg, category_hue, product_svg, scene_svg, shape_for

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SENTENCE_END = re.compile(r"(?<!\b[A-Z])\.(?:\s|$)")  # not "E. coli"
CJK = re.compile(r"[\u4e00-\u9fff]")
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return build_catalogue()


def _ean13_ok(code: str) -> bool:
    if not re.fullmatch(r"\d{13}", code):
        return False
    digits = [int(d) for d in code]
    weighted = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - weighted % 10) % 10 == digits[12]


def _skus(cat: Catalogue):
    return [sku for p in cat.products for sku in p.skus]


def test_counts(cat: Catalogue) -> None:
    assert len(cat.products) >= 1000
    assert len(_skus(cat)) >= 3000
    assert len(cat.articles) >= 60
    assert len(cat.scenario_pages) == 2
    assert len(cat.warehouses) == 3
    assert len(cat.banners) == 3
    assert 25 <= len(cat.brands) <= 40
    assert 3 <= len(_skus(cat)) / len(cat.products) <= 4.5


def test_category_tree(cat: Catalogue) -> None:
    tops = [c for c in cat.categories if c.parent_slug is None]
    assert len(tops) == 8
    slugs = {c.slug for c in cat.categories}
    for top in tops:
        children = [c for c in cat.categories if c.parent_slug == top.slug]
        assert 3 <= len(children) <= 5, top.slug
    for c in cat.categories:
        assert SLUG.match(c.slug), c.slug
        assert c.parent_slug is None or c.parent_slug in slugs
        assert CJK.search(c.name_zh) and c.name_en


def test_uniqueness(cat: Catalogue) -> None:
    for values in (
        [c.slug for c in cat.categories],
        [b.slug for b in cat.brands],
        [p.slug for p in cat.products],
        [p.name_en for p in cat.products],
        [p.name_zh for p in cat.products],
        [a.slug for a in cat.articles],
        [s.code for s in _skus(cat)],
        [s.barcode for s in _skus(cat)],
    ):
        duplicates = [v for v, n in Counter(values).items() if n > 1]
        assert not duplicates, duplicates[:5]


def test_slugs_and_codes_are_ascii(cat: Catalogue) -> None:
    for p in cat.products:
        assert SLUG.match(p.slug), p.slug
    for a in cat.articles:
        assert SLUG.match(a.slug), a.slug
    for s in _skus(cat):
        assert re.fullmatch(r"[A-Z]{3}-\d{4}(-[A-Z0-9]+)+", s.code), s.code


def test_barcodes_are_valid_chinese_ean13(cat: Catalogue) -> None:
    for sku in _skus(cat):
        assert sku.barcode.startswith("69")
        assert _ean13_ok(sku.barcode), sku.barcode


def test_products_reference_existing_leaves_and_brands(cat: Catalogue) -> None:
    parents = {c.parent_slug for c in cat.categories}
    leaves = {c.slug for c in cat.categories if c.parent_slug is not None}
    brands = {b.slug for b in cat.brands}
    attributes = {a.code for a in cat.attributes}
    for p in cat.products:
        assert p.category_slug in leaves and p.category_slug not in parents
        assert p.brand_slug in brands
        assert {code for code, _, _ in p.attributes} <= attributes
        assert CJK.search(p.name_zh) and CJK.search(p.description_zh)
        for english in (p.name_en, p.subtitle_en, p.description_en):
            assert english and not CJK.search(english), english
        # feature, use, selling point, [series,] options: see test_descriptions.py
        assert 4 <= len(SENTENCE_END.findall(p.description_en)) <= 5
        assert 4 <= p.description_zh.count("。") <= 5


def test_brand_stories(cat: Catalogue) -> None:
    for b in cat.brands:
        assert SLUG.match(b.slug)
        assert len(CJK.findall(b.story_zh)) >= 60
        assert len(b.story_en.split()) >= 35


def test_sku_options_match_product_axes(cat: Catalogue) -> None:
    axes = {a.code for a in cat.axes}
    for p in cat.products:
        assert 1 <= len(p.axes) <= 2 and set(p.axes) <= axes
        combos = set()
        for sku in p.skus:
            assert tuple(code for code, _, _ in sku.options) == p.axes, p.slug
            combos.add(tuple(zh for _, zh, _ in sku.options))
        assert len(combos) == len(p.skus), p.slug


def test_prices_costs_weights_and_stock(cat: Catalogue) -> None:
    warehouses = {w.code for w in cat.warehouses}
    for sku in _skus(cat):
        assert isinstance(sku.price, int) and sku.price > 0
        assert sku.price % 10 == 0
        assert isinstance(sku.cost, int) and 0 < sku.cost < sku.price
        assert 0.39 <= sku.cost / sku.price <= 0.65
        assert sku.weight_g > 0
        assert 2 <= len(sku.stock) <= 3
        assert {code for code, _ in sku.stock} <= warehouses
        assert all(qty >= 0 for _, qty in sku.stock)
    sold_out = sum(all(q == 0 for _, q in s.stock) for s in _skus(cat)) / len(_skus(cat))
    assert 0.02 <= sold_out <= 0.10


def test_bigger_capacity_costs_more(cat: Catalogue) -> None:
    for p in cat.products:
        if p.axes == ("capacity",):
            prices = [sku.price for sku in p.skus]
            assert prices == sorted(prices), p.slug


def test_blocks(cat: Catalogue) -> None:
    with_blocks = [p for p in cat.products if p.blocks]
    assert 0.2 <= len(with_blocks) / len(cat.products) <= 0.4
    for p in with_blocks:
        for block in p.blocks:
            assert block.kind in {"video", "case"}
            assert block.title_zh and block.title_en
            assert p.name_zh in block.body_zh and p.name_en in block.body_en


def test_articles(cat: Catalogue) -> None:
    products = {p.slug for p in cat.products}
    for a in cat.articles:
        assert a.kind in {"ingredients", "care", "usage", "faq"}
        assert len(a.product_slugs) >= 3, a.slug
        assert set(a.product_slugs) <= products
        assert "\n\n" in a.body_zh and "\n\n" in a.body_en
        assert 80 <= len(CJK.findall(a.body_zh)) <= 200, a.slug
        assert 60 <= len(a.body_en.split()) <= 150, a.slug


def test_key_categories_have_two_articles_each(cat: Catalogue) -> None:
    parent = {c.slug: c.parent_slug for c in cat.categories}
    linked = Counter(slug for a in cat.articles for slug in a.product_slugs)
    key_tops = {"beauty-skincare", "apparel-bags", "baby-maternity", "home-kitchen"}
    for p in cat.products:
        if parent[p.category_slug] in key_tops:
            assert linked[p.slug] >= 2, p.slug


def test_scenario_pages_and_banners(cat: Catalogue) -> None:
    products = {p.slug for p in cat.products}
    assert {s.slug for s in cat.scenario_pages} == {"parenting-tips", "home-cafe"}
    for page in cat.scenario_pages:
        kinds = Counter(b["type"] for b in page.blocks)
        assert kinds["text"] and kinds["products"] and kinds["image"]
        for block in page.blocks:
            if block["type"] == "products":
                slugs = block["product_slugs"]
                assert 4 <= len(slugs) <= 8 and set(slugs) <= products
            elif block["type"] == "image":
                assert isinstance(block["seed"], int) and block["alt_zh"] and block["alt_en"]
            else:
                assert block["body_zh"] and block["body_en"]
    targets = {f"/c/{c.slug}" for c in cat.categories}
    targets |= {f"/s/{s.slug}" for s in cat.scenario_pages}
    assert [b.position for b in cat.banners] == [1, 2, 3]
    assert all(b.link in targets for b in cat.banners)


def test_deterministic_and_fast() -> None:
    start = time.perf_counter()
    first = build_catalogue()
    elapsed = time.perf_counter() - start
    assert first == build_catalogue()
    assert elapsed < 1.5


def _parse_svg(svg: str, limit: int) -> ET.Element:
    assert len(svg.encode()) < limit
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    return root


def test_product_svgs(cat: Catalogue) -> None:
    for p in cat.products[::40]:
        svg = product_svg(p.image_seed, p.category_slug, p.image_kind)
        assert svg == product_svg(p.image_seed, p.category_slug, p.image_kind)
        root = _parse_svg(svg, 2048)
        assert root.get("viewBox") == "0 0 600 600"
        # no text in pictures: the page names the product, in the visitor's language
        assert root.find(f".//{SVG_NS}text") is None


def test_banner_and_scene_art_is_text_free_and_accepts_colours() -> None:
    svg = product_svg(7, "#336699", kind="cup")
    assert 'stop-color="#336699"' in svg
    for art, box in (
        (banner_svg(3, "home-kitchen", ("cup", "packet")), "0 0 1200 400"),
        (banner_svg(4), "0 0 1200 400"),
        (scene_svg(5, "baby-maternity", ("romper", "bottle", "ball", "box")), "0 0 1200 600"),
    ):
        root = _parse_svg(art, 8192)
        assert root.get("viewBox") == box and root.find(f".//{SVG_NS}text") is None
    assert banner_svg(3, "home-kitchen", ("cup",)) == banner_svg(3, "home-kitchen", ("cup",))


def test_hues_and_shapes(cat: Catalogue) -> None:
    for c in cat.categories:
        assert shape_for(c.slug) != ""
        if c.parent_slug is None:
            assert re.fullmatch(r"#[0-9a-f]{6}", category_hue(c.slug))
    assert shape_for("no-such-category") == "box"
    assert len({category_hue(c.slug) for c in cat.categories if c.parent_slug is None}) == 8
