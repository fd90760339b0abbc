import pytest
from hypothesis import given
from hypothesis import strategies as st

from mercato.kernel import DomainError, Money


def test_parse_and_format_are_exact():
    assert Money.parse("59.9").minor == 5990
    assert Money.parse("0.01").minor == 1
    assert Money.parse("-12.50").format() == "-12.50"
    assert Money(123456).format() == "1234.56"


@pytest.mark.parametrize("bad", ["", "1.234", "abc", "1,5", "1e3", "..", "12.", "NaN"])
def test_parse_rejects_garbage(bad):
    with pytest.raises(DomainError):
        Money.parse(bad)


def test_no_floats_and_no_currency_mixing():
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        Money(1, "CNY") + Money(1, "USD")


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_format_parse_round_trip(minor):
    assert Money.parse(Money(minor).format()).minor == minor
