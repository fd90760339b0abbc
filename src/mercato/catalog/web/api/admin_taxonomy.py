"""Staff writes on categories and brands (bearer token)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path
from fastapi.responses import Response

from mercato.access.public import StaffApiDep
from mercato.catalog.adapters import repository as repo
from mercato.catalog.adapters.tables import Brand, Category
from mercato.catalog.services import taxonomy
from mercato.catalog.web.api.http import router
from mercato.catalog.web.api.staff import SECURED, TAGS, write_errors
from mercato.catalog.web.schemas.common import MAX_ID
from mercato.catalog.web.schemas.writes import (
    BrandAdminOut,
    BrandIn,
    BrandPatch,
    CategoryAdminOut,
    CategoryIn,
    CategoryPatch,
)
from mercato.web.deps import TxDep

ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
_PARENT_RULES = (
    "`catalog.category_not_found` (field parent_id): no such parent category; "
    "`catalog.category_cycle`: the parent is the category itself or one under it"
)


def _category_out(c: Category) -> CategoryAdminOut:
    return CategoryAdminOut.model_validate(c, from_attributes=True)


def _brand_out(b: Brand) -> BrandAdminOut:
    return BrandAdminOut.model_validate(b, from_attributes=True)


@router.post(
    "/admin/categories",
    tags=TAGS,
    dependencies=SECURED,
    status_code=201,
    response_model=CategoryAdminOut,
    responses=write_errors(invalid=_PARENT_RULES),
    summary="Create a category",
)
def create_category(body: CategoryIn, _staff: StaffApiDep, tx: TxDep) -> CategoryAdminOut:
    return _category_out(taxonomy.save_category(tx, None, **body.model_dump()))


@router.patch(
    "/admin/categories/{category_id}",
    tags=TAGS,
    dependencies=SECURED,
    response_model=CategoryAdminOut,
    responses=write_errors(invalid=_PARENT_RULES),
    summary="Rename or move a category",
)
def update_category(
    category_id: ObjectId, body: CategoryPatch, _staff: StaffApiDep, tx: TxDep
) -> CategoryAdminOut:
    c = repo.get_category(tx, category_id)
    fields = {f: getattr(c, f) for f in CategoryIn.model_fields}
    fields.update(body.model_dump(exclude_unset=True))
    return _category_out(taxonomy.save_category(tx, category_id, **fields))


@router.delete(
    "/admin/categories/{category_id}",
    tags=TAGS,
    dependencies=SECURED,
    status_code=204,
    response_class=Response,
    responses=write_errors(),
    summary="Delete an empty category",
)
def delete_category(category_id: ObjectId, _staff: StaffApiDep, tx: TxDep) -> Response:
    taxonomy.delete_category(tx, category_id)
    return Response(status_code=204)


@router.post(
    "/admin/brands",
    tags=TAGS,
    dependencies=SECURED,
    status_code=201,
    response_model=BrandAdminOut,
    responses=write_errors(),
    summary="Create a brand",
)
def create_brand(body: BrandIn, _staff: StaffApiDep, tx: TxDep) -> BrandAdminOut:
    return _brand_out(taxonomy.save_brand(tx, None, **body.model_dump()))


@router.patch(
    "/admin/brands/{brand_id}",
    tags=TAGS,
    dependencies=SECURED,
    response_model=BrandAdminOut,
    responses=write_errors(),
    summary="Change some fields of a brand",
)
def update_brand(
    brand_id: ObjectId, body: BrandPatch, _staff: StaffApiDep, tx: TxDep
) -> BrandAdminOut:
    b = repo.get_brand(tx, brand_id)
    fields = {f: getattr(b, f) for f in BrandIn.model_fields}
    fields.update(body.model_dump(exclude_unset=True))
    return _brand_out(taxonomy.save_brand(tx, brand_id, **fields))


@router.delete(
    "/admin/brands/{brand_id}",
    tags=TAGS,
    dependencies=SECURED,
    status_code=204,
    response_class=Response,
    responses=write_errors(),
    summary="Delete a brand no product uses",
)
def delete_brand(brand_id: ObjectId, _staff: StaffApiDep, tx: TxDep) -> Response:
    taxonomy.delete_brand(tx, brand_id)
    return Response(status_code=204)
