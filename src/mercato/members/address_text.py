"""Paste recognition: the recipient, phone, region, street and postcode found in one pasted
line such as "张三 13812345678 广东省深圳市南山区科技园科苑路15号", in any order, with or
without labels (收货人：…), separators or a +86. Pure: what was not found is "" (the shopper
fills it in); nothing is ever invented."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from mercato.members.regions import SEPARATORS, Regions

MAX_TEXT = 300
_LABEL = (
    r"收货人|收件人|联系人|姓名|名字|手机号码|手机号|手机|联系电话|电话号码|电话|所在地区|所在地"
    r"|地区|详细地址|收货地址|地址|邮政编码|邮编"
)
_LABELLED = re.compile(rf"[【\[(]\s*(?:{_LABEL})\s*[】\])]|(?:{_LABEL})\s*[:：]")
# Labels no address contains: also taken without a colon.
_BARE = re.compile(r"收货人|收件人|联系人|手机号码|手机号|联系电话|详细地址|收货地址|所在地区")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[-\s]?)?(1[3-9]\d(?:[-\s]?\d){8})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[-\s]?(\d{7,8})(?:(?:-|转)(\d{1,6}))?(?!\d)")
_POSTCODE = re.compile(r"^\d{6}$")
_SPLIT = re.compile(r"[\s,;、|]+")
# What an address has and a name has not.
_PLACE = re.compile(r"[\d省市区县镇乡村路街道巷弄号楼栋室座层院园苑厦场站湾岛#\-]")
_NAME = re.compile(r"^(?:[\u4e00-\u9fff·]{1,5}|[A-Za-z][A-Za-z .'-]{0,24})$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z.'-]*$")
# A name stuck to the end of an address: "…15号张三".
_TAIL_NAME = re.compile(r"^(.*[号室楼座栋层元])([\u4e00-\u9fff]{2,4})$")


@dataclass(frozen=True, slots=True)
class Recognised:
    recipient: str = ""
    phone: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    postcode: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")[:MAX_TEXT]
    text = _LABELLED.sub(" ", text)
    return _BARE.sub(" ", text)


def _phone(text: str) -> tuple[str, str]:
    """The phone number (a mobile first) and the text without it."""
    found = _MOBILE.search(text)
    if found:
        digits = re.sub(r"\D", "", found.group(1))
        return digits, text[: found.start()] + " " + text[found.end() :]
    landline = _LANDLINE.search(text)
    if landline:
        area, number, ext = landline.groups()
        phone = f"{area}-{number}" + (f"-{ext}" if ext else "")
        return phone, text[: landline.start()] + " " + text[landline.end() :]
    return "", text


def _is_name(token: str, regions: Regions) -> bool:
    if not _NAME.match(token) or regions.split(token)[0]:
        return False
    return not (_PLACE.search(token) and len(token) > 4)


def _name_and_address(tokens: list[str], regions: Regions) -> tuple[str, list[str]]:
    """The recipient is the shortest token that is no place; the rest is the address."""
    names = [t for t in tokens if _is_name(t, regions)]
    if not names:
        return "", tokens
    name = min(names, key=len)
    rest = list(tokens)
    rest.remove(name)
    return name, rest


def _glued_name(address: str, regions: Regions) -> tuple[str, str]:
    """A name written against the address without a space: before the region ("张三广东省…")
    or after the house number ("…15号张三")."""
    for i in range(2, 5) if not regions.split(address)[0] else ():
        head, tail = address[:i], address[i:]
        if re.fullmatch(r"[\u4e00-\u9fff]+", head) and regions.split(tail)[1]:
            return head, tail
    found = _TAIL_NAME.match(address)
    if found:
        return found.group(2), found.group(1)
    return "", address


def _tokens(text: str) -> list[str]:
    """The text's parts between separators; Latin words in a row stay one name ("Tom Lee")."""
    out: list[str] = []
    for token in (t.strip(SEPARATORS) for t in _SPLIT.split(text)):
        if token and out and _LATIN.match(token) and _LATIN.match(out[-1].replace(" ", "")):
            out[-1] += " " + token
        elif token:
            out.append(token)
    return out


def recognise(text: str, regions: Regions) -> Recognised:
    """Everything that can be told apart in `text` (at most 300 characters are read)."""
    phone, rest = _phone(_clean(text))
    tokens = _tokens(rest)
    postcode = next((t for t in tokens if _POSTCODE.match(t)), "")
    if postcode:
        tokens.remove(postcode)
    name, parts = _name_and_address(tokens, regions)
    address = " ".join(parts)
    if not name and address:
        name, address = _glued_name(address, regions)
    province, city, district, street = regions.split(address)
    return Recognised(
        name[:40], phone, province, city, district, " ".join(street.split())[:120], postcode
    )
