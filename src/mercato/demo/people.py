"""Demo customers: Chinese names, mobile numbers and delivery addresses spread over the
provinces roughly as online shoppers are (Guangdong, Zhejiang and Jiangsu first), with real
cities and districts from the bundled region data (the same file addresses are checked
against). Pure and seeded: the same seed gives the same people."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

REGIONS = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor" / "china-regions.json"
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红鹏辉玲飞建波宁欣雪琳晨浩宇轩涵睿"
    "思佳怡晓彤雨婷梓萱子涵一诺若曦文博家豪俊杰志远嘉怡紫琪梦瑶诗琪雅楠天佑沐阳欣怡晨曦"
)
PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "173", "176", "177", "180", "181", "182", "183",
    "185", "186", "187", "188", "189", "191", "199",
)  # fmt: skip
ROADS = (
    "人民路", "中山路", "解放路", "建设路", "文化路", "和平路", "新华路", "滨江路", "学府路",
    "科技路", "长江路", "黄河路", "青年路", "幸福路", "光明路", "迎宾大道", "世纪大道", "南京路",
    "北京路", "花园路", "体育路", "东风路", "工业园路",
)  # fmt: skip
PLACES = ("小区", "花园", "公寓", "家园", "苑", "大厦", "广场", "新村")
PLACE_NAMES = (
    "阳光", "锦绣", "翠湖", "金地", "万科", "保利", "绿城", "碧桂园", "华润", "龙湖", "紫荆",
    "东方", "海棠", "桂花", "星河",
)  # fmt: skip
# Share of online orders by province (a rough picture): the first characters of its name.
PROVINCE_WEIGHTS = {
    "广东": 14, "浙江": 10, "江苏": 10, "上海": 7, "北京": 6, "山东": 6, "福建": 5, "四川": 5,
    "湖北": 4, "河南": 4, "湖南": 3, "安徽": 3, "河北": 3, "陕西": 2, "重庆": 2, "天津": 2,
    "辽宁": 2, "江西": 2, "广西": 2, "云南": 1.5, "山西": 1, "黑龙": 1, "吉林": 1, "贵州": 1,
    "内蒙": 1, "海南": 0.7, "新疆": 0.5, "甘肃": 0.5, "宁夏": 0.3, "青海": 0.2, "西藏": 0.1,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    phone: str
    joined: datetime  # stored time (naive UTC)
    weight: float  # how often this customer orders, relative to the others
    addresses: tuple[dict[str, str], ...]  # the first is the default


@cache
def _regions() -> tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]:
    raw = json.loads(REGIONS.read_text(encoding="utf-8"))["regions"]
    return tuple(
        (province, tuple((city, tuple(districts)) for city, districts in cities))
        for province, cities in raw
    )


def _province(rng: random.Random) -> tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    regions = _regions()
    weights = [PROVINCE_WEIGHTS.get(p[:2], 0.3) for p, _cities in regions]
    return rng.choices(regions, weights)[0]


def address(rng: random.Random, recipient: str, phone: str) -> dict[str, str]:
    province, cities = _province(rng)
    city, districts = rng.choice([c for c in cities if c[1]] or list(cities))
    district = rng.choice(districts) if districts else city
    place = rng.choice(PLACE_NAMES) + rng.choice(PLACES)
    room = f"{rng.randint(1, 32)}{rng.randint(1, 4):02d}"
    street = (
        f"{rng.choice(ROADS)}{rng.randint(1, 999)}号{place}"
        f"{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元{room}室"
    )
    return {
        "recipient": recipient,
        "phone": phone,
        "province": province,
        "city": city,
        "district": district,
        "street": street,
        "postcode": "",
    }


def _name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.3 else 2))
    return rng.choice(SURNAMES) + given


def _phone(rng: random.Random, taken: set[str]) -> str:
    while True:
        phone = rng.choice(PREFIXES) + f"{rng.randrange(10**8):08d}"
        if phone not in taken:
            taken.add(phone)
            return phone


def people(rng: random.Random, count: int, first: datetime, last: datetime) -> list[Person]:
    """`count` customers who joined between `first` and `last` (more of them lately), oldest
    first. A few order often, most now and then (log-normal weights); one in five also has
    a work address, and one in eight sends to someone else."""
    taken: set[str] = set()
    span = (last - first).total_seconds()
    out = []
    for _ in range(count):
        name, phone = _name(rng), _phone(rng, taken)
        joined = first + timedelta(seconds=span * rng.random() ** 0.7)
        home = address(rng, name, phone)
        extra: tuple[dict[str, str], ...] = ()
        if rng.random() < 0.2:
            extra += (address(rng, name, phone),)
        if rng.random() < 0.125:
            extra += (address(rng, _name(rng), _phone(rng, taken)),)
        weight = rng.lognormvariate(0, 0.9)
        out.append(Person(name, phone, joined, weight, (home, *extra)))
    out.sort(key=lambda p: p.joined)
    return out
