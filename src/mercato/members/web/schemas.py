"""API bodies of the members endpoints: strict (no coercion, no unknown fields, no NUL)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, StrictBool

from mercato.web.strict import FILLED, SPACE, NoNulBody, stated


class StrictIn(NoNulBody):
    """Members bodies (mercato.web.strict). The patterns state what members.domain accepts
    (it answers with its own error codes)."""


def _spaced(*parts: str) -> str:
    """The parts with separators allowed around each (as members.domain ignores them)."""
    gap = rf"[{SPACE}()（）-]*"
    return gap + gap.join(parts) + gap


# members.domain.normalise_mobile: 1, then 3 to 9, then 9 digits, maybe after +86, 0086 or
# 86; spaces, brackets and hyphens anywhere are ignored.
_PREFIX = (r"(?:\+", "8", "6", "|0", "0", "8", "6", "|8", "6", ")?")
MOBILE = _spaced(*_PREFIX[:-1], _PREFIX[-1] + "1", "[3-9]", *["[0-9]"] * 9)
# members.domain.check_email, on the text without surrounding spaces.
EMAIL = rf"[{SPACE}]*[^@\x00{SPACE}]{{1,64}}@[^@\x00{SPACE}]{{1,190}}\.[a-zA-Z]{{2,}}[{SPACE}]*"
BLANK = rf"[{SPACE}]*"
# members.domain_referral.normalise_code: 8 of its letters, any case, spaces, - and _ ignored.
INVITE = rf"[{SPACE}_-]*(?:[2-9A-HJKMNP-Za-hjkmnp-z][{SPACE}_-]*){{8}}"
LOGIN = rf"^(?:{MOBILE}|{EMAIL})$"
# members.domain.check_password (its minimum stated, not enforced here: it answers
# members.weak_password itself); the letter and the digit are in words only.
NewPassword = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        description="8 to 200 characters, with at least one letter and one digit",
        examples=["green-tea-42"],
        json_schema_extra={"minLength": 8},
    ),
]


Short = Annotated[str, Field(max_length=200)]
# Address lines (members.domain.check_address): some text, spaces collapsed.
Line = Annotated[str, Field(min_length=1, max_length=40, json_schema_extra=stated(FILLED))]
Region = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        description="Province, city and district name one real place (full or short names)",
        json_schema_extra=stated(FILLED),
    ),
]
_GAP = rf"[{SPACE}()（）]*"
# members.domain.check_contact_phone: a mobile, or a landline such as 010-12345678-123.
_DIGIT = rf"[0-9]{_GAP}"
LANDLINE = (
    rf"{_GAP}0{_GAP}(?:{_DIGIT}){{2,3}}(?:-{_GAP})?(?:{_DIGIT}){{7,8}}"
    rf"(?:-{_GAP}(?:{_DIGIT}){{1,6}})?"
)
Phone = Annotated[
    str,
    Field(
        max_length=200,
        description="A mainland mobile or landline number",
        json_schema_extra=stated(rf"^(?:{MOBILE}|{LANDLINE})$"),
    ),
]
Street = Annotated[str, Field(min_length=1, max_length=120, json_schema_extra=stated(FILLED))]
Postcode = Annotated[
    str,
    Field(
        max_length=200,
        description="Empty or 6 digits",
        json_schema_extra=stated(rf"^{BLANK}(?:[0-9]{{6}})?{BLANK}$"),
    ),
]


class CustomerIn(StrictIn):
    phone: Annotated[
        str,
        Field(
            max_length=32,
            description="A mainland mobile number (or empty, with an e-mail)",
            examples=["13812345678"],
            json_schema_extra=stated(rf"^(?:{BLANK}|{MOBILE})$"),
        ),
    ] = ""
    email: Annotated[
        str,
        Field(
            max_length=254,
            description="An e-mail address (or empty, with a mobile number)",
            examples=["li.lei@example.com"],
            json_schema_extra=stated(rf"^(?:{BLANK}|{EMAIL})$"),
        ),
    ] = ""
    password: NewPassword
    name: Annotated[str, Field(max_length=40)] = ""
    invite: Annotated[
        str,
        Field(
            max_length=40,
            description="An invite code from a member's invite link (optional; "
            "members.invite_unknown when no member has it)",
            examples=["7KD4P9QX"],
            json_schema_extra=stated(rf"^(?:{BLANK}|{INVITE})$"),
        ),
    ] = ""

    @classmethod
    def stated_rules(cls, schema: dict[str, Any]) -> None:
        super().stated_rules(schema)
        # A mobile number or an e-mail address, at least one.
        schema["anyOf"] = [
            {"properties": {"phone": {"pattern": f"^{MOBILE}$"}}, "required": ["phone"]},
            {"properties": {"email": {"pattern": f"^{EMAIL}$"}}, "required": ["email"]},
        ]


class CustomerOut(BaseModel):
    id: int
    name: str
    phone: str | None
    email: str | None


class LoginIn(StrictIn):
    login: Annotated[
        str, Field(min_length=1, max_length=254, description="Mobile number or e-mail")
    ]
    password: Annotated[str, Field(min_length=1, max_length=200)]
    name: Annotated[str, Field(max_length=120, description="Label of the token")] = "app"


class TokenOut(BaseModel):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'; shown only once")
    customer: CustomerOut


class AddressIn(StrictIn):
    recipient: Line
    phone: Phone
    province: Region
    city: Region
    district: Region
    street: Street
    postcode: Postcode = ""
    is_default: StrictBool = False


class AddressPatch(StrictIn):
    """Null or left out: kept."""

    recipient: Line | None = None
    phone: Phone | None = None
    province: Region | None = None
    city: Region | None = None
    district: Region | None = None
    street: Street | None = None
    postcode: Postcode | None = None
    is_default: StrictBool | None = None


class AddressOut(BaseModel):
    id: int
    recipient: str
    phone: str
    province: str
    city: str
    district: str
    street: str
    postcode: str
    is_default: bool


class AddressListOut(BaseModel):
    items: list[AddressOut]
