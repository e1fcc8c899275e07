"""Replies nobody scripted: deterministic faker text, a forced tool's call, or the structured output asked.

Tool inputs and structured outputs come from one generator, mockgw/schema_values.py.

The same request (and --seed) always gets the same reply, on either wire format.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from faker import Faker

from pydantic_core import to_json

from mockgw.domain import (
    ChatRequest,
    Draft,
    Reply,
    ResponseFormat,
    Text,
    Thinking,
    ThinkingBlock,
    ToolUse,
    chars_for_tokens,
    make_reply,
)
from mockgw.ids import tool_call_key
from mockgw.schema_values import MAX_OUTPUT_CHARS, NOTHING, Budget, object_for, value_for
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
        budget = _output_budget(request)
        call_input = object_for(forced.input_schema, seeded_faker(n), budget)
        call = ToolUse(f"{n:016x}"[:16], forced.name, call_input)
        return reply_to(request, Draft([call], "max_tokens" if budget.cut else None), seed)
    if request.response_format is not None:
        return reply_to(request, _structured_draft(request, request.response_format, n), seed)
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


# json_object promises a JSON object and nothing more: one with an answer in it.
ANY_OBJECT = {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}


def _structured_draft(request: ChatRequest, fmt: ResponseFormat, n: int) -> Draft:
    """The reply's text is the JSON of a value for the schema; cut short by max_tokens as a tool input is."""
    budget = _output_budget(request)
    schema = fmt.schema if fmt.type == "json_schema" and isinstance(fmt.schema, dict) else ANY_OBJECT
    value = value_for(schema, seeded_faker(n), budget)
    text = "" if value is NOTHING else to_json(value).decode()
    return Draft([Text(text)], "max_tokens" if budget.cut else None)


def _output_budget(request: ChatRequest) -> Budget:
    return Budget(min(chars_for_tokens(request.max_tokens), MAX_OUTPUT_CHARS))


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
