"""Logistics events. Payloads carry the order number and the shipment number."""

# {"subject", "order_number", "cause", "customer_id", "phone", "detail"}: something needs a
# person; the customer is told by SMS once per cause.
LOGISTICS_ISSUE_OPENED = "logistics.issue_opened.v1"
# {"number", "order_number", "carrier", "waybill_no", "warehouse_id"}
SHIPMENT_SHIPPED = "logistics.shipment_shipped.v1"
# {"number", "order_number", "signed_at", "by"}: by = carrier | customer | system
SHIPMENT_SIGNED = "logistics.shipment_signed.v1"
