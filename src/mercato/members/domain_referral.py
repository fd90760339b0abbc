"""Referral rules: invite codes (short, unambiguous, typed any way) and when a referral must
not pay out (the same person, or a shared phone or address). Pure: no I/O."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

# Invite codes: no 0/O, 1/I/L, so a code read aloud or off a poster is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
PENDING, QUALIFIED, REJECTED = "pending", "qualified", "rejected"
SAME_PHONE, SAME_ADDRESS, SELF = "same_phone", "same_address", "self_referral"


def new_invite_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


_CODE_NOISE = re.compile(r"[\s\-_]")


def normalise_code(value: str) -> str | None:
    """An invite code as typed (any case, spaces or dashes) in canonical form, or None when
    it cannot be one."""
    code = _CODE_NOISE.sub("", value or "")
    if not code.isascii():  # "ſ".upper() is "S": only the letters printed on a code count
        return None
    code = code.upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


_ADDRESS_NOISE = re.compile(r"[\s\u3000,，.。·#\-－()（）]")


def address_key(province: str, city: str, district: str, street: str) -> str:
    """An address compared for referral abuse: spaces, punctuation and case ignored."""
    return _ADDRESS_NOISE.sub("", f"{province}{city}{district}{street}").lower()


def phone_key(phone: str) -> str:
    """A phone compared for referral abuse: its digits, without a +86/0086 prefix."""
    digits = "".join(c for c in phone or "" if c.isascii() and c.isdigit())
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            return digits[len(prefix):]
    return digits


@dataclass(frozen=True, slots=True)
class Contact:
    """A member's phones (account and address book) and address keys."""

    phones: frozenset[str]
    addresses: frozenset[str]


def referral_abuse(invitee_id: int, referrer_id: int, invitee: Contact,
                   referrer: Contact) -> str | None:
    """Why a referral may not pay out, or None: the same person on both sides, or the
    invitee sharing a phone or an address with the referrer."""
    if invitee_id == referrer_id:
        return SELF
    if (invitee.phones - {""}) & referrer.phones:
        return SAME_PHONE
    if (invitee.addresses - {""}) & referrer.addresses:
        return SAME_ADDRESS
    return None
