"""Sign-up and the password check. There is no per-account lockout (anyone could trigger
it, and only real accounts had one): the login throttle in services.login slows attempts
down per identifier and per address instead, alike for known and unknown identifiers."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict, DomainError
from mercato.members import domain
from mercato.members.adapters import repository
from mercato.members.adapters.tables import Customer

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


def find_for_login(tx: Session, identifier: str) -> Customer | None:
    """The account behind what the customer typed to sign in, or None. Its row is not locked:
    concurrent logins to a real account must queue no more than those to an unknown one, or
    the waiting would tell them apart."""
    kind, value = domain.login_key(identifier)
    return repository.find_customer(tx, kind, value)


def authenticate(tx: Session, customer: Customer | None, password: str) -> Customer | None:
    """The customer if the password is right and the account active, else None. An unknown
    account is checked against a dummy hash, so it costs the same time as a real one."""
    ok = _verify(customer.password_hash if customer else _DUMMY, password)
    if customer is None or not customer.active or not ok:
        return None
    if _hasher.check_needs_rehash(customer.password_hash):
        customer.password_hash = _hasher.hash(password)
    return customer


def password_ok(customer: Customer | None, password: str) -> bool:
    """The password check alone (a dummy hash for no customer, so it takes as long)."""
    ok = _verify(customer.password_hash if customer else _DUMMY, password)
    return customer is not None and ok


def set_password(customer: Customer, password: str) -> None:
    """A new password (already checked with domain.check_password)."""
    customer.password_hash = _hasher.hash(password)
