"""Payment use cases: create an attempt, record a verified notification, reconcile, refund."""
