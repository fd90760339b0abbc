"""The queue runtime: relays the outbox into Dramatiq, consumes events and ticks periodic jobs.

The only module that imports dramatiq (import-linter checks it). Each Runtime owns its own
broker instance with its own two actors, so nothing goes through dramatiq's global broker and
several runtimes can live in one process one after another (tests)."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from dramatiq import Actor, Broker, Middleware, Worker
from dramatiq.brokers.stub import StubBroker
from dramatiq.errors import QueueJoinTimeout
from dramatiq.middleware import Retries

from mercato.platform.db import Database
from mercato.platform.outbox import (
    Bus,
    Event,
    PeriodicJob,
    after_commit_nudge,
    claim_job,
    utcnow,
)
from mercato.platform.relay import pending_count, relay_once

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5
# How long a relay woken by a commit waits for more commits before it sends the batch.
GATHER_SECONDS = 0.1
RELAY_BATCH = 100
MAX_BACKOFF_SECONDS = 30.0
# Actor names are the wire protocol between web and worker processes: keep them stable.
DELIVER_ACTOR = "mercato.deliver_event"
JOB_ACTOR = "mercato.run_job"


class _Outstanding(Middleware):
    """Messages this process enqueued that no local worker has acked or rejected yet; a
    retry is enqueued before the failed try is acked, so the count never dips to zero early."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: Counter[str] = Counter()
        self._early: dict[str, float] = {}

    def after_enqueue(self, broker: Broker, message: Any, delay: int | None) -> None:
        with self._lock:
            # With a real broker the worker can ack a message before the publishing thread
            # gets here: that ack was kept aside and now balances this enqueue.
            if self._early.pop(message.message_id, None) is None:
                self._open[message.message_id] += 1

    def after_ack(self, broker: Broker, message: Any) -> None:
        with self._lock:
            mid = message.message_id
            if mid not in self._open:
                self._early[mid] = time.monotonic()
                self._forget_old_early()
                return
            self._open[mid] -= 1
            if self._open[mid] <= 0:
                del self._open[mid]

    def _forget_old_early(self) -> None:
        # Messages enqueued by other processes are acked here too and never balance out.
        if len(self._early) > 1000:
            cutoff = time.monotonic() - 300
            self._early = {m: t for m, t in self._early.items() if t > cutoff}

    after_nack = after_ack

    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._open)


def make_broker(url: str, middleware: list[Middleware], namespace: str = "mercato") -> Broker:
    """An empty url gives the in-process StubBroker (the embedded default); amqp:// gives
    RabbitMQ, redis:// Redis (its keys under `namespace`)."""
    if not url:
        return StubBroker(middleware=middleware)
    if url.startswith(("amqp://", "amqps://")):
        from dramatiq.brokers.rabbitmq import RabbitmqBroker

        # Publisher confirms: an event counts as sent only once RabbitMQ has it.
        return RabbitmqBroker(url=url, confirm_delivery=True, middleware=middleware)
    if url.startswith(("redis://", "rediss://", "unix://")):
        from dramatiq.brokers.redis import RedisBroker

        return RedisBroker(url=url, middleware=middleware, namespace=namespace)
    raise ValueError("MERCATO_BROKER_URL must be empty, amqp://... or redis://...")


class Runtime:
    """Relay loop, periodic-job ticker and (for the embedded broker, or consume=True) a
    Dramatiq worker. `namespace` prefixes the queue names, so test runs stay apart."""

    def __init__(
        self,
        db: Database,
        bus: Bus,
        broker_url: str = "",
        *,
        consume: bool = False,
        namespace: str = "mercato",
        threads: int = 4,
        poll: float = POLL_SECONDS,
        gather: float = GATHER_SECONDS,
        retry_ms: int = 1_000,
    ) -> None:
        self.db, self.bus, self.poll, self.threads = db, bus, poll, threads
        self.gather = gather
        self._outstanding = _Outstanding()
        # Failed subscribers are retried from 1 s (retry_ms) doubling up to 10 min, 20 times,
        # then the message is dead-lettered (the outbox row keeps the event for a replay).
        retries = Retries(max_retries=20, min_backoff=retry_ms, max_backoff=600_000)
        self.broker = make_broker(broker_url, [retries, self._outstanding], namespace)
        self.consume = consume or isinstance(self.broker, StubBroker)
        self.queues = (f"{namespace}.events", f"{namespace}.jobs")
        self._deliver = Actor(self._on_event, **self._bind(DELIVER_ACTOR, self.queues[0]))
        # A failed periodic job is not retried: the next tick runs it again.
        self._job = Actor(self._on_job, **self._bind(JOB_ACTOR, self.queues[1], max_retries=0))
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._worker: Worker | None = None
        self._unhook: Callable[[], None] | None = None
        self._send_failed = False

    def _bind(self, name: str, queue: str, **options: Any) -> dict[str, Any]:
        return {
            "broker": self.broker,
            "actor_name": name,
            "queue_name": queue,
            "priority": 0,
            "options": options,
        }

    # -- the two actors -------------------------------------------------------------------
    def _on_event(self, message: dict[str, Any]) -> None:
        self.bus.handle(self.db, Event.from_message(message))

    def _on_job(self, name: str) -> None:
        self.bus.run_job(self.db, name)

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> None:
        if self._unhook is not None or self._stopping.is_set():
            raise RuntimeError("a Runtime starts once")
        self._unhook = after_commit_nudge(self.db, self.nudge)
        if self.consume:
            self._worker = Worker(self.broker, worker_threads=self.threads, worker_timeout=100)
            self._worker.start()
        self._spawn("mercato-relay", self._relay_loop)
        if self.bus.jobs:
            self._spawn("mercato-ticker", self._tick_loop)

    def _spawn(self, name: str, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        """Stop the relay, the ticker and the worker (which finishes messages in hand)."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout=10)
        if self._worker is not None:
            self._worker.stop(timeout=10_000)
        self.broker.close()
        if self._unhook is not None:
            self._unhook()

    def nudge(self) -> None:
        """Wake the relay now (called after a commit that recorded events)."""
        self._wake.set()

    def run_job(self, name: str) -> None:
        """Run a periodic job now, synchronously, in the calling thread."""
        self.bus.run_job(self.db, name)

    # -- relay ----------------------------------------------------------------------------
    def _send(self, event: Event) -> None:
        try:
            self._deliver.send(event.to_message())
        except Exception:
            self._send_failed = True
            raise

    def _relay_pending(self, look_first: bool) -> None:
        self._send_failed = False
        while not self._stopping.is_set():
            sent = relay_once(self.db, self._send, RELAY_BATCH, look_first=look_first)
            # A short batch took every row there was (or the broker refused): done for now.
            if sent < RELAY_BATCH or self._send_failed:
                return
            look_first = True

    def _relay_loop(self) -> None:
        delay = self.poll
        while not self._stopping.is_set():
            nudged = self._wake.wait(delay)
            if nudged and self.gather:
                # Let the commits of the next few milliseconds join this batch: one relay
                # transaction for many events instead of one per order under load.
                self._stopping.wait(self.gather)
            self._wake.clear()
            if self._stopping.is_set():
                return
            try:
                self._relay_pending(look_first=not nudged)
            except Exception:  # the database is away: keep the thread, try again later
                log.exception("outbox relay failed")
                self._send_failed = True
            # The broker or database is away: back off instead of hammering it.
            delay = min(delay * 2, MAX_BACKOFF_SECONDS) if self._send_failed else self.poll

    # -- periodic jobs --------------------------------------------------------------------
    def _tick(self, job: PeriodicJob) -> None:
        try:
            with self.db.transaction() as tx:
                if claim_job(tx, job, utcnow()):
                    # Inside the claim: if the broker refuses, the claim rolls back too.
                    self._job.send(job.name)
        except Exception:
            log.exception("could not schedule job %s", job.name)

    def _tick_loop(self) -> None:
        due = dict.fromkeys(self.bus.jobs, 0.0)
        while not self._stopping.is_set():
            for job in self.bus.jobs.values():
                if due[job.name] <= time.monotonic():
                    self._tick(job)
                    due[job.name] = time.monotonic() + job.seconds
            self._stopping.wait(max(0.0, min(due.values()) - time.monotonic()))

    # -- tests and the CLI ----------------------------------------------------------------
    def drain(self, timeout: float = 10) -> None:
        """Relay every pending event, then wait until the local worker has handled all that
        this process enqueued (or, with no local worker, until the broker queues are empty).
        Raises TimeoutError when that takes longer than `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{pending_count(self.db)} events still unpublished")
            if relay_once(self.db, self._send):
                continue
            if not pending_count(self.db):
                break
            time.sleep(0.02)  # rows held by another relay, or the broker refusing
        if self._worker is None:
            self._join_broker(deadline)
            return
        while self._outstanding.busy:
            if time.monotonic() > deadline:
                raise TimeoutError("the worker has not handled every message in time")
            time.sleep(0.01)

    def _join_broker(self, deadline: float) -> None:
        for queue in self.queues:
            left = max(1, int((deadline - time.monotonic()) * 1000))
            try:
                self.broker.join(queue, timeout=left)
            except QueueJoinTimeout as exc:
                raise TimeoutError(f"queue {queue} not empty in time") from exc
