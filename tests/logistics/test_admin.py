"""The merchant's logistics centre: the shipment queue with its counts, bulk pick and ship (one
unit of work per shipment: a carrier's refusal leaves that one unshipped, the others go), the
pick list and the waybills (Code 128), the shipment page with its scans, the issue queue, and
who may do what."""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from mercato.access import team
from mercato.access.public import SESSION_COOKIE
from mercato.inventory import public as inventory
from mercato.logistics import carriers, code128
from mercato.logistics.adapters.registry import Book
from mercato.logistics.adapters.tables import Issue
from mercato.logistics.services import allocate, issues, tracking
from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from tests.logistics.helpers import Recorder, event, paid_order, shipments


class Refusing(Recorder):
    """Refuses to book the shipments named in `refuse`, like a carrier whose address check
    failed."""

    def __init__(self, refuse: set[str]) -> None:
        super().__init__()
        self.refuse = refuse

    def create_waybill(self, request: carriers.WaybillRequest, carrier: str) -> carriers.Waybill:
        if request.reference in self.refuse:
            raise carriers.CarrierError("logistics.carrier_refused", "收件地址超区", "8016")
        return super().create_waybill(request, carrier)


def _book(client: Any, adapter: Recorder | None = None) -> Recorder:
    rec = adapter or Recorder()
    book = Book(default="sf")
    book.add(rec)
    client.app.state.carriers = book
    return rec


def _orders(client: Any, db: Database, buyer: dict[str, Any], *carts: dict[int, int]) -> list[str]:
    """Paid orders allocated to shipments: their shipment numbers, one per order here."""
    out = []
    for cart in carts:
        order = paid_order(client, db, buyer, cart)
        with db.transaction() as tx:
            out += allocate.allocate_order(tx, order)
    return out


def _post(client: Any, url: str, **data: Any) -> Any:
    return client.post(url, data={"csrf": client.csrf, **data}, follow_redirects=False)


def _status(db: Database, number: str) -> str:
    (s,) = [x for x in shipments(db, number.rsplit("-", 1)[0]) if x.number == number]
    return s.status


def _order_status(db: Database, order: str) -> str:
    with db.reading() as tx:
        return str(tx.scalar(select(Order.status).where(Order.number == order)))


def _count(page: str, status: str) -> int:
    found = re.search(rf'data-count="{status}">(\d+)<', page)
    assert found, status
    return int(found.group(1))


def test_queue_lists_shipments_with_counts(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    _book(admin)
    tee = market["tee"]["skus"][0]
    first, second = _orders(admin, db, buyer, {tee: 2}, {tee: 1})
    page = admin.get("/admin/shipments")
    assert page.status_code == 200, page.text
    assert f'data-shipment="{first}"' in page.text and f'data-shipment="{second}"' in page.text
    assert _count(page.text, "allocated") == 2 and _count(page.text, "shipped") == 0
    order = first.rsplit("-", 1)[0]
    assert f'href="/admin/orders/{order}"' in page.text  # the owner may view orders
    assert "×2" in page.text and "王小明" in page.text
    # Oldest first in the open tabs; 加急 moves one to the top.
    assert page.text.index(first) < page.text.index(second)
    r = _post(admin, f"/admin/shipments/{second}/priority", urgent="1")
    assert r.status_code == 303
    page = admin.get("/admin/shipments").text
    assert page.index(f'data-shipment="{second}"') < page.index(f'data-shipment="{first}"')
    assert 'data-testid="urgent"' in page
    found = admin.get("/admin/shipments", params={"status": "all", "q": order}).text
    assert f'data-shipment="{first}"' in found and f'data-shipment="{second}"' not in found
    assert admin.get("/admin/shipments", params={"q": "50%"}).status_code == 422
    nav = admin.get("/admin/shipments").text
    assert 'href="/admin/logistics/issues"' in nav and "物流中心" in nav


def test_bulk_pick_then_ship(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    rec = _book(admin)
    tee = market["tee"]["skus"][0]
    numbers = _orders(admin, db, buyer, {tee: 1}, {tee: 1})
    r = _post(admin, "/admin/shipments/pick", n=numbers)
    assert r.status_code == 200, r.text
    assert r.text.count('data-outcome="done"') == 2
    assert [_status(db, n) for n in numbers] == ["picking", "picking"]
    again = _post(admin, "/admin/shipments/pick", n=numbers[:1])  # already picked: reported
    assert 'data-outcome="refused"' in again.text and "不在待拣货状态" in again.text
    r = _post(admin, "/admin/shipments/ship", n=numbers, ship_with="sf", status="picking")
    assert r.status_code == 200, r.text
    assert r.text.count('data-outcome="done"') == 2
    assert [_status(db, n) for n in numbers] == ["shipped", "shipped"]
    waybills = [rec.booked[n].waybill_no for n in numbers]
    assert all(w in r.text for w in waybills)
    assert 'data-testid="report-print"' in r.text and "/admin/shipments/waybills?n=" in r.text
    shipped = admin.get("/admin/shipments", params={"status": "shipped"}).text
    assert all(f'data-testid="waybill">{w}<' in shipped for w in waybills)
    assert _count(shipped, "shipped") == 2
    assert _order_status(db, numbers[0].rsplit("-", 1)[0]) == "shipped"
    assert rec.requests[0].sender.phone == "4008000000"


def test_a_carrier_refusal_leaves_that_shipment_unshipped(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    tee = market["tee"]["skus"][0]
    good, bad = _orders(admin, db, buyer, {tee: 1}, {tee: 1})
    _book(admin, Refusing({bad}))
    r = _post(admin, "/admin/shipments/ship", n=[bad, good], ship_with="sf")
    assert r.status_code == 200, r.text
    refused = re.search(
        rf'data-report-shipment="{bad}" data-outcome="refused">.*?</tr>', r.text, re.S
    )
    assert refused and "收件地址超区" in refused.group(0) and "8016" in refused.group(0)
    assert f'data-report-shipment="{good}" data-outcome="done"' in r.text
    assert (_status(db, good), _status(db, bad)) == ("shipped", "allocated")
    assert _order_status(db, bad.rsplit("-", 1)[0]) == "paid"  # nothing of it moved
    # The refused one stays chosen for another try.
    assert re.search(rf'value="{bad}" form="bulk"[^>]* checked', r.text)
    unknown = _post(admin, "/admin/shipments/ship", n=[bad], ship_with="ems")
    assert unknown.status_code == 422 and _status(db, bad) == "allocated"
    none = _post(admin, "/admin/shipments/pick")
    assert none.status_code == 422 and 'data-error-for="n"' in none.text


def test_pick_list_sums_quantities(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    _book(admin)
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    numbers = _orders(admin, db, buyer, {tee: 2}, {tee: 1, cup: 1})
    r = admin.get("/admin/shipments/picklist", params=[("n", n) for n in numbers])
    assert r.status_code == 200, r.text
    rows = re.findall(
        r'data-testid="pick-sku" data-sku="([^"]+)">.*?data-testid="pick-qty">'
        r"(\d+)<",
        r.text,
        re.S,
    )
    with db.reading() as tx:
        codes = inventory.sku_codes(tx, [tee, cup])
    assert dict(rows) == {codes[tee]: "3", codes[cup]: "1"}
    assert r.text.count('data-testid="pick-shipment"') == 2
    assert r.headers["cache-control"] == "no-store"
    # A form sent without script carries its csrf along: dropped by a redirect.
    sent = admin.get(
        "/admin/shipments/picklist", params={"n": numbers[0], "csrf": "abc"}, follow_redirects=False
    )
    assert sent.status_code == 303 and "csrf" not in sent.headers["location"]


def test_waybills_are_printed_for_shipped_ones_only(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    rec = _book(admin)
    tee = market["tee"]["skus"][0]
    shipped, waiting = _orders(admin, db, buyer, {tee: 1}, {tee: 1})
    assert _post(admin, "/admin/shipments/ship", n=[shipped], ship_with="sf").status_code == 200
    r = admin.get("/admin/shipments/waybills", params=[("n", shipped), ("n", waiting)])
    assert r.status_code == 200, r.text
    waybill = rec.booked[shipped].waybill_no
    assert f'data-waybill="{waybill}"' in r.text and "<svg" in r.text
    assert r.text.count('data-testid="waybill"') == 1
    assert 'data-testid="routing-code">755<' in r.text
    assert "138****" in r.text or "****" in r.text  # the recipient's phone is masked
    skipped = r.text.split('data-testid="skipped"', 1)[1]
    assert waiting in skipped


def test_the_shipment_page_shows_scans_newest_first(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    rec = _book(admin)
    (number,) = _orders(admin, db, buyer, {market["tee"]["skus"][0]: 1})
    page = admin.get(f"/admin/shipments/{number}")
    assert page.status_code == 200 and 'data-action="ship"' in page.text
    r = _post(admin, f"/admin/shipments/{number}/ship", ship_with="sf")
    assert r.status_code == 303 and r.headers["location"].startswith(f"/admin/shipments/{number}")
    waybill = rec.booked[number].waybill_no
    with db.transaction() as tx:
        tracking.ingest(
            tx,
            [
                event(waybill, carriers.COLLECTED, 9, "顺丰已揽件"),
                event(waybill, carriers.DELIVERING, 15, "快递员正在派件"),
            ],
        )
    page = admin.get(f"/admin/shipments/{number}").text
    assert page.index("快递员正在派件") < page.index("顺丰已揽件")
    assert page.count('data-testid="scan"') == 2 and waybill in page
    assert 'data-action="ship"' not in page
    assert admin.get("/admin/shipments/9999999999999999-9").status_code == 404


def test_resolving_an_issue(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    _book(admin)
    (number,) = _orders(admin, db, buyer, {market["tee"]["skus"][0]: 1})
    order = number.rsplit("-", 1)[0]
    with db.transaction() as tx:
        issues.open_issue(
            tx, number, order, "delivery_failed", buyer["id"], "13800000000", "客户拒收"
        )
        issue_id = tx.scalars(select(Issue.id)).one()
    page = admin.get("/admin/logistics/issues").text
    assert f'data-issue="{issue_id}"' in page and "客户拒收" in page
    assert f'href="/admin/shipments/{number}"' in page and _count(page, "open") == 1
    r = _post(admin, f"/admin/logistics/issues/{issue_id}/resolve", note="已重新派送")
    assert r.status_code == 303
    with db.reading() as tx:
        issue = tx.get(Issue, issue_id)
        assert issue is not None and issue.note == "已重新派送"
        assert issue.resolved_by == "admin@example.com"
    done = admin.get("/admin/logistics/issues", params={"view": "resolved"}).text
    assert "已重新派送" in done and _count(done, "resolved") == 1
    again = _post(admin, f"/admin/logistics/issues/{issue_id}/resolve", note="x")
    assert again.status_code == 409


def _member(app: Any, db: Database, email: str, role: str) -> TestClient:
    with db.transaction() as tx:
        team.add_staff(tx, email, "correct-horse-9", "", role)
    c = TestClient(app, follow_redirects=False)
    assert (
        c.post("/admin/login", data={"email": email, "password": "correct-horse-9"}).status_code
        == 303
    )
    raw = c.cookies.get(SESSION_COOKIE) or ""
    key = app.state.settings.secret_key.encode()
    c.csrf = hmac.new(key, b"csrf:" + raw.encode(), hashlib.sha256).hexdigest()[:32]  # type: ignore[attr-defined]
    return c


def test_the_warehouse_ships_finance_may_not(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    _book(admin)
    first, second = _orders(
        admin, db, buyer, {market["tee"]["skus"][0]: 1}, {market["tee"]["skus"][0]: 1}
    )
    clerk = _member(admin.app, db, "clerk@example.com", "warehouse")
    page = clerk.get("/admin/shipments")
    assert page.status_code == 200 and 'data-bulk="ship"' in page.text
    assert f'href="/admin/orders/{first.rsplit("-", 1)[0]}"' in page.text  # orders.view
    assert _post(clerk, "/admin/shipments/ship", n=[first], ship_with="sf").status_code == 200
    assert _status(db, first) == "shipped"
    finance = _member(admin.app, db, "money@example.com", "finance")
    assert finance.get("/admin/shipments").status_code == 403
    denied = _post(finance, "/admin/shipments/ship", n=[second], ship_with="sf")
    assert denied.status_code == 403 and "您没有执行此操作的权限" in denied.text
    assert _status(db, second) == "allocated"
    assert 'href="/admin/shipments"' not in finance.get("/admin/orders").text


def test_a_post_without_csrf_is_refused(
    admin: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any]
) -> None:
    _book(admin)
    (number,) = _orders(admin, db, buyer, {market["tee"]["skus"][0]: 1})
    r = admin.post(
        "/admin/shipments/ship", data={"n": number, "ship_with": "sf"}, follow_redirects=False
    )
    assert r.status_code == 403
    r = admin.post(
        f"/admin/shipments/{number}/pick", data={"csrf": "forged"}, follow_redirects=False
    )
    assert r.status_code == 403
    assert _status(db, number) == "allocated"


def test_code128_of_a_waybill_number() -> None:
    # Start B (104), then S F 1 2 3 4 5 6 7 8 9 0 1 2 3 in subset B: ASCII - 32.
    data = [51, 38, 17, 18, 19, 20, 21, 22, 23, 24, 25, 16, 17, 18, 19]
    # 104 + 1×51 + 2×38 + 3×17 + 4×18 + 5×19 + 6×20 + 7×21 + 8×22 + 9×23 + 10×24 + 11×25
    #     + 12×16 + 13×17 + 14×18 + 15×19 = 104 + 2460 = 2564; 2564 mod 103 = 92 ("|").
    assert code128.symbols("SF1234567890123") == [104, *data, 92, 106]
    assert code128.WIDTHS[104] == "211214" and code128.WIDTHS[106] == "2331112"
    assert code128.WIDTHS[92] == "111143"
    runs = code128.modules("SF1234567890123")
    assert sum(w for _bar, w in runs) == 11 * 17 + 13  # 17 symbols and the stop
    assert runs[:6] == [(True, 2), (False, 1), (True, 1), (False, 2), (True, 1), (False, 4)]
    assert runs[-7:] == [
        (True, 2),
        (False, 3),
        (True, 3),
        (False, 1),
        (True, 1),
        (False, 1),
        (True, 2),
    ]
    svg = code128.svg("SF1234567890123")
    assert svg.startswith("<svg") and svg.count("<rect") == 1 + 17 * 3 + 4
    # Every symbol: 11 modules (the stop 13), bars an even number of modules, all distinct.
    assert all(sum(map(int, w)) == 11 for w in code128.WIDTHS[:106])
    assert all(sum(int(x) for x in w[::2]) % 2 == 0 for w in code128.WIDTHS[:106])
    assert len(set(code128.WIDTHS)) == 107
    for bad in ("", "运单"):
        with pytest.raises(ValueError):
            code128.values(bad)
