"""Static files are cached for a year, so their address carries a digest of their content:
a changed stylesheet reaches returning shoppers at once."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from mercato.web.templating import WEB_DIR, asset


def test_pages_link_assets_by_content_digest(client: Any) -> None:
    page = client.get("/").text
    css = re.search(r'href="(/static/app\.css\?v=([0-9a-f]{10}))"', page)
    assert css, "the stylesheet is not linked by digest"
    content = (WEB_DIR / "static" / "app.css").read_bytes()
    assert css.group(2) == hashlib.sha256(content).hexdigest()[:10]
    served = client.get(css.group(1))
    assert served.status_code == 200 and served.content == content
    assert asset("app.css") == css.group(1)
