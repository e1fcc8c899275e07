"""The one JSON-Schema generator (mockgw/schema_values.py): schemas in, values that validate out.

Values are checked by `jsonschema` (Draft 2020-12, with its format checker) and, for pydantic models, by
the model itself. Schemas are what clients send: pydantic's `model_json_schema()`, the openai SDK's
`pydantic_function_tool()` / `to_strict_json_schema` (openai/lib/_pydantic.py) and the anthropic SDK's
`transform_schema` (anthropic/lib/_parse/_transform.py, which moves unsupported constraints into the
description), plus a hypothesis-built family of hand-written schemas.
"""

from __future__ import annotations

import json
import random
import re
import time
from enum import Enum
from typing import Literal

import jsonschema
import openai
import pytest
from anthropic.lib._parse._transform import transform_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field

from mockgw.generate import seeded_faker
from mockgw.regex_text import text_for_pattern
from mockgw.schema_values import MAX_CHARS, MAX_OUTPUT_CHARS, NOTHING, Budget, object_for, value_for

VALIDATOR = jsonschema.Draft202012Validator


def check(value, schema) -> None:
    VALIDATOR(schema, format_checker=VALIDATOR.FORMAT_CHECKER).validate(value)


def compact(value) -> str:
    return json.dumps(value, separators=(",", ":"))


# --- pydantic models, as the SDKs send them --------------------------------------------------------


class Color(str, Enum):
    red = "red"
    green = "green"


class Address(BaseModel):
    street: str
    postcode: str = Field(pattern=r"^[A-Z]{2}-\d{4}$")
    country: Literal["NL", "BE", "DE"] = "NL"


class Item(BaseModel):
    sku: str = Field(min_length=3, max_length=8)
    quantity: int = Field(ge=1, le=5)
    price: float = Field(gt=0, lt=100, multiple_of=0.25)
    tags: list[str] = Field(default_factory=list, max_length=3)


class Customer(BaseModel):
    name: str
    email: str = Field(json_schema_extra={"format": "email"})
    site: str | None = Field(None, json_schema_extra={"format": "uri"})
    id: str = Field(json_schema_extra={"format": "uuid"})
    since: str = Field(json_schema_extra={"format": "date-time"})


class Order(BaseModel):
    customer: Customer
    ship_to: Address | None
    items: list[Item] = Field(min_length=1, max_length=4)
    color: Color
    pair: tuple[int, str]
    extras: dict[str, int]
    gift: bool = False


class Tree(BaseModel):
    label: str
    children: list[Tree] = []
    parent: Tree | None = None


class Expr(BaseModel):
    """Mutual recursion through a union, as parsers' ASTs are written."""

    op: Literal["+", "*"]
    left: Expr | int
    right: Expr | int


MODELS = [Address, Item, Customer, Order, Tree, Expr]


def sdk_schemas(model: type[BaseModel]) -> dict[str, dict]:
    return {
        "pydantic": model.model_json_schema(),
        "openai_tool": openai.pydantic_function_tool(model)["function"]["parameters"],
        "anthropic": transform_schema(model),
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_values_for_pydantic_models_validate_as_every_sdk_sends_them(model):
    for schema in sdk_schemas(model).values():
        for seed in range(25):
            value = value_for(schema, seeded_faker(seed))
            check(value, schema)
            model.model_validate(value)


def test_the_same_seed_gives_the_same_value_and_another_seed_another():
    schema = Order.model_json_schema()
    assert value_for(schema, seeded_faker(7)) == value_for(schema, seeded_faker(7))
    assert value_for(schema, seeded_faker(7)) != value_for(schema, seeded_faker(8))


def test_recursive_models_end_and_stay_small():
    for seed in range(25):
        value = value_for(Tree.model_json_schema(), seeded_faker(seed))
        assert len(compact(value)) < 4000


# --- hand-written schemas ---------------------------------------------------------------------------


def test_every_property_is_written_and_additional_properties_false_adds_none():
    schema = {
        "type": "object",
        "properties": {"a": {"type": "string"}, "b": {"type": "integer"}},
        "required": ["a"],
        "additionalProperties": False,
    }
    assert set(value_for(schema, seeded_faker(1))) == {"a", "b"}


def test_required_names_without_a_property_schema_are_written_too():
    value = value_for({"type": "object", "required": ["x", "y"]}, seeded_faker(1))
    assert {"x", "y"} <= set(value)


def test_all_of_is_merged():
    schema = {
        "allOf": [
            {"type": "object", "properties": {"a": {"const": 1}}, "required": ["a"]},
            {"properties": {"b": {"enum": ["x", "y"]}}, "required": ["b"]},
        ]
    }
    value = value_for(schema, seeded_faker(3))
    assert value["a"] == 1 and value["b"] in ("x", "y")


def test_nullable_type_lists_give_the_type_and_null_only_when_nothing_else():
    assert value_for({"type": ["integer", "null"]}, seeded_faker(1)) is not None
    assert value_for({"type": ["null"]}, seeded_faker(1)) is None


@pytest.mark.parametrize(
    ("schema", "good"),
    [
        ({"type": "integer", "exclusiveMinimum": 5, "exclusiveMaximum": 7}, lambda v: v == 6),
        ({"type": "integer", "minimum": 5, "exclusiveMinimum": True, "maximum": 6}, lambda v: v == 6),
        ({"type": "integer", "multipleOf": 7, "minimum": 8, "maximum": 20}, lambda v: v == 14),
        (
            {"type": "number", "multipleOf": 0.1, "minimum": 0.15, "maximum": 0.25},
            lambda v: abs(v - 0.2) < 1e-9,
        ),
        ({"type": "number", "minimum": -3, "maximum": -3}, lambda v: v == -3),
        ({"type": "string", "minLength": 12, "maxLength": 12}, lambda v: len(v) == 12),
        ({"type": "array", "minItems": 3, "maxItems": 3, "uniqueItems": True}, lambda v: len(set(v)) == 3),
        (
            {"type": "array", "prefixItems": [{"const": 1}, {"const": "a"}], "items": False},
            lambda v: v == [1, "a"],
        ),
    ],
)
def test_bounds_are_kept(schema, good):
    for seed in range(10):
        value = value_for(schema, seeded_faker(seed))
        check(value, schema)
        assert good(value), value


@pytest.mark.parametrize(
    "fmt", ["date-time", "date", "time", "email", "uri", "uuid", "ipv4", "ipv6", "hostname"]
)
def test_formats_are_valid(fmt):
    schema = {"type": "string", "format": fmt}
    for seed in range(10):
        check(value_for(schema, seeded_faker(seed)), schema)


@pytest.mark.parametrize(
    "pattern",
    [
        r"^[A-Z]{2}-\d{4}$",
        r"^\+?[1-9]\d{1,14}$",
        r"^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$",
        r"^(\d{1,3}\.){3}\d{1,3}$",
        r"^#?([a-f0-9]{6}|[a-f0-9]{3})$",
        r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==)?$",
        r"v\d+\.\d+(\.\d+)?(-[a-z]+)?",
        r"^[^\s@]+\s[^\d]{2,}$",
        r"(\w)\1-\1",
    ],
)
def test_patterns_are_matched(pattern):
    for seed in range(20):
        text = text_for_pattern(pattern, random.Random(seed), MAX_CHARS)
        assert text is not None and re.search(pattern, text), (pattern, text)


# --- hostile schemas: bounded, and fast --------------------------------------------------------------


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "pattern": "(a{1000}){1000}"},
        {"type": "string", "pattern": "((a?){1000}){1000}b"},
        {"type": "string", "pattern": "(x+x+)+y" * 50},
        {"type": "array", "minItems": 10**30, "items": {"type": "string", "minLength": 10**12}},
        {"$ref": "#", "type": "object", "properties": {"self": {"$ref": "#"}}, "required": ["self"]},
        {"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}, "$ref": "#/$defs/A"},
        {
            "$defs": {"N": {"type": "array", "minItems": 8, "items": {"$ref": "#/$defs/N"}}},
            "$ref": "#/$defs/N",
        },
        {"allOf": [{"allOf": [{"allOf": [{"$ref": "#"}]}]}]},
        {"allOf": [{"$ref": "#"}] * 8},
        {"anyOf": [{"$ref": "#"}]},
        {"oneOf": [{"anyOf": [{"$ref": "#"}, {"$ref": "#"}]}]},
    ],
    ids=[
        "nested-repeat",
        "empty-repeat",
        "long-pattern",
        "huge-array",
        "self-required",
        "ref-cycle",
        "wide-deep",
        "allof-self",
        "allof-fan-out",
        "anyof-self",
        "oneof-anyof-self",
    ],
)
def test_hostile_schemas_give_bounded_values_at_once(schema):
    started = time.monotonic()
    value = value_for(schema, seeded_faker(1))
    assert time.monotonic() - started < 1
    assert value is NOTHING or len(compact(value)) <= MAX_OUTPUT_CHARS


def test_a_cut_value_is_a_prefix_that_fits_and_says_it_was_cut():
    schema = {
        "type": "object",
        "properties": {f"p{i}": {"type": "string", "minLength": 50} for i in range(20)},
    }
    budget = Budget(300)
    value = object_for(schema, seeded_faker(1), budget)
    assert budget.cut and 0 < len(value) < 20 and len(compact(value)) <= 300
    full = object_for(schema, seeded_faker(1))
    assert list(value) == list(full)[: len(value)]


def test_a_tool_input_is_an_object_whatever_the_schema():
    assert object_for({"type": "string"}, seeded_faker(1)) == {}
    assert object_for(None, seeded_faker(1)) == {}


# --- a family of schemas (hypothesis) ----------------------------------------------------------------

LEAVES = st.one_of(
    st.builds(
        lambda lo, extra: {"type": "string", "minLength": lo, "maxLength": lo + extra},
        st.integers(0, 20),
        st.integers(0, 20),
    ),
    st.sampled_from(
        [{"type": "string", "format": f} for f in ("date-time", "date", "email", "uuid", "ipv4", "uri")]
    ),
    st.sampled_from(
        [{"type": "string", "pattern": p} for p in (r"^[a-z]{3}\d$", r"^(ab|cd)+$", r"^\w+@\w+\.com$")]
    ),
    st.builds(
        lambda lo, span: {"type": "integer", "minimum": lo, "maximum": lo + span},
        st.integers(-1000, 1000),
        st.integers(0, 50),
    ),
    st.builds(
        lambda lo, m: {"type": "integer", "minimum": lo, "multipleOf": m},
        st.integers(-50, 50),
        st.integers(1, 9),
    ),
    st.builds(
        lambda lo: {"type": "number", "exclusiveMinimum": lo, "exclusiveMaximum": lo + 1},
        st.integers(-100, 100),
    ),
    st.just({"type": "boolean"}),
    st.just({"type": "null"}),
    st.lists(
        st.one_of(st.text(max_size=5), st.integers(), st.booleans()), min_size=1, max_size=4, unique=True
    ).map(lambda e: {"enum": e}),
    st.one_of(st.text(max_size=5), st.integers()).map(lambda c: {"const": c}),
)


def _combine(children):
    names = st.text("abcdefgh", min_size=1, max_size=4)
    return st.one_of(
        st.dictionaries(names, children, min_size=1, max_size=4).flatmap(
            lambda props: st.builds(
                lambda req, closed: {
                    "type": "object",
                    "properties": props,
                    "required": req,
                    **({"additionalProperties": False} if closed else {}),
                },
                st.lists(st.sampled_from(sorted(props)), unique=True),
                st.booleans(),
            )
        ),
        st.builds(
            lambda items, lo, extra: {
                "type": "array",
                "items": items,
                "minItems": lo,
                "maxItems": lo + extra,
            },
            children,
            st.integers(0, 3),
            st.integers(0, 3),
        ),
        st.lists(children, min_size=1, max_size=3).map(lambda options: {"anyOf": options}),
        children.map(lambda c: {"anyOf": [c, {"type": "null"}]}),
    )


TREES = st.recursive(LEAVES, _combine, max_leaves=12)
SCHEMAS = st.one_of(TREES, TREES.map(lambda t: {"$defs": {"D": t}, "$ref": "#/$defs/D"}))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schema=SCHEMAS, seed=st.integers(0, 2**32))
def test_generated_values_validate(schema, seed):
    check(value_for(schema, seeded_faker(seed)), schema)


RECURSIVE = {
    "$defs": {
        "Node": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "next": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]},
                "kids": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
            },
            "required": ["name", "next", "kids"],
            "additionalProperties": False,
        }
    },
    "$ref": "#/$defs/Node",
}


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 2**32))
def test_recursive_schemas_validate(seed):
    check(value_for(RECURSIVE, seeded_faker(seed)), RECURSIVE)


KEYWORDS = st.sampled_from(
    [
        "type",
        "properties",
        "required",
        "items",
        "prefixItems",
        "anyOf",
        "oneOf",
        "allOf",
        "$ref",
        "enum",
        "const",
    ]
    + [
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "multipleOf",
        "minItems",
        "maxItems",
        "uniqueItems",
        "pattern",
    ]
    + ["format", "minLength", "maxLength", "additionalProperties", "minProperties", "description", "$defs"]
)
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(KEYWORDS | st.text(max_size=3), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schema=st.dictionaries(KEYWORDS, ANY_JSON, max_size=6), seed=st.integers(0, 2**32))
def test_any_json_as_a_schema_gives_a_value_and_never_raises(schema, seed):
    """Clients send what they like as a schema: a nonsense one still gets a value that is strict JSON."""
    value = value_for(schema, seeded_faker(seed))
    assert value is NOTHING or json.loads(compact(value)) is not None or value is None
