"""Shared web shell: dependencies, error rendering, templates, static files."""
