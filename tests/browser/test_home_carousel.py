"""The home banner carousel can reach every banner on a PC (arrows, dots, keys) and on a phone
(swipe, dots); captions never spill over the banner or scenario hero at any width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mercato.content import services
from mercato.content.domain import BannerData, ScenarioData
from mercato.demo.images import banner_svg

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PC = {"viewport": {"width": 1366, "height": 900}}
LONG = "Practical advice for new parents on feeding, bathing, dressing and play, with the lot."


@pytest.fixture
def banners(db: Any, settings: Any) -> None:
    (settings.media_dir / "demo").mkdir(parents=True)
    with db.transaction() as tx:
        for n, (zh, en) in enumerate((("一", "One"), ("二", "Two"), ("三", "Three")), 1):
            (settings.media_dir / "demo" / f"b{n}.svg").write_text(banner_svg(n, kinds=("cup",)))
            data = BannerData(zh, en, f"副标题{n}", LONG, f"/media/demo/b{n}.svg", f"/s/p{n}", n)
            services.save_banner(tx, None, data)
        page = services.save_scenario(
            tx,
            None,
            ScenarioData("p1", "育儿好物指南", "Parenting Tips & Essentials", LONG, LONG,
                         hero_image="/media/demo/b1.svg"),
        )
        services.publish_scenario(tx, page.id, True)


def _showing(page: Any) -> int:
    """Index of the banner the strip shows, and check the dots agree."""
    at = page.evaluate(
        """() => { const s = document.querySelector('[data-testid=banners]');
        const b = [...s.querySelectorAll('[data-testid=banner]')];
        return b.findIndex(x => Math.abs(x.offsetLeft - b[0].offsetLeft - s.scrollLeft) < 2); }"""
    )
    current = page.locator("[data-testid=banner-dot][aria-current=true]")
    assert current.count() == 1
    assert page.locator("[data-testid=banner-dot]").nth(at).get_attribute("aria-current") == "true"
    return int(at)


def _settle(page: Any, want: int) -> None:
    page.wait_for_function(
        """(n) => { const s = document.querySelector('[data-testid=banners]');
        const b = s.querySelectorAll('[data-testid=banner]');
        return Math.abs(b[n].offsetLeft - b[0].offsetLeft - s.scrollLeft) < 2; }""",
        arg=want,
    )
    page.wait_for_timeout(100)  # the scroll listener marks the dot on the next frame


def test_pc_arrows_dots_and_keys_reach_every_banner(browser, live_url, banners, shots: Path):
    ctx = browser.new_context(**PC, locale="en")
    page = ctx.new_page()
    page.goto(live_url + "/")
    nxt, prev = page.locator("[data-testid=banner-next]"), page.locator("[data-testid=banner-prev]")
    assert nxt.is_visible() and prev.is_visible() and _showing(page) == 0
    nxt.click()
    _settle(page, 1)
    assert _showing(page) == 1
    page.screenshot(path=shots / "pc-carousel-second.png")
    page.locator("[data-testid=banner-dot]").nth(2).click()
    _settle(page, 2)
    assert _showing(page) == 2
    nxt.focus()
    page.keyboard.press("Enter")  # wraps round to the first
    _settle(page, 0)
    page.keyboard.press("ArrowLeft")  # and back to the last
    _settle(page, 2)
    prev.focus()
    page.keyboard.press("Space")
    _settle(page, 1)
    assert _showing(page) == 1
    ctx.close()


def test_phone_swipes_and_has_dots_but_no_arrows(browser, live_url, banners):
    ctx = browser.new_context(**PHONE, locale="zh-CN")
    page = ctx.new_page()
    page.goto(live_url + "/")
    assert not page.locator("[data-testid=banner-next]").is_visible()
    assert page.locator("[data-testid=banner-dot]").count() == 3
    # a swipe is a scroll of the strip; scroll-snap settles it on a banner
    page.evaluate("document.querySelector('[data-testid=banners]').scrollBy(0.7 * innerWidth, 0)")
    _settle(page, 1)
    assert _showing(page) == 1
    ctx.close()


def test_without_javascript_the_dots_still_reach_every_banner(browser, live_url, banners):
    ctx = browser.new_context(**PC, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(live_url + "/")
    assert not page.locator("[data-testid=banner-next]").is_visible()  # they need the script
    page.locator("[data-testid=banner-dot]").nth(2).click()
    _settle(page, 2)
    ctx.close()


@pytest.mark.parametrize("width", [320, 390, 700, 1366])
def test_captions_stay_inside_their_pictures(browser, live_url, banners, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="en")
    page = ctx.new_page()
    for path, box, cap in (("/", "[data-testid=banner]", ".cap"),
                           ("/s/p1", "[data-testid=scenario-hero]", ".cap")):
        page.goto(live_url + path)
        outer = page.locator(box).first.bounding_box()
        inner = page.locator(f"{box} >> {cap}").first.bounding_box()
        image = page.locator(f"{box} >> img").first.bounding_box()
        assert outer and inner and image
        assert inner["y"] >= outer["y"] - 0.5 and image["y"] >= outer["y"] - 0.5, path
        assert inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5, path
        assert image["height"] >= outer["height"] - 0.5, path  # the picture fills the box
    ctx.close()
