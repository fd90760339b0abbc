"""A fake SMTP relay (aiosmtpd) on this machine: STARTTLS with a certificate it makes for
itself (`ca_file` is what a client must trust), AUTH PLAIN/LOGIN required after STARTTLS when
a user is set, recipients refused on demand (550), and every accepted message parsed into
the inbox (from, to, subject, text).

    with FakeSmtp(user="shop", password="pw", tls=True) as smtp:
        smtp.port, smtp.ca_file, smtp.inbox.messages()
"""

from __future__ import annotations

import asyncio
import ipaddress
import ssl
import tempfile
import threading
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from mercato.sandbox.inbox import Inbox


def self_signed(folder: Path) -> tuple[Path, Path]:
    """(certificate, key) for localhost / 127.0.0.1, valid a day."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    alt = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class _Handler:
    def __init__(self, fake: FakeSmtp) -> None:
        self.fake = fake

    async def handle_RCPT(  # aiosmtpd hook names
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address.lower() in self.fake.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or b""
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        body = parsed.get_body(("plain",))
        text = body.get_content() if body is not None else ""
        for to in envelope.rcpt_tos:
            self.fake.inbox.record(
                {
                    "channel": "email",
                    "to": to,
                    "from": str(envelope.mail_from),
                    "subject": str(parsed.get("Subject", "")),
                    "text": text,
                    "message_id": str(parsed.get("Message-ID", "")),
                    "tls": session.ssl is not None,
                    "user": self.fake.logins.get(id(session), ""),
                }
            )
        return "250 2.0.0 Ok: queued"


class FakeSmtp:
    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        user: str = "",
        password: str = "",
        tls: bool = False,
        inbox: Inbox | None = None,
    ) -> None:
        self.host, self.port, self.user, self.password = host, port, user, password
        self.inbox = inbox or Inbox()
        self.refuse: set[str] = set()
        self.logins: dict[int, str] = {}
        self._folder = tempfile.TemporaryDirectory(prefix="mercato-smtp-")
        self._tls: ssl.SSLContext | None = None
        self.ca_file = ""
        if tls:
            cert, key = self_signed(Path(self._folder.name))
            self._tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self._tls.load_cert_chain(cert, key)
            self.ca_file = str(cert)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def _auth(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == self.user
            and data.password.decode() == self.password
        )
        if ok:
            self.logins[id(session)] = self.user
        return AuthResult(success=ok, handled=False)

    def _protocol(self) -> SMTP:
        return SMTP(
            _Handler(self),
            hostname="sandbox.smtp.local",
            tls_context=self._tls,
            require_starttls=self._tls is not None,
            authenticator=self._auth if self.user else None,
            auth_required=bool(self.user),
            auth_require_tls=self._tls is not None,
        )

    def start(self) -> FakeSmtp:
        """Listen (port 0: any free one, then in `port`) on a loop in a thread of its own, so
        it may be started from a running event loop too; OSError if the port is taken."""
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        failed: list[BaseException] = []

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                create = loop.create_server(self._protocol, self.host, self.port)
                self._server = loop.run_until_complete(create)
            except BaseException as exc:  # handed to the starting thread
                failed.append(exc)
                ready.set()
                return
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            loop.run_forever()

        self._thread = threading.Thread(target=run, name="fake-smtp", daemon=True)
        self._thread.start()
        ready.wait(10)
        if failed:
            self._thread.join()
            loop.close()
            self._thread = None
            raise failed[0]
        self._loop = loop
        return self

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        loop = self._loop

        async def _close() -> None:
            for task in asyncio.all_tasks(loop) - {asyncio.current_task(loop)}:
                task.cancel()  # sessions still open
            self._server.close()
            await self._server.wait_closed()
            loop.stop()

        asyncio.run_coroutine_threadsafe(_close(), loop)
        self._thread.join(timeout=5)
        loop.close()
        self._loop = self._thread = None
        self._folder.cleanup()

    def __enter__(self) -> FakeSmtp:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
