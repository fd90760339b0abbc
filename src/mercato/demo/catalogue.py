"""Deterministic bilingual (zh/en) demo shop catalogue.

``build_catalogue()`` generates a credible mid-size brand-retailer catalogue from the
hand-written vocabularies in ``vocab_*.py``: pure Python, no database, no network, seeded
with ``random.Random(20261125)`` so every build is identical.  Prices are integers in fen.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass

from mercato.demo import vocab_articles, vocab_brands, vocab_site
from mercato.demo.codes import Barcodes, nice_price, slugify
from mercato.demo.describe import description
from mercato.demo.images import kind_for
from mercato.demo.specs import (
    ArticleSpec,
    AttributeSpec,
    AxisSpec,
    BannerSpec,
    BlockSpec,
    BrandSpec,
    Catalogue,
    CategorySpec,
    ProductSpec,
    ScenarioSpec,
    SkuSpec,
    WarehouseSpec,
)
from mercato.demo.vocab_format import Feature, Option, SubVocab, TopVocab, load_tops

SEED = 20261125
ORDERED_AXES = frozenset({"capacity", "size", "spec"})
# SKU layouts: number of option values per axis (capped by what the subcategory offers)
ONE_AXIS_COUNTS = (2, 3, 3, 4, 4, 5)
TWO_AXIS_COUNTS = ((1, 2), (1, 3), (2, 2), (2, 2), (1, 4), (2, 3), (3, 1), (3, 2), (2, 1))
WAREHOUSE_CODES = tuple(w[0] for w in vocab_site.WAREHOUSES)


def _pick_options(rng: random.Random, opts: list[Option], k: int, ordered: bool) -> list[Option]:
    k = min(k, len(opts))
    if ordered:
        start = rng.randrange(len(opts) - k + 1)
        return opts[start : start + k]
    return [opts[i] for i in sorted(rng.sample(range(len(opts)), k))]


def _stock(rng: random.Random) -> tuple[tuple[str, int], ...]:
    where = sorted(rng.sample(range(len(WAREHOUSE_CODES)), 3 if rng.random() < 0.45 else 2))
    roll = rng.random()
    if roll < 0.05:  # sold out everywhere
        qty = [0] * len(where)
    elif roll < 0.15:  # running low
        qty = [rng.randint(0, 4) for _ in where]
        qty[0] = max(qty[0], 1)
    else:
        qty = [rng.randint(6, 260) for _ in where]
    return tuple((WAREHOUSE_CODES[i], q) for i, q in zip(where, qty, strict=True))


@dataclass
class _Ctx:
    rng: random.Random
    barcodes: Barcodes
    brands: dict[str, vocab_brands.BrandVocab]
    used_slugs: set[str]


def _offered(sub: SubVocab, feat: Feature, axis: str) -> list[Option]:
    """The subcategory's values for an axis, less those the feature rules out."""
    allowed = feat.allowed(axis)
    return [o for o in sub.options[axis] if allowed is None or o.code in allowed]


def _skus(ctx: _Ctx, sub: SubVocab, feat: Feature, code: str, brand: str) -> tuple[SkuSpec, ...]:
    rng = ctx.rng
    if len(sub.axes) == 1:
        counts: tuple[int, ...] = (rng.choice(ONE_AXIS_COUNTS),)
    else:
        counts = rng.choice(TWO_AXIS_COUNTS)
    chosen = [
        _pick_options(rng, _offered(sub, feat, axis), k, axis in ORDERED_AXES)
        for axis, k in zip(sub.axes, counts, strict=True)
    ]
    base = rng.uniform(*sub.price)
    skus = []
    for combo in itertools.product(*chosen):
        price = nice_price(base * math.prod(o.price_factor for o in combo))
        cost = int(price * rng.uniform(0.40, 0.65)) // 10 * 10
        weight = sub.weight * math.prod(o.weight_factor for o in combo) * rng.uniform(0.92, 1.08)
        skus.append(
            SkuSpec(
                code="-".join([code, *(o.code for o in combo)]),
                barcode=ctx.barcodes.issue(brand),
                price=price,
                cost=cost,
                weight_g=max(5, round(weight)),
                options=tuple((axis, o.zh, o.en) for axis, o in zip(sub.axes, combo, strict=True)),
                stock=_stock(rng),
            )
        )
    return tuple(skus)


def _blocks(rng: random.Random, top: TopVocab, name_zh: str, name_en: str) -> tuple[BlockSpec, ...]:
    roll = rng.random()
    if roll >= 0.30:
        return ()
    kinds = ("video",) if roll < 0.14 else ("case",) if roll < 0.23 else ("video", "case")
    blocks = []
    for kind in kinds:
        story = rng.choice(top.videos if kind == "video" else top.cases)
        body_zh = story.body_zh.replace("{name}", name_zh)
        body_en = story.body_en.replace("{name}", name_en)
        blocks.append(BlockSpec(kind, story.title_zh, story.title_en, body_zh, body_en))
    return tuple(blocks)


def _combos(rng: random.Random, sub: SubVocab, top: TopVocab, count: int) -> list[tuple]:
    """Distinct (noun, feature, series) picks, preferring unused noun+feature pairs."""
    combos = list(itertools.product(sub.nouns, sub.features, top.series))
    rng.shuffle(combos)
    seen: set[tuple[str, str]] = set()
    first: list[tuple] = []
    rest: list[tuple] = []
    for combo in combos:
        key = (combo[0].zh, combo[1].zh)
        (rest if key in seen else first).append(combo)
        seen.add(key)
    return (first + rest)[:count]


def _option_summary(skus: tuple[SkuSpec, ...], axes: tuple[str, ...]) -> tuple[str, str]:
    """Short option range for the subtitle: '30ml/50ml' or '3色可选' / '3 colours'."""
    values = [list(dict.fromkeys(s.options[i][1:] for s in skus)) for i in range(len(axes))]
    i = max(range(len(axes)), key=lambda j: (len(values[j]), axes[j] in ORDERED_AXES))
    if axes[i] == "color" and len(values[i]) > 1:
        return f"{len(values[i])}色可选", f"{len(values[i])} colours"
    return "/".join(v[0] for v in values[i]), " / ".join(v[1] for v in values[i])


def _unique_slug(ctx: _Ctx, base: str) -> str:
    slug, suffix = base, 2
    while slug in ctx.used_slugs:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    ctx.used_slugs.add(slug)
    return slug


def _product(ctx: _Ctx, top: TopVocab, sub: SubVocab, combo: tuple, number: int) -> ProductSpec:
    rng = ctx.rng
    noun, feat, series = combo
    brand = ctx.brands[rng.choice(vocab_brands.brands_for(sub.slug))]
    name_zh = f"{brand.name_zh}{series.zh}{feat.zh}{noun.zh}"
    name_en = f"{brand.name_en} {series.en} {feat.en} {noun.en}"
    slug = _unique_slug(ctx, slugify(name_en))
    point = rng.choice(sub.points)
    line = (
        (
            f"它属于{brand.name_zh}「{series.zh}」系列，{series.tagline_zh}。",
            f"It belongs to the {brand.name_en} {series.en} line, {series.tagline_en}.",
        )
        if rng.random() < 0.7
        else None
    )
    skus = _skus(ctx, sub, feat, f"{top.prefix}-{number:04d}", brand.slug)
    desc_zh, desc_en = description((name_zh, name_en), feat, noun, point, line, skus, sub.axes)
    range_zh, range_en = _option_summary(skus, sub.axes)
    attributes = [("origin", brand.origin_zh, brand.origin_en)]
    attributes += [(code, *rng.choice(values)) for code, values in sub.attrs]
    return ProductSpec(
        slug=slug,
        name_zh=name_zh,
        name_en=name_en,
        subtitle_zh=f"{feat.claim_zh} · {range_zh}",
        subtitle_en=f"{feat.claim_en} · {range_en}",
        description_zh=desc_zh,
        description_en=desc_en,
        category_slug=sub.slug,
        brand_slug=brand.slug,
        featured=rng.random() < 0.08,
        attributes=tuple(attributes),
        skus=skus,
        blocks=_blocks(rng, top, name_zh, name_en),
        image_seed=rng.randrange(1, 2**31),
        axes=sub.axes,
        image_kind=kind_for(sub.slug, noun.kind),
    )


def _product_tags(product: ProductSpec, top: TopVocab, combo: tuple) -> frozenset[str]:
    tags = {product.category_slug, top.slug, combo[0].tag, combo[1].tag}
    for sku in product.skus:  # option codes are the SKU code's tail, e.g. HOM-0007-2L5-CI
        tags.update(f"{a}:{c}" for a, c in zip(product.axes, sku.code.split("-")[2:], strict=True))
    return frozenset(tags - {"-", ""})


# --------------------------------------------------------------------------- assembly


def _categories(tops: tuple[TopVocab, ...]) -> tuple[CategorySpec, ...]:
    out = []
    days = vocab_site.NO_REASON_RETURNS_DAYS
    for i, top in enumerate(tops, start=1):
        out.append(CategorySpec(top.slug, top.zh, top.en, None, i, days.get(top.slug)))
        subs = enumerate(top.subs, 1)
        out += [CategorySpec(s.slug, s.zh, s.en, top.slug, j, days.get(s.slug)) for j, s in subs]
    return tuple(out)


def _articles(
    tops: tuple[TopVocab, ...], tagged: list[tuple[ProductSpec, frozenset[str]]]
) -> tuple[ArticleSpec, ...]:
    out = []
    for entry in vocab_articles.all_entries(tops):
        wanted = set(entry.tags)
        slugs = tuple(p.slug for p, tags in tagged if wanted & tags)
        out.append(
            ArticleSpec(
                entry.slug,
                entry.kind,
                entry.title_zh,
                entry.title_en,
                "\n\n".join(entry.paras_zh),
                "\n\n".join(entry.paras_en),
                slugs,
            )
        )
    return tuple(out)


def _scenario_block(rng: random.Random, recipe: tuple, by_sub: dict[str, list[ProductSpec]]):
    kind = recipe[0]
    if kind == "text":
        return {"type": "text", "body_zh": recipe[1], "body_en": recipe[2]}
    if kind == "image":
        seed = rng.randrange(1, 2**31)
        return {"type": "image", "seed": seed, "alt_zh": recipe[1], "alt_en": recipe[2]}
    pool = sorted(by_sub[recipe[3]], key=lambda p: not p.featured)
    slugs = [p.slug for p in pool[: recipe[4]]]
    return {
        "type": "products",
        "title_zh": recipe[1],
        "title_en": recipe[2],
        "product_slugs": slugs,
    }


def _scenarios(rng: random.Random, products: list[ProductSpec]) -> tuple[ScenarioSpec, ...]:
    by_sub: dict[str, list[ProductSpec]] = {}
    for p in products:
        by_sub.setdefault(p.category_slug, []).append(p)
    pages = []
    for page in vocab_site.SCENARIOS:
        recipes: tuple = page["blocks"]  # type: ignore[assignment]
        blocks = tuple(_scenario_block(rng, recipe, by_sub) for recipe in recipes)
        slug, title_zh, title_en, summary_zh, summary_en = (
            str(page[k]) for k in ("slug", "title_zh", "title_en", "summary_zh", "summary_en")
        )
        pages.append(ScenarioSpec(slug, title_zh, title_en, summary_zh, summary_en, blocks))
    return tuple(pages)


def build_catalogue() -> Catalogue:
    """Build the full demo catalogue; identical on every call."""
    rng = random.Random(SEED)
    tops = load_tops()
    brand_vocab = vocab_brands.load()
    ctx = _Ctx(
        rng, Barcodes([b.slug for b in brand_vocab]), {b.slug: b for b in brand_vocab}, set()
    )
    products: list[ProductSpec] = []
    tagged: list[tuple[ProductSpec, frozenset[str]]] = []
    for top in tops:
        number = itertools.count(1)
        for sub in top.subs:
            for combo in _combos(rng, sub, top, rng.randint(27, 34)):
                product = _product(ctx, top, sub, combo, next(number))
                products.append(product)
                tagged.append((product, _product_tags(product, top, combo)))
    return Catalogue(
        categories=_categories(tops),
        brands=tuple(
            BrandSpec(b.slug, b.name_zh, b.name_en, b.story_zh, b.story_en) for b in brand_vocab
        ),
        axes=tuple(AxisSpec(c, zh, en, i) for i, (c, zh, en) in enumerate(vocab_site.AXES, 1)),
        attributes=tuple(AttributeSpec(*a) for a in vocab_site.ATTRIBUTES),
        products=tuple(products),
        articles=_articles(tops, tagged),
        warehouses=tuple(WarehouseSpec(*w) for w in vocab_site.WAREHOUSES),
        banners=tuple(BannerSpec(*b, position=i) for i, b in enumerate(vocab_site.BANNERS, 1)),
        scenario_pages=_scenarios(rng, products),
    )
