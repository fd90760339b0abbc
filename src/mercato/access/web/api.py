"""Staff API sign-in: e-mail and password for a bearer token, rate limited like the admin
login (failures are committed in their own transaction, so they count even though the
request fails)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Request
from pydantic import BaseModel, Field

from mercato.access.public import client_ip, password_login
from mercato.kernel.errors import Unauthorized
from mercato.web.deps import DbDep, LocaleDep
from mercato.web.routing import Router
from mercato.web.strict import NoNulBody

router = Router(prefix="/api/v1", tags=["auth"])

# The shared error body, registered in the schema by the catalogue API (ErrorOut).
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Wrong e-mail or password", **_ERROR},
    422: {"description": "Invalid input; `field` names it", **_ERROR},
    429: {
        "description": "Too many failed attempts: wait the Retry-After seconds (5 s, doubling, "
        "at most 60 s per e-mail; longer per client address)",
        **_ERROR,
    },
}


class TokenIn(NoNulBody):
    email: Annotated[str, Field(min_length=3, max_length=254, examples=["admin@example.com"])]
    password: Annotated[str, Field(min_length=1, max_length=200)]
    name: Annotated[str, Field(max_length=120, description="Label shown in the token list")] = "api"


class TokenOut(BaseModel):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'; shown only once")


@router.post("/auth/token", response_model=TokenOut, responses=_RESPONSES, summary="Get a token")
def create_token(body: TokenIn, request: Request, db: DbDep, _loc: LocaleDep) -> TokenOut:
    limit = request.app.state.settings.login_attempts_per_15min
    staff, token = password_login(
        db, body.email, body.password, client_ip(request), limit, body.name or "api"
    )
    if staff is None:
        raise Unauthorized("access.bad_credentials", "Wrong e-mail or password")
    return TokenOut(token=token)
