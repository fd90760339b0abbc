"""Customer rules: identifiers (mainland mobile, e-mail), password strength, the login
throttle's waits (policy in members.services.login) and address validation. Pure: no I/O."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from mercato.kernel.errors import DomainError

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[a-zA-Z]{2,}$")
# ASCII digits: to re, "\d" is any script's (١٣٨ too), which a phone number on a parcel is not.
MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")
# Area code (3-4 digits starting with 0), number (7-8 digits), optional extension.
LANDLINE_RE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}(-[0-9]{1,6})?$")
POSTCODE_RE = re.compile(r"^[0-9]{6}$")
_SEPARATORS = re.compile(r"[\s\u3000()（）]")

WINDOW = timedelta(minutes=15)
# The login throttle (members.services.login): waits start at FIRST_WAIT and double; an
# identifier never waits more than a minute, so a stranger cannot keep its owner out.
FIRST_WAIT = 5
IDENTIFIER_MAX_WAIT = 60
# Many shoppers share one public address behind carrier-grade NAT: it gets more free attempts.
ADDRESS_FREE = 100
ADDRESS_MAX_WAIT = 15 * 60
MAX_ADDRESSES = 20


@dataclass(frozen=True, slots=True)
class CustomerView:
    id: int
    name: str
    phone: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class AddressData:
    """A validated address as the customer typed it (trimmed, phone normalised)."""

    recipient: str
    phone: str
    province: str
    city: str
    district: str
    street: str
    postcode: str


@dataclass(frozen=True, slots=True)
class AddressView:
    id: int
    customer_id: int
    recipient: str
    phone: str
    province: str
    city: str
    district: str
    street: str
    postcode: str
    is_default: bool

    def one_line(self) -> str:
        """The address as written on a Chinese parcel: province city district street."""
        return f"{self.province}{self.city}{self.district}{self.street}"


def _compact(value: str) -> str:
    return _SEPARATORS.sub("", value or "").replace("-", "")


def normalise_mobile(value: str) -> str | None:
    """An 11-digit mainland mobile number, without +86/0086 and separators; None if not one."""
    v = _compact(value)
    for prefix in ("+86", "0086", "86"):
        if v.startswith(prefix) and len(v) == len(prefix) + 11:
            v = v[len(prefix) :]
            break
    return v if MOBILE_RE.match(v) else None


def check_mobile(value: str, field: str = "phone") -> str:
    phone = normalise_mobile(value)
    if phone is None:
        raise DomainError(
            "members.invalid_phone", "Enter an 11-digit mainland mobile number", field
        )
    return phone


def check_email(value: str, field: str = "email") -> str:
    v = (value or "").strip().lower()
    if len(v) > 254 or not EMAIL_RE.match(v):
        raise DomainError("members.invalid_email", "Enter a valid e-mail address", field)
    return v


def login_key(identifier: str) -> tuple[str, str]:
    """('email' | 'phone', normalised value) for what a customer typed to sign in; a value
    that is neither is kept lower-cased so it still counts against the rate limit."""
    raw = (identifier or "").strip()
    if "@" in raw:
        return "email", raw.lower()[:254]
    phone = normalise_mobile(raw)
    return ("phone", phone) if phone else ("other", raw.lower()[:254])


def check_password(value: str) -> str:
    if not isinstance(value, str) or len(value) < 8:
        raise DomainError(
            "members.weak_password", "Password needs at least 8 characters", "password"
        )
    if len(value) > 200:
        raise DomainError("members.invalid_password", "Password is too long", "password")
    if not any(c.isalpha() for c in value) or not any(c.isdigit() for c in value):
        raise DomainError(
            "members.weak_password", "Password needs both letters and digits", "password"
        )
    return value


def check_name(value: str) -> str:
    v = (value or "").strip()
    if len(v) > 40:
        raise DomainError("members.invalid_name", "Name is at most 40 characters", "name")
    return v


def window_start(now: datetime) -> datetime:
    return now - WINDOW


def throttle_wait(
    failures: int, free: int, latest: datetime | None, now: datetime, cap: int
) -> int:
    """Whole seconds before one more login attempt may go ahead (0: now), after `failures`
    in the window, the latest at `latest`. The first `free` cost nothing; from then on each
    waits FIRST_WAIT seconds after the latest, doubled per further failure, at most `cap`."""
    if failures < free or latest is None:
        return 0
    wait = min(FIRST_WAIT * 2 ** min(failures - free, 32), cap)
    left = (latest - now).total_seconds() + wait
    return max(0, math.ceil(left))


def check_contact_phone(value: str) -> str:
    """A mainland mobile (normalised to 11 digits) or a landline such as 010-12345678."""
    mobile = normalise_mobile(value)
    if mobile:
        return mobile
    v = _SEPARATORS.sub("", value or "")
    if LANDLINE_RE.match(v):
        return v
    raise DomainError(
        "members.invalid_phone", "Enter a mainland mobile or landline number", "phone"
    )


def _text(value: str, field: str, low: int, high: int) -> str:
    v = " ".join((value or "").split())
    if not low <= len(v) <= high:
        raise DomainError(f"members.invalid_{field}", f"Enter {low} to {high} characters", field)
    if "\x00" in v:
        raise DomainError(f"members.invalid_{field}", "Remove the control characters", field)
    return v


def check_address(
    recipient: str,
    phone: str,
    province: str,
    city: str,
    district: str,
    street: str,
    postcode: str = "",
) -> AddressData:
    """Validated address fields, in form order so the first error is the first bad field."""
    r = _text(recipient, "recipient", 1, 40)
    p = check_contact_phone(phone)
    prov = _text(province, "province", 1, 40)
    c = _text(city, "city", 1, 40)
    d = _text(district, "district", 1, 40)
    s = _text(street, "street", 1, 120)
    code = (postcode or "").strip()
    if code and not POSTCODE_RE.match(code):
        raise DomainError("members.invalid_postcode", "A postcode has 6 digits", "postcode")
    return AddressData(r, p, prov, c, d, s, code)
