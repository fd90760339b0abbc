"""Product centre: products, SKUs on option axes, categories, brands, attributes (facets),
product knowledge base, content blocks and search. Tables are prefixed catalog_."""
