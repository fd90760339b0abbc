"""The promotion and coupon forms write amounts back in yuan and percent exactly as saved:
a 满200减20 tier must show 200 and 20 (it once showed 2 and 2, and saving the form again
would have made it 满2减2)."""

from __future__ import annotations

import pytest

from mercato.promotions.web.form_values import pct, yuan


@pytest.mark.parametrize(("fen", "shown"), [
    (20000, "200"), (2000, "20"), (100000, "1000"), (1250, "12.5"), (9900, "99"), (1, "0.01"),
    (0, ""),
])
def test_yuan(fen: int, shown: str) -> None:
    assert yuan(fen) == shown


@pytest.mark.parametrize(("bp", "shown"), [(1500, "15"), (5000, "50"), (850, "8.5"),
                                           (10000, "100"), (0, "")])
def test_percent(bp: int, shown: str) -> None:
    assert pct(bp) == shown
