"""China's provincial-level divisions by their full Chinese names, pure. The address book
stores the province as typed, so a parcel's province is matched to a fee rule only after
`canonical` maps common short forms ("广东", "新疆") to the full name ("广东省", ...)."""

from __future__ import annotations

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
PROVINCES = (
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
)
AUTONOMOUS_REGIONS = (
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
)
MAINLAND = MUNICIPALITIES + PROVINCES + AUTONOMOUS_REGIONS  # the 31 of the mainland
ALL = (*MAINLAND, "台湾省", "香港特别行政区", "澳门特别行政区")

# Longest first: "广西壮族自治区" must lose "壮族自治区", not just "自治区".
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


_BY_SHORT = {_short(name): name for name in ALL}
_KNOWN = frozenset(ALL)
_RANK = {"*": 0} | {name: i for i, name in enumerate(ALL, 1)}


def canonical(raw: str) -> str:
    """The full name of a province given in full or short form, whitespace ignored; any
    other text comes back without its whitespace (it then matches only "*" rules)."""
    text = "".join(raw.split())
    return _BY_SHORT.get(text) or _BY_SHORT.get(_short(text), text)


def is_known(name: str) -> bool:
    return name in _KNOWN


def ordered(names: frozenset[str] | set[str]) -> list[str]:
    """Names in the order of `ALL` ("*" first, unknown names last): stable for display."""
    return sorted(names, key=lambda n: (_RANK.get(n, len(ALL) + 1), n))
