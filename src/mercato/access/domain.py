"""Staff account rules: e-mail shape, password strength, login throttle window."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from mercato.kernel.errors import DomainError

EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[a-zA-Z]{2,}$")
WINDOW = timedelta(minutes=15)


def check_email(value: str) -> str:
    v = (value or "").strip().lower()
    if not EMAIL_RE.match(v):
        raise DomainError("access.invalid_email", "Enter a valid e-mail address", "email")
    return v


def check_password(value: str) -> str:
    if not isinstance(value, str) or len(value) < 10:
        raise DomainError(
            "access.weak_password", "Password needs at least 10 characters", "password"
        )
    if len(value) > 200:
        raise DomainError("access.invalid_password", "Password is too long", "password")
    if value.isdigit() or value.isalpha():
        raise DomainError("access.weak_password", "Mix letters with digits or symbols", "password")
    return value


def window_start(now: datetime) -> datetime:
    return now - WINDOW
