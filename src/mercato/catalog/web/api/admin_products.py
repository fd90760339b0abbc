"""Staff writes on products and their SKUs (bearer token). Bodies are strict (see schemas);
every rule lives in the catalogue services, whose errors the web shell renders."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import Path
from fastapi.responses import Response
from sqlalchemy.orm import Session

from mercato.access.public import StaffApiDep
from mercato.catalog.adapters import repository as repo
from mercato.catalog.adapters.queries import admin as admin_q
from mercato.catalog.adapters.tables import Product, Sku
from mercato.catalog.services import products
from mercato.catalog.services.products import ProductData, SkuData
from mercato.catalog.web.api.http import router
from mercato.catalog.web.api.staff import SECURED, TAGS, write_errors
from mercato.catalog.web.schemas.common import MAX_ID
from mercato.catalog.web.schemas.writes import (
    AttributeOut,
    OptionIn,
    ProductAdminOut,
    ProductIn,
    ProductPatch,
    SkuAdminOut,
    SkuIn,
    SkuPatch,
    StatusIn,
)
from mercato.kernel.errors import NotFound
from mercato.web.deps import TxDep

ProductId = Annotated[int, Path(ge=1, le=MAX_ID)]
_UNKNOWN_ATTRIBUTE = "`catalog.unknown_attribute`: no facet attribute has this code"
_OPTION_RULES = (
    "`catalog.unknown_axis`: no option axis has this code; `catalog.axes_mismatch`: the "
    "product's other SKUs use other axes; `catalog.duplicate_variant`: another SKU has these "
    "option values"
)
SkuId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _product_out(tx: Session, p: Product) -> ProductAdminOut:
    attrs = admin_q.product_attributes(tx, p.id)
    return ProductAdminOut(
        **{name: getattr(p, name) for name in ProductAdminOut.model_fields if name != "attributes"},
        attributes=[AttributeOut(code=c, value_zh=zh, value_en=en) for c, zh, en in attrs],
    )


def _product_data(body: dict[str, Any]) -> dict[str, Any]:
    if "attributes" in body:
        body["attributes"] = [(a["code"], a["value_zh"], a["value_en"]) for a in body["attributes"]]
    return body


@router.post(
    "/admin/products",
    tags=TAGS,
    dependencies=SECURED,
    status_code=201,
    response_model=ProductAdminOut,
    responses=write_errors(invalid=_UNKNOWN_ATTRIBUTE),
    summary="Create a product (as a draft)",
)
def create_product(body: ProductIn, _staff: StaffApiDep, tx: TxDep) -> ProductAdminOut:
    product = products.create_product(tx, ProductData(**_product_data(body.model_dump())))
    return _product_out(tx, product)


@router.patch(
    "/admin/products/{product_id}",
    tags=TAGS,
    dependencies=SECURED,
    response_model=ProductAdminOut,
    responses=write_errors(invalid=_UNKNOWN_ATTRIBUTE),
    summary="Change some fields of a product",
)
def update_product(
    product_id: ProductId, body: ProductPatch, _staff: StaffApiDep, tx: TxDep
) -> ProductAdminOut:
    p = repo.get_product(tx, product_id)
    current = ProductData(
        **{f: getattr(p, f) for f in ProductData.__dataclass_fields__ if f != "attributes"},
        attributes=admin_q.product_attributes(tx, product_id),
    )
    data = replace(current, **_product_data(body.model_dump(exclude_unset=True)))
    return _product_out(tx, products.update_product(tx, product_id, data))


@router.post(
    "/admin/products/{product_id}/status",
    tags=TAGS,
    dependencies=SECURED,
    response_model=ProductAdminOut,
    responses=write_errors(),
    summary="Put a product on sale (active), back to draft, or archive it",
)
def set_status(
    product_id: ProductId, body: StatusIn, _staff: StaffApiDep, tx: TxDep
) -> ProductAdminOut:
    return _product_out(tx, products.set_status(tx, product_id, body.status))


@router.delete(
    "/admin/products/{product_id}",
    tags=TAGS,
    dependencies=SECURED,
    status_code=204,
    response_class=Response,
    responses=write_errors(),
    summary="Delete a product that is not on sale",
)
def delete_product(product_id: ProductId, _staff: StaffApiDep, tx: TxDep) -> Response:
    products.delete_product(tx, product_id)
    return Response(status_code=204)


def _sku_out(tx: Session, sku: Sku) -> SkuAdminOut:
    row = admin_q.sku(tx, sku.id)
    options = row.options if row else {}
    return SkuAdminOut(
        **{name: getattr(sku, name) for name in SkuAdminOut.model_fields if name != "options"},
        options=[OptionIn(axis=a, value_zh=zh, value_en=en) for a, (zh, en) in options.items()],
    )


def _sku_of(tx: Session, product_id: int, sku_id: int) -> Sku:
    """The SKU, when it belongs to this product: 404 otherwise, whoever owns it."""
    repo.get_product(tx, product_id)
    sku = tx.get(Sku, sku_id)
    if sku is None or sku.product_id != product_id:
        raise NotFound("catalog.sku_not_found", "No such SKU", "sku_id")
    return sku


def _sku_data(body: dict[str, Any]) -> dict[str, Any]:
    if "options" in body:
        body["options"] = [(o["axis"], o["value_zh"], o["value_en"]) for o in body["options"]]
    return body


@router.post(
    "/admin/products/{product_id}/skus",
    tags=TAGS,
    dependencies=SECURED,
    status_code=201,
    response_model=SkuAdminOut,
    responses=write_errors(invalid=_OPTION_RULES),
    summary="Add a SKU (price in integer fen)",
)
def add_sku(product_id: ProductId, body: SkuIn, _staff: StaffApiDep, tx: TxDep) -> SkuAdminOut:
    sku = products.add_sku(tx, product_id, SkuData(**_sku_data(body.model_dump())))
    return _sku_out(tx, sku)


@router.patch(
    "/admin/products/{product_id}/skus/{sku_id}",
    tags=TAGS,
    dependencies=SECURED,
    response_model=SkuAdminOut,
    responses=write_errors(invalid=_OPTION_RULES),
    summary="Change some fields of a SKU",
)
def update_sku(
    product_id: ProductId, sku_id: SkuId, body: SkuPatch, _staff: StaffApiDep, tx: TxDep
) -> SkuAdminOut:
    sku = _sku_of(tx, product_id, sku_id)
    row = admin_q.sku(tx, sku_id)
    current = SkuData(
        **{f: getattr(sku, f) for f in SkuData.__dataclass_fields__ if f != "options"},
        options=[(a, zh, en) for a, (zh, en) in (row.options if row else {}).items()],
    )
    data = replace(current, **_sku_data(body.model_dump(exclude_unset=True)))
    return _sku_out(tx, products.update_sku(tx, sku_id, data))


@router.delete(
    "/admin/products/{product_id}/skus/{sku_id}",
    tags=TAGS,
    dependencies=SECURED,
    status_code=204,
    response_class=Response,
    responses=write_errors(),
    summary="Delete a SKU",
)
def delete_sku(product_id: ProductId, sku_id: SkuId, _staff: StaffApiDep, tx: TxDep) -> Response:
    _sku_of(tx, product_id, sku_id)
    products.delete_sku(tx, sku_id)
    return Response(status_code=204)
