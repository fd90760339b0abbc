"""The demo catalogue's shape: frozen specs the loader writes through the services."""

from __future__ import annotations

from dataclasses import dataclass

Pair3 = tuple[str, str, str]


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    name_zh: str
    name_en: str
    parent_slug: str | None
    position: int
    returns_days: int | None = None  # no-reason returns; None = as the parent (top: 7 days)


@dataclass(frozen=True)
class BrandSpec:
    slug: str
    name_zh: str
    name_en: str
    story_zh: str
    story_en: str


@dataclass(frozen=True)
class AxisSpec:
    code: str
    name_zh: str
    name_en: str
    position: int


@dataclass(frozen=True)
class AttributeSpec:
    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class SkuSpec:
    code: str
    barcode: str
    price: int
    cost: int
    weight_g: int
    options: tuple[Pair3, ...]
    stock: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class BlockSpec:
    kind: str  # "video" | "case"
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str


@dataclass(frozen=True)
class ProductSpec:
    slug: str
    name_zh: str
    name_en: str
    subtitle_zh: str
    subtitle_en: str
    description_zh: str
    description_en: str
    category_slug: str
    brand_slug: str
    featured: bool
    attributes: tuple[Pair3, ...]
    skus: tuple[SkuSpec, ...]
    blocks: tuple[BlockSpec, ...]
    image_seed: int
    axes: tuple[str, ...] = ()  # axis codes every SKU carries, in order
    image_kind: str = "box"  # silhouette of its picture (demo.shapes), e.g. "cardigan"


@dataclass(frozen=True)
class ArticleSpec:
    slug: str
    kind: str  # "ingredients" | "care" | "usage" | "faq"
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    product_slugs: tuple[str, ...]


@dataclass(frozen=True)
class WarehouseSpec:
    code: str
    name_zh: str
    name_en: str
    region: str
    province: str = ""  # where parcels leave from (delivery estimates)


@dataclass(frozen=True)
class BannerSpec:
    title_zh: str
    title_en: str
    subtitle_zh: str
    subtitle_en: str
    link: str
    position: int


@dataclass(frozen=True)
class ScenarioSpec:
    slug: str
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    blocks: tuple[dict[str, object], ...]


@dataclass(frozen=True)
class Catalogue:
    categories: tuple[CategorySpec, ...]
    brands: tuple[BrandSpec, ...]
    axes: tuple[AxisSpec, ...]
    attributes: tuple[AttributeSpec, ...]
    products: tuple[ProductSpec, ...]
    articles: tuple[ArticleSpec, ...]
    warehouses: tuple[WarehouseSpec, ...]
    banners: tuple[BannerSpec, ...]
    scenario_pages: tuple[ScenarioSpec, ...]


# --------------------------------------------------------------------------- helpers
