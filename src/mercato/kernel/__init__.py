"""Shared vocabulary with no dependencies: money, errors, clock."""

from mercato.kernel.errors import Conflict, DomainError, Forbidden, NotFound, Unauthorized
from mercato.kernel.money import Money

__all__ = ["Conflict", "DomainError", "Forbidden", "Money", "NotFound", "Unauthorized"]
