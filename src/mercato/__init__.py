"""Mercato: a self-hosted enterprise e-commerce platform (modular monolith)."""

__version__ = "0.1.0"
