"""Categories (a tree), brands, option axes and facet attributes."""

from __future__ import annotations

from types import EllipsisType

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from mercato.catalog import domain
from mercato.catalog.adapters import repository as repo
from mercato.catalog.adapters.tables import Attribute, Brand, Category, OptionAxis, Product
from mercato.kernel.errors import Conflict, DomainError


def save_category(
    tx: Session,
    category_id: int | None,
    slug: str,
    name_zh: str,
    name_en: str,
    parent_id: int | None = None,
    position: int = 0,
    returns_days: int | EllipsisType | None = ...,
    tax_rate_bp: int | EllipsisType | None = ...,
) -> Category:
    """Create (no id) or edit a category; its no-reason returns and VAT rate are kept when
    not given (None: as the parent category)."""
    slug = domain.check_slug(slug, max_len=80)
    returns = None if returns_days is ... else domain.check_returns_days(returns_days)
    rate = None if tax_rate_bp is ... else domain.check_tax_rate_bp(tax_rate_bp)
    domain.check_name(name_zh, "name_zh")
    domain.check_name(name_en, "name_en")
    if repo.slug_taken(tx, Category, slug, category_id):
        raise Conflict("catalog.slug_taken", "Another category uses this slug", "slug")
    parent = tx.get(Category, parent_id) if parent_id is not None else None
    if parent_id is not None and parent is None:
        raise DomainError("catalog.category_not_found", "No such parent category", "parent_id")
    if parent is not None:
        domain.check_parent(category_id, parent.path)
    cat = repo.get_category(tx, category_id) if category_id else Category()
    old_path = cat.path if category_id else None
    cat.slug, cat.name_zh, cat.name_en = slug, name_zh.strip(), name_en.strip()
    cat.parent_id, cat.position = parent_id, position
    cat.returns_days = cat.returns_days if returns_days is ... else returns
    cat.tax_rate_bp = cat.tax_rate_bp if tax_rate_bp is ... else rate
    if not category_id:
        tx.add(cat)
    tx.flush()
    cat.path = f"{parent.path if parent else '/'}{cat.id}/"
    if old_path and old_path != cat.path:
        _move_descendants(tx, cat, old_path)
    repo.bump_version(tx)
    return cat


def _move_descendants(tx: Session, cat: Category, old_path: str) -> None:
    """A moved category's descendants follow it: their paths rewritten in one statement."""
    tx.execute(
        update(Category)
        .where(Category.path.like(old_path + "%"), Category.id != cat.id)
        .values(path=func.replace(Category.path, old_path, cat.path))
    )


def delete_category(tx: Session, category_id: int) -> None:
    cat = repo.get_category(tx, category_id)
    if tx.execute(select(Category.id).where(Category.parent_id == cat.id).limit(1)).first():
        raise Conflict(
            "catalog.category_has_children", "Move or delete sub-categories first", "category_id"
        )
    if tx.execute(select(Product.id).where(Product.category_id == cat.id).limit(1)).first():
        raise Conflict("catalog.category_has_products", "Move its products first", "category_id")
    tx.delete(cat)
    repo.bump_version(tx)


def save_brand(
    tx: Session,
    brand_id: int | None,
    slug: str,
    name_zh: str,
    name_en: str,
    story_zh: str = "",
    story_en: str = "",
    logo: str = "",
) -> Brand:
    slug = domain.check_slug(slug, max_len=80)
    domain.check_name(name_zh, "name_zh")
    domain.check_name(name_en, "name_en")
    if repo.slug_taken(tx, Brand, slug, brand_id):
        raise Conflict("catalog.slug_taken", "Another brand uses this slug", "slug")
    brand = repo.get_brand(tx, brand_id) if brand_id else Brand()
    brand.slug, brand.name_zh, brand.name_en = slug, name_zh.strip(), name_en.strip()
    brand.story_zh, brand.story_en = story_zh.strip(), story_en.strip()
    brand.logo = domain.check_url(logo, "logo")
    if not brand_id:
        tx.add(brand)
    tx.flush()
    repo.bump_version(tx)
    return brand


def delete_brand(tx: Session, brand_id: int) -> None:
    brand = repo.get_brand(tx, brand_id)
    if tx.execute(select(Product.id).where(Product.brand_id == brand.id).limit(1)).first():
        raise Conflict("catalog.brand_has_products", "Products still use this brand", "brand_id")
    tx.delete(brand)
    repo.bump_version(tx)


def _code(value: str) -> str:
    v = (value or "").strip()
    if (
        not v
        or len(v) > 40
        or not v.replace("_", "").isalnum()
        or not v.isascii()
        or v.lower() != v
    ):
        raise DomainError("catalog.invalid_code", "Code: lowercase letters, digits, _", "code")
    return v


def save_axis(tx: Session, code: str, name_zh: str, name_en: str, position: int = 0) -> OptionAxis:
    code = _code(code)
    axis = tx.get(OptionAxis, code) or OptionAxis(code=code)
    axis.name_zh = domain.check_name(name_zh, "name_zh", 120)
    axis.name_en = domain.check_name(name_en, "name_en", 120)
    axis.position = position
    tx.add(axis)
    tx.flush()
    repo.bump_version(tx)
    return axis


def save_attribute(
    tx: Session, code: str, name_zh: str, name_en: str, facet: bool = True
) -> Attribute:
    code = _code(code)
    attr = tx.get(Attribute, code) or Attribute(code=code)
    attr.name_zh = domain.check_name(name_zh, "name_zh", 120)
    attr.name_en = domain.check_name(name_en, "name_en", 120)
    attr.facet = facet
    tx.add(attr)
    tx.flush()
    repo.bump_version(tx)
    return attr
