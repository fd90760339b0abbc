"""The API contract: Schemathesis runs every check over every operation of
/api/v1/openapi.json (examples, coverage, fuzzing and stateful phases; valid and invalid data),
once as staff and once as a customer, against a small seeded shop. Zero failures: the server
accepts what its schema calls valid, refuses (4xx) what it calls invalid, answers only the
statuses, headers and bodies it documents, and never fails (5xx).

What JSON Schema cannot state is written in the operation's descriptions and kept here, in two
short lists, each entry naming the documented rule:

- REQUEST_RULES: rules between fields of one request (a price band or price_min/price_max,
  each province in one fee rule, a barcode's check digit...). Valid data that breaks one is not
  generated: the schema says so in words only.
- SERVER_REFUSALS: refusals of well-formed requests that depend on what the server holds (a
  reset code, the current password, a product's option axes, which regions exist): the error
  codes each operation documents for them, tolerated for that operation only.

Bounded for CI: a fixed seed, deterministic generation and a few examples per operation.
For a deeper local run, MERCATO_SCHEMATHESIS_EXAMPLES raises the examples and
MERCATO_SCHEMATHESIS_SEED picks other ones."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema
from schemathesis.engine.statistic import Statistic

from mercato.access import services as access
from mercato.catalog.domain import gtin_check_digit
from mercato.kernel import provinces
from mercato.members.services import sessions
from mercato.platform.db import Database
from tests.orders.conftest import PASSWORD, fill_cart

MAX_EXAMPLES = int(os.environ.get("MERCATO_SCHEMATHESIS_EXAMPLES", "10"))
SEED = int(os.environ.get("MERCATO_SCHEMATHESIS_SEED", "20240611"))
PHASES = ("examples", "coverage", "fuzzing", "stateful")

Query = Mapping[str, Any]
Body = Any


# --- rules JSON Schema cannot state ----------------------------------------------------------


def _ints(query: Query, name: str) -> list[int]:
    value = query.get(name)
    values = value if isinstance(value, list) else [] if value is None else [value]
    return [int(v) for v in values]


def _price_filters(query: Query, _body: Body) -> bool:
    """GET /products, /search: `price` not with price_min/price_max; price_max ≥ price_min;
    a band's hi above its lo; at most 30 option and attr filters in all."""
    band = query.get("price")
    if band is not None and ("price_min" in query or "price_max" in query):
        return False
    low, high = _ints(query, "price_min"), _ints(query, "price_max")
    if low and high and high[0] < low[0]:
        return False
    if isinstance(band, str) and "-" in band:
        lo, _, hi = band.partition("-")
        if hi and lo.isdigit() and hi.isdigit() and int(hi) <= int(lo):
            return False
    filters = [query.get("option"), query.get("attr")]
    return sum(len(v) if isinstance(v, list) else v is not None for v in filters) <= 30


def _date_range(query: Query, _body: Body) -> bool:
    """GET /admin/orders: date_to not before date_from."""
    start, end = query.get("date_from"), query.get("date_to")
    return not (isinstance(start, str) and isinstance(end, str) and end < start)


def _password(field: str) -> Callable[[Query, Body], bool]:
    def rule(_query: Query, body: Body) -> bool:
        """A new password has a letter and a digit (members.domain.check_password)."""
        value = body.get(field) if isinstance(body, dict) else None
        if not isinstance(value, str):
            return True
        return any(c.isalpha() for c in value) and any(c.isdigit() for c in value)

    return rule


def _fee_rules(_query: Query, body: Body) -> bool:
    """Shipping methods: each province (full or short name) and * in one rule only."""
    if not isinstance(body, dict) or not isinstance(body.get("rules"), list):
        return True
    seen: set[str] = set()
    for rule in body["rules"]:
        names = rule.get("provinces") if isinstance(rule, dict) else None
        if not isinstance(names, list):
            continue
        canonical = {provinces.canonical(n) for n in names if isinstance(n, str)}
        if canonical & seen:
            return False
        seen |= canonical
    return True


def _sku(_query: Query, body: Body) -> bool:
    """SKUs: a barcode's last digit is its check digit; each option axis at most once."""
    if not isinstance(body, dict):
        return True
    code = body.get("barcode")
    code = code.strip() if isinstance(code, str) else ""
    if code.isascii() and code.isdigit() and gtin_check_digit(code[:-1]) != int(code[-1]):
        return False
    options = body.get("options")
    if isinstance(options, list):
        axes = [o.get("axis") for o in options if isinstance(o, dict)]
        return len(axes) == len(set(axes))
    return True


def _aftersales_ask(_query: Query, body: Body) -> bool:
    """After-sales: a return is for no reason or a quality reason, an exchange for a quality
    reason with a photo, a refund only for an unshipped-order reason; returns and exchanges
    name at least one line."""
    if not isinstance(body, dict):
        return True
    kind, reason = body.get("kind"), body.get("reason")
    quality = {"quality", "damaged", "wrong_item", "not_as_described"}
    allowed = {"return": quality | {"no_reason"}, "exchange": quality,
               "refund": {"not_needed", "out_of_stock", "wrong_item"}}
    if kind in allowed and reason not in allowed[kind]:
        return False
    if kind == "exchange" and not body.get("photo_ids"):
        return False
    return kind == "refund" or bool(body.get("lines"))


REQUEST_RULES: dict[tuple[str, str], list[Callable[[Query, Body], bool]]] = {
    ("GET", "/api/v1/products"): [_price_filters],
    ("GET", "/api/v1/search"): [_price_filters],
    ("GET", "/api/v1/admin/orders"): [_date_range],
    ("POST", "/api/v1/customers"): [_password("password")],
    ("POST", "/api/v1/password/reset"): [_password("password")],
    ("PUT", "/api/v1/me/password"): [_password("new_password")],
    ("POST", "/api/v1/admin/shipping-methods"): [_fee_rules],
    ("PUT", "/api/v1/admin/shipping-methods/{method_id}"): [_fee_rules],
    ("POST", "/api/v1/admin/products/{product_id}/skus"): [_sku],
    ("PATCH", "/api/v1/admin/products/{product_id}/skus/{sku_id}"): [_sku],
    ("POST", "/api/v1/orders/{order_number}/aftersales"): [_aftersales_ask],
}

_PARENT = {"catalog.category_not_found", "catalog.category_cycle"}
_ATTRIBUTES = {"catalog.unknown_attribute"}
_OPTIONS = {"catalog.unknown_axis", "catalog.axes_mismatch", "catalog.duplicate_variant"}
_STOCK = {"checkout.insufficient_stock", "checkout.sku_unavailable"}
_REGION = {"members.invalid_province", "members.invalid_city", "members.invalid_district"}
# (method, path) -> error codes of documented 422s that depend on the server's data.
SERVER_REFUSALS: dict[tuple[str, str], set[str]] = {
    ("POST", "/api/v1/admin/categories"): _PARENT,
    ("PATCH", "/api/v1/admin/categories/{category_id}"): _PARENT,
    ("POST", "/api/v1/admin/products"): _ATTRIBUTES,
    ("PATCH", "/api/v1/admin/products/{product_id}"): _ATTRIBUTES,
    ("POST", "/api/v1/admin/products/{product_id}/skus"): _OPTIONS,
    ("PATCH", "/api/v1/admin/products/{product_id}/skus/{sku_id}"): _OPTIONS,
    ("POST", "/api/v1/me/addresses"): _REGION,
    ("PATCH", "/api/v1/me/addresses/{address_id}"): _REGION | {"members.default_required"},
    ("POST", "/api/v1/password/code"): {"members.channel_off"},
    ("POST", "/api/v1/password/reset"): {"members.code_invalid"},
    ("PUT", "/api/v1/me/password"): {"members.wrong_password"},
    ("POST", "/api/v1/cart/lines"): _STOCK,
    ("PATCH", "/api/v1/cart/lines/{sku_id}"): _STOCK,
    # The cart's lines, where the address is; the same Idempotency-Key with another body.
    ("POST", "/api/v1/orders"): {
        "orders.empty_cart",
        "checkout.no_delivery",
        "idempotency.key_reused",
        # Which coupons and how many points the customer holds.
        "members.points_insufficient",
        "orders.points_over_limit",
        "coupon.min_spend",
        "coupon.not_eligible",
    },
    ("POST", "/api/v1/customers"): {"members.invite_unknown"},
    ("POST", "/api/v1/orders/{number}/payments"): {"idempotency.key_reused"},
    # Which lines the order has and which photos the customer uploaded.
    ("POST", "/api/v1/orders/{order_number}/aftersales"): {
        "aftersales.unknown_line", "aftersales.unknown_photo"},
    # Whether the bytes are a picture (the description says so).
    ("POST", "/api/v1/aftersales-photos"): {"aftersales.photo_type", "aftersales.photo_too_large"},
    # Campaign buys: the same Idempotency-Key with another body.
    ("POST", "/api/v1/flash-sales/{event_id}/orders"): {"idempotency.key_reused"},
    ("POST", "/api/v1/group-deals/{deal_id}/groups"): {"idempotency.key_reused"},
    ("POST", "/api/v1/groups/{code}/orders"): {"idempotency.key_reused"},
    ("POST", "/api/v1/presales/{campaign_id}/orders"): {"idempotency.key_reused"},
}


def _positive(case: Any) -> bool:
    meta = case.meta
    return meta is not None and meta.generation.mode.is_positive


def _keep_case(_ctx: Any, case: Any) -> bool:
    rules = REQUEST_RULES.get((case.method.upper(), case.operation.path), [])
    if not rules or not _positive(case):
        return True
    query, body = case.query or {}, case.body
    return all(rule(query, body) for rule in rules)


def _error_code(response: Any) -> str | None:
    try:
        return str(json.loads(response.content)["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return None


def _keep_failure(_ctx: Any, failure: Any, case: Any, response: Any) -> bool:
    allowed = SERVER_REFUSALS.get((case.method.upper(), case.operation.path), set())
    return not (failure.code == "ST202" and _error_code(response) in allowed)


# --- the run -------------------------------------------------------------------------------


def _config() -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True},
            "checks": {"enabled": True},
            "phases": {name: {"enabled": True} for name in PHASES},
        }
    )


def _report(stat: Statistic) -> list[str]:
    lines = []
    for label, groups in sorted(stat.failures.items()):
        for group in groups.values():
            response = group.response
            answer = ""
            if response is not None:
                answer = f"{response.status_code} {response.content[:300]!r}"
            curl = group.steps[-1].curl if group.steps else ""
            for failure in group.failures:
                lines.append(
                    f"{failure.code} {label}: {failure.title}\n    {failure.message}\n"
                    f"    answer: {answer}\n    {curl}"
                )
    return lines


def run_schemathesis(app: Any, issue_token: Callable[[], str]) -> tuple[Statistic, list[str]]:
    """Every check over every operation, each request with a bearer token from `issue_token`
    (a new one when the API answers 401: a customer may sign out or change the password
    mid-run); (statistics, problems found)."""
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app, config=_config())
    schema.hook("filter_case")(_keep_case)
    schema.hook("filter_failure")(_keep_failure)

    @schema.auth()
    class _Bearer:
        def get(self, _case: Any, _ctx: Any) -> str:
            return issue_token()

        def set(self, case: Any, token: str, _ctx: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}

    stat, errors = Statistic(), []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            stat.on_scenario_finished(event.recorder)
        elif isinstance(event, events.NonFatalError):
            errors.append(f"error in {event.label}: {event.value!r}")
        elif isinstance(event, events.FatalError):
            errors.append(f"fatal: {event.exception!r}")
        elif isinstance(event, events.EngineFinished) and event.failures:
            stat.record_run_check_failures(event.failures, label="after the run")
    return stat, _report(stat) + errors


# --- the shop --------------------------------------------------------------------------------


@pytest.fixture
def seeded(
    db: Database, market: dict[str, Any], buyer: dict[str, Any], client: TestClient
) -> dict[str, Any]:
    """The small shop (tests/factories.py), shipping methods, a customer with an address, an
    order and a cart line: every kind of object the API serves exists."""
    r = client.post("/api/v1/customers/token", json={"login": buyer["phone"], "password": PASSWORD})
    headers = {"Authorization": f"Bearer {r.json()['token']}"}
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    body = {"address_id": buyer["address_id"], "shipping_method": "std"}
    assert client.post("/api/v1/orders", json=body, headers=headers).status_code == 201
    fill_cart(db, buyer["id"], {market["cup"]["skus"][0]: 2})
    return {**market, "buyer": buyer}


def _operations(app: Any) -> set[str]:
    """Every operation of the OpenAPI document, as Schemathesis labels them."""
    paths = app.openapi()["paths"]
    return {f"{method.upper()} {path}" for path, item in paths.items() for method in item}


def _issuer(db: Database, who: str, member_id: int) -> Callable[[], str]:
    """New bearer tokens of a staff member or a customer (through the services: the login
    endpoints are under attack in the run, and throttled)."""

    def issue() -> str:
        with db.transaction() as tx:
            if who == "staff":
                return access.issue_token(tx, member_id, "schemathesis")
            return sessions.issue_token(tx, member_id, "schemathesis")

    return issue


@pytest.mark.parametrize("who", ["staff", "customer"])
def test_every_operation_keeps_the_contract(
    app: Any, db: Database, seeded: dict[str, Any], staff: dict[str, Any], who: str
) -> None:
    member = int(staff["id"]) if who == "staff" else int(seeded["buyer"]["id"])
    started = time.monotonic()
    stat, problems = run_schemathesis(app, _issuer(db, who, member))
    took = time.monotonic() - started
    untested = _operations(app) - stat.tested_operations
    assert not untested, f"operations Schemathesis did not test: {sorted(untested)}"
    assert not problems, (
        f"{len(problems)} problems in {stat.total_cases} cases ({took:.0f} s):\n\n"
        + "\n\n".join(problems)
    )
