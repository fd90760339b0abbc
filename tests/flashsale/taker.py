"""A writer process for the kill test: takes seats through Redis and writes each one after,
in a loop, printing "taken <seat>" between the two steps and "written <seat>" after the
commit. With FLASH_PAUSE_AFTER=n it stops between the two steps of its n-th seat and waits
to be killed. Usage: python -m tests.flashsale.taker DB_URL REDIS_URL NAMESPACE EVENT N"""

from __future__ import annotations

import os
import sys
import time

from mercato.flashsale import public as flashsale
from mercato.flashsale.services import backend
from mercato.kernel.errors import DomainError
from mercato.platform.db import Database


def main() -> None:
    db_url, redis_url, namespace, event, n = sys.argv[1:6]
    backend.configure(redis_url, namespace, "kill-test-secret-0123456789abcdef0123")
    db = Database(db_url)
    pause = int(os.environ.get("FLASH_PAUSE_AFTER", "0"))
    for i in range(1, int(n) + 1):
        try:
            seat = flashsale.take_seat(db, int(event), 101, 5000 + i)
        except DomainError as exc:
            print("refused", exc.code, flush=True)
            continue
        print("taken", seat.seat_id, flush=True)
        if i == pause:
            time.sleep(600)  # killed here: between the script and the database
        with db.transaction() as tx:
            flashsale.record_seat(tx, seat)
            flashsale.confirm_seat(tx, seat.seat_id, f"K{i:06d}")
        print("written", seat.seat_id, flush=True)
        flashsale.clear_pending(seat)


if __name__ == "__main__":
    main()
