"""Vendor the CJK font the PDFs embed: Noto Sans SC Regular, cut down to what a Chinese shop
prints, from the npm package @expo-google-fonts/noto-sans-sc (the one place it is published as
a plain TTF; Google's own download is a variable font fpdf2 cannot embed).

    python scripts/vendor_font.py /tmp/expo-google-fonts-noto-sans-sc-0.4.3.tgz

Keeps ASCII, Latin-1, general punctuation, CJK symbols and punctuation, full-width forms, all
of GB2312 (its 6,763 hanzi and its symbols) and every character written anywhere in
src/mercato (demo data, templates, translations), so a name typed in the admin renders unless
it uses a rare character (pdf.py replaces those). Hints are dropped: PDF viewers rasterise
outlines themselves and the hints would double the file. The output depends only on the
package and the source tree (no timestamps), so running it twice gives the same bytes.
"""

from __future__ import annotations

import io
import sys
import tarfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "mercato"
FONTS = SOURCE / "platform" / "fonts"
OUT = FONTS / "NotoSansSC-Regular-subset.ttf"
LICENSE = FONTS / "NotoSansSC.OFL.txt"
MEMBER = "package/400Regular/NotoSansSC_400Regular.ttf"
LICENSE_MEMBER = "package/LICENSE_FONT"
TEXT_FILES = (".py", ".html", ".po", ".json", ".txt", ".js", ".css", ".svg", ".md")
RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0xFF),  # Latin-1 (¥, ×, ·)
    (0x2000, 0x206F),  # general punctuation (—, …, ‰)
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。《》【】)
    (0xFF00, 0xFFEF),  # full-width forms (（），：￥)
)


def gb2312() -> set[str]:
    """Every character GB2312 encodes: rows A1–A9 are symbols, B0–F7 the hanzi."""
    out: set[str] = set()
    for row in range(0xA1, 0xF8):
        for col in range(0xA1, 0xFF):
            try:
                out.add(bytes((row, col)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


def hanzi_of_gb2312() -> set[str]:
    return {c for c in gb2312() if "\u4e00" <= c <= "\u9fff"}


def in_sources(root: Path = SOURCE) -> set[str]:
    """Every non-ASCII character written in the project's text files."""
    found: set[str] = set()
    for path in sorted(root.rglob("*")):
        if path.suffix not in TEXT_FILES or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found.update(c for c in text if ord(c) > 0x7F)
    return found


def wanted() -> set[int]:
    points = {p for lo, hi in RANGES for p in range(lo, hi + 1)}
    points.update(ord(c) for c in gb2312() | in_sources())
    return points


def _read(tgz: Path, member: str) -> bytes:
    with tarfile.open(tgz, "r:gz") as archive:
        handle = archive.extractfile(member)
        if handle is None:
            raise SystemExit(f"{member} is not a file in {tgz}")
        return handle.read()


def cut(font_bytes: bytes, points: set[int]) -> bytes:
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]  # keep the copyright and licence records the OFL asks for
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = ["*"]
    font = TTFont(io.BytesIO(font_bytes), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    tgz = Path(argv[1])
    FONTS.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(cut(_read(tgz, MEMBER), wanted()))
    LICENSE.write_bytes(_read(tgz, LICENSE_MEMBER))
    covered = set(TTFont(OUT).getBestCmap())
    missing = hanzi_of_gb2312() - {chr(p) for p in covered}
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size:,} bytes, {len(covered):,} characters")
    if missing:
        print(f"the font lacks {len(missing)} GB2312 hanzi", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
