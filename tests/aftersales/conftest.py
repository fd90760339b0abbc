"""The payment fakes and adapters of tests/payments, for refunds through a real provider."""

from tests.payments.conftest import alipay, merchant_keys, other_keys, wechat  # noqa: F401
