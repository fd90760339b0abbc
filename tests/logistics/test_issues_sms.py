"""Exceptions surface by themselves: a parcel whose tracking went quiet opens one issue and its
customer gets exactly one SMS (through the real Aliyun adapter into the fake Aliyun), however
often the check and the event run; overdue parcels are signed for by the shop."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from mercato.logistics.adapters.tables import Issue, Shipment
from mercato.logistics.services import allocate, watch
from mercato.logistics.tasks import notify
from mercato.messaging.public import SANDBOX_TEMPLATES, Messenger
from mercato.platform.db import Database
from mercato.platform.outbox import Event, OutboxRow
from mercato.sandbox.aliyun_sms import FakeAliyunSms
from tests.logistics.helpers import Recorder, paid_order, shipments
from tests.logistics.test_flow import _ship_all, _status
from tests.members.post import KEY_ID, SECRET, SIGN, sms_adapter


def _shipped(client: Any, db: Database, market: dict[str, Any], buyer: dict[str, Any],
             days_ago: float) -> str:
    order = paid_order(client, db, buyer, {market["tee"]["skus"][0]: 1})
    with db.transaction() as tx:
        allocate.allocate_order(tx, order)
    _ship_all(db, order, Recorder())
    with db.transaction() as tx:
        for s in tx.scalars(select(Shipment).where(Shipment.order_number == order)):
            assert s.shipped_at is not None
            s.shipped_at -= timedelta(days=days_ago)
    return order


def _issue_events(db: Database) -> list[Event]:
    with db.reading() as tx:
        rows = tx.scalars(select(OutboxRow).where(OutboxRow.name == "logistics.issue_opened.v1"))
        return [Event(r.event_id, r.name, json.loads(r.payload), r.created_at) for r in rows]


def test_quiet_parcel_one_issue_one_sms(client: Any, db: Database, market: dict[str, Any],
                                        buyer: dict[str, Any]) -> None:
    order = _shipped(client, db, market, buyer, days_ago=3)
    _shipped(client, db, market, buyer, days_ago=0.5)  # still within 48 hours: no issue
    assert watch.flag_quiet(db, 48) == 1
    assert watch.flag_quiet(db, 48) == 0  # the next run finds it flagged
    (event,) = _issue_events(db)
    fake = FakeAliyunSms(access_key_id=KEY_ID, access_key_secret=SECRET, sign_name=SIGN)
    sender = Messenger(sms_adapter(fake), SANDBOX_TEMPLATES)
    for _ in range(3):  # the event delivered again (a relay retry): still one message
        with db.transaction() as tx:
            notify(tx, event, sender, "zh_CN")
    texts = [m["text"] for m in fake.inbox.messages("13912345678")]
    assert len(texts) == 1 and order in str(texts[0]) and "物流更新" in str(texts[0])
    with db.reading() as tx:
        issue = tx.scalars(select(Issue)).one()
        assert (issue.cause, issue.order_number, issue.notified_at is not None) == (
            "no_tracking", order, True)


def test_overdue_parcels_are_signed_for_by_the_shop(client: Any, db: Database,
                                                     market: dict[str, Any],
                                                     buyer: dict[str, Any]) -> None:
    old = _shipped(client, db, market, buyer, days_ago=11)
    recent = _shipped(client, db, market, buyer, days_ago=2)
    assert watch.sign_overdue(db, 10) == 1
    assert (_status(db, old), _status(db, recent)) == ("signed", "shipped")
    assert shipments(db, old)[0].status == "signed"
