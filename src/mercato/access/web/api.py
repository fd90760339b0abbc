"""Staff API sign-in: e-mail and password for a bearer token, rate limited like the admin
login (failures are committed in their own transaction, so they count even though the
request fails)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from mercato.access.public import client_ip, password_login
from mercato.kernel.errors import Unauthorized
from mercato.web.deps import DbDep, LocaleDep
from mercato.web.routing import Router

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


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        # PostgreSQL refuses NUL in text: say so here rather than fail in the database.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value

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
