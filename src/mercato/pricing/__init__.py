"""Pricing: the one pipeline every cart, checkout, order and admin preview is priced by."""
