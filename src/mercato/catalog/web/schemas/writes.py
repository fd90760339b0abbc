"""Staff write bodies (XIn, XPatch) and their answers (XAdminOut). Bodies are strict: no
coercion (12.5 or "1250" is not a price) and no unknown fields (422 naming the field)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, Field

from mercato.catalog.domain import MAX_PRICE
from mercato.catalog.web.schemas.common import (
    Fen,
    Id,
    Name,
    ShortSlug,
    Slug,
    Status,
    Subtitle,
    Text,
    Url,
)
from mercato.web.strict import FILLED, NoNulBody, PatchBody, stated, trimmed

# --- staff writes----------------------------------------------------------------------


class StrictIn(NoNulBody):
    """Request bodies: no coercion (12.5 or "1250" is not a price), no unknown fields, no NUL
    (mercato.web.strict)."""


class PatchIn(PatchBody):
    """Partial updates: leave a field out to keep it; null is refused where null means nothing
    (and the schema offers null only for the fields in `nullable`)."""


# An option axis's or facet attribute's code (known to the shop, else 422).
Code = Annotated[str, Field(min_length=1, max_length=40, json_schema_extra=stated(r"^[a-z0-9_]+$"))]
AttributeValue = Annotated[
    str, Field(min_length=1, max_length=120, json_schema_extra=stated(FILLED))
]
OptionValue = Annotated[str, Field(min_length=1, max_length=80, json_schema_extra=stated(FILLED))]
SkuCode = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        description="1-64 letters, digits, dot, dash or underscore; a letter or digit first",
        json_schema_extra=stated(trimmed(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")),
    ),
]
Barcode = Annotated[
    str,
    Field(
        max_length=14,
        description="Empty, or a GTIN-8/12/13/14 whose last digit is its check digit",
        json_schema_extra=stated(trimmed(r"(?:[0-9]{8}|[0-9]{12,14})?")),
    ),
]
Attributes = Annotated[
    list["AttributeIn"],
    Field(max_length=50, description="Values of the shop's facet attributes, by code"),
]
Options = Annotated[
    list["OptionIn"],
    Field(
        max_length=10,
        description="One value per axis, each axis at most once; the shop's axes, the same "
        "ones as the product's other SKUs use",
    ),
]


class AttributeIn(StrictIn):
    code: Annotated[Code, Field(description="A facet attribute's code", examples=["origin"])]
    value_zh: AttributeValue
    value_en: AttributeValue


class ProductIn(StrictIn):
    slug: Slug
    name_zh: Name
    name_en: Name
    category_id: Id
    brand_id: Id | None = None
    subtitle_zh: Subtitle = ""
    subtitle_en: Subtitle = ""
    description_zh: Text = ""
    description_en: Text = ""
    featured: bool = False
    image: Url = ""
    attributes: Attributes = Field(default=[])


class ProductPatch(PatchIn):
    nullable: ClassVar[frozenset[str]] = frozenset({"brand_id"})
    slug: Slug | None = None
    name_zh: Name | None = None
    name_en: Name | None = None
    category_id: Id | None = None
    brand_id: Id | None = None
    subtitle_zh: Subtitle | None = None
    subtitle_en: Subtitle | None = None
    description_zh: Text | None = None
    description_en: Text | None = None
    featured: bool | None = None
    image: Url | None = None
    attributes: Attributes | None = None


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
    axis: Annotated[Code, Field(description="An option axis's code", examples=["color"])]
    value_zh: Annotated[OptionValue, Field(examples=["白色"])]
    value_en: Annotated[OptionValue, Field(examples=["White"])]


class SkuIn(StrictIn):
    code: SkuCode
    price: Annotated[int, Field(gt=0, le=MAX_PRICE, description="Price in fen, an integer")]
    cost: Fen = 0
    barcode: Barcode = ""
    weight_g: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    image: Url = ""
    active: bool = True
    options: Options = Field(default=[])


class SkuPatch(PatchIn):
    code: SkuCode | None = None
    price: Annotated[int, Field(gt=0, le=MAX_PRICE)] | None = None
    cost: Fen | None = None
    barcode: Barcode | None = None
    weight_g: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    image: Url | None = None
    active: bool | None = None
    options: Options | None = None


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
    slug: ShortSlug
    name_zh: Name
    name_en: Name
    parent_id: Id | None = None
    position: Annotated[int, Field(ge=0, le=1_000_000)] = 0


class CategoryPatch(PatchIn):
    nullable: ClassVar[frozenset[str]] = frozenset({"parent_id"})
    slug: ShortSlug | None = None
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
    slug: ShortSlug
    name_zh: Name
    name_en: Name
    story_zh: Text = ""
    story_en: Text = ""
    logo: Url = ""


class BrandPatch(PatchIn):
    slug: ShortSlug | None = None
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
