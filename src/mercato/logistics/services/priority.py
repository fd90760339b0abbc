"""加急: staff mark a shipment urgent, and the warehouse's queue lists it first. Only a
shipment still in the warehouse (to pick or being picked) can be rushed."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict
from mercato.logistics import domain
from mercato.logistics.adapters import repository
from mercato.logistics.adapters.tables import Shipment


def set_priority(tx: Session, number: str, urgent: bool) -> Shipment:
    """Mark the shipment urgent (or not); asking for what it already is changes nothing."""
    s = repository.lock(tx, number)
    if s.priority == urgent:
        return s
    if urgent and s.status not in domain.OPEN:
        raise Conflict("logistics.not_open", "Only a shipment not yet sent out can be rushed")
    s.priority, s.updated_at = urgent, repository.now()
    return s


def toggle(tx: Session, number: str) -> Shipment:
    """Flip the shipment's 加急 flag."""
    s = repository.lock(tx, number)
    return set_priority(tx, number, not s.priority)
