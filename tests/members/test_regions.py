"""Mainland China's divisions (the bundled data set) and paste recognition, without HTTP."""

from __future__ import annotations

import json

import pytest

from mercato.kernel.errors import DomainError
from mercato.members.address_text import recognise
from mercato.members.regions import DATA, regions, short

R = regions()


def test_the_data_set_is_the_mainland_in_full() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert data["source"] == "@vant/area-data@2.1.0 (MIT)"
    assert len(R.tree) == 31 and "台湾省" not in R.tree and "香港特别行政区" not in R.tree
    assert sum(len(c) for c in R.tree.values()) > 330
    assert sum(len(d) for c in R.tree.values() for d in c.values()) > 3000
    shanghai = R.tree["上海市"]["上海市"]
    assert shanghai[:1] == ("黄浦区",) and "浦东新区" in shanghai
    assert DATA.stat().st_size < 60_000  # lazy-loaded by the picker: keep it small


@pytest.mark.parametrize(
    ("name", "short_name"),
    [
        ("广东省", "广东"),
        ("广西壮族自治区", "广西"),
        ("内蒙古自治区", "内蒙古"),
        ("新疆维吾尔自治区", "新疆"),
        ("深圳市", "深圳"),
        ("恩施土家族苗族自治州", "恩施"),
        ("西双版纳傣族自治州", "西双版纳"),
        ("巴音郭楞蒙古自治州", "巴音郭楞"),
        ("大兴安岭地区", "大兴安岭"),
        ("阿拉善盟", "阿拉善"),
        ("浦东新区", "浦东"),
        ("神农架林区", "神农架"),
        ("城区", ""),
    ],
)
def test_short_names(name: str, short_name: str) -> None:
    assert short(name) == short_name


@pytest.mark.parametrize(
    ("given", "full"),
    [
        (("广东省", "深圳市", "南山区"), ("广东省", "深圳市", "南山区")),
        (("广东", "深圳", "南山"), ("广东省", "深圳市", "南山区")),
        ((" 上海市 ", "", "浦东新区"), ("上海市", "上海市", "浦东新区")),
        (("北京", "北京市", "朝阳区"), ("北京市", "北京市", "朝阳区")),
        (("湖北省", "省直辖县", "仙桃市"), ("湖北省", "省直辖县", "仙桃市")),
        (("吉林省", "吉林市", "船营区"), ("吉林省", "吉林市", "船营区")),
    ],
)
def test_real_combinations_resolve_to_full_names(given: tuple, full: tuple) -> None:
    assert R.resolve(*given) == full


@pytest.mark.parametrize(
    ("given", "field"),
    [
        (("火星", "深圳市", "南山区"), "province"),
        (("", "深圳市", "南山区"), "province"),
        (("广东省", "北京市", "朝阳区"), "city"),
        (("广东省", "", "南山区"), "city"),
        (("广东省", "深圳市", "朝阳区"), "district"),
        (("广东省", "深圳市", ""), "district"),
        (("台湾省", "台北市", "中正区"), "province"),
    ],
)
def test_anything_else_names_the_field(given: tuple, field: str) -> None:
    with pytest.raises(DomainError) as err:
        R.resolve(*given)
    assert err.value.field == field and err.value.code == f"members.invalid_{field}"


ZHANG = ("张三", "13812345678", "广东省", "深圳市", "南山区")
CASES = [
    # (pasted, recipient, phone, province, city, district, street, postcode)
    ("张三 13812345678 广东省深圳市南山区科技园科苑路15号", *ZHANG, "科技园科苑路15号", ""),
    ("广东省深圳市南山区科技园科苑路15号 张三 13812345678", *ZHANG, "科技园科苑路15号", ""),
    ("张三，13812345678，广东省深圳市南山区科技园科苑路15号", *ZHANG, "科技园科苑路15号", ""),
    ("张三13812345678广东省深圳市南山区科苑路15号", *ZHANG, "科苑路15号", ""),
    ("广东省深圳市南山区科苑路15号张三13812345678", *ZHANG, "科苑路15号", ""),
    ("张三 138 1234 5678 广东 深圳 南山区 科苑路15号", *ZHANG, "科苑路15号", ""),
    ("张三 +86 138-1234-5678 深圳市南山区科苑路15号", *ZHANG, "科苑路15号", ""),
    ("张三 8613812345678 深圳南山区科苑路15号 518057", *ZHANG, "科苑路15号", "518057"),
    (
        "收货人：张三\n手机号码：13812345678\n所在地区：广东省 深圳市 南山区\n详细地址：科苑路15号",
        *ZHANG, "科苑路15号", "",
    ),
    ("姓名:张三 电话:13812345678 地址:广东省深圳市南山区科苑路15号", *ZHANG, "科苑路15号", ""),
    ("【收件人】张三【电话】13812345678【地址】广东省深圳市南山区科苑路15号", *ZHANG,
     "科苑路15号", ""),
    ("张三　１３８１２３４５６７８　广东省深圳市南山区科苑路１５号", *ZHANG, "科苑路15号", ""),
    (
        "李四 13900001111 北京市朝阳区建国路88号SOHO现代城A座1501",
        "李四", "13900001111", "北京市", "北京市", "朝阳区", "建国路88号SOHO现代城A座1501", "",
    ),
    (
        "北京朝阳区建国路88号 李四 13900001111",
        "李四", "13900001111", "北京市", "北京市", "朝阳区", "建国路88号", "",
    ),
    (
        "上海 浦东新区 世纪大道100号 王小明 13912345678 200120",
        "王小明", "13912345678", "上海市", "上海市", "浦东新区", "世纪大道100号", "200120",
    ),
    (
        "重庆市渝中区解放碑民权路28号 赵六 15012345678",
        "赵六", "15012345678", "重庆市", "重庆市", "渝中区", "解放碑民权路28号", "",
    ),
    (
        "孙七 15912345678 湖北省仙桃市仙桃大道18号",
        "孙七", "15912345678", "湖北省", "省直辖县", "仙桃市", "仙桃大道18号", "",
    ),
    (
        "刘八 13512345678 恩施州恩施市舞阳大街10号",
        "刘八", "13512345678", "湖北省", "恩施土家族苗族自治州", "恩施市", "舞阳大街10号", "",
    ),
    (
        "欧阳娜娜，18612345678，四川省成都市武侯区人民南路四段1号",
        "欧阳娜娜", "18612345678", "四川省", "成都市", "武侯区", "人民南路四段1号", "",
    ),
    (
        "王先生 0755-86012345 深圳市福田区福华一路1号",
        "王先生", "0755-86012345", "广东省", "深圳市", "福田区", "福华一路1号", "",
    ),
    (
        "Tom Lee 13612345678 浙江省杭州市西湖区文三路100号",
        "Tom Lee", "13612345678", "浙江省", "杭州市", "西湖区", "文三路100号", "",
    ),
    (
        "陈七 17712345678 江苏省苏州市工业园区星湖街328号",
        "陈七", "17712345678", "江苏省", "苏州市", "工业园区", "星湖街328号", "",
    ),
    (
        "周九 18912345678 广西南宁市青秀区民族大道100号",
        "周九", "18912345678", "广西壮族自治区", "南宁市", "青秀区", "民族大道100号", "",
    ),
    (
        "吴十 13312345678 新疆乌鲁木齐市天山区解放北路1号",
        "吴十", "13312345678", "新疆维吾尔自治区", "乌鲁木齐市", "天山区", "解放北路1号", "",
    ),
    (
        "郑一 13412345678 广东省东莞市长安镇振安路1号",
        "郑一", "13412345678", "广东省", "东莞市", "长安镇", "振安路1号", "",
    ),
    # A district named in two cities, no city given: the region is left for the shopper.
    ("张三 13812345678 朝阳区建国路88号", "张三", "13812345678", "", "", "",
     "朝阳区建国路88号", ""),
    # A short district name stays in the street too (it may be the street's name).
    ("张三 13812345678 长沙市岳麓大道1号", "张三", "13812345678", "湖南省", "长沙市", "岳麓区",
     "岳麓大道1号", ""),
    ("13812345678", "", "13812345678", "", "", "", "", ""),
    ("随便写点什么", "", "", "", "", "", "随便写点什么", ""),
    ("", "", "", "", "", "", "", ""),
]


@pytest.mark.parametrize(("pasted", *"nphcdsz"), CASES, ids=[c[0][:18] for c in CASES])
def test_paste_recognition(pasted: str, n: str, p: str, h: str, c: str, d: str, s: str, z: str):  # type: ignore[no-untyped-def]
    found = recognise(pasted, R)
    assert (found.recipient, found.phone) == (n, p)
    assert (found.province, found.city, found.district) == (h, c, d)
    assert (found.street, found.postcode) == (s, z)
    if h and c and d:
        assert R.resolve(h, c, d) == (h, c, d)  # what is recognised is always valid


def test_recognition_reads_a_bounded_amount() -> None:
    found = recognise("张三 13812345678 " + "很长的地址" * 1000, R)
    assert found.recipient == "张三" and len(found.street) <= 120
