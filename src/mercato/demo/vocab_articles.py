"""Knowledge-base articles: hand-written texts plus one generated buying guide per subcategory.

Format of the hand-written texts: ``@@ slug | kind | tags…`` starts an article; ``T`` gives the
zh | en titles; every ``Z`` / ``E`` line is one paragraph.  An article is linked to every product
carrying one of its tags (subcategory slug, top slug, noun/feature tag or ``axis:OPTIONCODE``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mercato.demo import vocab_articles_text, vocab_site
from mercato.demo.vocab_format import SubVocab, TopVocab


@dataclass
class ArticleEntry:
    slug: str
    kind: str
    tags: tuple[str, ...]
    title_zh: str = ""
    title_en: str = ""
    paras_zh: list[str] = field(default_factory=list)
    paras_en: list[str] = field(default_factory=list)


def parse(text: str) -> list[ArticleEntry]:
    entries: list[ArticleEntry] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        key, _, rest = line.partition(" ")
        if key == "@@":
            slug, kind, tags = (f.strip() for f in rest.split("|"))
            entries.append(ArticleEntry(slug, kind, tuple(tags.split())))
        elif key == "T":
            entries[-1].title_zh, entries[-1].title_en = (f.strip() for f in rest.split("|"))
        elif key == "Z":
            entries[-1].paras_zh.append(rest.strip())
        elif key == "E":
            entries[-1].paras_en.append(rest.strip())
    return entries


def _join_en(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else items[0]


def buying_guide(sub: SubVocab) -> ArticleEntry:
    """A generated buying guide built from the subcategory's own vocabulary."""
    axis_names = {code: (zh, en) for code, zh, en in vocab_site.AXES}
    feats = sub.features[:4]
    para2_zh = (
        f"本店{sub.zh}常见的卖点有："
        + "、".join(f"{f.zh}（{f.claim_zh}）" for f in feats)
        + "。对照自己的需要挑选，比追求“全能”更实用。"
    )
    para2_en = (
        f"Common features in our {sub.en.lower()} range include "
        + _join_en([f"{f.en} ({f.claim_en.lower()})" for f in feats])
        + ". Matching them to what you actually need beats chasing an all-rounder."
    )
    # The guide is shown on every product of the subcategory, so it must not list the
    # subcategory's option values: a jumper sold in XL and XXL would read "S, M, L, XL, XXL".
    opts_zh = "、".join(axis_names[a][0] for a in sub.axes)
    opts_en = _join_en([axis_names[a][1].lower() for a in sub.axes])
    return ArticleEntry(
        slug=f"{sub.slug}-buying-guide",
        kind="usage",
        tags=(sub.slug,),
        title_zh=f"{sub.zh}选购指南",
        title_en=f"How to Choose {sub.en}",
        paras_zh=[
            sub.guide[0],
            para2_zh,
            f"{opts_zh}因商品而异：每件商品有哪些可选，以它的规格选择和商品详情为准，"
            "能选到的就是现有的，库存也实时显示在页面上。",
        ],
        paras_en=[
            sub.guide[1],
            para2_en,
            f"Options such as {opts_en} vary from product to product: the choices and the"
            " description on each product page show exactly what it is sold in, with live stock.",
        ],
    )


def all_entries(tops: tuple[TopVocab, ...]) -> list[ArticleEntry]:
    """Hand-written articles, then the category FAQs, then one buying guide per subcategory."""
    entries = parse(vocab_articles_text.ARTICLES) + parse(vocab_articles_text.FAQS)
    entries += [buying_guide(sub) for top in tops for sub in top.subs]
    return entries
