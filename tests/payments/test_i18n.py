"""Every message the payment centre can show has a Chinese translation."""

from __future__ import annotations

import ast
from pathlib import Path

from mercato.platform.i18n import translations

SRC = Path(__file__).resolve().parents[2] / "src" / "mercato"


def _messages() -> set[str]:
    found: set[str] = set()
    files = [*(SRC / "payments").rglob("*.py"), *(SRC / "sandbox").rglob("*.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 1:
                continue
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "_" and args:
                found.add(args[0])
            elif (
                len(args) >= 2
                and isinstance(args[0], str)
                and (args[0].startswith("payments.") or name == "rejected")
            ):
                found.add(args[1])
    return found


def test_all_payment_messages_are_translated():
    messages = _messages()
    assert len(messages) > 20
    zh = translations("zh_CN")
    assert sorted(m for m in messages if zh.gettext(m) == m) == []
