"""WeChat Pay API v3 wire protocol: request Authorization, signed responses/notifications
(`Wechatpay-*` headers) and AEAD_AES_256_GCM resources. No HTTP here, only bytes and keys."""

from __future__ import annotations

import json
import secrets
import time
from base64 import b64decode
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mercato.payments.adapters import signing
from mercato.payments.domain import PaymentError, rejected

SCHEME = "WECHATPAY2-SHA256-RSA2048"
MAX_SKEW_SECONDS = 300


def request_message(method: str, url_path: str, timestamp: str, nonce: str, body: str) -> str:
    """The string the merchant signs: URL is the path plus query, without scheme and host."""
    return f"{method}\n{url_path}\n{timestamp}\n{nonce}\n{body}\n"


def authorization(
    *,
    mchid: str,
    serial_no: str,
    key: rsa.RSAPrivateKey,
    method: str,
    url_path: str,
    body: str,
    timestamp: str | None = None,
    nonce: str | None = None,
) -> str:
    ts = timestamp or str(int(time.time()))
    nonce_str = nonce or secrets.token_hex(16).upper()
    signature = signing.sign(key, request_message(method, url_path, ts, nonce_str, body))
    return (
        f'{SCHEME} mchid="{mchid}",nonce_str="{nonce_str}",signature="{signature}",'
        f'timestamp="{ts}",serial_no="{serial_no}"'
    )


def load_apiv3_key(text: str) -> bytes:
    raw = text.encode("utf-8")
    if len(raw) != 32:
        raise PaymentError("payments.bad_key", "APIv3 key must be exactly 32 bytes", "apiv3_key")
    return raw


class PlatformKeys:
    """WeChat Pay platform public keys (certificates or "public key" mode) by serial/key id."""

    def __init__(self, keys: Mapping[str, str]) -> None:
        self._keys = {self._norm(s): signing.load_public_key(pem) for s, pem in keys.items()}

    @staticmethod
    def _norm(serial: str) -> str:
        return serial.strip().upper()

    def get(self, serial: str) -> rsa.RSAPublicKey:
        key = self._keys.get(self._norm(serial))
        if key is None:
            raise rejected(
                "unknown_serial", "Unknown platform certificate serial", "Wechatpay-Serial"
            )
        return key


def lower_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def verify_signed(
    headers: Mapping[str, str], body: bytes, keys: PlatformKeys, now: Callable[[], float]
) -> str:
    """Check a platform signature over `timestamp\\nnonce\\nbody\\n`; return the body text.

    Order matters: the key is chosen by serial, the clock window blocks replays, and only a
    verified body is ever parsed or decrypted."""
    h = lower_headers(headers)
    kind = h.get("wechatpay-signature-type", SCHEME)
    if kind != SCHEME:
        raise rejected(
            "unsupported_signature", "Unsupported signature type", "Wechatpay-Signature-Type"
        )
    key = keys.get(h.get("wechatpay-serial", ""))
    ts, nonce, signature = (
        h.get(f"wechatpay-{n}", "") for n in ("timestamp", "nonce", "signature")
    )
    if not ts.isdigit() or abs(now() - int(ts)) > MAX_SKEW_SECONDS:
        raise rejected(
            "stale_timestamp",
            "Notification timestamp is outside the allowed window",
            "Wechatpay-Timestamp",
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise rejected("signature_invalid", "Signature verification failed", "Wechatpay-Signature")
    if not nonce or not signing.verify(key, f"{ts}\n{nonce}\n{text}\n", signature):
        raise rejected("signature_invalid", "Signature verification failed", "Wechatpay-Signature")
    return text


def decrypt_resource(apiv3_key: bytes, resource: Mapping[str, Any]) -> dict[str, Any]:
    """AEAD_AES_256_GCM: base64 ciphertext (tag appended), UTF-8 nonce and associated data."""
    if resource.get("algorithm") != "AEAD_AES_256_GCM":
        raise rejected("unsupported_algorithm", "Unsupported resource algorithm", "resource")
    try:
        nonce = str(resource["nonce"]).encode("utf-8")
        data = b64decode(str(resource["ciphertext"]), validate=True)
        aad = str(resource.get("associated_data") or "").encode("utf-8")
        plain = AESGCM(apiv3_key).decrypt(nonce, data, aad)
        parsed = json.loads(plain)
    except (KeyError, ValueError, InvalidTag):
        raise rejected("decrypt_failed", "Notification resource could not be decrypted", "resource")
    if not isinstance(parsed, dict):
        raise rejected("malformed_notification", "Notification is malformed", "resource")
    return parsed


_BEIJING = timezone(timedelta(hours=8))


def beijing_rfc3339(moment: datetime) -> str:
    """A naive-UTC (or aware) moment as WeChat Pay v3 writes times: 2026-11-25T18:30:00+08:00."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(_BEIJING).isoformat(timespec="seconds")
