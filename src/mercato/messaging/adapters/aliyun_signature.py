"""Alibaba Cloud RPC-style request signature (SignatureVersion 1.0, HMAC-SHA1), as the SMS
API documents it:

1. every parameter but `Signature`, sorted by name, each name and value percent-encoded
   (UTF-8, RFC 3986: only A-Z a-z 0-9 - _ . ~ left as they are; a space is %20), joined
   as `name=value` with `&`: the canonicalized query string;
2. StringToSign = HTTP method + "&" + encode("/") + "&" + encode(canonicalized query);
3. Signature = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
No HTTP here."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import quote


def percent_encode(value: str) -> str:
    """RFC 3986 over UTF-8: `quote` with only `~` kept besides the unreserved set, so a space
    is %20, `*` is %2A and `~` stays (what the documented Java `specialUrlEncode` produces)."""
    return quote(value, safe="~")


def canonical_query(params: Mapping[str, str]) -> str:
    pairs = sorted((k, v) for k, v in params.items() if k != "Signature")
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in pairs)


def string_to_sign(method: str, params: Mapping[str, str]) -> str:
    return f"{method.upper()}&{percent_encode('/')}&{percent_encode(canonical_query(params))}"


def signature(secret: str, method: str, params: Mapping[str, str]) -> str:
    digest = hmac.new(
        f"{secret}&".encode(), string_to_sign(method, params).encode(), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode("ascii")


def signed(secret: str, method: str, params: Mapping[str, str]) -> dict[str, str]:
    """The parameters with their `Signature` added, ready to send."""
    return {**params, "Signature": signature(secret, method, params)}
