"""Domain errors carry a stable dotted code; the web shell maps them to HTTP once."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken by the caller's input. Rendered as 422 unless a subclass says otherwise."""

    status = 422
    # True when retrying the same request may succeed (a busy resource): never stored as the
    # answer to an idempotency key.
    transient = False
    # HTTP headers the answer should carry (Retry-After), set by whoever raises it.
    headers: dict[str, str] | None = None

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409


class Unauthorized(DomainError):
    status = 401


class Forbidden(DomainError):
    status = 403


class TooManyRequests(DomainError):
    status = 429


class Busy(Conflict):
    """Another request is working on the same thing right now; retry shortly (409)."""

    transient = True
