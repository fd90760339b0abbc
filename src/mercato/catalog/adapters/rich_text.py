"""Product descriptions as rich text: the HTML a merchant may store (an allowlist cleaned by
nh3, the Ammonia sanitiser) and how any stored description — rich or the plain text of older
rows, CSV imports and the demo — is shown and indexed.

Allowed: headings (h2-h4), paragraphs, line breaks, lists, bold and italic, links (http(s),
mailto or a /path of this shop; rel="nofollow noopener noreferrer") and pictures from /media.
Everything else goes: script and style with their content, event handlers, style attributes,
iframes, javascript: and data: addresses, pictures from elsewhere."""

from __future__ import annotations

import html
import re

import nh3
from markupsafe import Markup, escape

TAGS = {"h2", "h3", "h4", "p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a", "img"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}}
MAX_LENGTH = 50_000
_TAG = re.compile(r"<[A-Za-z/!]")
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_ANY_TAG = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n\s*\n")
_SIZE = re.compile(r"^[0-9]{1,4}$")


def is_html(text: str) -> bool:
    """Whether a stored description is markup (else plain text, paragraphs on blank lines)."""
    return bool(_TAG.search(text or ""))


def _local_path(value: str) -> bool:
    return value.startswith("/") and not value.startswith("//") and "\\" not in value


def _attribute(element: str, attribute: str, value: str) -> str | None:
    value = value.strip()
    if element == "img" and attribute == "src":
        return value if value.startswith("/media/") and ".." not in value else None
    if element == "img" and attribute in ("width", "height"):
        return value if _SIZE.match(value) else None
    if element == "a" and attribute == "href":
        lowered = value.lower()
        ok = lowered.startswith(("https://", "http://", "mailto:")) or _local_path(value)
        return value if ok else None
    return value


def clean(text: str) -> str:
    """The description as it may be stored: plain text stays as typed (trimmed); markup keeps
    only the allowed tags and attributes."""
    text = (text or "").strip()
    if not is_html(text):
        return text
    cleaned = nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
        attribute_filter=_attribute,
        strip_comments=True,
    )
    cleaned = _IMG_WITHOUT_SRC.sub("", cleaned).strip()
    if "<img" not in cleaned and not html.unescape(_ANY_TAG.sub("", cleaned)).strip():
        return ""  # an editor left empty still holds <p><br></p>
    return cleaned


def _paragraphs(text: str) -> str:
    norm = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    parts = [p.strip() for p in _BLANK_LINES.split(norm) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(str(escape(line.strip())) for line in p.split("\n")) + "</p>"
        for p in parts
    )


def to_html(text: str) -> Markup:
    """Safe HTML for any stored description: markup cleaned again (rows written before the
    cleaning, or by hand), plain text escaped into paragraphs."""
    text = text or ""
    return Markup(clean(text) if is_html(text) else _paragraphs(text))


def plain_text(text: str) -> str:
    """The words of a description, without tags (for the search index and summaries)."""
    if not is_html(text or ""):
        return text or ""
    words = _ANY_TAG.sub(" ", clean(text))
    return " ".join(html.unescape(words).split())
