"""Content services: every wrong field reported at once, nothing written on refusal."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mercato.content import public, services
from mercato.content.adapters.tables import Banner, ScenarioPage
from mercato.content.domain import BannerData, InvalidContent, ScenarioData, paragraphs


def test_scenario_validation_collects_all_errors(tx, shop):
    bad = ScenarioData(
        "Bad Slug!",
        "",
        "Title",
        hero_image="javascript:alert(1)",
        blocks=[
            {"type": "text", "body_zh": "", "body_en": "x"},
            {"type": "image", "url": "//evil.example/x.png"},
            {"type": "products", "product_slugs": ["cotton-tee", "ghost"]},
            {"type": "video"},
        ],
    )
    with pytest.raises(InvalidContent) as err:
        services.save_scenario(tx, None, bad)
    assert set(err.value.errors) == {
        "slug",
        "title_zh",
        "hero_image",
        "blocks.0.body_zh",
        "blocks.1.url",
        "blocks.2.products",
        "blocks.3.type",
    }
    assert "ghost" in err.value.errors["blocks.2.products"]
    assert err.value.status == 422
    assert tx.scalar(select(func.count()).select_from(ScenarioPage)) == 0


def test_scenario_slug_must_be_unique_and_products_stored_by_id(tx, shop):
    data = ScenarioData(
        "office",
        "办公",
        "Office",
        blocks=[{"type": "products", "product_slugs": ["linen-polo", "cotton-tee", "linen-polo"]}],
    )
    page = services.save_scenario(tx, None, data)
    assert page.published is False
    assert page.blocks[0]["product_ids"] == [shop["polo"]["id"], shop["tee"]["id"]]
    with pytest.raises(InvalidContent) as err:
        services.save_scenario(tx, None, data)
    assert err.value.field == "slug"
    assert public.scenario(tx, "office", "en") is None  # not published yet
    services.publish_scenario(tx, page.id, True)
    view = public.scenario(tx, "office", "en")
    assert view is not None and view.product_ids == [shop["polo"]["id"], shop["tee"]["id"]]


def test_banner_validation_and_order(tx):
    with pytest.raises(InvalidContent) as err:
        services.save_banner(tx, None, BannerData("", "", link="javascript:x", position=-1))
    assert set(err.value.errors) == {"title_zh", "title_en", "link", "position"}
    assert tx.scalar(select(func.count()).select_from(Banner)) == 0
    services.save_banner(tx, None, BannerData("二", "Two", position=2))
    services.save_banner(tx, None, BannerData("一", "One", position=1, link="https://x.cn/a"))
    assert [b.title for b in public.home_banners(tx, "zh_CN")] == ["一", "二"]
    assert [b.title for b in public.home_banners(tx, "en")] == ["One", "Two"]


def test_paragraphs_split_on_blank_lines():
    assert paragraphs("a\r\nb\n\n \n c ") == (("a", "b"), ("c",))
    assert paragraphs("  ") == ()
