"""What an ERP integration does: take a batch of entries (journal.to_json dicts) and say which
the ERP acknowledged. Posting is at least once: the ERP de-duplicates on entry_id, so an
entry sent again after a lost answer is booked once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from mercato.kernel.errors import DomainError


@dataclass
class PostResult:
    """`accepted`: entry ids the ERP booked (or had booked already); `rejected`: entry id →
    the ERP's reason. An id sent and in neither was not acknowledged (tried again)."""

    accepted: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)
    ack: str = ""  # the ERP's reference for the batch (its id, or the journal file)


class PostFailed(DomainError):
    """Nothing of the batch was acknowledged: the ERP could not be reached, refused the
    request as a whole, or answered something we cannot trust. Every entry is tried again."""

    status = 502
    transient = True

    def __init__(self, message: str) -> None:
        super().__init__("finance.erp_unavailable", message, None)


class Poster(Protocol):
    name: str

    def post(self, entries: Sequence[dict[str, Any]]) -> PostResult: ...
