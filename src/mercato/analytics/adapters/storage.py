"""Where the lake's Parquet files live: a local folder (the default) or a bucket on an
S3-compatible store (AWS S3, MinIO, Aliyun OSS, Ceph…) when MERCATO_ANALYTICS_LAKE is
s3://bucket/prefix. Both are reached through an fsspec filesystem (s3fs for S3), so that
listing days, writing, merging and deleting files is one code path, and DuckDB reads s3://
paths through the same filesystem object (register_filesystem): the figures' SQL does not
change. Segments still land on local disk (the spool) and are compacted into the store.

S3 has no rename: a file is written under its final name in one PUT (an object appears
whole or not at all), which is what the local write-then-rename gives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from mercato.platform.settings import Settings

S3 = "s3://"


@dataclass(frozen=True)
class S3Options:
    endpoint: str = ""
    key: str = ""
    secret: str = ""
    region: str = "us-east-1"

    @classmethod
    def of(cls, settings: Settings) -> S3Options:
        return cls(settings.analytics_s3_endpoint, settings.analytics_s3_key,
                   settings.analytics_s3_secret, settings.analytics_s3_region)


def is_remote(url: str) -> bool:
    return url.startswith(S3)


@lru_cache(maxsize=8)
def filesystem(url: str, options: S3Options | None = None) -> Any:
    """The fsspec filesystem holding `url` (one per store and options: s3fs keeps a
    connection pool and a listing cache in it)."""
    import fsspec

    if not is_remote(url):
        return fsspec.filesystem("file")
    try:
        import s3fs
    except ImportError as exc:  # the optional extra
        raise RuntimeError("an s3:// analytics lake needs the s3 extra: "
                           "pip install 'mercato[s3]'") from exc
    o = options or S3Options()
    kwargs: dict[str, Any] = {"client_kwargs": {"region_name": o.region},
                              "use_listings_cache": False}
    if o.endpoint:
        kwargs["endpoint_url"] = o.endpoint
    if o.key:
        kwargs["key"], kwargs["secret"] = o.key, o.secret
    return s3fs.S3FileSystem(**kwargs)


def remote_days(fs: Any, events_url: str) -> list[tuple[date, list[str]]]:
    """The days of a remote events tree with their Parquet files (s3:// URLs), from one
    recursive listing (a page of a thousand keys per request, not one request per day)."""
    from mercato.analytics.adapters.lake import day_of

    found: dict[date, list[str]] = {}
    for key in fs.find(events_url):
        folder, _, name = key.rpartition("/")
        day = day_of(folder.rpartition("/")[2])
        if day is not None and name.endswith(".parquet") and not name.startswith("."):
            found.setdefault(day, []).append(S3 + key)
    return sorted((day, sorted(files)) for day, files in found.items())


def upload(fs: Any, local: Path, url: str) -> None:
    """One whole object (a PUT appears whole or not at all); the local file is removed."""
    fs.put_file(str(local), url)
    local.unlink(missing_ok=True)
