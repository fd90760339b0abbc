"""Fapiao arithmetic and rules: tax split to the fen, discounts spread over lines, the amount in
capital figures, who may get which invoice, and how much a red-letter invoice may take back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mercato.finance import fapiao as f
from mercato.kernel.errors import DomainError

RATES = st.sampled_from([0, 100, 150, 300, 500, 600, 900, 1300])
SELLER = f.Party("杭州集市网络科技有限公司", "91330106MA2GL1234X")
COMPANY = f.Party(
    "上海云杉贸易有限公司", "91310115MA1K4ABCDE", "上海市浦东新区张江路 88 号", "021-50801234",
    "中国工商银行上海张江支行", "1001234509876543210",
)
AT = datetime(2026, 5, 1, 2, 30, tzinfo=UTC)


def _blue(lines: tuple[f.Line, ...], **kw: object) -> f.Invoice:
    args: dict[str, object] = {
        "number": "26332000000012345678", "kind": "blue", "vat_type": "ordinary",
        "issued_at": AT, "seller": SELLER, "buyer": f.Party("张伟"), "order_number": "M1",
        "lines": lines,
    }
    return f.Invoice(**{**args, **kw})  # type: ignore[arg-type]


def _code(call: object) -> tuple[str, str | None]:
    with pytest.raises(DomainError) as err:
        call()  # type: ignore[operator]
    return err.value.code, err.value.field


# --- split_tax -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("amount", "rate", "net", "tax"),
    [
        (11300, 1300, 10000, 1300),
        (10900, 900, 10000, 900),
        (10600, 600, 10000, 600),
        (10000, 0, 10000, 0),
        (1, 1300, 1, 0),
        (100, 1300, 88, 12),  # 88.495… rounds down
        (113, 1300, 100, 13),
        (17, 1300, 15, 2),  # 15.04
        (0, 1300, 0, 0),
        (-11300, 1300, -10000, -1300),
        (-100, 1300, -88, -12),
    ],
)
def test_split_tax_table(amount: int, rate: int, net: int, tax: int) -> None:
    assert f.split_tax(amount, rate) == (net, tax)


def test_split_rounds_half_up() -> None:
    # At 20% an amount of 3 fen has a net of exactly 2.5 fen: half up gives 3, tax 0.
    assert f.split_tax(3, 2000) == (3, 0)
    assert f.split_tax(-3, 2000) == (-3, 0)  # and half away from zero below it
    assert f.split_tax(1, 100) == (1, 0)


@given(st.integers(min_value=-10**12, max_value=10**12), RATES)
def test_split_is_exact_and_symmetric(amount: int, rate: int) -> None:
    net, tax = f.split_tax(amount, rate)
    assert net + tax == amount
    assert f.split_tax(-amount, rate) == (-net, -tax)
    # The net is the nearest fen to amount / (1 + rate).
    assert abs(net * (10000 + rate) - amount * 10000) * 2 <= 10000 + rate
    assert (tax >= 0) == (amount >= 0) or tax == 0


@pytest.mark.parametrize("rate", [-1, 10001, True, 13.0])
def test_a_rate_out_of_range_is_refused(rate: object) -> None:
    assert _code(lambda: f.split_tax(100, rate))[0] == "finance.invalid_rate"  # type: ignore[arg-type]


def test_rate_labels() -> None:
    assert [f.rate_label(r) for r in (1300, 900, 600, 300, 150, 0)] == [
        "13%", "9%", "6%", "3%", "1.5%", "0%"
    ]


# --- lines and invoices -----------------------------------------------------------------------

def test_line_properties() -> None:
    line = f.Line("纯棉T恤", "服装", 2, 17800, 1300)
    assert line.display_name == "*服装*纯棉T恤"
    assert (line.net_fen, line.tax_fen) == (15752, 2048)
    assert str(line.unit_price) == "78.76000000"
    assert f.Line("米", "谷物", 3, 20624, 900).unit_price is not None
    assert f.Line("折让", "服装", 0, -500, 1300).unit_price is None


def test_invoice_totals_add_up() -> None:
    inv = _blue(f.blue_lines([("T恤", "服装", 2, 17800, 1300), ("杯", "日用杂品", 1, 6900, 1300)],
                             1000, 1200))
    assert inv.total_fen == 17800 + 6900 - 1000 + 1200
    assert inv.net_fen + inv.tax_fen == inv.total_fen
    assert inv.net_fen == sum(ln.net_fen for ln in inv.lines)


def test_invoice_validation() -> None:
    good = (f.Line("T恤", "服装", 1, 100, 1300),)
    red = (f.Line("T恤", "服装", -1, -100, 1300),)
    assert _code(lambda: _blue(()))[0] == "finance.no_lines"
    assert _code(lambda: _blue(red))[0] == "finance.invalid_line"
    assert _code(lambda: _blue(good, kind="red"))[0] == "finance.red_needs_original"
    assert _code(lambda: _blue(good, kind="red", original_number="1"))[0] == "finance.invalid_line"
    assert _blue(red, kind="red", original_number="1").total_fen == -100
    assert _code(lambda: _blue(good, original_number="1"))[1] == "original_number"
    assert _code(lambda: _blue(good, kind="green"))[1] == "kind"
    assert _code(lambda: _blue(good, issued_at=datetime(2026, 5, 1)))[1] == "issued_at"
    # A special invoice's buyer is checked as a company's: a bare name lacks the tax ID.
    assert _code(lambda: _blue(good, vat_type="special")) == ("finance.invalid_tax_id", "tax_id")
    assert _blue(good, vat_type="special", buyer=COMPANY).vat_type == "special"
    assert _code(lambda: f.Line(" ", "服装", 1, 100, 1300))[0] == "finance.invalid_line"
    assert _code(lambda: f.Line("T恤", "服装", 1, 1.5, 1300))[0] == "finance.invalid_line"  # type: ignore[arg-type]


# --- allocate and blue lines ------------------------------------------------------------------

def test_allocate_by_largest_remainder() -> None:
    assert f.allocate(100, [1, 1, 1]) == [34, 33, 33]  # the tie goes to the first line
    assert f.allocate(10, [0, 5, 5]) == [0, 5, 5]
    assert f.allocate(7, [300, 200, 100]) == [4, 2, 1]  # 3.5, 2.33, 1.17 → 3+1, 2, 1
    assert f.allocate(0, [5, 5]) == [0, 0]
    assert f.allocate(0, []) == []
    assert _code(lambda: f.allocate(5, [0, 0]))[0] == "finance.invalid_allocation"
    assert _code(lambda: f.allocate(-1, [1]))[0] == "finance.invalid_allocation"


@given(st.integers(0, 10**9), st.lists(st.integers(0, 10**8), min_size=1, max_size=30))
def test_allocate_sums_exactly_and_is_never_negative(total: int, weights: list[int]) -> None:
    if sum(weights) == 0:
        total = 0
    shares = f.allocate(total, weights)
    assert sum(shares) == total
    assert all(s >= 0 for s in shares)
    assert all(s == 0 for s, w in zip(shares, weights, strict=True) if w == 0)
    whole = sum(weights) or 1
    # Each share is its exact proportion rounded down or up, never further.
    assert all(abs(s * whole - total * w) < whole for s, w in zip(shares, weights, strict=True))
    if total <= whole:  # a discount no larger than the goods leaves no line below zero
        assert all(s <= w for s, w in zip(shares, weights, strict=True))


GOODS = st.lists(
    st.tuples(st.just("商品"), st.just("服装"), st.integers(1, 50), st.integers(0, 10**7), RATES),
    min_size=1, max_size=20,
)


@given(GOODS, st.data(), st.integers(0, 10**6), RATES)
def test_blue_lines_add_up_to_the_order_total(
    goods: list[f.Goods], data: st.DataObject, shipping: int, shipping_rate: int
) -> None:
    subtotal = sum(g[3] for g in goods)
    discount = data.draw(st.integers(0, subtotal))
    lines = f.blue_lines(goods, discount, shipping, shipping_rate)
    assert sum(ln.amount_fen for ln in lines) == subtotal - discount + shipping
    assert all(ln.amount_fen > 0 for ln in lines)
    assert sum(ln.net_fen + ln.tax_fen for ln in lines) == subtotal - discount + shipping


def test_blue_lines_shape() -> None:
    lines = f.blue_lines([("T恤", "服装", 2, 20000, 1300), ("杯", "日用杂品", 1, 10000, 1300)],
                         3000, 1000)
    assert [ln.amount_fen for ln in lines] == [18000, 9000, 1000]
    ship = lines[-1]
    assert (ship.display_name, ship.rate_bp, ship.unit, ship.quantity) == (
        "*运输服务*运费", 900, "次", 1
    )
    # No shipping line when shipping is free; a line discounted to nothing is left out.
    assert f.blue_lines([("赠品", "服装", 1, 100, 1300), ("T恤", "服装", 1, 9900, 1300)],
                        100, 0)[0].name in ("赠品", "T恤")
    assert len(f.blue_lines([("T恤", "服装", 1, 100, 1300)], 0, 0)) == 1
    assert f.blue_lines([("T恤", "服装", 1, 100, 1300)], 100, 500)[0].name == "运费"
    assert _code(lambda: f.blue_lines([("T恤", "服装", 1, 100, 1300)], 101, 0))[0] == (
        "finance.discount_exceeds_goods"
    )


# --- red lines --------------------------------------------------------------------------------

def _order() -> f.Invoice:
    goods = [("T恤", "服装", 2, 20000, 1300), ("杯", "日用杂品", 1, 10000, 1300)]
    return _blue(f.blue_lines(goods, 0, 1000))


def test_red_lines_reverse_the_blue_ones() -> None:
    blue = _order()
    red = f.red_lines(blue, {0: (2, 20000), 2: (0, 1000)})
    assert [(ln.quantity, ln.amount_fen) for ln in red] == [(-2, -20000), (0, -1000)]
    assert red[0].tax_fen == -blue.lines[0].tax_fen  # the whole line's VAT comes back exactly
    inv = _blue(red, kind="red", original_number=blue.number)
    assert inv.total_fen == -21000


def test_red_lines_cannot_exceed_the_blue_line() -> None:
    blue = _order()
    assert _code(lambda: f.red_lines(blue, {0: (3, 100)}))[0] == "finance.credit_exceeds_invoice"
    assert _code(lambda: f.red_lines(blue, {1: (1, 10001)}))[0] == (
        "finance.credit_exceeds_invoice"
    )
    # What earlier red-letter invoices took back counts.
    assert _code(lambda: f.red_lines(blue, {0: (1, 10000)}, {0: (2, 10000)}))[0] == (
        "finance.credit_exceeds_invoice"
    )
    assert _code(lambda: f.red_lines(blue, {0: (0, 10001)}, {0: (1, 10000)}))[0] == (
        "finance.credit_exceeds_invoice"
    )
    assert f.red_lines(blue, {0: (1, 10000)}, {0: (1, 10000)})[0].amount_fen == -10000
    assert _code(lambda: f.red_lines(blue, {5: (1, 1)}))[0] == "finance.invalid_line"
    assert _code(lambda: f.red_lines(blue, {0: (1, 0)}))[0] == "finance.invalid_line"
    assert _code(lambda: f.red_lines(blue, {}))[0] == "finance.nothing_to_credit"
    red = _blue(f.red_lines(blue, {0: (1, 1)}), kind="red", original_number=blue.number)
    assert _code(lambda: f.red_lines(red, {0: (0, 1)}))[0] == "finance.invalid_invoice"


# --- buyers -----------------------------------------------------------------------------------

def test_check_buyer_accepts_and_cleans() -> None:
    assert f.check_buyer("personal", "ordinary", f.Party("  张  伟 ")) == f.Party("张 伟")
    company = f.check_buyer("company", "ordinary", f.Party("云杉", "91310115ma1k4abcde"))
    assert company.tax_id == "91310115MA1K4ABCDE"
    special = f.check_buyer("company", "special", COMPANY)
    assert special == COMPANY
    spaced = f.Party(COMPANY.name, "9131 0115 MA1K 4ABC DE", COMPANY.address, COMPANY.phone,
                     COMPANY.bank, "1001 2345 0987 6543 210")
    assert f.check_buyer("company", "special", spaced) == COMPANY
    for tax_id in ("123456789012345", "12345678901234567890"):
        assert f.check_buyer("company", "ordinary", f.Party("x", tax_id)).tax_id == tax_id


@pytest.mark.parametrize(
    ("kind", "vat_type", "party", "code", "field"),
    [
        ("personal", "ordinary", f.Party(" "), "finance.invalid_buyer", "name"),
        ("robot", "ordinary", f.Party("x"), "finance.invalid_buyer", "kind"),
        ("personal", "fancy", f.Party("x"), "finance.invalid_vat_type", "vat_type"),
        ("personal", "special", f.Party("张伟"), "finance.special_needs_company", "kind"),
        ("company", "ordinary", f.Party("云杉"), "finance.invalid_tax_id", "tax_id"),
        ("company", "ordinary", f.Party("云杉", "9131011"), "finance.invalid_tax_id", "tax_id"),
        ("company", "ordinary", f.Party("云杉", "91310115MA1K4ABCD!"), "finance.invalid_tax_id",
         "tax_id"),
        ("company", "special", f.Party("云杉", "91310115MA1K4ABCDE"),
         "finance.special_needs_details", "address"),
        ("company", "special", f.Party("云杉", "91310115MA1K4ABCDE", "上海"),
         "finance.special_needs_details", "phone"),
        ("company", "special", f.Party("云杉", "91310115MA1K4ABCDE", "上海", "021"),
         "finance.special_needs_details", "bank"),
        ("company", "special", f.Party("云杉", "91310115MA1K4ABCDE", "上海", "021", "工行"),
         "finance.special_needs_details", "account"),
        ("personal", "ordinary", f.Party("张" * 101), "finance.invalid_buyer", "name"),
    ],
)
def test_check_buyer_errors(
    kind: str, vat_type: str, party: f.Party, code: str, field: str
) -> None:
    assert _code(lambda: f.check_buyer(kind, vat_type, party)) == (code, field)


# --- amounts in words -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (0, "零圆整"),
        (1, "壹分"),
        (10, "壹角"),
        (11, "壹角壹分"),
        (100, "壹圆整"),
        (105, "壹圆零伍分"),
        (150, "壹圆伍角"),
        (1000, "壹拾圆整"),
        (1005, "壹拾圆零伍分"),
        (10000, "壹佰圆整"),
        (10100, "壹佰零壹圆整"),
        (11000, "壹佰壹拾圆整"),
        (12345, "壹佰贰拾叁圆肆角伍分"),
        (100100, "壹仟零壹圆整"),
        (101000, "壹仟零壹拾圆整"),
        (999999, "玖仟玖佰玖拾玖圆玖角玖分"),
        (1000000, "壹万圆整"),
        (1000100, "壹万零壹圆整"),
        (1010000, "壹万零壹佰圆整"),
        (1100000, "壹万壹仟圆整"),
        (10000000, "壹拾万圆整"),
        (20010000, "贰拾万零壹佰圆整"),
        (100000000, "壹佰万圆整"),
        (1640902, "壹万陆仟肆佰零玖圆零贰分"),
        (1000000000, "壹仟万圆整"),
        (9999999999, "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖圆玖角玖分"),
        (10000000000, "壹亿圆整"),
        (10000000100, "壹亿零壹圆整"),
        (10000100000, "壹亿零壹仟圆整"),
        (10001000000, "壹亿零壹万圆整"),
        (10100000000, "壹亿零壹佰万圆整"),
        (11000000000, "壹亿壹仟万圆整"),
        (100000000000, "壹拾亿圆整"),
        (1000000000000000, "壹拾万亿圆整"),
        (100000000000000000, "壹仟万亿圆整"),
        (100010000000000, "壹万零壹亿圆整"),
        (-12345, "（负数）壹佰贰拾叁圆肆角伍分"),
        (-10000, "（负数）壹佰圆整"),
    ],
)
def test_yuan_in_words(fen: int, words: str) -> None:
    assert f.yuan_in_words(fen) == words


@given(st.integers(0, 10**14))
def test_words_never_double_a_zero_or_end_on_one(fen: int) -> None:
    words = f.yuan_in_words(fen)
    assert "零零" not in words
    assert not words.startswith("零") or fen == 0
    assert words.endswith(("整", "角", "分"))
    assert "零圆" not in words or fen == 0
