"""The day's computed forecast kept on local disk (<var>/forecast/<day>.json), so that every
web and worker process of the machine reads what one of them computed instead of fitting
the models again. Written whole under a temporary name, then renamed: a reader never sees a
half-written file. Older days' files are deleted when a new one is written."""

from __future__ import annotations

import os
import secrets
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from mercato.platform.settings import Settings


def folder_of(settings: Settings) -> Path:
    """Beside the media folder (./var/forecast by default): a cache, safe to delete."""
    return Path(settings.media_dir).parent / "forecast"


def load(folder: Path, day: date) -> dict[str, Any] | None:
    """The forecast stored for `day`; None when there is none (or it cannot be read)."""
    try:
        data = orjson.loads((folder / f"{day.isoformat()}.json").read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def save(folder: Path, day: date, data: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{day.isoformat()}.json"
    temporary = folder / f".{final.name}.{secrets.token_hex(4)}.tmp"
    temporary.write_bytes(orjson.dumps(data))
    os.replace(temporary, final)
    for old in folder.glob("*.json"):
        if old.name < final.name:
            old.unlink(missing_ok=True)
