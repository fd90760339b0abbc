"""JSON shapes of the /api/v1 catalogue: `reads` (public documents and the shared error
body), `writes` (strict staff bodies and their answers), `common` (field types)."""
