"""Logistics: getting paid orders to the customer. It owns shipments (which warehouse sends
which lines), carrier waybills (电子面单), tracking events pushed by carriers, sign-for, and the
exceptions that need a person (out of stock at allocation, tracking gone quiet, delivery
failed). Its tables are prefixed logistics_."""
