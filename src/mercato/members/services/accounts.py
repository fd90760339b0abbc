"""Sign-up and the password check, with the per-account lockout."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict, DomainError
from mercato.members import domain
from mercato.members.adapters import repository
from mercato.members.adapters.tables import Customer
from mercato.members.services.clock import now

_hasher = PasswordHasher()
# Verifying against a dummy hash when the account is unknown keeps timing the same.
_DUMMY = _hasher.hash("dummy-password-for-timing-1")


def _identifiers(phone: str, email: str) -> tuple[str | None, str | None]:
    p = domain.check_mobile(phone) if (phone or "").strip() else None
    e = domain.check_email(email) if (email or "").strip() else None
    if p is None and e is None:
        raise DomainError(
            "members.identifier_required", "Enter a mobile number or an e-mail address", "phone"
        )
    return p, e


def sign_up(tx: Session, phone: str, email: str, password: str, name: str = "") -> Customer:
    """A new active customer; the phone and the e-mail must be free."""
    p, e = _identifiers(phone, email)
    domain.check_password(password)
    clean_name = domain.check_name(name)
    for kind, value in (("phone", p), ("email", e)):
        if value and repository.find_customer(tx, kind, value):
            raise _taken(kind)
    customer = Customer(phone=p, email=e, name=clean_name, password_hash=_hasher.hash(password))
    tx.add(customer)
    try:
        tx.flush()
    except IntegrityError:
        # Two sign-ups with the same phone at once: the unique index decides.
        raise _taken("phone" if p else "email")
    return customer


def _taken(kind: str) -> Conflict:
    if kind == "phone":
        return Conflict("members.phone_taken", "This mobile number is already registered", "phone")
    return Conflict("members.email_taken", "This e-mail address is already registered", "email")


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password or "")
    except (VerificationError, InvalidHashError):
        return False


def _locked() -> domain.AccountLocked:
    return domain.AccountLocked(
        "members.account_locked",
        "Too many wrong passwords: this account is locked for 15 minutes",
    )


def check_not_locked(tx: Session, identifier: str) -> Customer | None:
    """The account behind `identifier`, its row locked for the rest of the transaction;
    AccountLocked while its lock runs."""
    kind, value = domain.login_key(identifier)
    customer = repository.find_customer(tx, kind, value, lock=True)
    if customer is not None and domain.is_locked(customer.locked_until, now()):
        raise _locked()
    return customer


def authenticate(tx: Session, customer: Customer | None, password: str) -> Customer | None:
    """The customer if the password is right and the account active, else None. A wrong
    password counts towards the lockout (the caller commits it)."""
    ok = _verify(customer.password_hash if customer else _DUMMY, password)
    if customer is None or not customer.active:
        return None
    if not ok:
        at = now()
        customer.failed_logins, customer.locked_until = domain.after_failure(
            customer.failed_logins or 0, customer.last_failed_at, at
        )
        customer.last_failed_at = at
        return None
    customer.failed_logins, customer.last_failed_at, customer.locked_until = 0, None, None
    if _hasher.check_needs_rehash(customer.password_hash):
        customer.password_hash = _hasher.hash(password)
    return customer
