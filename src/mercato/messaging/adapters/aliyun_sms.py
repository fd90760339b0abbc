"""Aliyun (Alibaba Cloud) SMS: dysmsapi SendSms, an RPC-style API (Version 2017-05-25). The
request is a form POST of the common parameters (AccessKeyId, Action, Format, RegionId,
SignatureMethod, SignatureNonce, SignatureVersion, Timestamp, Version) and SendSms's own
(PhoneNumbers, SignName, TemplateCode, TemplateParam, OutId), signed as aliyun_signature
says. The answer is JSON: Code "OK" with a BizId, or a documented error code, mapped here:
- the recipient's fault (isv.MOBILE_NUMBER_ILLEGAL, ...): RecipientRefused (422);
- a rate limit (isv.BUSINESS_LIMIT_CONTROL: per number 1 a minute, 5 an hour, 10 a day;
  isv.DAY_LIMIT_CONTROL; Throttling.*): MessagingLimited (429, Retry-After);
- Aliyun's own trouble (isp.SYSTEM_ERROR, HTTP 5xx, no answer): MessagingUnavailable,
  transient;
- the shop's setup (SignatureDoesNotMatch, InvalidAccessKeyId.NotFound, an unapproved
  SignName or TemplateCode, missing template parameters, an unpaid account, ...):
  MessagingUnavailable, not transient, with Aliyun's code in `detail` for the logs."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from mercato.messaging.adapters import aliyun_signature
from mercato.messaging.domain import MessagingLimited, MessagingUnavailable, RecipientRefused

_RECIPIENT = {
    "isv.MOBILE_NUMBER_ILLEGAL",
    "isv.MOBILE_COUNT_OVER_LIMIT",
    "isv.DOMESTIC_NUMBER_NOT_SUPPORTED",
    "isv.BLACK_KEY_CONTROL_LIMIT",
}
_LIMITED = {"isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL", "Throttling.User", "Throttling"}
_AT_ALIYUN = {"isp.SYSTEM_ERROR", "isv.SYSTEM_ERROR", "isp.GATEWAY_ERROR", "ServiceUnavailable"}
RETRY_SECONDS = 60


@dataclass(frozen=True)
class AliyunSmsConfig:
    access_key_id: str
    access_key_secret: str
    sign_name: str  # the approved signature, shown as 【SignName】 before the text
    endpoint: str = "https://dysmsapi.aliyuncs.com/"
    region: str = "cn-hangzhou"


def _timestamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class AliyunSms:
    def __init__(
        self,
        config: AliyunSmsConfig,
        client: httpx.Client | None = None,
        timestamp: Callable[[], str] = _timestamp,
        nonce: Callable[[], str] = lambda: str(uuid.uuid4()),
    ) -> None:
        self.config = config
        self._client = client or httpx.Client(timeout=10.0)
        self._timestamp, self._nonce = timestamp, nonce

    def request_params(
        self, phone: str, template_code: str, params: Mapping[str, str], out_id: str = ""
    ) -> dict[str, str]:
        """SendSms's signed parameters for one number (POST)."""
        values = {
            "AccessKeyId": self.config.access_key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "RegionId": self.config.region,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": self._nonce(),
            "SignatureVersion": "1.0",
            "Timestamp": self._timestamp(),
            "Version": "2017-05-25",
            "PhoneNumbers": phone,
            "SignName": self.config.sign_name,
            "TemplateCode": template_code,
            "TemplateParam": json.dumps(dict(params), ensure_ascii=False, separators=(",", ":")),
        }
        if out_id:
            values["OutId"] = out_id
        return aliyun_signature.signed(self.config.access_key_secret, "POST", values)

    def send(
        self, phone: str, template_code: str, params: Mapping[str, str], out_id: str = ""
    ) -> str:
        """Send one templated text message; returns Aliyun's BizId."""
        form = self.request_params(phone, template_code, params, out_id)
        try:
            r = self._client.post(self.config.endpoint, data=form)
            data = r.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise _down("no answer") from exc
        if not isinstance(data, dict):
            raise _down(f"HTTP {r.status_code}")
        code = str(data.get("Code", ""))
        if code == "OK" and data.get("BizId"):
            return str(data["BizId"])
        raise error_for(code or f"HTTP {r.status_code}", r.status_code, data)


def _down(detail: str) -> MessagingUnavailable:
    return MessagingUnavailable(
        "messaging.sms_unavailable",
        "Text messages cannot be sent right now; try again later",
        detail,
    )


def error_for(code: str, status: int, data: Mapping[str, Any]) -> Exception:
    """The domain error for one of Aliyun's documented error codes."""
    if code in _RECIPIENT:
        return RecipientRefused(
            "messaging.sms_recipient_refused",
            "This mobile number cannot receive text messages",
            "to",
        )
    if code in _LIMITED or code.startswith("Throttling"):
        limited = MessagingLimited(
            "messaging.sms_rate_limited", "Too many text messages to this number; try later"
        )
        limited.headers = {"Retry-After": str(RETRY_SECONDS)}
        return limited
    if code in _AT_ALIYUN or status >= 500:
        return _down(code)
    detail = f"{code}: {str(data.get('Message', ''))[:200]}"
    refused = MessagingUnavailable(
        "messaging.sms_setup", "Text messages cannot be sent right now; try again later", detail
    )
    refused.transient = False
    return refused
