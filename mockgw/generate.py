"""Replies nobody scripted: deterministic faker text, or a tool call shaped by the tool's JSON Schema.

The same request (and --seed) always gets the same reply, on either wire format.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from faker import Faker

from pydantic_core import to_json

from mockgw.domain import (
    ChatRequest,
    Draft,
    Reply,
    Text,
    Thinking,
    ThinkingBlock,
    ToolUse,
    chars_for_tokens,
    make_reply,
    plain_json,
)
from mockgw.ids import tool_call_key
from mockgw.signature import sign


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
        budget = Budget(min(chars_for_tokens(request.max_tokens), MAX_OUTPUT_CHARS))
        call_input = fake_object(forced.input_schema, seeded_faker(n), budget)
        call = ToolUse(f"{n:016x}"[:16], forced.name, call_input)
        return reply_to(request, Draft([call], "max_tokens" if budget.cut else None), seed)
    return reply_to(request, Draft([Text(lorem(n))]), seed)


def reply_to(request: ChatRequest, draft: Draft, seed: int) -> Reply:
    """make_reply, with the thinking blocks of a request that enabled thinking (and only then)."""
    if request.thinking is None:
        return make_reply(request, draft)
    return make_reply(request, draft, thinking_blocks(request, draft.thinking, seed))


_THINKING_SALT = 0x7468696E6B696E67  # "thinking": the thoughts are seeded apart from the answer


def thinking_blocks(request: ChatRequest, scripted: list[ThinkingBlock], seed: int) -> list[ThinkingBlock]:
    """The scripted thinking, or else one generated block, each within the budget and signed.

    A scripted signature is served as written; a block without one gets mockgw's, over the text sent.
    """
    config = request.thinking
    assert config is not None
    limit = chars_for_tokens(config.budget_tokens)
    blocks = scripted or [Thinking(lorem(request_seed(request, seed) ^ _THINKING_SALT, sentences=4))]
    out: list[ThinkingBlock] = []
    for b in blocks:
        if isinstance(b, Thinking):
            text = "" if config.omitted else b.thinking[:limit]
            b = Thinking(text, b.signature or sign(text))
        out.append(b)
    return out


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


# Tool schemas come from clients: a value they ask for is honoured only within these bounds.
MAX_DEPTH, MAX_ITEMS, MAX_CHARS = 4, 8, 1000
MAX_OUTPUT_CHARS = 64 * 1024  # a generated tool input's JSON, however many tokens max_tokens allows


class Budget:
    """Characters of JSON a generated value may still take: a model's output stops at max_tokens.

    Once something does not fit, nothing more is written (cut is set), so what was generated is a
    prefix of the full value, closed to valid JSON, as a model cut short would have left it.
    """

    __slots__ = ("cut", "left")

    def __init__(self, chars: int) -> None:
        self.left, self.cut = chars, False

    def take(self, chars: int) -> bool:
        if self.cut or chars > self.left:
            self.cut = True
            return False
        self.left -= chars
        return True


_NOTHING: Any = object()  # what fake_value returns when not even a start of the value fits


def fake_object(schema: Any, fake: Faker, budget: Budget | None = None) -> dict[str, Any]:
    schema = schema if isinstance(schema, dict) and schema else {"type": "object"}
    value = fake_value(schema, fake, "", budget or Budget(MAX_OUTPUT_CHARS))
    return value if isinstance(value, dict) else {}


def _number(schema: dict[str, Any], key: str, default: float) -> float:
    value = schema.get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value:  # NaN
        return default
    return float(max(-1e15, min(value, 1e15)))  # clamped before float(): a long int overflows it


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


def _leaf(value: Any, budget: Budget) -> Any:
    """The value if its JSON fits the budget; a string cut to what is left; else nothing."""
    if budget.take(len(to_json(value))):
        return value
    if isinstance(value, str) and budget.left >= 2:
        cut, budget.left = value[: budget.left - 2], 0
        return cut
    return _NOTHING


def fake_value(schema: dict[str, Any], fake: Faker, name: str, budget: Budget, depth: int = 0) -> Any:
    """A value that validates against a (flat, as the docs page recommends) JSON Schema, within budget."""
    if budget.cut:
        return _NOTHING
    if "const" in schema and plain_json(schema["const"]):
        return _leaf(schema["const"], budget)
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        choice = fake.random_element(enum)
        if plain_json(choice):
            return _leaf(choice, budget)
    for key in ("anyOf", "oneOf", "allOf"):
        options = schema.get(key)
        if isinstance(options, list) and options and isinstance(options[0], dict) and depth < MAX_DEPTH:
            return fake_value(options[0], fake, name, budget, depth + 1)
    kind = _type_of(schema)
    if kind == "object":
        return _fake_object(schema, fake, budget, depth)
    if kind == "array":
        return _fake_array(schema, fake, name, budget, depth)
    if kind == "integer":
        low, high = _bounds(schema, 0, 100)
        return _leaf(fake.random_int(int(low), max(int(low), int(high))), budget)
    if kind == "number":
        low, high = _bounds(schema, 0, 100)
        return _leaf(round(low + (high - low) * fake.random.random(), 2), budget)
    if kind == "boolean":
        return _leaf(fake.pybool(), budget)
    if kind == "null":
        return _leaf(None, budget)
    return _leaf(_fake_string(schema, fake, name), budget)


def _fake_object(schema: dict[str, Any], fake: Faker, budget: Budget, depth: int) -> Any:
    if not budget.take(2):  # {}
        return _NOTHING
    props = schema.get("properties")
    out: dict[str, Any] = {}
    if isinstance(props, dict) and depth < MAX_DEPTH:
        for k, v in props.items():
            if not budget.take(len(str(k)) + 4):  # "k": and a comma
                break
            value = fake_value(v if isinstance(v, dict) else {}, fake, str(k), budget, depth + 1)
            if value is _NOTHING:
                break
            out[str(k)] = value
    return out


def _fake_array(schema: dict[str, Any], fake: Faker, name: str, budget: Budget, depth: int) -> Any:
    if not budget.take(2):  # []
        return _NOTHING
    items = schema.get("items")
    item_schema = items if isinstance(items, dict) and depth < MAX_DEPTH else {"type": "string"}
    out: list[Any] = []
    for _ in range(int(min(max(1, _number(schema, "minItems", 1)), MAX_ITEMS))):
        value = fake_value(item_schema, fake, name, budget, depth + 1) if budget.take(1) else _NOTHING
        if value is _NOTHING:
            break
        out.append(value)
    return out


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
