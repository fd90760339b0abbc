"""JSON shapes of the /api/v1 catalogue: XIn bodies (strict: an int is an int, unknown fields are
refused) and XOut documents. Public read responses are rendered straight from the read models
with orjson for speed; their Out models here describe them in the OpenAPI document."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from mercato.catalog.domain import MAX_PRICE

MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Fen = Annotated[int, Field(ge=0, le=MAX_PRICE, description="Amount in fen (1/100 yuan)")]
Slug = Annotated[str, Field(min_length=1, max_length=120, examples=["cotton-tee"])]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=20_000)]
Url = Annotated[str, Field(max_length=300)]
Status = Literal["draft", "active", "archived"]


# --- errors -------------------------------------------------------------------------------


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
        description="brand, price (value 'lo-hi' in fen, hi exclusive), opt.<axis>, attr.<code>"
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


# --- staff writes -------------------------------------------------------------------------


class StrictIn(BaseModel):
    """Request bodies: no coercion (12.5 or "1250" is not a price) and no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True)


class PatchIn(StrictIn):
    """Partial updates: leave a field out to keep it; null is refused where null means nothing."""

    nullable: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _no_null(cls, value: object, info: ValidationInfo) -> object:
        if value is None and info.field_name not in cls.nullable:
            raise ValueError("may not be null; leave the field out to keep it")
        return value


class AttributeIn(StrictIn):
    code: Annotated[str, Field(min_length=1, max_length=40)]
    value_zh: Annotated[str, Field(min_length=1, max_length=120)]
    value_en: Annotated[str, Field(min_length=1, max_length=120)]


class ProductIn(StrictIn):
    slug: Slug
    name_zh: Name
    name_en: Name
    category_id: Id
    brand_id: Id | None = None
    subtitle_zh: Annotated[str, Field(max_length=300)] = ""
    subtitle_en: Annotated[str, Field(max_length=300)] = ""
    description_zh: Text = ""
    description_en: Text = ""
    featured: bool = False
    image: Url = ""
    attributes: Annotated[list[AttributeIn], Field(max_length=50)] = []


class ProductPatch(PatchIn):
    nullable: ClassVar[frozenset[str]] = frozenset({"brand_id"})
    slug: Slug | None = None
    name_zh: Name | None = None
    name_en: Name | None = None
    category_id: Id | None = None
    brand_id: Id | None = None
    subtitle_zh: Annotated[str, Field(max_length=300)] | None = None
    subtitle_en: Annotated[str, Field(max_length=300)] | None = None
    description_zh: Text | None = None
    description_en: Text | None = None
    featured: bool | None = None
    image: Url | None = None
    attributes: Annotated[list[AttributeIn], Field(max_length=50)] | None = None


class AttributeOut(BaseModel):
    code: str
    value_zh: str
    value_en: str


class ProductAdminOut(BaseModel):
    id: int
    slug: str
    status: str
    name_zh: str
    name_en: str
    subtitle_zh: str
    subtitle_en: str
    description_zh: str
    description_en: str
    category_id: int
    brand_id: int | None
    featured: bool
    image: str
    min_price: int
    max_price: int
    currency: str
    attributes: list[AttributeOut]


class StatusIn(StrictIn):
    status: Status


class OptionIn(StrictIn):
    axis: Annotated[str, Field(min_length=1, max_length=40, examples=["color"])]
    value_zh: Annotated[str, Field(min_length=1, max_length=80, examples=["白色"])]
    value_en: Annotated[str, Field(min_length=1, max_length=80, examples=["White"])]


class SkuIn(StrictIn):
    code: Annotated[str, Field(min_length=1, max_length=64)]
    price: Annotated[int, Field(gt=0, le=MAX_PRICE, description="Price in fen, an integer")]
    cost: Fen = 0
    barcode: Annotated[str, Field(max_length=14)] = ""
    weight_g: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    image: Url = ""
    active: bool = True
    options: Annotated[list[OptionIn], Field(max_length=10)] = []


class SkuPatch(PatchIn):
    code: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    price: Annotated[int, Field(gt=0, le=MAX_PRICE)] | None = None
    cost: Fen | None = None
    barcode: Annotated[str, Field(max_length=14)] | None = None
    weight_g: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    image: Url | None = None
    active: bool | None = None
    options: Annotated[list[OptionIn], Field(max_length=10)] | None = None


class SkuAdminOut(BaseModel):
    id: int
    product_id: int
    code: str
    price: int
    cost: int
    barcode: str
    weight_g: int
    image: str
    active: bool
    options: list[OptionIn]


class CategoryIn(StrictIn):
    slug: Slug
    name_zh: Name
    name_en: Name
    parent_id: Id | None = None
    position: Annotated[int, Field(ge=0, le=1_000_000)] = 0


class CategoryPatch(PatchIn):
    nullable: ClassVar[frozenset[str]] = frozenset({"parent_id"})
    slug: Slug | None = None
    name_zh: Name | None = None
    name_en: Name | None = None
    parent_id: Id | None = None
    position: Annotated[int, Field(ge=0, le=1_000_000)] | None = None


class CategoryAdminOut(BaseModel):
    id: int
    slug: str
    name_zh: str
    name_en: str
    parent_id: int | None
    position: int
    path: str


class BrandIn(StrictIn):
    slug: Slug
    name_zh: Name
    name_en: Name
    story_zh: Text = ""
    story_en: Text = ""
    logo: Url = ""


class BrandPatch(PatchIn):
    slug: Slug | None = None
    name_zh: Name | None = None
    name_en: Name | None = None
    story_zh: Text | None = None
    story_en: Text | None = None
    logo: Url | None = None


class BrandAdminOut(BaseModel):
    id: int
    slug: str
    name_zh: str
    name_en: str
    story_zh: str
    story_en: str
    logo: str
