"""Demo shop: a generated catalogue and the loader that writes it through the services."""
