"""A member's birthday (for the birthday gift) and customer group (for group prices). A
customer sets their birthday once; customer service may correct it. Through the ORM, so a
staff member's change is in the audit log."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict
from mercato.members import domain_loyalty as rules
from mercato.members.adapters import loyalty_repository as repo
from mercato.members.adapters import repository
from mercato.members.adapters.loyalty_repository import LOYALTY


def set_birthday(tx: Session, customer_id: int, birthday: date | None, today: date,
                 staff: bool = False) -> date:
    day = rules.check_birthday(birthday, today)
    customer = repository.lock_customer(tx, customer_id)
    if customer.birthday is not None and customer.birthday != day and not staff:
        raise Conflict("members.birthday_set",
                       "Your birthday is already set; customer service can correct it",
                       "birthday")
    customer.birthday = day
    tx.flush()
    repo.ensure_member(tx, customer_id)
    repo.ex(tx, update(LOYALTY).where(LOYALTY.c.customer_id == customer_id)
            .values(birth_md=day.month * 100 + day.day))
    return day


def set_group(tx: Session, customer_id: int, group: str) -> str:
    clean = rules.check_group(group)
    customer = repository.lock_customer(tx, customer_id)
    customer.group = clean
    tx.flush()
    return clean
