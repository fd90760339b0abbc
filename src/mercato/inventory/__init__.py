"""Stock: warehouses, on-hand and reserved quantities per SKU per warehouse, and the stock
ledger (every change is a row with reason and reference). Tables are prefixed inventory_.
Refers to SKUs by id and code only: it never reads catalog tables."""
