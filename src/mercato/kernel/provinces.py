"""China's provincial-level divisions by their full Chinese names, pure. The address book
stores the province as typed, so a parcel's province is matched to a fee rule only after
`canonical` maps common short forms ("广东", "新疆") to the full name ("广东省", ...).

Shared by checkout (fee rules), inventory (where a warehouse is) and the catalogue (the
product page's "deliver to" choice); `CODES` names the mainland ones by their two-digit
GB/T 2260 code, which a browser can keep in a cookie, with their English names."""

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


# Mainland provincial-level divisions by GB/T 2260 code: (full name, English name).
CODES: dict[str, tuple[str, str]] = {
    "11": ("北京市", "Beijing"),
    "12": ("天津市", "Tianjin"),
    "13": ("河北省", "Hebei"),
    "14": ("山西省", "Shanxi"),
    "15": ("内蒙古自治区", "Inner Mongolia"),
    "21": ("辽宁省", "Liaoning"),
    "22": ("吉林省", "Jilin"),
    "23": ("黑龙江省", "Heilongjiang"),
    "31": ("上海市", "Shanghai"),
    "32": ("江苏省", "Jiangsu"),
    "33": ("浙江省", "Zhejiang"),
    "34": ("安徽省", "Anhui"),
    "35": ("福建省", "Fujian"),
    "36": ("江西省", "Jiangxi"),
    "37": ("山东省", "Shandong"),
    "41": ("河南省", "Henan"),
    "42": ("湖北省", "Hubei"),
    "43": ("湖南省", "Hunan"),
    "44": ("广东省", "Guangdong"),
    "45": ("广西壮族自治区", "Guangxi"),
    "46": ("海南省", "Hainan"),
    "50": ("重庆市", "Chongqing"),
    "51": ("四川省", "Sichuan"),
    "52": ("贵州省", "Guizhou"),
    "53": ("云南省", "Yunnan"),
    "54": ("西藏自治区", "Tibet"),
    "61": ("陕西省", "Shaanxi"),
    "62": ("甘肃省", "Gansu"),
    "63": ("青海省", "Qinghai"),
    "64": ("宁夏回族自治区", "Ningxia"),
    "65": ("新疆维吾尔自治区", "Xinjiang"),
}
_CODE_OF = {name: code for code, (name, _en) in CODES.items()}


def code_of(name: str) -> str | None:
    """The two-digit code of a mainland province given in full or short form, else None."""
    return _CODE_OF.get(canonical(name))


def short_name(name: str) -> str:
    """How a page names a province in little space: "广东省" → "广东", "新疆维吾尔自治区" →
    "新疆"; other text as given."""
    return _short(name) if name in _KNOWN else name
