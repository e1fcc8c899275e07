"""Replies nobody scripted: deterministic faker text, or a tool call shaped by the tool's JSON Schema.

The same request (and --seed) always gets the same reply, on either wire format.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from faker import Faker

from mockgw.domain import ChatRequest, Draft, Reply, Text, ToolUse, make_reply
from mockgw.ids import tool_call_key


@cache
def _shared_faker() -> Faker:
    """One instance, reseeded per use: construction is slow (and left out of start-up), seeding is not."""
    from faker import Faker

    return Faker()


@cache
def _words() -> tuple[str, ...]:
    from faker.providers.lorem.en_US import Provider

    return tuple(Provider.word_list)


def request_seed(request: ChatRequest, seed: int) -> int:
    """A stable number for the conversation, independent of the wire format it came in."""
    h = hashlib.blake2b(digest_size=8)
    h.update(f"{seed}\0{request.model}\0{request.system}".encode())
    for m in request.messages:
        h.update(m.role.encode())
        for b in m.content:
            h.update(b"\0")
            if isinstance(b, Text):
                h.update(b.text.encode())
            elif isinstance(b, ToolUse):
                h.update(f"{tool_call_key(b.id)}{b.name}{sorted(b.input.items())}".encode())
            else:
                h.update(f"{tool_call_key(b.tool_use_id)}{b.content}".encode())
    return int.from_bytes(h.digest(), "big")


def seeded_faker(seed: int) -> Faker:
    fake = _shared_faker()
    fake.seed_instance(seed)
    return fake


def default_reply(request: ChatRequest, seed: int) -> Reply:
    n = request_seed(request, seed)
    forced = request.tool_choice.forced_tool(request.tools)
    if forced is not None:
        call = ToolUse(f"{n:016x}"[:16], forced.name, fake_object(forced.input_schema, seeded_faker(n)))
        return make_reply(request, Draft([call]))
    return make_reply(request, Draft([Text(lorem(n))]))


_MASK = (1 << 64) - 1


def lorem(seed: int, sentences: int = 3) -> str:
    """faker's lorem words, drawn by a 64-bit LCG from the seed: a fifth of the cost of fake.paragraph()."""
    words_list = _words()
    x = seed & _MASK
    out = []
    for _ in range(sentences):
        x = (x * 6364136223846793005 + 1442695040888963407) & _MASK
        words = []
        for _ in range(5 + (x >> 60) % 8):
            x = (x * 6364136223846793005 + 1442695040888963407) & _MASK
            words.append(words_list[(x >> 33) % len(words_list)])
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def fake_object(schema: Any, fake: Faker) -> dict[str, Any]:
    value = fake_value(schema if isinstance(schema, dict) and schema else {"type": "object"}, fake, "")
    return value if isinstance(value, dict) else {}


# Tool schemas come from clients: a value they ask for is honoured only within these bounds.
MAX_DEPTH, MAX_ITEMS, MAX_CHARS = 4, 8, 1000


def _number(schema: dict[str, Any], key: str, default: float) -> float:
    value = schema.get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return default
    return max(-1e15, min(float(value), 1e15))


def _bounds(schema: dict[str, Any], low: float, high: float) -> tuple[float, float]:
    lo, hi = _number(schema, "minimum", low), _number(schema, "maximum", high)
    return (lo, hi) if lo <= hi else (lo, lo)


def _type_of(schema: dict[str, Any]) -> str:
    t = schema.get("type")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), "null")
    if t is None:
        if "properties" in schema:
            return "object"
        return "array" if "items" in schema else "string"
    return str(t)


def fake_value(schema: dict[str, Any], fake: Faker, name: str, depth: int = 0) -> Any:
    """A value that validates against a (flat, as the docs page recommends) JSON Schema."""
    if "const" in schema:
        return schema["const"]
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        return fake.random_element(enum)
    for key in ("anyOf", "oneOf", "allOf"):
        options = schema.get(key)
        if isinstance(options, list) and options and isinstance(options[0], dict) and depth < MAX_DEPTH:
            return fake_value(options[0], fake, name, depth + 1)
    kind = _type_of(schema)
    if kind == "object":
        props = schema.get("properties")
        if not isinstance(props, dict) or depth >= MAX_DEPTH:
            return {}
        return {
            str(k): fake_value(v if isinstance(v, dict) else {}, fake, str(k), depth + 1)
            for k, v in props.items()
        }
    if kind == "array":
        items = schema.get("items")
        item_schema = items if isinstance(items, dict) and depth < MAX_DEPTH else {"type": "string"}
        count = int(min(max(1, _number(schema, "minItems", 1)), MAX_ITEMS))
        return [fake_value(item_schema, fake, name, depth + 1) for _ in range(count)]
    if kind == "integer":
        low, high = _bounds(schema, 0, 100)
        return fake.random_int(int(low), max(int(low), int(high)))
    if kind == "number":
        low, high = _bounds(schema, 0, 100)
        return round(low + (high - low) * fake.random.random(), 2)
    if kind == "boolean":
        return fake.pybool()
    if kind == "null":
        return None
    return _fake_string(schema, fake, name)


def _fake_string(schema: dict[str, Any], fake: Faker, name: str) -> str:
    fmt, lname = schema.get("format", ""), name.lower()
    if fmt == "date-time":
        text = fake.iso8601()
    elif fmt == "date":
        text = fake.date()
    elif fmt == "email" or "email" in lname:
        text = fake.email()
    elif fmt in ("uri", "url") or "url" in lname:
        text = fake.url()
    elif "path" in lname or "file" in lname:
        text = f"/tmp/{fake.word()}.txt"
    elif "command" in lname:
        text = f"ls -la /tmp/{fake.word()}"
    else:
        text = fake.word()
    low = int(min(max(0, _number(schema, "minLength", 0)), MAX_CHARS))
    high = int(min(max(low, _number(schema, "maxLength", MAX_CHARS)), MAX_CHARS))
    return text.ljust(low, "x")[:high]
