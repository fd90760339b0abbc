"""Staff API sign-in: e-mail and password for a bearer token, rate limited like the admin
login (failures are committed in their own transaction, so they count even though the
request fails)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from mercato.access import services
from mercato.kernel.errors import Unauthorized
from mercato.web.deps import DbDep, LocaleDep

router = APIRouter(prefix="/api/v1", tags=["auth"])

# The shared error body, registered in the schema by the catalogue API (ErrorOut).
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Wrong e-mail or password", **_ERROR},
    422: {"description": "Invalid input; `field` names it", **_ERROR},
    429: {"description": "Too many failed attempts; retry in 15 minutes", **_ERROR},
}


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    email: Annotated[str, Field(min_length=3, max_length=254, examples=["admin@example.com"])]
    password: Annotated[str, Field(min_length=1, max_length=200)]
    name: Annotated[str, Field(max_length=120, description="Label shown in the token list")] = "api"


class TokenOut(BaseModel):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'; shown only once")


@router.post("/auth/token", response_model=TokenOut, responses=_RESPONSES, summary="Get a token")
def create_token(body: TokenIn, request: Request, db: DbDep, _loc: LocaleDep) -> TokenOut:
    client = request.client.host if request.client else "unknown"
    limit = request.app.state.settings.login_attempts_per_15min
    with db.transaction() as tx:
        services.check_rate(tx, body.email, client, limit)
        staff = services.authenticate(tx, body.email, body.password)
        if staff is None:
            services.record_failure(tx, body.email, client)
            token = None
        else:
            token = services.issue_token(tx, staff.id, body.name or "api")
    if token is None:
        raise Unauthorized("access.bad_credentials", "Wrong e-mail or password")
    return TokenOut(token=token)
