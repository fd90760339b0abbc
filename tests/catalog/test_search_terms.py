from mercato.catalog.search_terms import WHOLE, query_terms, terms, weighted_terms


def test_chinese_is_segmented_and_bigrammed():
    t = set(terms("保湿补水面霜"))
    assert {"保湿", "面霜"} <= t
    assert "湿补" in t  # bigram lets a query match inside a word


def test_english_prefixes_and_case():
    t = set(terms("Moisturizing Cream"))
    assert {"moisturizing", "moist", "cream", "cre"} <= t
    assert query_terms("Moist CREAM") == ["moist", "cream"]


def test_mixed_text_and_limits():
    assert "t" in terms("纯棉T恤") or "t恤" in terms("纯棉T恤") or "恤" in "".join(terms("纯棉T恤"))
    assert len(query_terms("a " * 100)) <= 8
    assert query_terms("!!! ???") == []


def test_weight_keeps_highest():
    w = weighted_terms([("linen shirt", 10), ("linen", 1)])
    assert w["linen"] == 10 + WHOLE  # a whole word of the name
