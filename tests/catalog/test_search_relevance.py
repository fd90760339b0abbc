"""Search relevance: a word found only in a description, or a single character shared with
the query, is no match; whole-word matches rank above partial ones (a prefix, a word inside
a longer word)."""

from __future__ import annotations

import pytest

from mercato.catalog.adapters.queries.listing import list_products
from mercato.catalog.search_terms import (
    DESCRIPTION_WEIGHT,
    NAME_WEIGHT,
    WHOLE,
    query_terms,
    weighted_terms,
)
from mercato.catalog.views import ListQuery
from tests.catalog.search_shop import search_shop


@pytest.fixture
def catalogue(db):  # type: ignore[no-untyped-def]
    with db.transaction() as tx:
        return search_shop(tx)


def _found(db, q: str) -> list[str]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return [c.slug for c in list_products(s, ListQuery(q=q), None).items]


def test_a_word_only_in_the_description_does_not_match(db, catalogue):
    # The bottle's description says to add the milk powder: it is no milk powder (奶粉).
    assert _found(db, "奶粉") == []
    assert _found(db, "formula") == []
    # A description still narrows a search that the name (or brand, category...) matches.
    assert _found(db, "奶瓶 奶粉") == ["wide-bottle"]
    assert _found(db, "奶瓶") == ["wide-bottle"]


def test_a_single_shared_character_does_not_match(db, catalogue):
    # 充电暖手宝 holds 充电 and, inside 暖手宝, the character 宝: it is no 充电宝.
    assert _found(db, "充电宝") == ["power-bank"]
    assert _found(db, "暖手宝") == ["hand-warmer"]
    assert query_terms("充电宝") == ["充电", "电宝"]


def test_whole_words_rank_above_partial_ones(db, catalogue):
    # "tea" is a word of "Green tea" but only the start of "teapot" (which sells more).
    assert _found(db, "tea") == ["green-tea", "teapot"]
    # 保温 is a word of 保温饭盒, but inside the word 保温杯 of the best-selling flask
    # (whose description has it as a word: the name counts first).
    assert _found(db, "保温") == ["lunch-box", "steel-flask"]
    with db.reading() as s:
        best = list_products(s, ListQuery(q="tea", sort="sales"), None).items
    assert [c.slug for c in best] == ["teapot", "green-tea"]  # an explicit sort still rules


def test_index_marks_whole_words():
    w = weighted_terms([("不锈钢保温杯", NAME_WEIGHT), ("长效保温", DESCRIPTION_WEIGHT)])
    assert w["保温杯"] == w["不锈钢"] == NAME_WEIGHT + WHOLE
    # inside the name's word 保温杯, a whole word of the description: the name counts first
    assert w["保温"] == NAME_WEIGHT
    assert w["钢保"] == NAME_WEIGHT  # a bigram is a part
    assert w["长效"] == DESCRIPTION_WEIGHT + WHOLE
    latin = weighted_terms([("Glass teapot", NAME_WEIGHT)])
    assert latin["teapot"] == NAME_WEIGHT + WHOLE and latin["tea"] == NAME_WEIGHT
