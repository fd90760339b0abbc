"""Silhouettes for the demo art: SVG fragments drawn around the centre of a 600×600 canvas.

The group that holds a silhouette sets fill and stroke; ``fill="none"`` marks a line, and
``stroke-width="3"`` a fine detail (ribbing, seams).  Garments each have their own outline,
so a cardigan, a down coat or a pair of leggings never comes out as a T-shirt.
"""

from __future__ import annotations

_FINE = 'fill="none" stroke-width="3"'
_NECK = "Q300 196 240 150Z"  # a round neckline from the right shoulder back to the left
_LONG = (  # long-sleeved body, hem at y=430; shoulders at (240,150) and (360,150)
    "M240 150L176 176Q150 186 146 214L128 400L172 406L226 250V430H374V250L428 406L472 400"
    "L454 214Q450 186 424 176L360 150"
)
_COLLAR = (
    '<path d="M300 192L258 152 272 124 300 150z"/><path d="M300 192L342 152 328 124 300 150z"/>'
)
_HOOD = (
    '<path d="M236 152Q230 84 300 78Q370 84 364 152Q300 196 236 152z"/>'
    '<path d="M262 150Q262 108 300 104Q338 108 338 150" fill="none"/>'
)
# rib bands at the hem and cuffs (and neck) of long-sleeved knits and sweatshirts
_CUFFS = f'<path d="M226 404H374M132 374L176 380M468 374L424 380" {_FINE}/>'
_BANDS = _CUFFS + f'<path d="M252 158Q300 202 348 158" {_FINE}/>'
_TEE = f"M240 150L150 200 186 270 226 252V430H374V252L414 270 450 200 360 150{_NECK}"
_VEST = "M240 150L206 164Q214 222 196 262L200 430H400L404 262Q386 222 394 164L360 150"


def _puffer(hem: int, top: str, zip_top: int = 156) -> tuple[str, ...]:
    """Quilted down jacket with the given hem height and collar or hood on top."""
    quilts = "".join(f"M222 {y}H378" for y in range(210, hem - 20, 56))
    return (
        f'<path d="M236 146L170 176Q146 188 142 220L126 400L176 408L222 262V{hem}H378V262'
        f'L424 408L474 400L458 220Q454 188 430 176L364 146Z"/>',
        f'<path d="{quilts}M150 262L196 272M140 330L186 338M450 262L404 272M460 330L414 338"'
        ' fill="none" stroke-width="4"/>',
        top,
        f'<path d="M300 {zip_top}V{hem}" fill="none"/>',
    )


_GARMENTS: dict[str, tuple[str, ...]] = {
    "tee": (f'<path d="{_TEE}"/>',),
    "longsleeve": (f'<path d="{_LONG}{_NECK}"/>', f'<path d="M252 158Q300 202 348 158" {_FINE}/>'),
    "sweatshirt": (f'<path d="{_LONG}{_NECK}"/>', _BANDS),
    "sweater": (
        f'<path d="{_LONG}{_NECK}"/>',
        _BANDS,
        f'<path d="M286 210q14 16 0 32t0 32 0 32 0 32M314 210q-14 16 0 32t0 32 0 32 0 32" '
        f"{_FINE}/>",
    ),
    "turtleneck": (
        f'<path d="{_LONG}{_NECK}"/>',
        _BANDS,
        '<path d="M256 104H344V156Q300 178 256 156z"/>',
        f'<path d="M272 108V158M286 108V164M300 108V166M314 108V164M328 108V158" {_FINE}/>',
    ),
    "cardigan": (
        f'<path d="{_LONG}L300 252z"/>',
        _CUFFS,
        '<path d="M300 252V430" fill="none"/>',
        '<circle cx="316" cy="286" r="7"/><circle cx="316" cy="334" r="7"/>'
        '<circle cx="316" cy="382" r="7"/>',
    ),
    "knit-vest": (
        f'<path d="{_VEST}L300 242z"/>',
        f'<path d="M200 404H400M248 158L300 250 352 158" {_FINE}/>',
    ),
    "shirt": (
        f'<path d="{_LONG}{_NECK}"/>',
        _COLLAR,
        '<path d="M300 192V430M132 374L176 380M468 374L424 380" fill="none"/>',
        '<rect x="322" y="230" width="34" height="38" rx="4" fill="none"/>',
        '<circle cx="300" cy="240" r="6"/><circle cx="300" cy="300" r="6"/>'
        '<circle cx="300" cy="360" r="6"/>',
    ),
    "polo": (
        f'<path d="{_TEE}"/>',
        _COLLAR,
        '<path d="M300 192V256" fill="none"/><circle cx="300" cy="214" r="5"/>'
        '<circle cx="300" cy="240" r="5"/>',
    ),
    "hoodie": (
        f'<path d="{_LONG}{_NECK}"/>',
        _HOOD,
        _CUFFS,
        '<path d="M250 330H350L368 396H232z" fill="none"/>',
        f'<path d="M286 176V222M314 176V222" {_FINE}/>',
    ),
    "jacket": (
        f'<path d="{_LONG}{_NECK}"/>',
        '<path d="M262 114H338V158Q300 176 262 158z"/>',
        '<path d="M300 160V430M162 196L140 392M438 196L460 392" fill="none"/>',
    ),
    "puffer": _puffer(430, '<rect x="250" y="112" width="100" height="44" rx="12"/>'),
    "puffer-long": _puffer(490, '<rect x="250" y="112" width="100" height="44" rx="12"/>'),
    "puffer-hood": _puffer(430, _HOOD, 192),
    "puffer-vest": (
        f'<path d="{_VEST}Z"/>',
        '<path d="M200 214H400M198 270H402M200 326H400M200 382H400" fill="none" stroke-width="4"/>',
        '<rect x="250" y="112" width="100" height="44" rx="12"/>',
        '<path d="M300 156V430" fill="none"/>',
    ),
    "shorts": (
        '<path d="M200 170H400L424 390H316L300 262 284 390H176z"/>',
        f'<path d="M202 206H398M286 184Q300 214 314 184" {_FINE}/>',
    ),
    "leggings": (
        '<path d="M222 110H378L392 480H320L300 224 280 480H208z"/>',
        f'<path d="M223 156H377" {_FINE}/>',
    ),
    "bra": (
        '<path d="M200 210Q196 162 226 140L252 150Q300 214 348 150L374 140Q404 162 400 210'
        'L404 312Q300 342 196 312z"/>',
        '<path d="M198 270Q300 300 402 270" fill="none"/>',
    ),
    "romper": (
        '<path d="M246 150L176 186 200 246 232 232V360Q232 402 270 420L280 452H320L330 420'
        'Q368 402 368 360V232L400 246 424 186 354 150Q300 190 246 150Z"/>',
        '<circle cx="288" cy="438" r="5"/><circle cx="312" cy="438" r="5"/>',
    ),
    "sleep-sack": (
        '<path d="M250 140Q300 170 350 140L378 160Q382 200 368 212Q398 262 400 340'
        'Q400 462 300 462Q200 462 200 340Q202 262 232 212Q218 200 222 160z"/>',
        '<path d="M300 170V436" fill="none"/>',
    ),
    "pyjamas": (
        '<g transform="translate(60 130) scale(.55)" stroke-width="10.9">'
        f'<path d="{_LONG}{_NECK}"/></g>',
        '<g transform="translate(215 113) scale(.6)" stroke-width="10">'
        '<path d="M222 110H378L392 480H320L300 224 280 480H208z"/></g>',
    ),
    "boot": (
        '<path d="M214 130H330V318Q398 330 440 362Q458 378 456 404H214z"/>',
        '<path d="M210 404H460V428H210z"/>',
        '<path d="M286 190Q272 250 294 310M232 130V104H262V130" fill="none"/>',
    ),
}

_GOODS: dict[str, tuple[str, ...]] = {
    "bottle": (
        '<rect x="232" y="205" width="136" height="215" rx="30"/>',
        '<rect x="270" y="160" width="60" height="50" rx="8"/>',
        '<rect x="260" y="132" width="80" height="32" rx="8"/>',
    ),
    "jar": (
        '<rect x="200" y="250" width="200" height="160" rx="34"/>',
        '<rect x="212" y="200" width="176" height="52" rx="12"/>',
    ),
    "tube": (
        '<path d="M236 140h128l-22 250h-84z"/>',
        '<rect x="262" y="388" width="76" height="40" rx="8"/>',
    ),
    "box": (
        '<rect x="190" y="200" width="220" height="210" rx="14"/>',
        '<path d="M190 260h220M300 200v60" fill="none"/>',
    ),
    "cup": (
        '<rect x="210" y="190" width="150" height="220" rx="22"/>',
        '<path d="M360 240q70 0 70 60t-70 60" fill="none"/>',
    ),
    "pot": (
        '<rect x="180" y="250" width="240" height="150" rx="30"/>',
        '<ellipse cx="300" cy="245" rx="135" ry="24"/>',
        '<rect x="280" y="200" width="40" height="24" rx="8"/>',
        '<path d="M180 285h-40M420 285h40" fill="none"/>',
    ),
    "phone": (
        '<rect x="220" y="140" width="160" height="300" rx="28"/>',
        '<rect x="238" y="170" width="124" height="230" rx="10"/>',
    ),
    "plug": (
        '<rect x="215" y="210" width="170" height="170" rx="32"/>',
        '<path d="M265 210v-60M335 210v-60M300 380v60" fill="none"/>',
    ),
    "audio": (
        '<path d="M190 330v-40a110 110 0 0 1 220 0v40" fill="none"/>',
        '<rect x="168" y="300" width="60" height="110" rx="26"/>',
        '<rect x="372" y="300" width="60" height="110" rx="26"/>',
    ),
    "bag": (
        '<rect x="185" y="230" width="230" height="190" rx="20"/>',
        '<path d="M245 230v-30a55 55 0 0 1 110 0v30" fill="none"/>',
    ),
    "shoe": (
        '<path d="M150 390v-70q40 0 60-60h80q10 60 110 75 60 10 60 55v0z"/>',
        '<path d="M150 390h310" fill="none"/>',
    ),
    "ball": (
        '<circle cx="300" cy="285" r="130"/>',
        '<path d="M170 285h260M300 155q-70 130 0 260" fill="none"/>',
    ),
    "packet": (
        '<path d="M210 170l15-15 15 15 15-15 15 15 15-15 15 15 15-15 15 15 15-15 15 15'
        ' 15-15 15 15v240H210z"/>',
    ),
    "tent": (
        '<path d="M150 410L300 160l150 250z"/>',
        '<path d="M300 160l-40 250M300 160l40 250" fill="none"/>',
    ),
    "fold": (
        '<rect x="170" y="330" width="260" height="70" rx="18"/>',
        '<rect x="190" y="265" width="220" height="62" rx="18"/>',
        '<rect x="210" y="205" width="180" height="58" rx="18"/>',
    ),
}

SHAPES: dict[str, tuple[str, ...]] = {**_GOODS, **_GARMENTS}
GARMENTS = frozenset(_GARMENTS)
