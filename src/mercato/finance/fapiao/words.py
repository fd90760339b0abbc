"""Amounts in capital figures (大写金额), as the 价税合计 box and cheques write them."""

from __future__ import annotations

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")


def _below_10k(n: int) -> str:
    out: list[str] = []
    zero = False
    for place in range(3, -1, -1):
        digit = n // 10**place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[digit] + _PLACES[place])
    return "".join(out)


def _integer_words(n: int) -> str:
    """A whole number in capital figures: 壹亿零壹佰万, 壹万零壹, 壹拾万."""
    for size, unit in ((10**8, "亿"), (10**4, "万")):
        if n >= size:
            rest = n % size
            gap = "零" if 0 < rest < size // 10 else ""
            return _integer_words(n // size) + unit + gap + (_integer_words(rest) if rest else "")
    return _below_10k(n)


def yuan_in_words(fen: int) -> str:
    """价税合计（大写）: 12345 fen → 壹佰贰拾叁圆肆角伍分, 10000 → 壹佰圆整."""
    if fen < 0:
        return "（负数）" + yuan_in_words(-fen)
    yuan, rest = divmod(fen, 100)
    head = _integer_words(yuan) + "圆" if yuan else ""
    if not rest:
        return (head or "零圆") + "整"
    jiao, cent = divmod(rest, 10)
    # A zero 角 before a 分 is written out (壹拾圆零伍分), so the figure cannot be altered.
    tail = _DIGITS[jiao] + "角" if jiao else ("零" if head else "")
    return head + tail + (_DIGITS[cent] + "分" if cent else "")
