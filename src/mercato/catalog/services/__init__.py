"""Catalogue use cases: load, ask the domain, save. No HTTP, no commit."""
