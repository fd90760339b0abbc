"""Orders: placing an order from a cart, the order state machine with its timeline, unpaid
timeouts, and the customer's and the merchant's views of orders. Tables: orders_*."""
