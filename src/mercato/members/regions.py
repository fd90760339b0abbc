"""Mainland China's provinces, cities and districts: the bundled data set (npm @vant/area-data,
MIT, reshaped in web/static/vendor/china-regions.json, the same file the browser's region
picker loads). Which combinations are real, full names for short ones ("广东" → "广东省"), and
the region at the start of free text (paste recognition). Pure once loaded."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from mercato.kernel.errors import DomainError

DATA = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor" / "china-regions.json"
SEPARATORS = " \t\r\n,，;；、|/\\:：-—()（）[]【】"
# Names of autonomous prefectures, counties and banners carry their peoples' names: the short
# form is what comes before them ("恩施土家族苗族自治州" → "恩施").
_PEOPLES = (
    "土家|苗|藏|羌|彝|白|傣|景颇|傈僳|哈尼|壮|布依|侗|朝鲜|蒙古|回|哈萨克|柯尔克孜|黎|畲|瑶|满"
    "|仡佬|水|纳西|普米|怒|独龙|拉祜|佤|布朗|撒拉|土|裕固|保安|东乡|达斡尔|鄂温克|鄂伦春|锡伯"
    "|塔吉克|维吾尔|毛南|仫佬|各族|基诺|阿昌|德昂|门巴|珞巴|赫哲|俄罗斯|乌孜别克|塔塔尔|高山"
)
_AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:(?:{_PEOPLES})族?)+自治(?:区|州|县|旗)$")
_SUFFIX = re.compile(r"^(.{2,}?)(?:特别行政区|自治区|新区|林区|地区|省|市|区|县|盟|旗)$")

Tree = dict[str, dict[str, tuple[str, ...]]]
Target = tuple[str, ...]  # (province,) | (province, city) | (province, city, district)


def short(name: str) -> str:
    """The name without its kind ("深圳市" → "深圳"); "" when that leaves under 2 characters."""
    found = _AUTONOMOUS.match(name) or _SUFFIX.match(name)
    return found.group(1) if found else ""


def _aliases(names: Iterable[str], target: Target, level: int) -> list[tuple[str, int, Target]]:
    """(alias, rank, target): full names rank above short ones, higher levels above lower."""
    out = []
    for name in names:
        out.append((name, 10 - level, (*target, name)))
        if s := short(name):
            out.append((s, 5 - level, (*target, name)))
            if name.endswith("自治州"):  # written "恩施州", "大理州"
                out.append((s + "州", 7 - level, (*target, name)))
    return out


def _best(text: str, options: list[tuple[str, int, Target]]) -> tuple[Target, str] | None:
    """The option whose alias starts `text`: the longest, then the best ranked; None when two
    different places tie (朝阳区 is in Beijing and in Changchun)."""
    found = [o for o in options if text.startswith(o[0])]
    if not found:
        return None
    top = max((len(a), r) for a, r, _t in found)
    winners = {t for a, r, t in found if (len(a), r) == top}
    if len(winners) != 1:
        return None
    alias = next(a for a, r, _t in found if (len(a), r) == top)
    return winners.pop(), alias


class Regions:
    """The divisions as province → city → districts, with lookups."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        top = _aliases(tree, (), 0)
        for p, cities in tree.items():
            top += _aliases(cities, (p,), 1)
            top += [(d, 8, (p, c, d)) for c, ds in cities.items() for d in ds]
        self._top = top

    def resolve(self, province: str, city: str, district: str) -> tuple[str, str, str]:
        """Full names of a real province / city / district combination (short forms taken
        when they name one place); DomainError naming the first field that does not fit."""
        p = self._pick(province, self.tree, "province", "Choose a province from the list")
        cities = self.tree[p]
        if len(cities) == 1 and city.strip() in ("", p, short(p)):
            city = next(iter(cities))
        c = self._pick(city, cities, "city", "This city is not in that province")
        d = self._pick(district, cities[c], "district", "This district is not in that city")
        return p, c, d

    @staticmethod
    def _pick(value: str, names: Iterable[str], field: str, message: str) -> str:
        v = "".join((value or "").split())
        names = list(names)
        if v in names:
            return v
        matches = [n for n in names if short(n) == v and v]
        if len(matches) != 1:
            raise DomainError(f"members.invalid_{field}", message, field)
        return matches[0]

    def split(self, text: str) -> tuple[str, str, str, str]:
        """(province, city, district, the rest) of the region `text` starts with; the parts
        not found are "". A district named in short form is kept in the rest ("南山科技园"),
        as the rest may be a street named after it."""
        place, rest = self._step(text, self._top)
        if not place:
            return "", "", "", text
        p = place[0]
        if len(place) == 1:
            place, rest = self._city(p, rest)
        if len(place) == 2:
            found, rest = self._step(rest, _aliases(self.tree[p][place[1]], place, 2))
            place = found or place
        full = (*place, "", "", "")
        return full[0], full[1], full[2], rest.strip(SEPARATORS)

    def _city(self, p: str, text: str) -> tuple[Target, str]:
        cities = self.tree[p]
        found, rest = self._step(text, _aliases(cities, (p,), 1))
        if found:
            return found, rest
        districts: list[tuple[str, int, Target]] = [
            (d, 8, (p, c, d)) for c, ds in cities.items() for d in ds
        ]
        districts += [(short(d), 3, (p, c, d)) for c, ds in cities.items() for d in ds if short(d)]
        found, rest = self._step(text, districts)
        if found:
            return found, rest
        return ((p, next(iter(cities))) if len(cities) == 1 else (p,)), text

    @staticmethod
    def _step(text: str, options: list[tuple[str, int, Target]]) -> tuple[Target, str]:
        text = text.lstrip(SEPARATORS)
        best = _best(text, options)
        if best is None:
            return (), text
        place, alias = best
        full = alias == place[-1]
        return place, (text[len(alias) :] if full or len(place) < 3 else text)


@cache
def regions() -> Regions:
    """The bundled data set, read once."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    tree: Tree = {p: {c: tuple(ds) for c, ds in cities} for p, cities in data["regions"]}
    return Regions(tree)
