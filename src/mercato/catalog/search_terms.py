"""Turns text into search terms: jieba words for Chinese, lower-cased words and their
prefixes for Latin text. Pure functions; jieba's dictionary loads on first use."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[0-9a-zA-Z\u3400-\u9fff]+")
_LATIN = re.compile(r"^[0-9a-z]+$")
MAX_TERM = 64


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def warm() -> None:
    """Load the segmentation dictionary ahead of the first query."""
    _jieba()


def _cjk_terms(chunk: str, for_index: bool) -> list[str]:
    jb = _jieba()
    words = list(jb.cut_for_search(chunk)) if for_index else list(jb.cut(chunk))
    out = [w for w in words if w.strip()]
    if for_index:
        # Character bigrams let a query match inside words jieba kept whole.
        out += [chunk[i : i + 2] for i in range(len(chunk) - 1)]
        out += [chunk] if len(chunk) <= MAX_TERM else []
    return out


def terms(text: str, for_index: bool = True) -> list[str]:
    found: list[str] = []
    for chunk in _WORD.findall(text.lower()):
        if _CJK.search(chunk) and not _LATIN.match(chunk):
            for part in re.findall(r"[\u3400-\u9fff]+|[0-9a-z]+", chunk):
                found += _cjk_terms(part, for_index) if _CJK.match(part) else [part]
        else:
            found.append(chunk)
            if for_index and len(chunk) > 3:
                found += [chunk[:n] for n in range(3, len(chunk))]
    return [t[:MAX_TERM] for t in found if t]


def weighted_terms(fields: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Highest weight wins per term: a word in the name outranks one in the description."""
    out: dict[str, int] = {}
    for text, weight in fields:
        for term in terms(text, for_index=True):
            if out.get(term, 0) < weight:
                out[term] = weight
    return out


def query_terms(text: str) -> list[str]:
    """Query words; a Chinese word jieba does not know falls back to its bigrams."""
    seen: list[str] = []
    for t in terms(text[:200], for_index=False):
        parts = [t[i : i + 2] for i in range(len(t) - 1)] if _CJK.match(t) and len(t) > 4 else [t]
        for p in parts:
            if p not in seen:
                seen.append(p)
    return seen[:8]
