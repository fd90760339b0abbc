"""Merchandising content: home banners and scenario pages (staff-built landing pages mixing
text, images and product lists). Tables are prefixed content_. Products by id only."""
