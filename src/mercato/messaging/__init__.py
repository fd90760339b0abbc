"""Outgoing messages: a templated, localised message to a phone (Aliyun SMS, dysmsapi
SendSms) or an e-mail address (SMTP). Used by members for one-time codes and, later, by
orders for notifications. Other contexts use public.py only; the fakes of both services are
in mercato.sandbox. The merchant edits the wording of each message at /admin/messages (web/)."""
