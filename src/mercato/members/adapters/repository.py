"""Data access for members. Owner checks live here, once: `get_for` answers an address only
to its owner, so "not yours" and "absent" look the same to every caller."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from mercato.kernel.errors import NotFound
from mercato.members.adapters.tables import Address, Customer
from mercato.members.domain import AddressView, CustomerView
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx


def customer_view(c: Customer) -> CustomerView:
    return CustomerView(c.id, c.name, c.phone, c.email)


def address_view(a: Address) -> AddressView:
    return AddressView(
        a.id,
        a.customer_id,
        a.recipient,
        a.phone,
        a.province,
        a.city,
        a.district,
        a.street,
        a.postcode,
        a.is_default,
    )


def find_customer(tx: Session, kind: str, value: str, lock: bool = False) -> Customer | None:
    """The customer whose phone or e-mail is `value`; `lock` takes its row lock (PostgreSQL
    serialises concurrent logins to one account on it, so the failure count is exact)."""
    if kind not in ("phone", "email"):
        return None
    column = Customer.phone if kind == "phone" else Customer.email
    stmt = select(Customer).where(column == value)
    if lock:
        stmt = stmt.with_for_update()
    return tx.scalars(stmt).first()


def lock_customer(tx: Session, customer_id: int) -> Customer:
    """The customer row, locked: address writes of one customer queue on it, so the address
    limit and the single default hold under concurrent requests."""
    stmt = select(Customer).where(Customer.id == customer_id).with_for_update()
    customer = tx.scalars(stmt).first()
    if customer is None:
        raise NotFound("members.customer_not_found", "No such customer")
    return customer


def get_for(tx: Session, customer_id: int, address_id: int) -> Address:
    """The customer's own address; another customer's answers NotFound like a missing one."""
    stmt = select(Address).where(Address.id == address_id, Address.customer_id == customer_id)
    address = tx.scalars(stmt).first()
    if address is None:
        raise NotFound("members.address_not_found", "No such address")
    return address


_ADDRESS = Prepared(
    select(
    Address.id,
    Address.customer_id,
    Address.recipient,
    Address.phone,
    Address.province,
    Address.city,
    Address.district,
    Address.street,
    Address.postcode,
    Address.is_default,
    ).where(Address.id == bindparam("id"), Address.customer_id == bindparam("customer_id"))
)


def address_row(tx: AnyTx, customer_id: int, address_id: int) -> AddressView | None:
    """`get_for` as a view, from a statement built once (checkout reads it every order)."""
    row = run(tx, _ADDRESS, {"id": address_id, "customer_id": customer_id}).first()
    return AddressView(*row) if row is not None else None


def addresses_of(tx: Session, customer_id: int) -> list[Address]:
    """The default first, then the newest."""
    stmt = (
        select(Address)
        .where(Address.customer_id == customer_id)
        .order_by(Address.is_default.desc(), Address.id.desc())
    )
    return list(tx.scalars(stmt))


def count_addresses(tx: Session, customer_id: int) -> int:
    stmt = select(func.count(Address.id)).where(Address.customer_id == customer_id)
    return int(tx.execute(stmt).scalar_one())


def clear_default(tx: Session, customer_id: int) -> None:
    """Unset the current default first: the partial unique index allows only one."""
    tx.execute(
        update(Address)
        .where(Address.customer_id == customer_id, Address.is_default.is_(True))
        .values(is_default=False)
        .execution_options(synchronize_session="fetch")
    )
    tx.flush()


def newest_address(tx: Session, customer_id: int) -> Address | None:
    stmt = (
        select(Address)
        .where(Address.customer_id == customer_id)
        .order_by(Address.id.desc())
        .limit(1)
    )
    return tx.scalars(stmt).first()
