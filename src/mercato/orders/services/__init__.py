"""Order use cases: place_order, status changes (transitions), timeouts."""
