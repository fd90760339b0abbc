"""The payment centre: payment attempts per order, provider adapters (WeChat Pay API v3,
Alipay RSA2) behind one `PaymentGateway` interface, notification verification and
acknowledgement. Its tables are prefixed `payments_` (none yet: this is the adapter groundwork).
"""
