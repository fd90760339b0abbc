"""How long a parcel takes from a warehouse's province to the shopper's, and when it leaves:
the product page's "预计X月X日送达", pure.

The rule, by the seven geographical regions of China (华北, 东北, 华东, 华中, 华南, 西南, 西北):
- same province: 1 day;
- same region, or provinces that share a border: 2 days;
- regions that adjoin (华东-华南, 华中-西南, ...): 3 days; any farther: 4 days;
- to or from Xinjiang or Tibet (another province): 5 days within the west (西南, 西北), 6 from
  anywhere else.
Orders paid before CUTOFF (shop time) leave the same day, later ones the next day; parcels
leave every day. Only mainland provinces are known: elsewhere there is no estimate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mercato.kernel.provinces import canonical

CUTOFF = time(16, 0)
REMOTE = frozenset({"新疆维吾尔自治区", "西藏自治区"})
WEST = frozenset({"西南", "西北"})

_REGIONS = {
    "华北": "北京 天津 河北 山西 内蒙古",
    "东北": "辽宁 吉林 黑龙江",
    "华东": "上海 江苏 浙江 安徽 福建 江西 山东",
    "华中": "河南 湖北 湖南",
    "华南": "广东 广西 海南",
    "西南": "重庆 四川 贵州 云南 西藏",
    "西北": "陕西 甘肃 青海 宁夏 新疆",
}
_ADJOINING = (
    "华北-东北 华北-华东 华北-华中 华北-西北 华东-华中 华东-华南 华中-华南 华中-西南 华中-西北 "
    "华南-西南 西南-西北"
)
# Provinces that share a border (or a strait: 广东-海南), each pair once.
_BORDERS = (
    "北京-天津 北京-河北 天津-河北 河北-山西 河北-内蒙古 河北-辽宁 河北-山东 河北-河南 "
    "山西-内蒙古 山西-陕西 山西-河南 内蒙古-黑龙江 内蒙古-吉林 内蒙古-辽宁 内蒙古-陕西 "
    "内蒙古-宁夏 内蒙古-甘肃 辽宁-吉林 吉林-黑龙江 上海-江苏 上海-浙江 江苏-浙江 江苏-安徽 "
    "江苏-山东 浙江-安徽 浙江-江西 浙江-福建 安徽-江西 安徽-湖北 安徽-河南 安徽-山东 福建-江西 "
    "福建-广东 江西-湖北 江西-湖南 江西-广东 山东-河南 河南-陕西 河南-湖北 湖北-湖南 湖北-重庆 "
    "湖北-陕西 湖南-广东 湖南-广西 湖南-贵州 湖南-重庆 广东-广西 广东-海南 广西-贵州 广西-云南 "
    "重庆-四川 重庆-贵州 重庆-陕西 四川-贵州 四川-云南 四川-西藏 四川-青海 四川-甘肃 四川-陕西 "
    "贵州-云南 云南-西藏 西藏-新疆 西藏-青海 陕西-甘肃 陕西-宁夏 甘肃-青海 甘肃-新疆 甘肃-宁夏 "
    "青海-新疆"
)
REGION_OF = {canonical(p): region for region, names in _REGIONS.items() for p in names.split()}
_NEAR_REGIONS = {frozenset(pair.split("-")) for pair in _ADJOINING.split()}
_NEIGHBOURS = {frozenset(canonical(p) for p in pair.split("-")) for pair in _BORDERS.split()}


def transit_days(origin: str, dest: str) -> int | None:
    """Days on the road from province `origin` to `dest` (full or short names), by the rule
    above; None when either is not a mainland province."""
    a, b = canonical(origin), canonical(dest)
    if a not in REGION_OF or b not in REGION_OF:
        return None
    if a == b:
        return 1
    ra, rb = REGION_OF[a], REGION_OF[b]
    if a in REMOTE or b in REMOTE:
        return 5 if ra in WEST and rb in WEST else 6
    if ra == rb or frozenset((a, b)) in _NEIGHBOURS:
        return 2
    return 3 if frozenset((ra, rb)) in _NEAR_REGIONS else 4


@dataclass(frozen=True, slots=True)
class Estimate:
    """Where a parcel would leave from (province), days on the road, whether it leaves today
    and the shop-local day it should arrive."""

    origin: str
    days: int
    ships_today: bool
    arrives: date


def estimate(origins: Iterable[str], dest: str, now: datetime) -> Estimate | None:
    """The earliest arrival in `dest` from any of the `origins` (provinces of warehouses that
    hold the goods) for an order paid at `now`, a shop-local time; None when no origin is
    known or `dest` is not a mainland province."""
    found = [(d, canonical(o)) for o in set(origins) if (d := transit_days(o, dest)) is not None]
    if not found:
        return None
    days, origin = min(found)
    ships_today = now.time() < CUTOFF
    leaves = now.date() + timedelta(days=0 if ships_today else 1)
    return Estimate(origin, days, ships_today, leaves + timedelta(days=days))
