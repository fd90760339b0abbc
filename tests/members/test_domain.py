"""Pure rules: identifiers, passwords, the login throttle's waits, address validation."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from mercato.kernel.errors import DomainError
from mercato.members import domain

NOW = datetime(2025, 1, 1, 12, 0, 0)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("0086-138-1234-5678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("12812345678", None),  # 12x is no mobile prefix
        ("1381234567", None),
        ("138123456789", None),
        ("+1 415 555 0100", None),
        ("", None),
    ],
)
def test_mobile_numbers_are_normalised(raw, expected):
    assert domain.normalise_mobile(raw) == expected


def test_login_key_tells_phone_from_email():
    assert domain.login_key(" +86 13812345678 ") == ("phone", "13812345678")
    assert domain.login_key("Li@Example.COM ") == ("email", "li@example.com")
    assert domain.login_key("nobody")[0] == "other"


@pytest.mark.parametrize("bad", ["short1", "onlyletters", "1234567890", "", "a1" * 101])
def test_weak_passwords_are_refused(bad):
    with pytest.raises(DomainError) as err:
        domain.check_password(bad)
    assert err.value.field == "password"


def test_good_password_passes():
    assert domain.check_password("abcdefg1") == "abcdefg1"


def test_throttle_is_free_for_the_first_failures():
    assert domain.throttle_wait(0, 5, None, NOW, 60) == 0
    assert domain.throttle_wait(4, 5, NOW, NOW, 60) == 0


def test_throttle_wait_doubles_from_the_latest_failure_up_to_the_cap():
    waits = [domain.throttle_wait(n, 5, NOW, NOW, 60) for n in range(5, 11)]
    assert waits == [5, 10, 20, 40, 60, 60]
    assert domain.throttle_wait(6, 5, NOW, NOW + timedelta(seconds=7), 60) == 3
    assert domain.throttle_wait(6, 5, NOW, NOW + timedelta(seconds=9.5), 60) == 1
    assert domain.throttle_wait(6, 5, NOW, NOW + timedelta(seconds=10), 60) == 0
    assert domain.throttle_wait(10**6, 100, NOW, NOW, 900) == 900


def _addr(**over):
    base = dict(
        recipient=" 王小明 ",
        phone="+86 139 1234 5678",
        province="上海市",
        city="上海市",
        district="浦东新区",
        street="世纪大道100号",
        postcode="200120",
    )
    return domain.check_address(**{**base, **over})


def test_address_is_trimmed_and_phone_normalised():
    a = _addr()
    assert a.recipient == "王小明" and a.phone == "13912345678"


@pytest.mark.parametrize("landline", ["010-12345678", "0755-1234567", "021-12345678-801"])
def test_landlines_are_accepted(landline):
    assert _addr(phone=landline).phone == landline


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("recipient", ""),
        ("recipient", "x" * 41),
        ("phone", "12345"),
        ("phone", "010-123"),
        ("province", " "),
        ("city", ""),
        ("district", ""),
        ("street", ""),
        ("street", "路" * 121),
        ("postcode", "20012"),
        ("postcode", "abcdef"),
    ],
)
def test_bad_address_names_the_field(field, value):
    with pytest.raises(DomainError) as err:
        _addr(**{field: value})
    assert err.value.field == field


def test_postcode_is_optional():
    assert _addr(postcode="").postcode == ""
