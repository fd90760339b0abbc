"""Messaging's admin pages: the merchant's wording of the shop's customer notifications."""
