"""The shipping method admin form <-> service data. Rule rows arrive as numbered fields
(rules.<i>.provinces, rules.<i>.first_fee, ...); blank rows are dropped. Amounts are typed in
yuan and converted to fen exactly (Money.parse, no float); errors come back per field, named
as the form names them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData

from mercato.checkout.services.shipping import MethodView
from mercato.checkout.services.shipping_input import (
    MethodData,
    RuleData,
    method_fields,
    split_provinces,
)
from mercato.checkout.shipping import MAX_WEIGHT_G
from mercato.kernel.errors import DomainError
from mercato.kernel.money import Money
from mercato.platform.i18n import gettext_ as _

MAX_ROWS = 40
BLANK_ROWS = 3
METHOD_FIELDS = ("code", "name_zh", "name_en", "carrier", "position")
RULE_FIELDS = ("provinces", "first_weight_g", "first_fee", "step_g", "step_fee", "free_over")
YUAN_FIELDS = frozenset({"first_fee", "step_fee", "free_over"})
_ROW_KEY = re.compile(r"^rules\.(\d{1,2})\.([a-z_]+)$")
# Service messages that carry a detail after ": " (a province name) or name a column.
_MESSAGES = {
    "first_weight_g must be ≥ 0": "Enter a weight in grams, 0 or more",
    "step_g must be ≥ 1": "Enter a weight in grams, 1 or more",
    "first_fee must be ≥ 0": "The amount cannot be negative",
    "step_fee must be ≥ 0": "The amount cannot be negative",
    "free_over must be ≥ 0": "The amount cannot be negative",
}


@dataclass
class Parsed:
    """The form as typed (to re-render) and what could be read of it."""

    values: dict[str, Any]
    rows: list[dict[str, str]]
    errors: dict[str, str] = field(default_factory=dict)
    data: MethodData | None = None
    row_index: list[int] = field(default_factory=list)  # form row of each rule passed on


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def rule_rows(form: FormData) -> list[dict[str, str]]:
    """The rule rows as typed, in form order, each with its form index `i`."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in form.multi_items():
        m = _ROW_KEY.match(key)
        if m and int(m.group(1)) < MAX_ROWS and m.group(2) in RULE_FIELDS:
            i = int(m.group(1))
            rows.setdefault(i, {"i": str(i)})[m.group(2)] = (
                value.strip() if isinstance(value, str) else ""
            )
    return [rows[i] for i in sorted(rows)]


def fen(raw: str) -> int:
    """'12', '12.5' or '¥12.50' yuan -> 1250 fen, exactly; DomainError otherwise."""
    text = raw.replace("¥", "").replace("￥", "").replace(",", "").strip()
    try:
        amount = Money.parse(text).minor
    except DomainError:
        raise DomainError("money.invalid", "Enter an amount in yuan, e.g. 12.50")
    if amount < 0:
        raise DomainError("money.negative", "The amount cannot be negative")
    return amount


def grams(raw: str) -> int:
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) > MAX_WEIGHT_G:
        raise DomainError("checkout.invalid_weight", "Enter whole grams from 0 to 1000000")
    return int(raw)


def _rule(row: dict[str, str], errors: dict[str, str]) -> RuleData | None:
    numbers: dict[str, int | None] = {}
    for name in RULE_FIELDS[1:]:
        raw = row.get(name, "")
        key = f"rules.{row['i']}.{name}"
        if name == "free_over" and not raw:
            numbers[name] = None
            continue
        try:
            if not raw:
                raise DomainError("checkout.required", "This field is required")
            numbers[name] = fen(raw) if name in YUAN_FIELDS else grams(raw)
        except DomainError as exc:
            errors.setdefault(key, message(exc))
    if any(key.startswith(f"rules.{row['i']}.") for key in errors):
        return None
    return RuleData(split_provinces(row.get("provinces", "")), **numbers)  # type: ignore[arg-type]


def _position(raw: str, errors: dict[str, str]) -> int:
    raw = raw or "0"
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        errors["position"] = _("Enter a whole number from 0 to 1000000")
        return 0
    return int(raw)


def parse(form: FormData) -> Parsed:
    """Read the form; `data` is set only when every field could be read. The method's own
    fields are checked here too, so one submit reports them along with the rule rows."""
    values: dict[str, Any] = {name: _text(form, name) for name in METHOD_FIELDS}
    values["active"] = _text(form, "active") not in ("", "0", "off")
    out = Parsed(values, rule_rows(form))
    kept = [r for r in out.rows if any(r.get(f) for f in RULE_FIELDS)]
    rules = [_rule(r, out.errors) for r in kept]
    data = MethodData(
        code=values["code"],
        name_zh=values["name_zh"],
        name_en=values["name_en"],
        rules=tuple(r for r in rules if r is not None),
        carrier=values["carrier"],
        position=_position(values["position"], out.errors),
        active=values["active"],
    )
    try:
        method_fields(data)
    except DomainError as exc:
        out.errors.setdefault(exc.field or "form", message(exc))
    if not out.errors:
        out.data = data
        out.row_index = [int(r["i"]) for r in kept]
    return out


def message(exc: DomainError) -> str:
    """The translated text of a refusal; 'Reason: detail' keeps the detail as typed."""
    text = _MESSAGES.get(exc.message, exc.message)
    head, sep, tail = text.partition(": ")
    return _(head) + sep + tail if sep else _(text)


def add_error(parsed: Parsed, exc: DomainError) -> None:
    """A service refusal next to its field; rules.<k> renamed to the k-th kept form row."""
    name = exc.field or "form"
    m = re.match(r"^rules\.(\d+)\.(.+)$", name)
    if m and int(m.group(1)) < len(parsed.row_index):
        name = f"rules.{parsed.row_index[int(m.group(1))]}.{m.group(2)}"
    parsed.errors.setdefault(name, message(exc))


def method_values(method: MethodView | None) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """A stored method as form values and rule rows (amounts in yuan)."""
    if method is None:
        return {**dict.fromkeys(METHOD_FIELDS, ""), "position": "0", "active": True}, []
    values: dict[str, Any] = {name: str(getattr(method, name)) for name in METHOD_FIELDS}
    values["active"] = method.active
    rows = [
        {
            "i": str(i),
            "provinces": ", ".join(r.provinces),
            "first_weight_g": str(r.first_weight_g),
            "first_fee": Money(r.first_fee).format(),
            "step_g": str(r.step_g),
            "step_fee": Money(r.step_fee).format(),
            "free_over": "" if r.free_over is None else Money(r.free_over).format(),
        }
        for i, r in enumerate(method.rules)
    ]
    return values, rows


def with_blanks(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows plus a few empty ones to add rules in (no script needed)."""
    start = max((int(r["i"]) for r in rows), default=-1) + 1
    return rows + [{"i": str(i)} for i in range(start, min(start + BLANK_ROWS, MAX_ROWS))]
