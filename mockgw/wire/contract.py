"""How a wire module states its API's request contract: TypedDicts validated by one pydantic TypeAdapter.

Strict by default, as the real APIs are: JSON types exactly (no "10" for an int, no "yes" for a bool)
and closed objects (an unknown field is an error). `loose` is the opt-in escape hatch: types are
coerced and unknown fields ignored. Everything else (tags, enums, ranges) is checked either way.

The annotations below are what the TypedDicts need beyond plain typing to word errors the way the
real APIs (pydantic services themselves) do: a block's tag in the error path (`tools.0.custom.name`),
the expected tags listed on an unknown one.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import ConfigDict, Discriminator, GetCoreSchemaHandler, TypeAdapter
from pydantic_core import core_schema

T = TypeVar("T")


# Every TypedDict of a contract carries it (`@with_config(STRICT)`): strict is what the schema says,
# loose a per-call override (which costs a little on each call, so it is not the default's way).
STRICT = ConfigDict(strict=True, extra="forbid")


def validate(schema: TypeAdapter[T], raw: bytes, loose: bool) -> T:
    """Parse and validate a body in one pass; raises pydantic's ValidationError.

    pydantic-core's validator directly: TypeAdapter.validate_json adds a Python layer per call.
    """
    if loose:
        return schema.validator.validate_json(raw, strict=False, extra="ignore")
    return schema.validator.validate_json(raw)


_KINDS: dict[type, str] = {
    str: "str",
    bool: "bool",
    int: "number",
    float: "number",
    list: "list",
    dict: "object",
}
KIND_TAGS = frozenset(_KINDS.values())  # they name union branches in error paths, which drop them


def by_kind(*kinds: str) -> Discriminator:
    """Tells union members apart by JSON type (a string or a list of blocks), so a bad value reports
    one branch's error (pydantic's smart union reports every branch). A value of none of the kinds
    reports the last kind's error: `messages.0.content: Input should be a valid list`, as the API words it.
    """
    fallback = kinds[-1]

    def kind(value: Any) -> str:
        found = _KINDS.get(type(value), fallback)
        return found if found in kinds else fallback

    return Discriminator(kind)


class OneTag:
    """An object tagged by its `type`, validated as a tagged union of one (`cache_control.ephemeral.ttl`)."""

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.tagged_union_schema({self.tag: handler(source)}, discriminator="type")


class DefaultTag:
    """A tagged union whose members may leave `type` out (or null) to mean `tag`: custom tools."""

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        tag = self.tag

        def fill(value: Any) -> Any:
            if isinstance(value, dict) and value.get("type") is None:
                return {**value, "type": tag}
            return value

        return core_schema.no_info_before_validator_function(fill, handler(source))


class Open:
    """An open object (a JSON Schema): its declared keys are checked and the others kept as they came.

    Its TypedDict is STRICT like the rest, so the undeclared keys are set aside around the check.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        keys = source.__required_keys__ | source.__optional_keys__
        declared = handler(source)

        def check(value: Any, validate: core_schema.ValidatorFunctionWrapHandler) -> Any:
            if not isinstance(value, dict):
                return validate(value)
            return value | validate({k: v for k, v in value.items() if k in keys})

        return core_schema.no_info_wrap_validator_function(check, declared)
