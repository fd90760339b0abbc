"""Product descriptions for the demo catalogue.

A description names the product's feature and use, then lists the option values its SKUs are
really sold in, read from the SKUs themselves: the text and the variant picker can never
disagree (a jumper sold in XL and XXL never reads "S to XXL").
"""

from __future__ import annotations

from mercato.demo import vocab_site
from mercato.demo.specs import SkuSpec
from mercato.demo.vocab_format import Feature, Noun

# English labels, singular and plural, for the option list ("size: L" / "sizes: XL / XXL")
_EN_LABELS = {
    "color": ("colour", "colours"),
    "size": ("size", "sizes"),
    "material": ("material", "materials"),
    "capacity": ("capacity", "capacities"),
    "spec": ("option", "options"),
    "flavor": ("flavour", "flavours"),
    "scent": ("scent", "scents"),
}
_ZH_LABELS = {code: zh for code, zh, _ in vocab_site.AXES}


def option_values(skus: tuple[SkuSpec, ...], axis: int) -> list[tuple[str, str]]:
    """(zh, en) values of one option axis across the SKUs, in SKU order, each once."""
    return list(dict.fromkeys((s.options[axis][1], s.options[axis][2]) for s in skus))


def options_sentence(skus: tuple[SkuSpec, ...], axes: tuple[str, ...]) -> tuple[str, str]:
    """One sentence per language listing each axis's values, e.g. '现有尺码：XL、XXL；
    颜色：藏青、黑色。' and 'Available sizes: XL / XXL; colours: Navy / Black.'"""
    zh_parts, en_parts = [], []
    for i, axis in enumerate(axes):
        values = option_values(skus, i)
        one, many = _EN_LABELS.get(axis, ("option", "options"))
        zh_parts.append(f"{_ZH_LABELS.get(axis, '规格')}：{'、'.join(v[0] for v in values)}")
        en_parts.append(f"{many if len(values) > 1 else one}: {' / '.join(v[1] for v in values)}")
    return f"现有{'；'.join(zh_parts)}。", f"Available {'; '.join(en_parts)}."


def description(
    names: tuple[str, str],
    feat: Feature,
    noun: Noun,
    point: tuple[str, str],
    line: tuple[str, str] | None,
    skus: tuple[SkuSpec, ...],
    axes: tuple[str, ...],
) -> tuple[str, str]:
    """(zh, en) description: feature, use, a selling point, the series line if any, options.

    ``line`` is the sentence placing the product in its brand's series, or None."""
    zh = f"{names[0]}{feat.benefit_zh}。{noun.usage_zh}。{point[0]}。"
    en = f"The {names[1]} {feat.benefit_en}. {noun.usage_en}. {point[1]}."
    if line:
        zh, en = zh + line[0], f"{en} {line[1]}"
    options_zh, options_en = options_sentence(skus, axes)
    return zh + options_zh, f"{en} {options_en}"
