"""Base models of JSON request bodies: strict (no coercion: 12.5, "1250" or true is not an
integer) and closed (an unknown field is refused, named). What they refuse, their OpenAPI
schema says, so a client (and Schemathesis) can tell a valid body from the document alone.
A rule a context checks itself (with its own error code) is stated with `stated(pattern)`:
in the schema only, the pattern matching exactly what that check accepts.

JSON does not tell 2 from 2.0, nor does the JSON Schema of OpenAPI 3.1 (both are integers):
a number without a fraction is taken as that integer. 2.5 stays a number, never an integer."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

NO_NUL = r"^[^\x00]*$"
# What Python's str.strip() and str.split() take for spaces (rules strip text before checking).
SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Some text besides spaces, and no NUL.
FILLED = rf"^[^\x00]*[^\x00{SPACE}][^\x00]*$"


def trimmed(pattern: str) -> str:
    """A pattern for text that is checked stripped: `pattern` with spaces around it."""
    return rf"^[{SPACE}]*(?:{pattern})[{SPACE}]*$"


def stated(pattern: str, **schema: Any) -> dict[str, Any]:
    """`json_schema_extra` for a rule the service checks: in the schema, not enforced here."""
    return {"pattern": pattern, **schema}


def whole_numbers(value: Any) -> Any:
    """`value` with every float that has no fraction (2.0) as an int, in lists and objects."""
    kind = type(value)
    if kind is float:
        return int(value) if value.is_integer() else value
    if kind is dict:
        return {k: whole_numbers(v) for k, v in value.items()}
    if kind is list:
        return [whole_numbers(v) for v in value]
    return value


def _stated(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    rules = getattr(cls, "stated_rules", None)
    if rules is not None:
        rules(schema)


class StrictBody(BaseModel):
    """A request body. Subclasses add to their JSON schema in `stated_rules`."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra=_stated)

    @model_validator(mode="before")
    @classmethod
    def _whole_numbers(cls, data: Any) -> Any:
        return whole_numbers(data)

    @classmethod
    def stated_rules(cls, schema: dict[str, Any]) -> None:
        """Edit the model's JSON schema (called by pydantic when it is generated)."""


class NoNulBody(StrictBody):
    """A body whose text fields may not hold NUL (PostgreSQL refuses it in text): refused
    here, naming the field, and stated in the schema as a pattern."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value

    @classmethod
    def stated_rules(cls, schema: dict[str, Any]) -> None:
        super().stated_rules(schema)
        for prop in schema.get("properties", {}).values():
            for variant in prop.get("anyOf", [prop]):
                free = not {"pattern", "enum", "const"} & set(variant)
                if variant.get("type") == "string" and free:
                    variant["pattern"] = NO_NUL


class PatchBody(NoNulBody):
    """Partial updates: leave a field out to keep it. Null is refused (and not offered by the
    schema) except for the fields in `nullable`, where null clears the value."""

    nullable: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _no_null(cls, value: object, info: ValidationInfo) -> object:
        if value is None and info.field_name not in cls.nullable:
            raise ValueError("may not be null; leave the field out to keep it")
        return value

    @classmethod
    def stated_rules(cls, schema: dict[str, Any]) -> None:
        super().stated_rules(schema)
        for name, prop in schema.get("properties", {}).items():
            if name in cls.nullable:
                continue
            kept = [v for v in prop.get("anyOf", ()) if v.get("type") != "null"]
            if "anyOf" in prop and len(kept) == 1:
                del prop["anyOf"]
                prop.update(kept[0])
            if prop.get("default", 0) is None:
                del prop["default"]
