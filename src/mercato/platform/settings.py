"""Settings from the environment (MERCATO_ prefix) or a .env file."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import PositiveInt, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from mercato.platform.clock import check_zone


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MERCATO_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./var/mercato.db"
    # Empty means: in demo mode, a random key kept in <media_dir>/../secret.key; otherwise refused.
    secret_key: str = ""
    demo: bool = True
    media_dir: Path = Path("./var/media")
    default_locale: str = "zh_CN"
    # The shop's time zone (IANA name): pages show local time, the API gives offsets, date
    # filters take local days. Times are stored in UTC whatever it is.
    time_zone: str = "Asia/Shanghai"
    currency: str = "CNY"
    login_attempts_per_15min: int = 10
    # New accounts per client IP in 15 minutes (a school or office shares one address).
    signups_per_15min: int = 20
    # Unpaid orders are cancelled (stock released) this many minutes after they are placed.
    order_pay_minutes: int = 30
    # A flash-sale order holds a unit others queue for: unpaid, it goes back sooner.
    flash_pay_minutes: int = 10
    # Where providers send notifications and browsers return: this shop's public base URL.
    public_url: str = "http://127.0.0.1:8000"
    # The demo payment gateway (pay with a click). Anyone could "pay" with it: demo mode only.
    # Unset: on in demo mode when no real provider is configured, off otherwise.
    payments_sandbox: bool | None = None
    # WeChat Pay API v3 (direct merchant): enabled when mchid is set. Keys are PEM files.
    wechatpay_mchid: str = ""
    wechatpay_appid: str = ""
    wechatpay_serial: str = ""
    wechatpay_private_key_file: Path | None = None
    wechatpay_apiv3_key: str = ""
    wechatpay_platform_serial: str = ""
    wechatpay_platform_key_file: Path | None = None
    wechatpay_base_url: str = "https://api.mch.weixin.qq.com"
    # The mini-program's AppSecret (same appid as WeChat Pay): WeChat sign-in and JSAPI pay.
    wechat_app_secret: str = ""
    wechat_api_base_url: str = "https://api.weixin.qq.com"
    # Alipay open platform (RSA2): enabled when app_id is set.
    alipay_app_id: str = ""
    alipay_seller_id: str = ""
    alipay_private_key_file: Path | None = None
    alipay_public_key_file: Path | None = None
    alipay_gateway_url: str = "https://openapi.alipay.com/gateway.do"
    # Alipay Huabei instalments (花呗分期, 3/6/12 periods; the shop must have signed for them):
    # who pays the fee, the buyer ("buyer", the default) or the shop ("merchant": 免息 for the
    # buyer, the same fee charged to the shop), and the least order amount, in fen, that may be
    # paid in instalments (Alipay advises ¥100 and more).
    instalment_fee_payer: Literal["buyer", "merchant"] = "buyer"
    instalment_min_fen: int = 10_000
    # Text messages through Aliyun SMS (dysmsapi SendSms): enabled when the key id is set.
    aliyun_sms_access_key_id: str = ""
    aliyun_sms_access_key_secret: str = ""
    aliyun_sms_sign_name: str = ""
    # JSON: message kind (or "kind.en" for English) -> approved TemplateCode.
    aliyun_sms_templates: dict[str, str] = {}
    aliyun_sms_endpoint: str = "https://dysmsapi.aliyuncs.com/"
    aliyun_sms_region: str = "cn-hangzhou"
    # E-mail through an SMTP relay: enabled when the host is set.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = ""
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_ca_file: Path | None = None
    # The demo's fake SMS and SMTP servers, their inbox at /sandbox/messages/. Unset: on in
    # demo mode when neither real channel is configured; refused outside demo mode.
    messages_sandbox: bool | None = None
    sandbox_smtp_port: int = 2525
    # Logistics: tracking silent this long after shipping or the last push opens an issue;
    # the shop signs for a parcel nobody signed for this many days after it left (自动确认收货).
    logistics_quiet_hours: int = 48
    logistics_sign_after_days: int = 10
    logistics_sender_phone: str = "4008000000"
    # A signed-for order the buyer never confirmed completes (交易成功) this many days later;
    # completing issues the invoice asked for at checkout.
    orders_complete_after_days: int = 7
    # The seller printed on invoices (fapiao): name, 统一社会信用代码, address and phone, bank
    # and account; the drawer (开票人).
    invoice_seller_name: str = "Mercato 示范商城有限公司"
    invoice_seller_tax_id: str = "91310000MA1FL8XQ2K"
    invoice_seller_address: str = "上海市嘉定区安亭镇墨玉路 185 号 021-69580000"
    invoice_seller_bank: str = "招商银行上海嘉定支行 121909876510801"
    invoice_drawer: str = "系统"
    default_carrier: str = "sf"
    # The demo's fake carriers (SF Express, Kuaidi100) at /sandbox/carriers/. Unset: on in
    # demo mode when no carrier is configured; refused outside demo mode.
    carriers_sandbox: bool | None = None
    # SF Express open platform (丰桥): enabled when the partner id is set.
    sf_partner_id: str = ""
    sf_check_word: str = ""
    sf_monthly_card: str = ""
    sf_base_url: str = "https://sfapi.sf-express.com/std/service"
    # Secret in the route push URL SF is given (SF signs no push): /api/v1/logistics/push/sf?token=
    sf_push_token: str = ""
    # Kuaidi100 (tracking for ZTO/YTO/STO/Yunda, and their waybills): enabled when key is set.
    kuaidi100_key: str = ""
    kuaidi100_customer: str = ""
    kuaidi100_secret: str = ""
    kuaidi100_salt: str = ""
    # JSON: carrier code -> {"partner_id": ..., "partner_key": ...} (the carrier account).
    kuaidi100_accounts: dict[str, dict[str, str]] = {}
    kuaidi100_poll_url: str = "https://poll.kuaidi100.com/poll"
    kuaidi100_label_url: str = "https://api.kuaidi100.com/label/order"
    # Accounting entries (payments, refunds, invoices) to the merchant's ERP: "csv" writes a
    # daily journal in erp_csv_dir (unset: <media_dir>/../erp), "webhook" posts signed JSON to
    # erp_webhook_url (docs/erp-webhook.md), "off" keeps them queued in the database. With
    # erp_sandbox, entries go to the demo's fake ERP (/sandbox/erp/) by webhook unless "off";
    # unset: on in demo mode when no webhook URL is set; refused outside demo mode.
    erp_mode: Literal["csv", "webhook", "off"] = "csv"
    erp_webhook_url: str = ""
    erp_webhook_secret: str = ""
    erp_csv_dir: Path | None = None
    erp_sandbox: bool | None = None
    debug_sql: bool = False
    # "" runs the queue in-process (Dramatiq StubBroker); amqp://... RabbitMQ; redis://... Redis.
    broker_url: str = ""
    # Prefix of the broker's queue names: shops (or test runs) sharing one broker stay apart.
    queue_namespace: str = "mercato"
    # Flash sales (秒杀): "" takes seats by guarded UPDATEs in the database; redis://... takes
    # them with one atomic Redis script, the database row written after (keys under
    # queue_namespace; the server must not evict keys: maxmemory-policy noeviction).
    flash_redis_url: str = ""
    # Relay events and tick periodic jobs in this process (off in tests that do not want threads).
    jobs: bool = True
    # Member points earned per whole ¥1 of goods kept on a completed order (delivery excluded).
    points_per_yuan: int = 1
    # Analytics (mercato.analytics): behaviour events recorded at all; where their lake lives
    # (a local folder; unset: <media_dir>/../lake, i.e. ./var/lake; or s3://bucket/prefix on an
    # S3-compatible store, with the endpoint, keys and region below, needing the `s3` extra);
    # days of events kept; seconds between compactions into Parquet.
    analytics_enabled: bool = True
    analytics_lake: str = ""
    # With an S3 lake: the store's URL (http(s)://host:port; empty: AWS itself), its keys
    # (empty: the usual AWS variables or instance role), its region; events wait in the local
    # spool folder (unset: <media_dir>/../lake) until they are compacted into the bucket.
    analytics_s3_endpoint: str = ""
    analytics_s3_key: str = ""
    analytics_s3_secret: str = ""
    analytics_s3_region: str = "us-east-1"
    analytics_spool: str = ""
    analytics_retention_days: PositiveInt = 400
    analytics_compact_seconds: PositiveInt = 300

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, v: str) -> str:
        if v not in ("zh_CN", "en"):
            raise ValueError("default_locale must be zh_CN or en")
        return v

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        check_zone(v)
        return v

    @model_validator(mode="after")
    def _secret(self) -> Settings:
        # No shared default key: anyone knowing it could forge admin sessions.
        if not self.secret_key:
            if not self.demo:
                raise ValueError("Set MERCATO_SECRET_KEY (32+ characters) when MERCATO_DEMO=false")
            self.secret_key = _local_secret(Path(self.media_dir).parent / "secret.key")
        if self.payments_sandbox is None:
            real = bool(self.wechatpay_mchid or self.alipay_app_id)
            self.payments_sandbox = self.demo and not real
        if self.payments_sandbox and not self.demo:
            raise ValueError("MERCATO_PAYMENTS_SANDBOX needs MERCATO_DEMO=true: it takes no money")
        if len(self.secret_key) < 32:
            raise ValueError("MERCATO_SECRET_KEY must be at least 32 characters")
        return self


    @model_validator(mode="after")
    def _messages(self) -> Settings:
        if self.messages_sandbox is None:
            real = bool(self.aliyun_sms_access_key_id or self.smtp_host)
            self.messages_sandbox = self.demo and not real
        if self.messages_sandbox and not self.demo:
            raise ValueError("MERCATO_MESSAGES_SANDBOX needs MERCATO_DEMO=true")
        if self.carriers_sandbox is None:
            self.carriers_sandbox = self.demo and not (self.sf_partner_id or self.kuaidi100_key)
        if self.carriers_sandbox and not self.demo:
            raise ValueError("MERCATO_CARRIERS_SANDBOX needs MERCATO_DEMO=true")
        if self.smtp_host and "@" not in self.smtp_from:
            raise ValueError("Set MERCATO_SMTP_FROM (the sender's address) with MERCATO_SMTP_HOST")
        return self

    @model_validator(mode="after")
    def _erp(self) -> Settings:
        if self.erp_csv_dir is None:
            self.erp_csv_dir = Path(self.media_dir).parent / "erp"
        if self.erp_sandbox is None:
            self.erp_sandbox = self.demo and not self.erp_webhook_url
        if self.erp_sandbox and not self.demo:
            raise ValueError("MERCATO_ERP_SANDBOX needs MERCATO_DEMO=true")
        real_webhook = self.erp_mode == "webhook" and not self.erp_sandbox
        if real_webhook and (not self.erp_webhook_url or len(self.erp_webhook_secret) < 16):
            raise ValueError("MERCATO_ERP_MODE=webhook needs MERCATO_ERP_WEBHOOK_URL and a "
                             "MERCATO_ERP_WEBHOOK_SECRET of 16+ characters")
        return self


def _local_secret(path: Path) -> str:
    """A random key made once per installation and kept beside the data (mode 0600)."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


@lru_cache
def get_settings() -> Settings:
    return Settings()
