"""A stock count racing a receipt: the count's own ledger row always lands on its target
(no lost update), and the ledger adds up to the stock row."""

import threading

from sqlalchemy import func, select

from mercato.inventory import services as stock
from mercato.inventory.adapters.tables import LedgerEntry, StockLevel
from tests.factories import base_taxonomy, make_product


def test_count_and_receipt_race(db):
    with db.transaction() as tx:
        t = base_taxonomy(tx)
        sku = make_product(
            tx, t, "cnt", "盘点", "Count", [("CNT-1", 100, [])], category="cups", stock_qty=10
        )["skus"][0]
    wh = t["warehouse"]
    for round_ in range(20):
        gate = threading.Barrier(2)

        def count(r: int = round_, gate: threading.Barrier = gate) -> None:
            gate.wait()
            with db.transaction() as tx:
                stock.set_on_hand(tx, sku, wh, 5, "count", f"count-{r}")

        def receive(r: int = round_, gate: threading.Barrier = gate) -> None:
            gate.wait()
            with db.transaction() as tx:
                stock.adjust(tx, sku, wh, 3, "receive", f"recv-{r}")

        threads = [threading.Thread(target=count), threading.Thread(target=receive)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    with db.reading() as s:
        afters = (
            s.execute(select(LedgerEntry.on_hand_after).where(LedgerEntry.reason == "count"))
            .scalars()
            .all()
        )
        total = s.execute(
            select(func.sum(LedgerEntry.delta_on_hand)).where(LedgerEntry.sku_id == sku)
        ).scalar_one()
        on_hand = s.execute(select(StockLevel.on_hand).where(StockLevel.sku_id == sku)).scalar()
    assert afters and set(afters) == {5}
    assert total == on_hand
