"""A fake Aliyun SMS API (dysmsapi, SendSms, Version 2017-05-25), as documented: RPC-style
parameters in the query or a form body, checked like Aliyun checks them: the signature
(HMAC-SHA1 over the sorted, percent-encoded parameters), the AccessKeyId, the Timestamp
(within 15 minutes), a SignatureNonce used once; then SendSms's own fields: SignName
approved, TemplateCode known, TemplateParam JSON with every ${name} of the template,
PhoneNumbers valid mainland numbers, and the documented per-number limit (one a minute).
Errors answer with Aliyun's codes (HTTP 400/404 for the platform's, 200 with isv.* for the
business's). Accepted messages go to the inbox, rendered "【SignName】text".

    fake = FakeAliyunSms(access_key_id=..., access_key_secret=..., sign_name=...)
    fake.app           # mount it; POST / is the endpoint
    fake.inbox         # what was sent
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mercato.sandbox import _rpc_sign
from mercato.sandbox.inbox import Inbox

DEMO_TEMPLATES = {
    "SMS_900000001": "您的验证码为${code}，${minutes}分钟内有效，请勿泄露给他人。"
    "如非本人操作，请忽略本短信。",
    "SMS_900000002": "Your verification code is ${code}, valid for ${minutes} minutes. "
    "Do not share it with anyone.",
    "SMS_900000011": "您的订单${order}中有商品仓库缺货，我们正在处理，客服将尽快与您联系。",
    "SMS_900000012": "Some goods of your order ${order} are short at the warehouse. "
    "Customer service will contact you shortly.",
    "SMS_900000013": "您订单${order}的包裹已有一段时间没有物流更新，我们正在与快递公司核实。",
    "SMS_900000014": "Your parcel for order ${order} has had no tracking update for a while. "
    "We are checking with the carrier.",
    "SMS_900000015": "快递员未能投递您订单${order}的包裹，我们将安排再次派送；"
    "如需更改地址请联系我们。",
    "SMS_900000016": "The carrier could not deliver your parcel for order ${order}. "
    "We will arrange another delivery.",
    "SMS_900000021": "您的预售订单${order}定金已付，请在${until}前支付尾款¥${amount}，"
    "逾期订单将关闭。",
    "SMS_900000022": "Your deposit for order ${order} is in. Pay the balance of ¥${amount} "
    "by ${until}, or the order ends.",
}
_MOBILE = re.compile(r"^(\+?86|0086)?1[3-9]\d{9}$")
_VAR = re.compile(r"\$\{(\w+)\}")
_COMMON = ("AccessKeyId", "Signature", "SignatureNonce", "Timestamp", "Version", "Action")


class Refusal(Exception):
    def __init__(self, code: str, message: str, status: int = 200) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


class FakeAliyunSms:
    def __init__(
        self,
        *,
        access_key_id: str,
        access_key_secret: str,
        sign_name: str,
        templates: Mapping[str, str] | None = None,
        inbox: Inbox | None = None,
        per_minute: int = 1,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.access_key_id, self.secret, self.sign_name = (
            access_key_id,
            access_key_secret,
            sign_name,
        )
        self.templates = dict(DEMO_TEMPLATES if templates is None else templates)
        self.inbox = inbox or Inbox()
        self.per_minute, self.now = per_minute, now
        self.fail_with: str = ""  # set to an isv./isp. code to make the next sends fail
        self._nonces: set[str] = set()
        self._sent: dict[str, list[float]] = {}
        self._lock = threading.Lock()
        self.app = Starlette(routes=[Route("/", self._endpoint, methods=["GET", "POST"])])

    async def _endpoint(self, request: Request) -> JSONResponse:
        params = {k: v for k, v in request.query_params.items()}
        if request.method == "POST":
            params.update({k: str(v) for k, v in (await request.form()).items()})
        request_id = str(uuid.uuid4()).upper()
        try:
            self._platform(request.method, params)
            body = {"Code": "OK", "Message": "OK", **self._send(params)}
        except Refusal as exc:
            body = {"Code": exc.code, "Message": exc.message}
            if exc.status != 200:
                body["HostId"] = "dysmsapi.aliyuncs.com"
            return JSONResponse({"RequestId": request_id, **body}, exc.status)
        return JSONResponse({"RequestId": request_id, **body})

    def _platform(self, method: str, p: Mapping[str, str]) -> None:
        for name in _COMMON:
            if not p.get(name):
                raise Refusal(f"Missing{name}", f"{name} is mandatory for this action.", 400)
        if p["Action"] != "SendSms":
            raise Refusal("InvalidAction.NotFound", "Specified api is not found.", 404)
        if p["Version"] != "2017-05-25":
            raise Refusal("InvalidVersion", "Specified parameter Version is not valid.", 400)
        if p.get("SignatureMethod") != "HMAC-SHA1" or p.get("SignatureVersion") != "1.0":
            raise Refusal("InvalidSignatureMethod", "Specified signature method is not valid.", 400)
        if p["AccessKeyId"] != self.access_key_id:
            raise Refusal("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404)
        self._fresh(p["Timestamp"])
        if not _rpc_sign.matches(self.secret, method, p):
            server = _rpc_sign.to_sign(method, p)
            raise Refusal(
                "SignatureDoesNotMatch",
                f"Specified signature is not matched with our calculation. server string to "
                f"sign is:{server}",
                400,
            )
        with self._lock:
            if p["SignatureNonce"] in self._nonces:
                raise Refusal(
                    "SignatureNonceUsed", "Specified signature nonce was used already.", 400
                )
            self._nonces.add(p["SignatureNonce"])

    def _fresh(self, stamp: str) -> None:
        try:
            at = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()
        except ValueError:
            raise Refusal("InvalidTimeStamp.Format", "Specified time stamp is not valid.", 400)
        if abs(self.now() - at) > 900:
            raise Refusal(
                "InvalidTimeStamp.Expired", "Specified time stamp or date has expired.", 400
            )

    def _send(self, p: Mapping[str, str]) -> dict[str, str]:
        for name in ("PhoneNumbers", "SignName", "TemplateCode"):
            if not p.get(name):
                raise Refusal(f"Missing{name}", f"{name} is mandatory for this action.", 400)
        if self.fail_with:
            raise Refusal(self.fail_with, "Simulated failure")
        if p["SignName"] != self.sign_name:
            raise Refusal("isv.SMS_SIGNATURE_ILLEGAL", "该账号下找不到对应签名")
        text = self._text(p["TemplateCode"], p.get("TemplateParam", ""))
        phones = p["PhoneNumbers"].split(",")
        if len(phones) > 1000:
            raise Refusal("isv.MOBILE_COUNT_OVER_LIMIT", "手机号码数量超过限制")
        if not all(_MOBILE.match(n) for n in phones):
            raise Refusal("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
        self._limit(phones)
        biz_id = f"{int(self.now() * 1000)}{secrets.randbelow(10**6):06d}^0"
        for phone in phones:
            self.inbox.record(
                {
                    "channel": "sms",
                    "to": phone[-11:],
                    "biz_id": biz_id,
                    "out_id": p.get("OutId", ""),
                    "template": p["TemplateCode"],
                    "text": f"【{p['SignName']}】{text}",
                }
            )
        return {"BizId": biz_id}

    def _text(self, code: str, raw: str) -> str:
        template = self.templates.get(code)
        if template is None:
            raise Refusal("isv.SMS_TEMPLATE_ILLEGAL", "该账号下找不到对应模板")
        try:
            values = json.loads(raw) if raw else {}
        except ValueError:
            values = None
        if not isinstance(values, dict):
            raise Refusal("isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值")
        names = _VAR.findall(template)
        if any(n not in values for n in names):
            raise Refusal("isv.TEMPLATE_MISSING_PARAMETERS", "模板缺少变量")
        return _VAR.sub(lambda m: str(values[m.group(1)]), template)

    def _limit(self, phones: list[str]) -> None:
        at = self.now()
        with self._lock:
            for phone in phones:
                recent = [t for t in self._sent.get(phone, []) if at - t < 60]
                if len(recent) >= self.per_minute:
                    raise Refusal("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1")
            for phone in phones:
                self._sent[phone] = [t for t in self._sent.get(phone, []) if at - t < 60] + [at]
