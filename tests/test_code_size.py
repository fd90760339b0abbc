"""Keep files and functions small (ARCHITECTURE.md): files ≤ 300 lines, functions ≤ 40.
Data-only vocabulary modules of the demo are exempt: they are tables, not logic."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "mercato"
EXEMPT = ("demo/vocab_",)


def _sources() -> list[Path]:
    return [p for p in SRC.rglob("*.py")
            if not any(str(p.relative_to(SRC)).startswith(e) for e in EXEMPT)]


def test_files_are_small():
    big = {str(p.relative_to(SRC)): n for p in _sources()
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert big == {}


def test_functions_are_short():
    long = []
    for p in _sources():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > 40:
                    long.append(f"{p.relative_to(SRC)}:{node.name} ({n})")
    assert long == []
