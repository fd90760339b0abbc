"""Stock rules without a database."""

import pytest

from mercato.inventory import domain
from mercato.kernel.errors import DomainError


@pytest.mark.parametrize("value", [-1, 1.5, "3", True, domain.MAX_QTY + 1])
def test_bad_quantities_are_refused(value):
    with pytest.raises(DomainError) as err:
        domain.check_quantity(value, "on_hand", allow_zero=True)
    assert err.value.field == "on_hand"


def test_zero_quantity_only_when_allowed():
    assert domain.check_quantity(0, allow_zero=True) == 0
    with pytest.raises(DomainError):
        domain.check_quantity(0)


@pytest.mark.parametrize("value", [0, 2.0, False, domain.MAX_QTY + 1, -domain.MAX_QTY - 1])
def test_bad_deltas_are_refused(value):
    with pytest.raises(DomainError):
        domain.check_delta(value)


def test_reasons_and_available():
    assert domain.check_reason("import") == "import"
    with pytest.raises(DomainError) as err:
        domain.check_reason("theft")
    assert err.value.field == "reason"
    assert domain.available(5, 2) == 3
    assert domain.available(2, 5) == 0
