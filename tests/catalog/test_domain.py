import pytest

from mercato.catalog import domain
from mercato.kernel import DomainError


@pytest.mark.parametrize("slug", ["a", "cotton-tee", "x1-2"])
def test_good_slugs(slug):
    assert domain.check_slug(slug) == slug


@pytest.mark.parametrize("slug", ["", "A", "a--b", "-a", "a_b", "中文", "a b", "x" * 121])
def test_bad_slugs(slug):
    with pytest.raises(DomainError) as e:
        domain.check_slug(slug)
    assert e.value.field == "slug"


def test_barcodes():
    assert domain.check_barcode("6901234567892") == "6901234567892"
    assert domain.check_barcode("") == ""
    for bad in ("6901234567890", "12345", "69012345678a2"):
        with pytest.raises(DomainError):
            domain.check_barcode(bad)


def test_amounts_are_int_fen():
    assert domain.check_amount(100, "price") == 100
    for bad in (-1, 1.5, True, "100", domain.MAX_PRICE + 1):
        with pytest.raises(DomainError):
            domain.check_amount(bad, "price")  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        domain.check_amount(0, "price", allow_zero=False)


def test_variant_rules():
    domain.check_combination_free({"color": "Red"}, [{"color": "Blue"}])
    with pytest.raises(DomainError):
        domain.check_combination_free({"color": "Red"}, [{"color": "Red"}])
    with pytest.raises(DomainError):
        domain.check_same_axes({"color": "Red"}, [{"color": "Blue", "size": "M"}])
    with pytest.raises(DomainError):
        domain.check_options({"weird": "x"}, ["color"])
    with pytest.raises(DomainError):
        domain.check_can_activate([])


def test_category_cycle():
    with pytest.raises(DomainError):
        domain.check_parent(5, "/1/5/9/")
    domain.check_parent(5, "/1/6/")
