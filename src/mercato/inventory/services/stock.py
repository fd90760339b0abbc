"""Stock use cases. Every quantity change is one conditional UPDATE (checked rowcount) plus a
ledger row in the caller's transaction, so concurrent writers can never drive stock negative."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from mercato.inventory import domain
from mercato.inventory.adapters.tables import LedgerEntry, StockItem, StockLevel, Warehouse
from mercato.kernel.errors import Conflict, DomainError, NotFound


def get_warehouse(tx: Session, warehouse_id: int) -> Warehouse:
    wh = tx.get(Warehouse, warehouse_id)
    if wh is None:
        raise NotFound("inventory.warehouse_not_found", "No such warehouse", "warehouse_id")
    return wh


def create_warehouse(
    tx: Session,
    code: str,
    name_zh: str,
    name_en: str,
    region: str = "",
    address: str = "",
    active: bool = True,
    province: str = "",
) -> Warehouse:
    code = (code or "").strip().upper()
    if not code or len(code) > 32 or not code.replace("-", "").replace("_", "").isalnum():
        raise DomainError("inventory.invalid_code", "Code: letters, digits, - or _", "code")
    for field, value in (("name_zh", name_zh), ("name_en", name_en)):
        if not (value or "").strip() or len(value) > 120:
            raise DomainError("inventory.required", "Name is required (max 120)", field)
    if tx.execute(select(Warehouse.id).where(Warehouse.code == code)).first():
        raise Conflict("inventory.code_taken", "Another warehouse uses this code", "code")
    wh = Warehouse(
        code=code,
        name_zh=name_zh.strip(),
        name_en=name_en.strip(),
        region=region.strip(),
        address=address.strip(),
        active=active,
        province=domain.check_province(province),
    )
    tx.add(wh)
    tx.flush()
    return wh


def update_warehouse(
    tx: Session,
    warehouse_id: int,
    name_zh: str,
    name_en: str,
    region: str,
    address: str,
    active: bool,
    province: str | None = None,
) -> Warehouse:
    """Edit a warehouse; its province is kept when `province` is None."""
    wh = get_warehouse(tx, warehouse_id)
    for field, value in (("name_zh", name_zh), ("name_en", name_en)):
        if not (value or "").strip() or len(value) > 120:
            raise DomainError("inventory.required", "Name is required (max 120)", field)
    wh.name_zh, wh.name_en = name_zh.strip(), name_en.strip()
    wh.region, wh.address, wh.active = region.strip(), address.strip(), active
    if province is not None:
        wh.province = domain.check_province(province)
    return wh


def _item(tx: Session, sku_id: int) -> StockItem:
    item = tx.get(StockItem, sku_id)
    if item is None:
        raise NotFound("inventory.unknown_sku", "No such SKU", "sku_id")
    return item


def _level_row(tx: Session, sku_id: int, warehouse_id: int) -> None:
    """Make sure the (sku, warehouse) row exists before a conditional update targets it."""
    # INSERT ... ON CONFLICT DO NOTHING: two first writes at once must not collide.
    dialect = tx.get_bind().dialect.name
    ins = pg_insert if dialect == "postgresql" else sqlite_insert
    tx.execute(
        ins(StockLevel)
        .values(sku_id=sku_id, warehouse_id=warehouse_id, on_hand=0, reserved=0)
        .on_conflict_do_nothing(index_elements=["sku_id", "warehouse_id"])
    )


def _ledger(
    tx: Session,
    sku_id: int,
    wh: int,
    d_on: int,
    d_res: int,
    after: tuple[int, int],
    reason: str,
    reference: str,
    actor: str,
) -> None:
    tx.execute(
        insert(LedgerEntry).values(
            sku_id=sku_id,
            warehouse_id=wh,
            delta_on_hand=d_on,
            delta_reserved=d_res,
            on_hand_after=after[0],
            reserved_after=after[1],
            reason=reason,
            reference=reference[:120],
            actor=actor[:120],
        )
    )


def adjust(
    tx: Session,
    sku_id: int,
    warehouse_id: int,
    delta: int,
    reason: str,
    reference: str = "",
    actor: str = "",
) -> tuple[int, int]:
    """Add or remove on-hand units; refuses to go below zero or below what is reserved."""
    domain.check_delta(delta)
    domain.check_reason(reason)
    _item(tx, sku_id)
    get_warehouse(tx, warehouse_id)
    _level_row(tx, sku_id, warehouse_id)
    row = tx.execute(
        update(StockLevel)
        .where(
            StockLevel.sku_id == sku_id,
            StockLevel.warehouse_id == warehouse_id,
            StockLevel.on_hand + delta >= StockLevel.reserved,
            StockLevel.on_hand + delta <= domain.MAX_QTY,
        )
        .values(on_hand=StockLevel.on_hand + delta)
        .returning(StockLevel.on_hand, StockLevel.reserved)
    ).first()
    if row is None:
        raise domain.InsufficientStock("delta")
    _ledger(tx, sku_id, warehouse_id, delta, 0, (row[0], row[1]), reason, reference, actor)
    return (row[0], row[1])


def set_on_hand(
    tx: Session,
    sku_id: int,
    warehouse_id: int,
    on_hand: int,
    reason: str = "count",
    reference: str = "",
    actor: str = "",
) -> tuple[int, int]:
    """A stock count: set the on-hand figure, recording the difference in the ledger."""
    domain.check_quantity(on_hand, "on_hand", allow_zero=True)
    _item(tx, sku_id)
    get_warehouse(tx, warehouse_id)
    _level_row(tx, sku_id, warehouse_id)
    # Lock the row so a receipt landing between the read and the write is not lost.
    current = tx.execute(
        select(StockLevel.on_hand, StockLevel.reserved)
        .where(StockLevel.sku_id == sku_id, StockLevel.warehouse_id == warehouse_id)
        .with_for_update()
    ).one()
    if on_hand == current[0]:
        return (current[0], current[1])
    return adjust(tx, sku_id, warehouse_id, on_hand - current[0], reason, reference, actor)


def reserve(
    tx: Session, sku_id: int, warehouse_id: int, quantity: int, reference: str, actor: str = ""
) -> tuple[int, int]:
    """Hold units for an order: only succeeds while on_hand - reserved covers it."""
    domain.check_quantity(quantity)
    row = tx.execute(
        update(StockLevel)
        .where(
            StockLevel.sku_id == sku_id,
            StockLevel.warehouse_id == warehouse_id,
            StockLevel.on_hand - StockLevel.reserved >= quantity,
        )
        .values(reserved=StockLevel.reserved + quantity)
        .returning(StockLevel.on_hand, StockLevel.reserved)
    ).first()
    if row is None:
        raise domain.InsufficientStock()
    _ledger(tx, sku_id, warehouse_id, 0, quantity, (row[0], row[1]), "reserve", reference, actor)
    return (row[0], row[1])


def register_sku(tx: Session, sku_id: int, code: str) -> None:
    tx.add(StockItem(sku_id=sku_id, sku_code=code))
    tx.flush()


def rename_sku(tx: Session, sku_id: int, code: str) -> None:
    _item(tx, sku_id).sku_code = code


def forget_sku(tx: Session, sku_id: int) -> None:
    levels = tx.execute(
        select(StockLevel.on_hand, StockLevel.reserved).where(StockLevel.sku_id == sku_id)
    ).all()
    if any(r for (_o, r) in levels):
        raise Conflict("inventory.sku_reserved", "This SKU has reserved stock", "sku_id")
    item = tx.get(StockItem, sku_id)
    if item is not None:
        tx.delete(item)


# --- Admin use cases (warehouse form, stock form) ---


def save_warehouse(
    tx: Session,
    warehouse_id: int | None,
    code: str,
    name_zh: str,
    name_en: str,
    region: str = "",
    address: str = "",
    active: bool = True,
    province: str | None = None,
) -> Warehouse:
    """Create (no id) or edit a warehouse; also bounds region and address to their columns.
    `province` (a mainland province, or "" for none) is kept on an edit when None."""
    if len((region or "").strip()) > 80:
        raise DomainError("inventory.too_long", "At most 80 characters", "region")
    if len((address or "").strip()) > 300:
        raise DomainError("inventory.too_long", "At most 300 characters", "address")
    if warehouse_id is None:
        return create_warehouse(tx, code, name_zh, name_en, region, address, active, province or "")
    return update_warehouse(tx, warehouse_id, name_zh, name_en, region, address, active, province)


def sku_id_for_code(tx: Session, code: str) -> int:
    """The SKU id inventory keeps for a code; NotFound (field sku_code) when unknown."""
    sku_id = tx.execute(
        select(StockItem.sku_id).where(StockItem.sku_code == (code or "").strip())
    ).scalar()
    if sku_id is None:
        raise NotFound("inventory.unknown_sku", "No such SKU", "sku_code")
    return int(sku_id)
