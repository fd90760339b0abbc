"""The servers carrying platform.live's notifications between processes: Redis pub/sub on
the channel `<namespace>.live`, or a RabbitMQ fanout exchange of that name with an
exclusive, self-deleting queue per listening process. A transport publishes bodies and,
once started, hands every body it hears to `deliver` from its own thread, reconnecting with
a backoff while the server is away. Publishing never raises: a notification that cannot be
sent is logged and dropped (listeners look again on their own)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)
MAX_BACKOFF = 30.0
Deliver = Callable[[bytes], None]


class Transport:
    def __init__(self, namespace: str, deliver: Deliver) -> None:
        self.channel, self.deliver = f"{namespace}.live", deliver
        self.ready = threading.Event()  # set while subscribed: every publish reaches us
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    def start(self) -> None:
        """Listen (once per process; a second call does nothing)."""
        with self._lock:
            if self._pid != os.getpid():  # forked: the parent's thread is not ours
                self._pid, self._thread = os.getpid(), None
            if self._thread is None and not self._stop.is_set():
                self._thread = threading.Thread(target=self._run, name="mercato-live",
                                                daemon=True)
                self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        delay = 0.5
        while not self._stop.is_set():
            try:
                self._consume()
                delay = 0.5
            except Exception as exc:  # the server is away: keep trying, quietly
                log.warning("live notifications: cannot listen on %s (%s); retrying in %.1f s",
                            self.channel, exc, delay)
            self.ready.clear()
            self._stop.wait(delay)
            delay = min(delay * 2, MAX_BACKOFF)

    def publish(self, body: bytes) -> None:
        raise NotImplementedError

    def _consume(self) -> None:
        """Subscribe, set `ready`, deliver until stopped; raise when the link breaks."""
        raise NotImplementedError


class RedisTransport(Transport):
    def __init__(self, url: str, namespace: str, deliver: Deliver) -> None:
        import redis

        super().__init__(namespace, deliver)
        self._client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5,
                                            health_check_interval=30)

    def publish(self, body: bytes) -> None:
        import redis

        try:
            self._client.publish(self.channel, body)
        except redis.RedisError as exc:
            log.warning("live notifications: not published on %s (%s)", self.channel, exc)

    def _consume(self) -> None:
        pubsub = self._client.pubsub()
        try:
            pubsub.subscribe(self.channel)
            while not self._stop.is_set():
                message = pubsub.get_message(timeout=1.0)
                if message is None:
                    continue
                if message["type"] == "subscribe":
                    self.ready.set()
                elif message["type"] == "message":
                    self.deliver(message["data"])
        finally:
            pubsub.close()

    def close(self) -> None:
        super().close()
        self._client.close()


class RabbitTransport(Transport):
    def __init__(self, url: str, namespace: str, deliver: Deliver) -> None:
        import pika

        super().__init__(namespace, deliver)
        self._params = pika.URLParameters(url)
        self._send_lock = threading.Lock()
        self._out: Any = None  # (connection, channel) publishing, opened on first use
        self._out_pid = 0

    def _declare(self, channel: Any) -> None:
        channel.exchange_declare(self.channel, exchange_type="fanout")

    def _publisher(self) -> Any:
        import pika

        if self._out is not None and self._out_pid == os.getpid() and self._out[0].is_open:
            self._out[0].process_data_events(0)  # answers heartbeats; finds a closed link
            return self._out[1]
        connection = pika.BlockingConnection(self._params)
        channel = connection.channel()
        self._declare(channel)
        self._out, self._out_pid = (connection, channel), os.getpid()
        return channel

    def publish(self, body: bytes) -> None:
        import pika

        with self._send_lock:
            for attempt in (1, 2):  # an idle connection the server closed: open another once
                try:
                    self._publisher().basic_publish(self.channel, "", body)
                    return
                except (pika.exceptions.AMQPError, OSError) as exc:
                    self._out = None
                    if attempt == 2:
                        log.warning("live notifications: not published on %s (%s)",
                                    self.channel, exc)

    def _consume(self) -> None:
        import pika

        connection = pika.BlockingConnection(self._params)
        try:
            channel = connection.channel()
            self._declare(channel)
            queue = channel.queue_declare("", exclusive=True, auto_delete=True).method.queue
            channel.queue_bind(queue, self.channel)
            channel.basic_consume(queue, lambda _ch, _m, _p, body: self.deliver(body),
                                  auto_ack=True)
            self.ready.set()
            while not self._stop.is_set():
                connection.process_data_events(time_limit=1)
        finally:
            if connection.is_open:
                connection.close()

    def close(self) -> None:
        super().close()
        with self._send_lock:
            if self._out is not None and self._out[0].is_open:
                self._out[0].close()
            self._out = None


def transport(url: str, namespace: str, deliver: Deliver) -> Transport:
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisTransport(url, namespace, deliver)
    if url.startswith(("amqp://", "amqps://")):
        return RabbitTransport(url, namespace, deliver)
    raise ValueError("MERCATO_BROKER_URL must be empty, amqp://... or redis://...")
