"""The payment centre: payment attempts per order, provider adapters (WeChat Pay API v3,
Alipay RSA2) behind one `PaymentGateway` interface, notification verification and
acknowledgement, refunds (whole attempts it cannot keep; partial ones asked by after-sales
through `public.py`). Its tables are prefixed `payments_`.
"""
