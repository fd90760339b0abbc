"""Alibaba Cloud's RPC signature as the fake SMS server checks it, written apart from
mercato.messaging on purpose (a helper shared by both sides would hide its own bugs): each
byte of a name or value that is not A-Z a-z 0-9 - _ . ~ becomes %XX (UTF-8, upper-case hex);
pairs sorted by name; StringToSign = METHOD&%2F&encode(query); HMAC-SHA1 keyed with the
secret plus "&", base64."""

from __future__ import annotations

import base64
import hmac
import string
from collections.abc import Mapping

_PLAIN = frozenset((string.ascii_letters + string.digits + "-_.~").encode())


def encode(text: str) -> str:
    return "".join(chr(b) if b in _PLAIN else f"%{b:02X}" for b in text.encode("utf-8"))


def to_sign(method: str, params: Mapping[str, str]) -> str:
    names = sorted(n for n in params if n != "Signature")
    query = "&".join(encode(n) + "=" + encode(params[n]) for n in names)
    return method + "&" + encode("/") + "&" + encode(query)


def expected(secret: str, method: str, params: Mapping[str, str]) -> str:
    mac = hmac.new((secret + "&").encode("utf-8"), to_sign(method, params).encode("utf-8"), "sha1")
    return base64.b64encode(mac.digest()).decode()


def matches(secret: str, method: str, params: Mapping[str, str]) -> bool:
    return hmac.compare_digest(expected(secret, method, params), params.get("Signature", ""))
