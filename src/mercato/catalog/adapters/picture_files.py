"""Uploaded product pictures on disk: checked to be a real JPEG, PNG or WebP picture (decoded
by Pillow, whatever the file name or content type said), then stored with two WebP versions
beside the original, under <media_dir>/products/<product id>/:

    <digest>.<jpg|png|webp>   the original, byte for byte
    <digest>-800.webp         the storefront's picture (product page, cards), at most 800 px
    <digest>-240.webp         the admin lists' thumbnail, at most 240 px

<digest> is the start of the original's SHA-256, so a name never changes content (/media is
cached for a year) and writing the same picture twice writes the same files."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from mercato.kernel.errors import DomainError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MIN_SIDE = 100
LARGE, THUMB = 800, 240
URL_PREFIX = "/media/products/"


class PictureRefused(DomainError):
    status = 422

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message, "pictures")


class PictureTooLarge(PictureRefused):
    status = 413

    def __init__(self) -> None:
        super().__init__("catalog.picture_too_large", "A picture may be at most 5 MB")


@dataclass(frozen=True, slots=True)
class StoredPicture:
    url: str  # the 800 px version
    thumb_url: str
    original_url: str
    width: int
    height: int


def _open(data: bytes) -> Image.Image:
    """The decoded picture, or PictureRefused: not an image, another format, damaged, huge."""
    if len(data) > MAX_BYTES:
        raise PictureTooLarge()
    not_a_picture = PictureRefused("catalog.picture_type", "Not a JPEG, PNG or WebP picture")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            if image.width * image.height > MAX_PIXELS:
                raise PictureRefused("catalog.picture_pixels", "The picture has too many pixels")
            image.load()  # decodes every pixel: a truncated or forged file fails here
    except PictureRefused:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Warning) as exc:
        raise not_a_picture from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise not_a_picture from exc
    if min(image.size) < MIN_SIDE:
        raise PictureRefused("catalog.picture_small", "The picture is smaller than 100 × 100 px")
    return image


def _webp(image: Image.Image, side: int) -> bytes:
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    copy = image.convert("RGBA" if alpha else "RGB")
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "WEBP", quality=82, method=4)
    return out.getvalue()


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".up-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check(data: bytes) -> Image.Image:
    """The picture decoded, or PictureRefused (too large, not a picture, too many pixels)."""
    return _open(data)


def store(
    media_dir: Path, product_id: int, data: bytes, image: Image.Image | None = None
) -> StoredPicture:
    """Write the picture (`image`: it decoded by `check`, else checked here) with its two
    versions; returns their /media addresses."""
    image = image if image is not None else _open(data)
    upright = ImageOps.exif_transpose(image)  # phones store portraits turned, with a tag
    digest = hashlib.sha256(data).hexdigest()[:24]
    folder = Path(media_dir) / "products" / str(product_id)
    ext = FORMATS[str(image.format)]
    _write(folder / f"{digest}.{ext}", data)
    _write(folder / f"{digest}-{LARGE}.webp", _webp(upright, LARGE))
    _write(folder / f"{digest}-{THUMB}.webp", _webp(upright, THUMB))
    base = f"{URL_PREFIX}{product_id}/{digest}"
    return StoredPicture(
        f"{base}-{LARGE}.webp", f"{base}-{THUMB}.webp", f"{base}.{ext}", *upright.size
    )


def remove(media_dir: Path, urls: Iterable[str]) -> None:
    """Delete the files of uploaded pictures (addresses under /media/products/ only; others,
    and files already gone, are left alone)."""
    root = (Path(media_dir) / "products").resolve()
    for url in urls:
        if not url.startswith(URL_PREFIX):
            continue
        path = (root / url[len(URL_PREFIX) :]).resolve()
        if path.is_relative_to(root) and path.is_file():
            path.unlink(missing_ok=True)
