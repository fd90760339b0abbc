"""Read models the catalogue hands out: frozen, already localised, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ProductCard:
    id: int
    slug: str
    name: str
    subtitle: str
    image: str
    min_price: int
    max_price: int
    currency: str
    brand: str
    category_id: int


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True, slots=True)
class Facet:
    code: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True, slots=True)
class ListQuery:
    """`category` is the listing's scope (the page's category); `subcategory` a category
    chosen in the category facet inside it."""

    category: str | None = None
    subcategory: str | None = None
    brands: tuple[str, ...] = ()
    price_min: int | None = None
    price_max: int | None = None
    options: tuple[tuple[str, str], ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()
    q: str = ""
    sort: str = "relevance"
    page: int = 1
    per_page: int = 24
    locale: str = "zh_CN"


@dataclass(frozen=True, slots=True)
class ListResult:
    items: tuple[ProductCard, ...]
    total: int
    page: int
    per_page: int
    facets: tuple[Facet, ...]
    category: CategoryNode | None = None

    @property
    def pages(self) -> int:
        return max((self.total + self.per_page - 1) // self.per_page, 1)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A completion of a search being typed: a search `text` (kind "term") or a product's
    name (kind "product", with its slug)."""

    text: str
    kind: str
    slug: str | None = None


@dataclass(frozen=True, slots=True)
class CategoryNode:
    id: int
    slug: str
    name: str
    parent_id: int | None
    path: str
    children: tuple[CategoryNode, ...] = ()


@dataclass(frozen=True, slots=True)
class SkuView:
    id: int
    code: str
    barcode: str
    price: int
    currency: str
    weight_g: int
    image: str
    options: dict[str, str]
    option_labels: dict[str, str]
    available: int = 0


@dataclass(frozen=True, slots=True)
class AxisView:
    code: str
    label: str
    values: tuple[tuple[str, str], ...]  # (stable value, localised label)


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: int
    slug: str
    kind: str
    title: str
    body: str


@dataclass(frozen=True, slots=True)
class BlockView:
    kind: str
    title: str
    body: str
    media_url: str
    poster_url: str


@dataclass(frozen=True, slots=True)
class ProductView:
    id: int
    slug: str
    name: str
    subtitle: str
    description: str
    status: str
    image: str
    images: tuple[str, ...]
    min_price: int
    max_price: int
    currency: str
    brand: str
    brand_slug: str
    brand_story: str
    breadcrumb: tuple[CategoryNode, ...]
    attributes: tuple[tuple[str, str], ...]
    axes: tuple[AxisView, ...]
    skus: tuple[SkuView, ...]
    articles: tuple[ArticleView, ...]
    blocks: tuple[BlockView, ...]
    extra: dict[str, str] = field(default_factory=dict)
    sales_count: int = 0
