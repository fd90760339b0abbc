"""Every message the storefront order and payment pages can show has a Chinese translation
that keeps its placeholders. Staff-only order pages (web/admin*.py, api_staff.py,
templates/admin/) are checked with orders_admin.po's owner, not here."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from mercato.platform.i18n import translations

SRC = Path(__file__).resolve().parents[2] / "src" / "mercato"
TEMPLATE_DIRS = ("orders/web/templates/orders", "payments/web/templates/payments")
EXTRA_SOURCES = (
    "platform/idempotency.py",
    "inventory/domain.py",
    "inventory/services/reservations.py",
    "members/web/pages_addresses.py",
)
# The account pages the order flow links to or comes back from (orders link, new address).
MEMBER_TEMPLATES = ("account.html", "addresses.html", "address_form.html")
# Error constructors whose second positional argument is the shopper-facing message.
ERRORS = frozenset(
    {
        "DomainError",
        "NotFound",
        "Conflict",
        "Forbidden",
        "TooManyRequests",
        "Unauthorized",
        "PaymentError",
        "ProviderError",
        "TradeNotFound",
        "TradeConflict",
        "NotificationRejected",
        "__init__",  # super().__init__("code", "message") in an error subclass
    }
)
CODE = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")
TEMPLATE_CALL = re.compile(r"""\b_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
PLACEHOLDER = re.compile(r"%\(\w+\)s")
# Messages built with an f-string cannot be looked up; each one here is known and reported.
DYNAMIC = {
    ("inventory/domain.py", "inventory.invalid_reason"),  # staff-only
}


def _python_sources() -> list[Path]:
    def staff_only(p: Path) -> bool:
        return p.parent.name == "web" and (p.name.startswith("admin") or p.name == "api_staff.py")

    orders = [p for p in (SRC / "orders").rglob("*.py") if not staff_only(p)]
    payments = list((SRC / "payments").rglob("*.py"))
    return [*orders, *payments, *(SRC / s for s in EXTRA_SOURCES)]


def _name(call: ast.Call) -> str:
    return str(getattr(call.func, "id", getattr(call.func, "attr", "")))


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _error_message(call: ast.Call) -> ast.expr | None:
    """The message argument of an error constructor (or of payments' rejected(...))."""
    name, args = _name(call), call.args
    if len(args) < 2 or (name not in ERRORS and name != "rejected"):
        return None
    if name == "rejected" or CODE.match(_text(args[0]) or ""):
        return args[1]
    return None


def _calls(path: Path) -> Iterator[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def _python_messages(path: Path) -> set[str]:
    found: set[str] = set()
    for call in _calls(path):
        if _name(call) in ("_", "gettext_", "N_") and call.args and _text(call.args[0]):
            found.add(str(_text(call.args[0])))
        message = _error_message(call)
        if message is not None and _text(message):
            found.add(str(_text(message)))
    return found


def _template_messages(text: str) -> set[str]:
    return {m[1] if m[1] is not None else m[2] for m in TEMPLATE_CALL.finditer(text)}


def _messages() -> set[str]:
    found: set[str] = set()
    for path in _python_sources():
        found |= _python_messages(path)
    templates = [p for folder in TEMPLATE_DIRS for p in (SRC / folder).glob("*.html")]
    templates += [SRC / "members/web/templates/members" / name for name in MEMBER_TEMPLATES]
    for path in templates:
        found |= _template_messages(path.read_text(encoding="utf-8"))
    return found


def test_the_scanner_reads_templates_and_python():
    template = """{{ _("A") }} {{ _('B') }} {{ _("C %(n)s") % {"n": 1} }} {{ _("D", n=2) }}"""
    assert _template_messages(template) == {"A", "B", "C %(n)s", "D"}
    messages = _messages()
    assert len(messages) > 80
    # One of each kind: template, N_() in Python, error message, rejected(...), members page.
    assert {
        "Place order",
        "Order placed",
        "Your cart is empty",
        "Notification is malformed",
        "No such address",
        "Not enough stock",
    } <= messages


def test_every_order_and_payment_message_is_translated():
    zh = translations("zh_CN")
    assert sorted(m for m in _messages() if zh.gettext(m) == m) == []


def test_translations_keep_their_placeholders():
    # Jinja's newstyle gettext always applies "%": a lost or stray placeholder breaks the page.
    zh = translations("zh_CN")
    wrong = []
    for message in sorted(_messages()):
        text = zh.gettext(message)
        same = sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(message))
        if not same or "%" in PLACEHOLDER.sub("", text):
            wrong.append(message)
    assert wrong == []


def test_no_untranslatable_error_messages_beyond_the_known_ones():
    dynamic = set()
    for path in _python_sources():
        for call in _calls(path):
            if isinstance(_error_message(call), ast.JoinedStr):
                dynamic.add((str(path.relative_to(SRC)), _text(call.args[0])))
    assert dynamic == DYNAMIC
