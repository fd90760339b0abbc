"""The demo gateway: no money moves. It speaks like a provider: create() hands back the URL
of its own pay page (a signed, expiring token carries the amount), the page produces a
notification signed with HMAC-SHA256, and that notification goes through exactly the same
verification, amount check and de-duplication as WeChat Pay's or Alipay's. Enabled only in
demo mode (settings refuse it otherwise)."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import uuid
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from mercato.payments.adapters.gateway import Ack
from mercato.payments.domain import (
    Notification,
    PaymentIntent,
    ProviderResult,
    RefundResult,
    TradeNotFound,
    TradeStatus,
    refuse_instalments,
    rejected,
)

MERCHANT = "mercato-sandbox"
TOLERANCE_S = 300
SIGNATURE = "X-Sandbox-Signature"
TIMESTAMP = "X-Sandbox-Timestamp"


class SandboxGateway:
    name = "sandbox"

    def __init__(self, secret: str, now: Callable[[], float] = time.time) -> None:
        self._key = hmac.new(secret.encode(), b"payments-sandbox", hashlib.sha256).digest()
        self._tokens = URLSafeTimedSerializer(self._key.hex(), salt="sandbox-pay")
        self._now = now

    def create(self, intent: PaymentIntent) -> ProviderResult:
        refuse_instalments(intent)  # the demo gateway pays at once only
        token = self._tokens.dumps(
            {
                "o": intent.out_trade_no,
                "a": intent.amount_fen,
                "d": intent.description,
                "r": intent.return_url,
            }
        )
        url = f"/pay/sandbox/{intent.out_trade_no}?" + urlencode({"t": token})
        return ProviderResult(self.name, intent.out_trade_no, "redirect", url=url)

    def read_token(self, out_trade_no: str, token: str, max_age: int = 3600) -> dict[str, object]:
        """The trade behind a pay-page link; TradeNotFound if forged, expired or for another
        trade."""
        try:
            data = self._tokens.loads(token, max_age=max_age)
        except (BadSignature, SignatureExpired):
            raise TradeNotFound("payments.sandbox_link", "This payment link is not valid")
        if not isinstance(data, dict) or data.get("o") != out_trade_no:
            raise TradeNotFound("payments.sandbox_link", "This payment link is not valid")
        return data

    def _sign(self, ts: str, body: bytes) -> str:
        return hmac.new(self._key, ts.encode() + b"." + body, hashlib.sha256).hexdigest()

    def notification(
        self, out_trade_no: str, amount_fen: int, paid: bool
    ) -> tuple[dict[str, str], bytes]:
        """What the sandbox 'sends' when the shopper presses Pay (or Fail) on its page."""
        body = json.dumps(
            {
                "id": str(uuid.uuid4()),
                "out_trade_no": out_trade_no,
                "transaction_id": "SBX" + secrets.token_hex(10).upper(),
                "amount_fen": amount_fen,
                "status": "paid" if paid else "failed",
                "merchant": MERCHANT,
            }
        ).encode()
        ts = str(int(self._now()))
        return {SIGNATURE: self._sign(ts, body), TIMESTAMP: ts}, body

    def parse_notification(self, headers: Mapping[str, str], body: bytes) -> Notification:
        lower = {k.lower(): v for k, v in headers.items()}
        ts, sig = lower.get(TIMESTAMP.lower(), ""), lower.get(SIGNATURE.lower(), "")
        if not ts.isdigit() or not hmac.compare_digest(self._sign(ts, body), sig):
            raise rejected("bad_signature", "Notification signature does not verify")
        if abs(self._now() - int(ts)) > TOLERANCE_S:
            raise rejected("stale_notification", "Notification timestamp is too old")
        try:
            data = json.loads(body)
            amount, status = data["amount_fen"], data["status"]
            if data.get("merchant") != MERCHANT:
                raise rejected("merchant_mismatch", "Notification is for another merchant")
            if not isinstance(amount, int) or status not in ("paid", "failed"):
                raise ValueError(status)
            return Notification(
                out_trade_no=str(data["out_trade_no"]),
                transaction_id=str(data["transaction_id"]),
                amount_fen=amount,
                status=status,
                merchant_id=MERCHANT,
                app_id=MERCHANT,
                raw_id=str(data["id"]),
                provider=self.name,
            )
        except (ValueError, KeyError, TypeError):
            raise rejected("malformed_notification", "Notification is malformed")

    def notification_ack(self, ok: bool) -> Ack:
        body = b'{"code":"SUCCESS"}' if ok else b'{"code":"FAIL"}'
        return (200 if ok else 400), body, "application/json"

    def query(self, out_trade_no: str) -> TradeStatus:
        # The sandbox keeps no trades of its own: its pay page is the only way to pay.
        raise TradeNotFound("payments.trade_not_found", "The sandbox keeps no trade records")

    def close(self, out_trade_no: str) -> None:
        return None

    def refund(
        self, out_trade_no: str, refund_no: str, amount_fen: int, total_fen: int
    ) -> RefundResult:
        return RefundResult(refund_no, "SBXR" + secrets.token_hex(8).upper(), "success", amount_fen)
