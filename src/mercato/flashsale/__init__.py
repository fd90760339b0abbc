"""Flash sales (秒杀): events with a time window, their units per SKU at a flash price, and
the seats buyers take — who gets a unit, never more units than there are."""
