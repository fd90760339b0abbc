"""Product pictures from the edit page: several uploaded at once (real JPEG, PNG or WebP only,
5 MB each, one bad file and none is kept), thumbnails beside the original, reordering with or
without script, the main picture, deletes; and the storefront keeps reading them, main first."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from mercato.catalog.adapters.tables import Product, ProductImage
from tests.catalog_admin.helpers import assert_done, count, picture, post, upload


def _gallery(db, pid: int) -> list[ProductImage]:
    with db.reading() as s:
        rows = s.scalars(
            select(ProductImage)
            .where(ProductImage.product_id == pid)
            .order_by(ProductImage.position, ProductImage.id)
        ).all()
        s.expunge_all()
        return list(rows)


def _main(db, pid: int) -> str:
    with db.reading() as s:
        return s.get(Product, pid).image


def _file(settings, url: str) -> Path:
    return Path(settings.media_dir) / url.removeprefix("/media/")


def _files(settings) -> list[Path]:
    root = Path(settings.media_dir) / "products"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_upload_several_pictures_with_thumbnails_beside_the_original(admin, shop, db, settings):
    pid = shop["tee"]["id"]
    r = upload(
        admin,
        pid,
        ("front.jpg", picture("JPEG", (1600, 1200)), "image/jpeg"),
        ("back.png", picture("PNG", (300, 300), "#2980b9"), "image/png"),
        ("side.webp", picture("WEBP", (900, 900), "#27ae60"), "image/webp"),
    )
    assert_done(r, f"/admin/products/{pid}")
    rows = _gallery(db, pid)
    assert [r.original_url.rsplit(".", 1)[1] for r in rows] == ["jpg", "png", "webp"]
    first = rows[0]
    assert (first.width, first.height) == (1600, 1200)
    assert first.url.endswith("-800.webp") and first.thumb_url.endswith("-240.webp")
    assert first.url.startswith(f"/media/products/{pid}/")
    with (
        Image.open(_file(settings, first.url)) as large,
        Image.open(_file(settings, first.thumb_url)) as thumb,
    ):
        assert (large.format, large.size, thumb.size) == ("WEBP", (800, 600), (240, 180))
    with Image.open(_file(settings, rows[1].url)) as small:
        assert small.size == (300, 300)  # never enlarged
    assert _file(settings, first.original_url).read_bytes()[:2] == b"\xff\xd8"  # as sent
    assert _main(db, pid) == first.url
    page = admin.get(f"/admin/products/{pid}").text
    assert page.count('data-testid="picture"') == 3 and first.thumb_url in page
    media = admin.get(first.url)
    assert media.status_code == 200 and media.headers["content-type"] == "image/webp"


def _refused_and_nothing_kept(r, db, settings, pid: int, status: int, *texts: str) -> None:
    assert r.status_code == status, r.text[:500]
    assert 'data-error-for="pictures"' in r.text
    for text in texts:
        assert text in r.text
    assert count(db, ProductImage, ProductImage.product_id == pid) == 0
    assert _files(settings) == []


def test_wrong_file_types_are_refused_whatever_their_name(admin, shop, db, settings):
    pid = shop["tee"]["id"]
    good = ("good.png", picture("PNG"), "image/png")
    cases = [
        ("notes.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
        ("anim.png", picture("GIF"), "image/png"),
        ("icon.bmp", picture("BMP"), "image/bmp"),
        ("cut.jpg", picture("JPEG")[:400], "image/jpeg"),  # truncated
        ("empty.webp", b"", "image/webp"),
    ]
    for bad in cases:
        r = admin.post(
            f"/admin/products/{pid}/pictures?lang=en",
            data={"csrf": admin.csrf},
            files=[("pictures", good), ("pictures", bad)],
            follow_redirects=False,
        )
        _refused_and_nothing_kept(
            r, db, settings, pid, 422, bad[0], "Not a JPEG, PNG or WebP picture"
        )


def test_oversized_tiny_and_huge_pictures_are_refused(admin, shop, db, settings):
    pid = shop["tee"]["id"]
    big = picture("PNG", (100, 100)) + b"\0" * (5 * 1024 * 1024)
    r = upload(admin, pid, ("big.png", big, "image/png"))
    _refused_and_nothing_kept(r, db, settings, pid, 413, "big.png", "5 MB")
    r = upload(admin, pid, ("tiny.png", picture("PNG", (60, 60)), "image/png"))
    _refused_and_nothing_kept(r, db, settings, pid, 422, "tiny.png", "100 × 100")
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")  # 81 megapixels in a few kilobytes
    r = upload(admin, pid, ("bomb.png", out.getvalue(), "image/png"))
    _refused_and_nothing_kept(r, db, settings, pid, 422, "bomb.png")
    r = upload(admin, pid)
    _refused_and_nothing_kept(r, db, settings, pid, 422)


def test_a_body_over_the_limit_is_refused_before_it_is_read(admin, shop, db, settings):
    pid = shop["tee"]["id"]
    files = [("pictures", (f"{i}.png", b"\0" * (5 * 1024 * 1024), "image/png")) for i in range(11)]
    r = admin.post(
        f"/admin/products/{pid}/pictures",
        data={"csrf": admin.csrf},
        files=files,
        follow_redirects=False,
    )
    assert r.status_code == 413
    assert count(db, ProductImage) == 0 and _files(settings) == []


def test_the_same_picture_twice_is_refused_and_the_first_keeps_its_files(admin, shop, db, settings):
    pid = shop["tee"]["id"]
    data = picture("PNG", (400, 400))
    assert_done(upload(admin, pid, ("a.png", data, "image/png")), "/admin/products/")
    kept = _files(settings)
    r = upload(admin, pid, ("again.png", data, "image/png"))
    assert r.status_code == 422 and count(db, ProductImage) == 1
    assert _files(settings) == kept and len(kept) == 3


def _three(admin, db, pid: int) -> list[int]:
    colours = ("#111111", "#777777", "#eeeeee")
    files = [
        (f"{i}.png", picture("PNG", (200, 200), c), "image/png") for i, c in enumerate(colours)
    ]
    assert_done(upload(admin, pid, *files), "/admin/products/")
    return [r.id for r in _gallery(db, pid)]


def test_reorder_with_buttons_choose_the_main_one_and_the_storefront_follows(
    admin, client, shop, db
):
    pid = shop["tee"]["id"]
    a, b, c = _three(admin, db, pid)
    base = f"/admin/products/{pid}/pictures"
    assert_done(post(admin, f"{base}/{c}/move", {"step": "-1"}), f"/admin/products/{pid}")
    assert [r.id for r in _gallery(db, pid)] == [a, c, b]
    post(admin, f"{base}/{a}/move", {"step": "-1"})  # already first: stays
    assert [r.id for r in _gallery(db, pid)] == [a, c, b]
    assert_done(post(admin, f"{base}/{b}/main"), f"/admin/products/{pid}")
    rows = _gallery(db, pid)
    assert [r.id for r in rows] == [b, a, c] and _main(db, pid) == rows[0].url
    shop_page = client.get("/p/cotton-tee").text
    shown = re.findall(r'data-testid="gallery-image"', shop_page)
    assert len(shown) == 3
    assert (
        shop_page.index(rows[0].url) < shop_page.index(rows[1].url) < shop_page.index(rows[2].url)
    )
    listing = client.get("/search?q=cotton").text
    assert rows[0].url in listing  # the card shows the main picture


def test_the_whole_order_at_once_as_dragging_sends_it(admin, shop, db):
    pid = shop["tee"]["id"]
    a, b, c = _three(admin, db, pid)
    base = f"/admin/products/{pid}/pictures"
    assert_done(post(admin, f"{base}/order", {"order": [str(c), str(a), str(b)]}), "/admin/")
    assert [r.id for r in _gallery(db, pid)] == [c, a, b]
    r = post(admin, f"{base}/order", {"order": [str(c), str(a)]})  # one missing: stale page
    assert r.status_code == 422 and [r.id for r in _gallery(db, pid)] == [c, a, b]
    assert post(admin, f"{base}/999999/main").status_code == 404


def test_delete_a_picture_and_its_files(admin, shop, db, settings):
    pid = shop["tee"]["id"]
    a, b, _c = _three(admin, db, pid)
    first = _gallery(db, pid)[0]
    paths = [_file(settings, u) for u in (first.url, first.thumb_url, first.original_url)]
    assert all(p.exists() for p in paths)
    assert_done(post(admin, f"/admin/products/{pid}/pictures/{a}/delete"), "/admin/")
    assert _gallery(db, pid)[0].id == b
    assert _main(db, pid) == _gallery(db, pid)[0].url
    assert not any(p.exists() for p in paths)
    assert len(_files(settings)) == 6


def test_pictures_by_address_and_an_imported_main_image_is_kept(admin, shop, db):
    pid = shop["cup"]["id"]
    with db.transaction() as s:
        s.get(Product, pid).image = "https://cdn.example.com/mug.jpg"  # as a CSV import leaves it
    assert_done(upload(admin, pid, ("m.png", picture(), "image/png")), "/admin/")
    rows = _gallery(db, pid)
    assert rows[0].url == "https://cdn.example.com/mug.jpg" and len(rows) == 2
    base = f"/admin/products/{pid}/pictures/address"
    for bad in (
        "javascript:alert(1)",
        "//evil.example/x.png",
        "",
        "https://cdn.example.com/mug.jpg",
    ):
        r = post(admin, base + "?lang=en", {"picture_url": bad})
        assert r.status_code == 422 and 'data-error-for="pictures"' in r.text, bad
    assert_done(post(admin, base, {"picture_url": "/media/demo/mug-2.svg"}), "/admin/")
    assert len(_gallery(db, pid)) == 3


def test_deleting_a_product_deletes_its_picture_files(admin, shop, db, settings):
    pid = shop["draft"]["id"]
    assert_done(upload(admin, pid, ("d.png", picture(), "image/png")), "/admin/")
    assert len(_files(settings)) == 3
    assert_done(post(admin, f"/admin/products/{pid}/delete"), "/admin/products")
    assert _files(settings) == []
