"""Turns text into search terms: jieba words for Chinese, lower-cased words and their
prefixes for Latin text. Pure functions; jieba's dictionary loads on first use.

An indexed term is a whole word of its text (a jieba word, a Latin word, the whole run of
Chinese) or only a part of one (a sub-word, a character bigram, a Latin prefix): whole words
carry WHOLE on top of their field's weight, so a ranking that sums weights puts whole-word
matches above partial ones (eight partial terms weigh less than one whole word)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[0-9a-zA-Z\u3400-\u9fff]+")
_PARTS = re.compile(r"[\u3400-\u9fff]+|[0-9a-z]+")
MAX_TERM = 64
MAX_QUERY_TERMS = 8
WHOLE = 100
# Field weights given by adapters.repository.reindex: the description is the one field that
# is not about what the product is, so it may narrow a match but never make one alone.
NAME_WEIGHT = 10
DESCRIPTION_WEIGHT = 1


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def warm() -> None:
    """Load the segmentation dictionary ahead of the first query."""
    _jieba()


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _cjk_index(run: str) -> dict[str, bool]:
    """Terms of a run of Chinese -> whether each is a whole word. Sub-words are the ones
    jieba's search mode adds (dictionary 2- and 3-grams inside longer words); character
    bigrams let a query match inside words jieba kept whole."""
    jb = _jieba()
    words = list(jb.cut(run))
    parts = [
        w[i : i + n]
        for w in words
        for n in (2, 3)
        if len(w) > n
        for i in range(len(w) - n + 1)
        if jb.get_FREQ(w[i : i + n])
    ]
    whole = [*words, run] if len(run) <= MAX_TERM else words
    return {**dict.fromkeys(parts + _bigrams(run), False), **dict.fromkeys(whole, True)}


def _latin_index(word: str) -> dict[str, bool]:
    return {**{word[:n]: False for n in range(3, len(word))}, word: True}


def _chunks(text: str) -> Iterable[tuple[str, bool]]:
    """(run, is Chinese) for each run of Chinese or of Latin letters and digits."""
    for chunk in _WORD.findall(text.lower()):
        if _CJK.search(chunk):
            for part in _PARTS.findall(chunk):
                yield part, bool(_CJK.match(part))
        else:
            yield chunk, False


def indexed_terms(text: str) -> dict[str, bool]:
    """The terms to index for a text -> whether each is a whole word of it."""
    found: dict[str, bool] = {}
    for chunk, cjk in _chunks(text):
        if cjk:
            terms_of = _cjk_index(chunk)
        elif len(chunk) > 3:
            terms_of = _latin_index(chunk)
        else:
            terms_of = {chunk: True}
        for term, whole in terms_of.items():
            found[term[:MAX_TERM]] = found.get(term[:MAX_TERM], False) or whole
    return found


def _cjk_query(run: str) -> list[str]:
    """Query terms of a run of Chinese: jieba words; a word jieba does not know (> 4
    characters) as its bigrams; a lone character joined to its neighbour, since a single
    character shared with a product says nothing (充电宝 is no 充电 + 宝 as in 暖手宝)."""
    if len(run) == 1:
        return [run]
    out: list[str] = []
    at = 0
    for word in _jieba().cut(run):
        if len(word) == 1:
            out.append(run[at - 1 : at + 1] if at else run[:2])
        else:
            out += _bigrams(word) if len(word) > 4 else [word]
        at += len(word)
    return out


def terms(text: str, for_index: bool = True) -> list[str]:
    if for_index:
        return list(indexed_terms(text))
    found: list[str] = []
    for chunk, cjk in _chunks(text):
        found += _cjk_query(chunk) if cjk else [chunk]
    return [t[:MAX_TERM] for t in found if t]


def _rank(weight: int) -> tuple[bool, int]:
    # Where a term shows up in a title field (name, brand, category, subtitle, SKU code), that
    # occurrence is the one kept, so the index still knows the match is about the product.
    return weight % WHOLE > DESCRIPTION_WEIGHT, weight


def weighted_terms(fields: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Term -> weight of its best occurrence: a title field before the description, then a
    whole word before a part, then the field's weight (a word in the name outranks one in
    the description)."""
    out: dict[str, int] = {}
    for text, weight in fields:
        for term, whole in indexed_terms(text).items():
            w = weight + (WHOLE if whole else 0)
            if _rank(w) > _rank(out.get(term, 0)):
                out[term] = w
    return out


def query_terms(text: str) -> list[str]:
    """The distinct terms a query must all match (at most MAX_QUERY_TERMS)."""
    seen: list[str] = []
    for t in terms(text[:200], for_index=False):
        if t not in seen:
            seen.append(t)
    return seen[:MAX_QUERY_TERMS]


def name_head(name: str) -> str:
    """What a product name says the product is: its last word(s), where names put it
    (小禾苗柔护宽口径奶瓶 -> 奶瓶, 迷你充电宝 -> 充电宝, Mini Power Bank -> Power Bank)."""
    if not _CJK.search(name):
        return " ".join(name.split()[-2:])
    words = [w for w in _jieba().cut(name.strip()) if w.strip()]
    if not words:
        return ""
    head = words[-1]
    if len(head) == 1 and len(words) > 1:
        head = words[-2] + head
    return head if len(head) > 1 else ""


def finds(query: str, text: str) -> bool:
    """Whether searching `query` matches `text` (indexed in a title field) by its terms."""
    wanted = query_terms(query)
    return bool(wanted) and set(wanted) <= indexed_terms(text).keys()


def typed_prefix(text: str) -> tuple[str, str]:
    """(head, prefix) of text being typed: its last word, maybe unfinished, and everything
    before it ("power ba" -> ("power ", "ba"), 婴儿奶 -> (婴儿, 奶)); lower-cased."""
    text = " ".join(text.lower().split())
    chunks = list(_chunks(text))
    if not chunks:
        return "", ""
    last, cjk = chunks[-1]
    if cjk:
        last = list(_jieba().cut(last))[-1]
    at = text.rfind(last)
    return text[:at], last[:MAX_TERM]
