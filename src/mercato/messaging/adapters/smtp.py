"""E-mail through an SMTP relay (stdlib smtplib): STARTTLS on the submission port by default
(587; the certificate is verified, against `ca_file` too when given), implicit TLS ("ssl",
port 465) or none (a relay on this machine), AUTH when a user is set. One connection per
message. smtplib's errors are mapped to the messaging domain's:
- the relay refuses the recipient (5xx to RCPT TO): RecipientRefused (422);
- no connection, a 4xx answer, a dropped line: MessagingUnavailable, transient;
- wrong credentials, no STARTTLS offered, a bad certificate, the sender refused:
  MessagingUnavailable, not transient (the shop's setup), the reason in `detail`."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Literal

from mercato.messaging.domain import MessagingUnavailable, RecipientRefused

Security = Literal["starttls", "ssl", "none"]


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 587
    user: str = ""
    password: str = ""
    sender: str = ""  # the From address, e.g. "Mercato <no-reply@shop.example>"
    security: Security = "starttls"
    ca_file: str = ""  # a CA to trust besides the system's (a private relay)
    timeout: float = 10.0


def _unavailable(detail: str, transient: bool) -> MessagingUnavailable:
    error = MessagingUnavailable(
        "messaging.email_unavailable" if transient else "messaging.email_setup",
        "E-mail cannot be sent right now; try again later",
        detail,
    )
    error.transient = transient
    return error


class SmtpMailer:
    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.config.ca_file:
            context.load_verify_locations(cafile=self.config.ca_file)
        return context

    def build(self, to: str, subject: str, text: str) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.config.sender
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False, usegmt=True)
        domain = self.config.sender.rsplit("@", 1)[-1].strip(" >") or "localhost"
        message["Message-ID"] = make_msgid(domain=domain)
        message.set_content(text, charset="utf-8")
        return message

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        if c.security == "ssl":
            return smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout, context=self._context())
        smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
        if c.security == "starttls":
            smtp.starttls(context=self._context())
        return smtp

    def send(self, to: str, subject: str, text: str) -> str:
        """Send a plain-text UTF-8 message; returns its Message-ID."""
        message = self.build(to, subject, text)
        try:
            with self._connect() as smtp:
                if self.config.user:
                    smtp.login(self.config.user, self.config.password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            raise RecipientRefused(
                "messaging.email_recipient_refused", "This address cannot receive e-mail", "to"
            ) from exc
        except smtplib.SMTPResponseException as exc:
            raise _unavailable(f"{exc.smtp_code} {exc.smtp_error!r}", exc.smtp_code < 500) from exc
        except (smtplib.SMTPNotSupportedError, ssl.SSLCertVerificationError) as exc:
            raise _unavailable(str(exc), transient=False) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise _unavailable(str(exc) or type(exc).__name__, transient=True) from exc
        return str(message["Message-ID"])
