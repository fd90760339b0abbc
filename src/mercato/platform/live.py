"""Notifications between processes: "this changed, look again" (today's figures after a
payment, for the data centre's live cards). Best effort and at most once: nothing is kept,
a notification sent while nobody listens is gone, and listeners still look again on their
own now and then. The figures themselves are read from where they live, never carried here.

One hub per process and broker (`hub(url, namespace)`), chosen like the queue's broker:
- "" (the embedded default): in-process, a notification reaches this process only;
- redis://...: Redis pub/sub on the channel `<namespace>.live`;
- amqp://...: a RabbitMQ fanout exchange `<namespace>.live`, each listening process binding
  its own exclusive, self-deleting queue.
The topic travels inside the message, so one channel and one connection per process serve
every topic. Listening starts a daemon thread (on first use) that reconnects with a backoff
when the server goes away; a refused publish is logged and dropped, never raised (the
servers' hubs: platform.live_brokers).

Only the platform talks to broker clients (import-linter): contexts use this module."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import threading

from mercato.platform import live_brokers

log = logging.getLogger(__name__)


class Listener:
    """One listener's mailbox: notify() from any thread; wait() on an event loop (an SSE
    stream) or wait_sync() in a thread. Notifications between two waits count once."""

    def __init__(self, hub: Hub, topic: str) -> None:
        self.hub, self.topic = hub, topic
        self._flag = threading.Event()
        self._awake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def notify(self) -> None:
        self._flag.set()
        awake, loop = self._awake, self._loop
        if awake is not None and loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop closed: its stream is gone
                loop.call_soon_threadsafe(awake.set)

    async def wait(self, timeout: float) -> bool:
        """True when notified since the last wait, else False after `timeout` seconds."""
        if self._awake is None:
            self._awake = asyncio.Event()  # before _loop: notify() reads them the other way
            self._loop = asyncio.get_running_loop()
        if not self._flag.is_set():
            self._awake.clear()
            if not self._flag.is_set():  # a notify() after clear() sets _awake again
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._awake.wait(), timeout)
        notified = self._flag.is_set()
        self._flag.clear()
        return notified

    def wait_sync(self, timeout: float) -> bool:
        notified = self._flag.wait(timeout)
        self._flag.clear()
        return notified

    def close(self) -> None:
        self.hub._drop(self)

    def __enter__(self) -> Listener:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class Hub:
    """This process's listeners by topic, and the server carrying notifications to other
    processes (none in-process: publish() reaches this process's listeners directly)."""

    def __init__(self, url: str = "", namespace: str = "mercato") -> None:
        self._lock = threading.Lock()
        self._listeners: dict[str, set[Listener]] = {}
        self._server = live_brokers.transport(url, namespace, self._received) if url else None
        # Set while listening to other processes (always, in-process).
        self.ready = self._server.ready if self._server else threading.Event()
        if self._server is None:
            self.ready.set()

    def publish(self, topic: str, data: str = "") -> None:
        if self._server is None:
            self._dispatch(topic)
        else:  # back to us too, through the server, like to every other process
            self._server.publish(json.dumps({"topic": topic, "data": data}).encode())

    def listen(self, topic: str) -> Listener:
        if self._server is not None:
            self._server.start()
        listener = Listener(self, topic)
        with self._lock:
            self._listeners.setdefault(topic, set()).add(listener)
        return listener

    def listening(self, topic: str) -> int:
        """How many listeners wait on `topic` in this process (an ended stream leaves none)."""
        with self._lock:
            return len(self._listeners.get(topic, ()))

    def close(self) -> None:
        """Stop listening to other processes (tests; a process exiting needs nothing)."""
        if self._server is not None:
            self._server.close()

    def _drop(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.get(listener.topic, set()).discard(listener)

    def _dispatch(self, topic: str) -> None:
        with self._lock:
            found = list(self._listeners.get(topic, ()))
        for listener in found:
            listener.notify()

    def _received(self, body: bytes) -> None:
        try:
            topic = json.loads(body)["topic"]
        except (ValueError, TypeError, KeyError):
            log.warning("live notifications: a message not in our form was ignored")
            return
        if isinstance(topic, str):
            self._dispatch(topic)


_hubs: dict[tuple[str, str], Hub] = {}
_hubs_lock = threading.Lock()


def make_hub(url: str, namespace: str) -> Hub:
    """A new hub for the broker at `url` ("" in-process); `hub` shares one per process."""
    return Hub(url, namespace)


def hub(url: str, namespace: str) -> Hub:
    """This process's hub for the broker at `url` and the queue namespace."""
    key = (url, namespace)
    with _hubs_lock:
        found = _hubs.get(key)
        if found is None:
            found = _hubs[key] = make_hub(url, namespace)
        return found


def _forked() -> None:
    global _hubs_lock
    _hubs_lock = threading.Lock()
    _hubs.clear()


os.register_at_fork(after_in_child=_forked)
