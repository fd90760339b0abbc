"""Documents of the public reads and the shared error body. The reads are rendered straight
from the read models with orjson for speed; these models describe them in OpenAPI."""

from __future__ import annotations

from pydantic import BaseModel, Field

# --- errors----------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    code: str = Field(examples=["catalog.product_not_found"])
    message: str
    field: str | None = Field(default=None, description="The offending input, when one is")


class ErrorOut(BaseModel):
    """Every error of the API, whatever its status."""

    error: ErrorDetail


# --- public reads -------------------------------------------------------------------------


class CategoryRefOut(BaseModel):
    id: int
    slug: str
    name: str


class CategoryOut(CategoryRefOut):
    parent_id: int | None
    children: list[CategoryOut]


class CategoryTreeOut(BaseModel):
    items: list[CategoryOut]


class ProductCardOut(BaseModel):
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


class FacetValueOut(BaseModel):
    value: str = Field(description="Send back as the facet's parameter value")
    label: str
    count: int
    selected: bool


class FacetOut(BaseModel):
    code: str = Field(
        description="category (the current category's children, value their slug), brand, "
        "price (value 'lo-hi' in fen, hi exclusive), opt.<axis>, attr.<code>"
    )
    label: str
    values: list[FacetValueOut]


class ProductListOut(BaseModel):
    items: list[ProductCardOut]
    total: int
    page: int
    per_page: int
    pages: int
    facets: list[FacetOut]
    category: CategoryRefOut | None


class BrandRefOut(BaseModel):
    slug: str
    name: str
    story: str


class NameValueOut(BaseModel):
    name: str
    value: str


class AxisValueOut(BaseModel):
    value: str = Field(description="Stable value (English), the key used in SKU options")
    label: str


class AxisOut(BaseModel):
    code: str
    label: str
    values: list[AxisValueOut]


class SkuOut(BaseModel):
    id: int
    code: str
    barcode: str
    price: int
    currency: str
    weight_g: int
    image: str
    options: dict[str, str] = Field(description="axis code -> stable value")
    option_labels: dict[str, str] = Field(description="axis label -> value label")
    available: int = Field(description="Sellable units now")


class ArticleOut(BaseModel):
    id: int
    slug: str
    kind: str
    title: str
    body: str


class BlockOut(BaseModel):
    kind: str
    title: str
    body: str
    media_url: str
    poster_url: str


class ProductOut(BaseModel):
    id: int
    slug: str
    name: str
    subtitle: str
    description: str
    image: str
    images: list[str]
    min_price: int
    max_price: int
    currency: str
    brand: BrandRefOut | None
    breadcrumb: list[CategoryRefOut]
    attributes: list[NameValueOut]
    axes: list[AxisOut]
    skus: list[SkuOut]
    articles: list[ArticleOut]
    blocks: list[BlockOut]


class ProductRefOut(BaseModel):
    id: int
    slug: str
    name: str
    image: str


class SkuDetailOut(SkuOut):
    product: ProductRefOut
