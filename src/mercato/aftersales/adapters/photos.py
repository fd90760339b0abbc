"""Customers' photos of a problem: checked as real pictures, re-encoded (which drops any
script or metadata a file carried, location included), kept beside the media folder, not in
it (that one is served to everyone), and served only to their owner and to staff."""

from __future__ import annotations

import io
import os
import secrets
import tempfile
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from mercato.kernel.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
SIDE = 1600
FOLDER = "aftersales"


class PhotoRefused(DomainError):
    status = 422

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message, "photos")


def _decode(data: bytes) -> Image.Image:
    if len(data) > MAX_BYTES:
        raise PhotoRefused("aftersales.photo_too_large", "A photo may be at most 5 MB")
    refused = PhotoRefused("aftersales.photo_type", "Not a JPEG, PNG or WebP picture")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP"])
            if image.width * image.height > MAX_PIXELS:
                raise refused
            image.load()
    except PhotoRefused:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Warning, OSError,
            ValueError, SyntaxError) as exc:
        raise refused from exc
    return image


def folder(media_dir: Path) -> Path:
    return Path(media_dir).parent / "private"


def store(media_dir: Path, data: bytes) -> str:
    """Keep the photo as a JPEG; returns its name under the private folder."""
    image = ImageOps.exif_transpose(_decode(data)).convert("RGB")
    image.thumbnail((SIDE, SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    name = f"{FOLDER}/{secrets.token_hex(12)}.jpg"
    path = folder(media_dir) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".up-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(out.getvalue())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return name


def read(media_dir: Path, name: str) -> bytes:
    path = (folder(media_dir) / name).resolve()
    if not str(path).startswith(str((folder(media_dir) / FOLDER).resolve())):
        raise PhotoRefused("aftersales.photo_type", "Not a JPEG, PNG or WebP picture")
    return path.read_bytes()
