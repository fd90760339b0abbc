"""Customer API: sign-up, bearer tokens (login / logout), the profile and the address book.
Another customer's address answers 404 exactly like a missing one."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import Depends, Path, Request, Response
from fastapi.security import HTTPBearer

from mercato.kernel.errors import Unauthorized
from mercato.members import public as members
from mercato.members.adapters import repository
from mercato.members.domain import (
    ADDRESS_FREE,
    ADDRESS_MAX_WAIT,
    FIRST_WAIT,
    IDENTIFIER_MAX_WAIT,
    AddressView,
)
from mercato.members.services import accounts, addresses, clock, referral, sessions
from mercato.members.web import api_password
from mercato.members.web.common import mark_signed_in
from mercato.members.web.schemas import (
    AddressIn,
    AddressListOut,
    AddressOut,
    AddressPatch,
    CustomerIn,
    CustomerOut,
    LoginIn,
    TokenOut,
)
from mercato.web.deps import DbDep, LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/api/v1", tags=["customers"])
api_password.register(router)  # /password/code, /password/reset, /me/password

# Documents the scheme only; CustomerDep does the checking (and answers 401 as JSON).
_bearer = HTTPBearer(auto_error=False, description="A customer token from POST /customers/token")
SECURED: list[Any] = [Depends(_bearer)]
# The shared error body, registered in the schema by the catalogue API (ErrorOut).
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
_TEXT = {
    401: "Missing, invalid or revoked token",
    403: "Cookie session without a valid X-CSRF-Token header",
    404: "No such address (or not yours)",
    409: "Already registered / address book full",
    422: "Invalid input; `field` names it. For addresses also `members.invalid_province`, "
    "`members.invalid_city` or `members.invalid_district` (not one real place) and "
    "`members.default_required` (is_default false on the default address)",
    429: "Too many sign-ups from one address; retry later",
}
# The login throttle's policy (members.services.login), as the API promises it.
_THROTTLED = {
    "description": (
        "Too many failed logins; retry after `Retry-After` seconds. Per mobile number or "
        "e-mail (whether it has an account or not): the first N wrong passwords in 15 minutes "
        "cost nothing (N = MERCATO_LOGIN_ATTEMPTS_PER_15MIN, default 10); then each attempt "
        f"waits {FIRST_WAIT} s after the latest failure, doubled per further failure, at most "
        f"{IDENTIFIER_MAX_WAIT} s. Refused attempts are not failures and a successful login "
        f"clears them. Per client address: {ADDRESS_FREE} attempts cost nothing, then the same "
        f"doubling up to {ADDRESS_MAX_WAIT // 60} minutes. Accounts are never locked."
    ),
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before trying again",
            "schema": {"type": "integer", "minimum": 1},
        }
    },
    **_ERROR,
}
AddressId = Annotated[int, Path(ge=1, le=2_147_483_647)]  # an INTEGER column's range


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"description": _TEXT[c], **_ERROR} for c in codes}


def _address(view: AddressView) -> AddressOut:
    data = asdict(view)
    data.pop("customer_id")
    return AddressOut(**data)


@router.post(
    "/customers",
    status_code=201,
    response_model=CustomerOut,
    responses=_errors(409, 422, 429),
    summary="Sign up",
    description="With `invite`, the new customer is recorded as invited by the member whose "
    "code it is (422 `members.invite_unknown` when no member has that code: nothing is "
    "created).",
)
def sign_up(
    body: CustomerIn, _limit: members.SignupGuardDep, tx: TxDep, _loc: LocaleDep
) -> CustomerOut:
    customer = accounts.sign_up(tx, body.phone, body.email, body.password, body.name)
    if body.invite.strip():
        referral.attach(tx, customer.id, body.invite, clock.now())
    return CustomerOut(**asdict(repository.customer_view(customer)))


@router.post(
    "/customers/token",
    response_model=TokenOut,
    responses={**_errors(401, 422), 429: _THROTTLED},
    summary="Log in: a bearer token",
)
def create_token(body: LoginIn, request: Request, db: DbDep, _loc: LocaleDep) -> TokenOut:
    limit = request.app.state.settings.login_attempts_per_15min
    customer, token = members.password_login(
        db, body.login, body.password, members.client_ip(request), limit, body.name or "app"
    )
    if customer is None:
        raise Unauthorized(
            "members.bad_credentials", "Wrong mobile number, e-mail or password", "password"
        )
    mark_signed_in(request, customer.id)
    return TokenOut(token=token, customer=CustomerOut(**asdict(customer)))


@router.delete(
    "/customers/token",
    status_code=204,
    dependencies=SECURED,
    responses=_errors(401, 403),
    summary="Log out: revoke this token",
)
def revoke_token(request: Request, tx: TxDep, _me: members.CustomerDep) -> Response:
    token = members.bearer(request)
    if token is None:
        raise Unauthorized("members.token_required", "Send 'Authorization: Bearer <token>'")
    sessions.revoke_token(tx, token)
    return Response(status_code=204)


@router.get("/me", response_model=CustomerOut, dependencies=SECURED, responses=_errors(401))
def me(customer: members.CustomerDep) -> CustomerOut:
    return CustomerOut(**asdict(customer))


@router.get(
    "/me/addresses", response_model=AddressListOut, dependencies=SECURED, responses=_errors(401)
)
def list_addresses(tx: ReadDep, customer: members.CustomerDep) -> AddressListOut:
    return AddressListOut(items=[_address(a) for a in addresses.list_addresses(tx, customer.id)])


@router.post(
    "/me/addresses",
    status_code=201,
    response_model=AddressOut,
    dependencies=SECURED,
    responses=_errors(401, 403, 409, 422),
)
def add_address(
    body: AddressIn, tx: TxDep, customer: members.CustomerDep, _loc: LocaleDep
) -> AddressOut:
    values = body.model_dump(exclude={"is_default"})
    row = addresses.add_address(tx, customer.id, values, body.is_default)
    return _address(repository.address_view(row))


@router.get(
    "/me/addresses/{address_id}",
    response_model=AddressOut,
    dependencies=SECURED,
    responses=_errors(401, 404, 422),
)
def get_address(address_id: AddressId, tx: ReadDep, customer: members.CustomerDep) -> AddressOut:
    return _address(repository.address_view(repository.get_for(tx, customer.id, address_id)))


@router.patch(
    "/me/addresses/{address_id}",
    response_model=AddressOut,
    dependencies=SECURED,
    responses=_errors(401, 403, 404, 422),
)
def update_address(
    address_id: AddressId,
    body: AddressPatch,
    tx: TxDep,
    customer: members.CustomerDep,
    _loc: LocaleDep,
) -> AddressOut:
    changes = body.model_dump(exclude={"is_default"}, exclude_none=True)
    row = addresses.update_address(tx, customer.id, address_id, changes, body.is_default)
    return _address(repository.address_view(row))


@router.delete(
    "/me/addresses/{address_id}",
    status_code=204,
    dependencies=SECURED,
    responses=_errors(401, 403, 404, 422),
)
def delete_address(address_id: AddressId, tx: TxDep, customer: members.CustomerDep) -> Response:
    addresses.delete_address(tx, customer.id, address_id)
    return Response(status_code=204)
