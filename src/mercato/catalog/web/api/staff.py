"""What every staff write route shares: the bearer-token guard (also declared as an OpenAPI
security scheme) and the error statuses a write may answer."""

from __future__ import annotations

from typing import Any

from fastapi import Depends
from fastapi.security import HTTPBearer

from mercato.access.public import needs
from mercato.catalog.web.api.http import errors

# Documents the scheme only; StaffApiDep does the checking (and answers 401 as JSON).
_bearer = HTTPBearer(auto_error=False, description="A staff API token from POST /auth/token")
SECURED: list[Any] = [Depends(_bearer), needs("catalog", api=True)]
TAGS: list[Any] = ["staff: catalogue"]


def write_errors(*extra: int, invalid: str = "") -> dict[int | str, dict[str, Any]]:
    """401, 404, 409 and 422; `invalid` adds what else a 422 may mean: the rules that depend
    on the shop's data, which the body's schema cannot state."""
    out = errors(401, 404, 409, 422, *extra)
    if invalid:
        out[422] = {**out[422], "description": f"{out[422]['description']}; {invalid}"}
    return out
