"""Listing URL parsing: lenient, bounded, and round-trips through url()."""

from __future__ import annotations

from mercato.catalog.web.pages import params


def test_parse_keeps_valid_filters_only():
    f = params.parse(
        [
            ("brand", "north-hill"),
            ("brand", "North Hill!"),
            ("price", "100-50"),
            ("price", "5000-10000"),
            ("price", "0-100"),  # only one band at a time
            ("opt.color", "White"),
            ("opt.bad axis", "x"),
            ("attr.origin", "China"),
            ("sort", "price_desc"),
            ("page", "3"),
            ("q", " 亚麻 "),
            ("junk", "1"),
        ]
    )
    assert f.pairs == (
        ("brand", "north-hill"),
        ("price", "5000-10000"),
        ("opt.color", "White"),
        ("attr.origin", "China"),
    )
    assert (f.sort, f.page, f.q) == ("price_desc", 3, "亚麻")
    q = params.to_query(f, None, "en")
    assert (q.price_min, q.price_max) == (5000, 9999)
    assert q.options == (("color", "White"),) and q.attributes == (("origin", "China"),)
    assert params.parse(params_items(params.url("/x", f))) == f


def test_toggle_and_limits():
    f = params.parse([("page", "999999"), ("q", "x" * 500)])
    assert f.page == params.MAX_PAGE and len(f.q) == params.MAX_Q
    on = params.toggled(f, "brand", "a")
    assert on.pairs == (("brand", "a"),) and on.page == 1
    assert params.toggled(on, "brand", "a").pairs == ()
    assert params.toggled(params.toggled(f, "price", "0-5"), "price", "5-9").pairs == (
        ("price", "5-9"),
    )
    assert params.parse_price("300-") == (300, None)


def params_items(url: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl, urlsplit

    return parse_qsl(urlsplit(url).query)
