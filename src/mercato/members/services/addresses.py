"""The address book. Every write locks the customer row first, so the 20-address limit and
"exactly one default" hold when a customer's requests race each other. Province, city and
district must be a real combination of mainland China's divisions (mercato.members.regions),
stored by their full names; an address saved before that rule keeps its region until one of
the three is changed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict, DomainError
from mercato.members import domain
from mercato.members.adapters import repository
from mercato.members.adapters.tables import Address
from mercato.members.regions import regions

FIELDS = ("recipient", "phone", "province", "city", "district", "street", "postcode")


def _validate(
    values: Mapping[str, str], current: Mapping[str, str] | None = None
) -> domain.AddressData:
    """Every field checked; the region resolved to full names unless it is unchanged."""
    data = domain.check_address(**{f: values.get(f, "") or "" for f in FIELDS})
    region = (data.province, data.city, data.district)
    if current is not None and region == tuple(current[f] for f in REGION):
        return data
    province, city, district = regions().resolve(*region)
    return replace(data, province=province, city=city, district=district)


REGION = ("province", "city", "district")


def add_address(
    tx: Session, customer_id: int, values: Mapping[str, str], make_default: bool = False
) -> Address:
    """A new address; the first one, or one asked to be, becomes the default."""
    data = _validate(values)
    repository.lock_customer(tx, customer_id)
    count = repository.count_addresses(tx, customer_id)
    if count >= domain.MAX_ADDRESSES:
        raise Conflict("members.too_many_addresses", "An address book holds at most 20 addresses")
    default = make_default or count == 0
    if default:
        repository.clear_default(tx, customer_id)
    address = Address(customer_id=customer_id, is_default=default, **_fields(data))
    tx.add(address)
    tx.flush()
    return address


def _fields(data: domain.AddressData) -> dict[str, str]:
    return {f: getattr(data, f) for f in FIELDS}


def update_address(
    tx: Session,
    customer_id: int,
    address_id: int,
    changes: Mapping[str, str],
    make_default: bool | None = None,
) -> Address:
    """Change some fields (the others are kept) and, with make_default=True, make it the
    default. The default cannot be unset: another address must be chosen instead."""
    repository.lock_customer(tx, customer_id)
    address = repository.get_for(tx, customer_id, address_id)
    current = {f: getattr(address, f) for f in FIELDS}
    data = _validate({**current, **{k: v for k, v in changes.items() if k in FIELDS}}, current)
    if make_default is False and address.is_default:
        raise DomainError(
            "members.default_required",
            "Choose another default address instead of unsetting this one",
            "is_default",
        )
    for name, value in _fields(data).items():
        setattr(address, name, value)
    if make_default and not address.is_default:
        _make_default(tx, address)
    tx.flush()
    return address


def _make_default(tx: Session, address: Address) -> None:
    repository.clear_default(tx, address.customer_id)
    address.is_default = True
    tx.flush()


def set_default(tx: Session, customer_id: int, address_id: int) -> Address:
    repository.lock_customer(tx, customer_id)
    address = repository.get_for(tx, customer_id, address_id)
    if not address.is_default:
        _make_default(tx, address)
    return address


def delete_address(tx: Session, customer_id: int, address_id: int) -> None:
    """Delete it; when it was the default, the newest remaining address takes over."""
    repository.lock_customer(tx, customer_id)
    address = repository.get_for(tx, customer_id, address_id)
    was_default = address.is_default
    tx.delete(address)
    tx.flush()
    if was_default:
        successor = repository.newest_address(tx, customer_id)
        if successor is not None:
            successor.is_default = True
            tx.flush()


def list_addresses(tx: Session, customer_id: int) -> list[domain.AddressView]:
    return [repository.address_view(a) for a in repository.addresses_of(tx, customer_id)]
