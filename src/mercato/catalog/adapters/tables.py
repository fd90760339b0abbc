"""Catalog tables. Prices are integer fen; names and texts come in zh and en."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from mercato.platform.db import Base


class Named:
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))


class Category(Named, Base):
    __tablename__ = "catalog_category"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_category.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    # Materialised path "/1/5/12/" so a subtree is one indexed prefix match.
    path: Mapped[str] = mapped_column(String(400), index=True, default="/")
    position: Mapped[int] = mapped_column(Integer, default=0)
    icon: Mapped[str] = mapped_column(String(300), default="")
    # Days of no-reason returns ("7天无理由退货") for its products: NULL = as the parent
    # category (at the top: domain.RETURNS_DAYS_DEFAULT), 0 = none (fresh food, underwear...).
    returns_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # VAT on its goods in basis points (1300 = 13%); NULL = as its parent (13% at the top).
    tax_rate_bp: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Brand(Named, Base):
    __tablename__ = "catalog_brand"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    story_zh: Mapped[str] = mapped_column(Text, default="")
    story_en: Mapped[str] = mapped_column(Text, default="")
    logo: Mapped[str] = mapped_column(String(300), default="")


class OptionAxis(Named, Base):
    """A variant dimension shared across products (colour, size, material, capacity...)."""

    __tablename__ = "catalog_option_axis"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Attribute(Named, Base):
    """A product-level attribute used as a facet (origin, skin type, age range...)."""

    __tablename__ = "catalog_attribute"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    facet: Mapped[bool] = mapped_column(Boolean, default=True)


class Product(Named, Base):
    __tablename__ = "catalog_product"
    __table_args__ = (
        Index("ix_catalog_product_listing", "status", "category_id", "min_price"),
        CheckConstraint("status in ('draft','active','archived')", name="status"),
        # Ids are never reused after a delete: other contexts keep them as references.
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("catalog_category.id"), index=True)
    brand_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_brand.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    featured: Mapped[bool] = mapped_column(Boolean, default=False)
    subtitle_zh: Mapped[str] = mapped_column(String(300), default="")
    subtitle_en: Mapped[str] = mapped_column(String(300), default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    image: Mapped[str] = mapped_column(String(300), default="")
    # Denormalised from active SKUs so listing, sorting and price facets need no join.
    min_price: Mapped[int] = mapped_column(BigInteger, default=0)
    max_price: Mapped[int] = mapped_column(BigInteger, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    sales_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )


class ProductAttribute(Base):
    __tablename__ = "catalog_product_attribute"
    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="CASCADE"), primary_key=True
    )
    attribute_code: Mapped[str] = mapped_column(
        ForeignKey("catalog_attribute.code"), primary_key=True
    )
    value_zh: Mapped[str] = mapped_column(String(120))
    value_en: Mapped[str] = mapped_column(String(120))
    __table_args__ = (Index("ix_catalog_pattr_facet", "attribute_code", "value_en"),)


class Sku(Base):
    __tablename__ = "catalog_sku"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_nonneg"),
        CheckConstraint("cost >= 0", name="cost_nonneg"),
        CheckConstraint("weight_g >= 0", name="weight_nonneg"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(64), unique=True)
    barcode: Mapped[str] = mapped_column(String(32), default="", index=True)
    price: Mapped[int] = mapped_column(BigInteger)
    cost: Mapped[int] = mapped_column(BigInteger, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    weight_g: Mapped[int] = mapped_column(Integer, default=0)
    image: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SkuOption(Base):
    """The SKU's value on one axis; (axis, value_en) is also the option facet key."""

    __tablename__ = "catalog_sku_option"
    sku_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_sku.id", ondelete="CASCADE"), primary_key=True
    )
    axis_code: Mapped[str] = mapped_column(ForeignKey("catalog_option_axis.code"), primary_key=True)
    value_zh: Mapped[str] = mapped_column(String(80))
    value_en: Mapped[str] = mapped_column(String(80))
    # Copied from the SKU so facet counts group per product without joining SKUs.
    product_id: Mapped[int] = mapped_column(Integer, index=True)
    __table_args__ = (Index("ix_catalog_sku_option_facet", "axis_code", "value_en"),)


class ProductImage(Base):
    """One picture of a product's gallery, the main one first (lowest position). `url` is what
    the storefront shows (an uploaded picture's 800 px version); an uploaded picture also keeps
    its 240 px list thumbnail and the original as sent, beside it under /media."""

    __tablename__ = "catalog_product_image"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(300))
    alt: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    thumb_url: Mapped[str] = mapped_column(String(300), default="", server_default="")
    original_url: Mapped[str] = mapped_column(String(300), default="", server_default="")
    width: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    height: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ContentBlock(Base):
    """Brand/manufacturer content on a product page: a process video or an application case."""

    __tablename__ = "catalog_content_block"
    __table_args__ = (CheckConstraint("kind in ('video','case')", name="kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    body_zh: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    media_url: Mapped[str] = mapped_column(String(300), default="")
    poster_url: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Article(Base):
    """Knowledge-base article (ingredients, care guide, usage, FAQ) linked to many products."""

    __tablename__ = "catalog_article"
    __table_args__ = (CheckConstraint("kind in ('ingredients','care','usage','faq')", name="kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    body_zh: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")


class ArticleProduct(Base):
    __tablename__ = "catalog_article_product"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_article.id", ondelete="CASCADE"), primary_key=True
    )
    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class SearchTerm(Base):
    """Inverted index: one row per (product, term). Terms come from jieba for Chinese and
    lower-cased words for English, so the same SQL works on SQLite and PostgreSQL."""

    __tablename__ = "catalog_search_term"
    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    weight: Mapped[int] = mapped_column(Integer, default=1)
    # Pattern ops on PostgreSQL: suggestions look terms up by prefix (LIKE 'abc%'), which a
    # plain index in a non-C collation cannot serve; equality lookups use it all the same.
    __table_args__ = (
        Index(
            "ix_catalog_search_term_term",
            "term",
            "product_id",
            postgresql_ops={"term": "varchar_pattern_ops"},
        ),
    )


class CatalogState(Base):
    """A single counter bumped on every catalog write; caches key on it."""

    __tablename__ = "catalog_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    # How the search index was built (catalog.services.search_index.SEARCH_FORMAT).
    search_format: Mapped[int] = mapped_column(Integer, default=2, server_default="1")
