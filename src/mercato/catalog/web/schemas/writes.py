"""Staff write bodies (XIn, XPatch) and their answers (XAdminOut). Bodies are strict: no
coercion (12.5 or "1250" is not a price) and no unknown fields (422 naming the field)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from mercato.catalog.domain import MAX_PRICE
from mercato.catalog.web.schemas.common import Fen, Id, Name, Slug, Status, Text, Url

# --- staff writes----------------------------------------------------------------------


class StrictIn(BaseModel):
    """Request bodies: no coercion (12.5 or "1250" is not a price) and no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        # PostgreSQL refuses NUL in text: say so here rather than fail in the database.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


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
