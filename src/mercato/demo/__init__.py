"""Deterministic bilingual demo catalogue (products, articles, scenario pages) and SVG art."""
