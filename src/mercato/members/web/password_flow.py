"""The password flows shared by the API and the storefront pages: asking for a reset code
(sent after the answer, through messaging), resetting with it, changing the password."""

from __future__ import annotations

import logging

from fastapi import BackgroundTasks, Request

from mercato.kernel.errors import DomainError
from mercato.members import domain
from mercato.members import public as members
from mercato.members.services import password_reset, passwords
from mercato.messaging import public as messaging
from mercato.platform.db import Database

log = logging.getLogger(__name__)
CODE_LENGTH = 6


def messenger(request: Request) -> messaging.Messenger:
    """Built once from settings (MERCATO_ALIYUN_SMS_*, MERCATO_SMTP_*; the fakes in demo)."""
    state = request.app.state
    found: messaging.Messenger | None = getattr(state, "messenger", None)
    if found is None:
        found = state.messenger = messaging.from_settings(state.settings)
    return found


def _send(
    db: Database, sender: messaging.Messenger, to_send: password_reset.CodeToSend, locale: str
) -> None:
    params = {"code": to_send.code, "minutes": str(password_reset.CODE_MINUTES)}
    message = messaging.Message("verification_code", to_send.to, params, locale)
    try:
        with db.reading() as tx:  # the merchant's wording; no connection held while sending
            stored = messaging.wording_of(tx, message.kind)
        sender.send(message, stored)
    except DomainError as exc:  # nothing to tell the asker: it would tell the account exists
        log.warning("reset code to a %s not sent: %s", to_send.channel, exc.code)


def request_code(
    request: Request, db: Database, login: str, locale: str, background: BackgroundTasks
) -> tuple[str, str]:
    """Throttle, then issue a code if there is an account; the message goes out after the
    answer, so known and unknown identifiers answer alike. Returns (kind, value)."""
    kind, value = password_reset.identifier(login)
    sender = messenger(request)
    with db.reading() as tx:
        offered = messaging.offers(
            tx, sender, "sms" if kind == "phone" else "email", "verification_code"
        )
    if not offered:
        text = (
            "This shop cannot send codes by text message; use your e-mail address"
            if kind == "phone"
            else "This shop cannot send codes by e-mail; use your mobile number"
        )
        raise DomainError("members.channel_off", text, "login")
    pepper = request.app.state.settings.secret_key
    with db.transaction() as tx:
        password_reset.throttle_request(tx, kind, value, members.client_ip(request))
        to_send = password_reset.issue_code(tx, kind, value, pepper)
    if to_send is not None:
        background.add_task(_send, db, sender, to_send, locale)
    return kind, value


def _check_code(code: str) -> str:
    typed = (code or "").strip()
    if len(typed) != CODE_LENGTH or not typed.isdigit():
        raise DomainError("members.invalid_code", "Enter the 6-digit code", "code")
    return typed


def reset(request: Request, db: Database, login: str, code: str, password: str) -> int:
    """Set a new password with a code; the customer's id. Every session and token ends."""
    kind, value = password_reset.identifier(login)
    typed = _check_code(code)
    passwords.check_new(password, "password")
    with db.transaction() as tx:  # committed: refused tries count even when the code is wrong
        password_reset.check_address(tx, members.client_ip(request), domain.ADDRESS_FREE)
    pepper = request.app.state.settings.secret_key
    with db.transaction() as tx:
        customer_id = password_reset.reset_with_code(tx, kind, value, typed, password, pepper)
    if customer_id is None:
        raise DomainError(
            "members.code_invalid", "The code is wrong or has expired; ask for a new one", "code"
        )
    return customer_id


def change(
    request: Request,
    db: Database,
    customer_id: int,
    current: str,
    new: str,
    keep_session: str | None = None,
    keep_token: str | None = None,
) -> None:
    limit = request.app.state.settings.login_attempts_per_15min
    with db.transaction() as tx:
        ok = passwords.change_password(
            tx, customer_id, current, new, limit, keep_session, keep_token
        )
    if not ok:
        raise DomainError(
            "members.wrong_password", "The current password is wrong", "current_password"
        )
