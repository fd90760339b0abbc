"""Password API for apps: ask for a reset code, reset with it, change the password of the
signed-in customer. Errors are the shared JSON body; throttled answers are 429 with
Retry-After."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Request, Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

from mercato.members import public as members
from mercato.members.services import password_reset
from mercato.members.web import password_flow
from mercato.members.web.schemas import BLANK, LOGIN, NewPassword, StrictIn
from mercato.web.deps import DbDep, LocaleDep
from mercato.web.strict import stated

_bearer = HTTPBearer(auto_error=False, description="A customer token from POST /customers/token")
SECURED: list[Any] = [Depends(_bearer)]
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
_RETRY = {
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "integer", "minimum": 1},
    }
}


def _doc(text: str, retry: bool = False) -> dict[str, Any]:
    return {"description": text, **_ERROR, **({"headers": _RETRY} if retry else {})}


Login = Annotated[
    str,
    Field(
        min_length=1,
        max_length=254,
        description="Mobile number or e-mail of the account",
        json_schema_extra=stated(LOGIN),
    ),
]
Password = Annotated[str, Field(min_length=1, max_length=200)]


class CodeIn(StrictIn):
    login: Login


class CodeOut(BaseModel):
    channel: str = Field(description="`phone` (a text message) or `email`")
    expires_in: int = Field(description="Seconds a code stays valid")
    resend_after: int = Field(description="Seconds before another code may be asked for")


class ResetIn(StrictIn):
    login: Login
    code: Annotated[
        str,
        Field(
            min_length=1,
            max_length=12,
            description="The 6-digit code",
            json_schema_extra=stated(rf"^{BLANK}[0-9]{{6}}{BLANK}$"),
        ),
    ]
    password: NewPassword


class ChangeIn(StrictIn):
    current_password: Password
    new_password: NewPassword


def ask_code(
    body: CodeIn, request: Request, db: DbDep, loc: LocaleDep, background: BackgroundTasks
) -> CodeOut:
    kind, _value = password_flow.request_code(request, db, body.login, loc, background)
    return CodeOut(
        channel=kind,
        expires_in=password_reset.CODE_MINUTES * 60,
        resend_after=password_reset.RESEND_SECONDS,
    )


def reset_password(body: ResetIn, request: Request, db: DbDep, _loc: LocaleDep) -> Response:
    password_flow.reset(request, db, body.login, body.code, body.password)
    return Response(status_code=204)


def change_password(
    body: ChangeIn, request: Request, db: DbDep, me: members.CustomerDep, _loc: LocaleDep
) -> Response:
    token = members.bearer(request)
    sid = None if token else members.session_id(request)
    password_flow.change(request, db, me.id, body.current_password, body.new_password, sid, token)
    return Response(status_code=204)


def register(router: APIRouter) -> None:
    """Add these routes to members.web.api's router (under /api/v1): on it directly, as a
    router nested under a prefixed guarded Router would never match (web.routing)."""
    for add in (_code_route, _reset_route, _change_route):
        add(router)


def _code_route(router: APIRouter) -> None:
    router.add_api_route(
        "/password/code",
        ask_code,
        methods=["POST"],
        status_code=202,
        response_model=CodeOut,
        summary="Forgotten password: send a one-time code",
        description=(
            "Sends a 6-digit code, valid 10 minutes, by text message (a mobile number) or e-mail "
            "if an account uses `login`. The answer is the same whether or not one does. One "
            f"code per {password_reset.RESEND_SECONDS} s and {password_reset.CODES_PER_WINDOW} "
            "in 15 minutes per mobile number or e-mail; per client address "
            f"{password_reset.ADDRESS_FREE_CODES} in 15 minutes, then growing waits."
        ),
        responses={
            422: _doc("Not a mobile number or e-mail (`field`: login), or this channel is off"),
            429: _doc("Asked too often; retry after `Retry-After` seconds", retry=True),
        },
    )


def _reset_route(router: APIRouter) -> None:
    router.add_api_route(
        "/password/reset",
        reset_password,
        methods=["POST"],
        status_code=204,
        summary="Forgotten password: set a new one with the code",
        description=(
            "A code works once, for 10 minutes, and at most 5 wrong tries. On success every "
            "session and API token of the customer ends: log in again with POST /customers/token."
        ),
        responses={
            422: _doc(
                "`field` code: wrong, expired or used code (`members.code_invalid`, alike for "
                "unknown accounts) or not 6 digits; `field` password: too weak; `field` login"
            ),
            429: _doc("Too many tries from this address; retry after `Retry-After`", retry=True),
        },
    )


def _change_route(router: APIRouter) -> None:
    router.add_api_route(
        "/me/password",
        change_password,
        methods=["PUT"],
        status_code=204,
        dependencies=SECURED,
        summary="Change my password",
        description=(
            "Needs the current password. Every other session and API token of the customer "
            "ends; the token of this request stays valid."
        ),
        responses={
            401: _doc("Missing, invalid or revoked token"),
            403: _doc("Cookie session without a valid X-CSRF-Token header"),
            422: _doc(
                "`field` current_password: wrong (`members.wrong_password`); `field` "
                "new_password: too weak or the same as the current one"
            ),
            429: _doc("Too many wrong current passwords; retry after `Retry-After`", retry=True),
        },
    )
