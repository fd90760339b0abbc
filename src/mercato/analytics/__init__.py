"""Analytics: behaviour events (page views, searches, product views, cart, checkout, and the
orders' own events from the outbox) appended to a per-process buffer, flushed to segment
files, compacted into a Parquet lake partitioned by day, and the figures staff read from it
(UV, PV, orders, GMV, average order value, conversion; the purchase funnel).

It depends on events only: no other context's public module (ARCHITECTURE.md, rule 7);
bootstrap hands it what it needs (the staff guard of its admin routes)."""
