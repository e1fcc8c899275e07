"""The canonical, format-neutral request and reply that every layer speaks.

Wire modules translate to and from these; the scenario engine only ever sees them.
Plain slotted dataclasses: they are built on every request, so they stay cheap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Literal

ErrorKind = Literal[
    "invalid_request",
    "authentication",
    "billing",
    "permission",
    "not_found",
    "request_too_large",
    "rate_limit",
    "api_error",
    "overloaded",
    "timeout",
]


class GatewayError(Exception):
    """An error the gateway answers with; each wire module renders it in its own envelope.

    problems: further lines of detail (every problem in an uploaded file), for the control plane.
    """

    def __init__(
        self,
        status: int,
        kind: ErrorKind,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        param: str | None = None,
        code: str | None = None,
        rate: RateLimit | None = None,
        problems: list[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.kind: ErrorKind = kind
        self.message = message
        self.headers = headers or {}
        self.param = param
        self.code = code
        self.rate = rate
        self.problems = problems


@dataclass(slots=True)  # not frozen: made on every request, and frozen costs 3x to build
class RateLimit:
    """Where a credential stands in its hourly window; each wire format renders it as its API's headers."""

    limit: int
    remaining: int
    reset_at: float  # when the oldest request in the window leaves it
    now: float


def bad_request(message: str, param: str | None = None) -> GatewayError:
    return GatewayError(400, "invalid_request", message, param=param)


class ContextWindowExceeded(GatewayError):
    """A prompt longer than the model's context window: a 400 that each wire words its API's way."""

    def __init__(self, tokens: int, maximum: int) -> None:
        message = f"prompt is too long: {tokens} tokens > {maximum} maximum"
        super().__init__(400, "invalid_request", message, param="messages", code="context_length_exceeded")
        self.tokens = tokens
        self.maximum = maximum


@dataclass(slots=True)
class Text:
    text: str
    type: Literal["text"] = "text"


@dataclass(slots=True)
class ToolUse:
    id: str
    name: str
    input: dict[str, Any]
    type: Literal["tool_use"] = "tool_use"


@dataclass(slots=True)
class ToolResult:
    tool_use_id: str
    content: str
    type: Literal["tool_result"] = "tool_result"


@dataclass(slots=True)
class Thinking:
    """Anthropic extended thinking: the text (empty when display is "omitted") and its signature.

    signature "": not signed yet; a reply to a request that enabled thinking gets mockgw's signature.
    """

    thinking: str
    signature: str = ""
    type: Literal["thinking"] = "thinking"


@dataclass(slots=True)
class RedactedThinking:
    data: str  # opaque to the client
    type: Literal["redacted_thinking"] = "redacted_thinking"


Block = Text | ToolUse | ToolResult
ReplyBlock = Text | ToolUse
ThinkingBlock = Thinking | RedactedThinking


@dataclass(slots=True)
class Message:
    role: Literal["user", "assistant"]
    content: list[Block]


@dataclass(slots=True)
class Tool:
    name: str
    description: str
    input_schema: dict[str, Any]


@dataclass(slots=True)
class ToolChoice:
    mode: Literal["auto", "any", "tool", "none"] = "auto"
    name: str | None = None

    def forced_tool(self, tools: list[Tool]) -> Tool | None:
        """The tool a reply must call, when the client forces one."""
        if self.mode == "tool":
            return next((t for t in tools if t.name == self.name), None)
        if self.mode == "any" and tools:
            return tools[0]
        return None


DEFAULT_MAX_TOKENS = 4096  # the docs page's default, on both formats


@dataclass(slots=True)
class ResponseFormat:
    """The structured output a client asked for: any JSON object, or one that matches a JSON Schema."""

    type: Literal["json_object", "json_schema"]
    schema: dict[str, Any] | None = None
    name: str | None = None
    strict: bool = False


@dataclass(slots=True, frozen=True)
class ThinkingConfig:
    """Extended thinking a request turned on (Anthropic `thinking` enabled or adaptive).

    refusal: the API's 400 for a request that thinking does not go with (a forced tool call; a tool
    loop whose last assistant turn does not start with its thinking block), raised only where the
    model thinks (catalog.apply_model_rules).
    """

    budget_tokens: int
    omitted: bool = False  # display: "omitted": the text is left out, the signature is not
    refusal: str | None = None


@dataclass(slots=True, frozen=True)
class CachePoint:
    """A block boundary of the prompt: a digest of the prompt up to it, and its size by the token estimate.

    ttl: seconds, where the client put a cache breakpoint (Anthropic cache_control); None elsewhere.
    """

    digest: bytes
    chars: int
    ttl: float | None = None


@dataclass(slots=True)
class CacheAsk:
    """What a request asks of the prompt cache (prompt caching: cache.py).

    points: the prompt's block boundaries, in order; None: every block boundary of the canonical
    prompt, each cached for `ttl` (OpenAI caches without being asked).
    step: cache hits count in steps of this many tokens (OpenAI: 128).
    lookback: how many block boundaries before a breakpoint a hit is looked for (Anthropic: 20).
    """

    points: list[CachePoint] | None
    ttl: float = 300.0
    step: int = 1
    lookback: int = 20


@dataclass(slots=True)
class CacheUse:
    """What the prompt cache did for a request: tokens read from it, and written to it (by TTL)."""

    read: int = 0
    created: int = 0
    created_1h: int = 0  # of `created`, what was written for an hour (the rest: for 5 minutes)
    writes: list[tuple[bytes, float]] = field(default_factory=list)  # (digest, ttl) to store


@dataclass(slots=True)
class ChatRequest:
    model: str
    messages: list[Message]
    max_tokens: int
    system: str = ""
    stream: bool = False
    tools: list[Tool] = field(default_factory=list)
    tool_choice: ToolChoice = field(default_factory=ToolChoice)
    stream_usage: bool = False  # OpenAI stream_options.include_usage
    stop_sequences: list[str] = field(default_factory=list)  # Anthropic stop_sequences, OpenAI stop
    n: int = 1  # choices asked for
    response_format: ResponseFormat | None = None  # None: free text
    prefill: str = ""  # Anthropic: a final assistant message's text, which the reply continues
    thinking: ThinkingConfig | None = None  # None: no thinking (not asked for, or the model ignores it)
    logprobs: int | None = None  # OpenAI logprobs: how many top_logprobs per token; None: not asked
    cache: CacheAsk | None = None  # None: no prompt caching asked for (or possible)
    cached: CacheUse | None = None  # set by the exchange: what the prompt cache did for this request
    # input_tokens(), counted once: the model rules, the prompt cache and the usage all ask for it.
    # Not an init field, so replace() (tools dropped, max_tokens lowered) counts the new request again.
    _input_tokens: int = field(default=0, init=False, repr=False, compare=False)

    @property
    def turn(self) -> int:
        """0 for the first assistant turn: how many assistant messages the request carries."""
        return [m.role for m in self.messages].count("assistant")

    def last_user_text(self) -> str:
        for m in reversed(self.messages):
            if m.role == "user":
                texts = [b.text for b in m.content if isinstance(b, Text)]
                if texts:
                    return texts[0] if len(texts) == 1 else "\n".join(texts)
        return ""

    def last_tool_results(self) -> list[ToolResult]:
        last = self.messages[-1] if self.messages else None
        if last is None or last.role != "user":
            return []
        return [b for b in last.content if isinstance(b, ToolResult)]

    def input_tokens(self) -> int:
        if not self._input_tokens:
            size = len(self.system) + len(self.prefill)
            size += sum(len(t.name) + len(t.description) for t in self.tools)
            for m in self.messages:
                size += sum(_chars(b) for b in m.content)
            self._input_tokens = max(1, estimate_tokens(size))
        return self._input_tokens


def _chars(block: Block) -> int:
    """What a block weighs in the token estimate: its text; a tool call its input, as written."""
    if isinstance(block, Text):
        return len(block.text)
    if isinstance(block, ToolResult):
        return len(block.content)
    return len(repr(block.input))


StopReason = Literal["end_turn", "max_tokens", "tool_use", "stop_sequence", "refusal"]


@dataclass(slots=True)
class Usage:
    """Tokens as Anthropic counts them: input_tokens leaves out what was read from or written to the cache."""

    input_tokens: int
    output_tokens: int
    cache_creation: int = 0
    cache_read: int = 0
    cache_creation_1h: int = 0  # of cache_creation, what was written for an hour


def estimated_usage(request: ChatRequest, output_tokens: int) -> Usage:
    """The usage of a reply nobody scripted a usage for: the prompt by the estimate, split by the cache."""
    total = request.input_tokens()
    used = request.cached
    if used is None:
        return Usage(total, output_tokens)
    return Usage(
        max(0, total - used.read - used.created), output_tokens, used.created, used.read, used.created_1h
    )


@dataclass(slots=True)
class StreamShape:
    """How a reply is paced, framed and broken (ttft_ms holds a JSON reply too); schedule.py times it."""

    ttft_ms: int = 0
    delay_ms: int = 0
    chunk_chars: int = 16
    disconnect_after: int | None = None  # events, then the connection drops
    error_after: int | None = None  # events, then a provider error event ends the stream
    error: GatewayError | None = None
    burst: bool = False  # nothing until the whole reply is due, then every event in one write
    event_names: bool = True  # Anthropic `event:` lines
    block_events: bool = True  # Anthropic content_block_start/stop


@dataclass(slots=True)
class Reply:
    blocks: list[ReplyBlock]
    stop_reason: StopReason
    usage: Usage  # of every choice, with `others`
    shape: StreamShape = field(default_factory=StreamShape)
    thinking: list[ThinkingBlock] = field(default_factory=list)  # before the blocks; only when asked for
    stop_sequence: str | None = None  # the client's stop sequence the reply was cut at
    others: list[Reply] = field(default_factory=list)  # OpenAI n > 1: choices 1..n-1

    def choices(self) -> list[Reply]:
        return [self, *self.others]


def with_choices(first: Reply, others: list[Reply]) -> Reply:
    """One reply carrying n choices; its usage counts the output of all of them (the prompt once)."""
    output = first.usage.output_tokens + sum(o.usage.output_tokens for o in others)
    usage = Usage(
        first.usage.input_tokens,
        output,
        first.usage.cache_creation,
        first.usage.cache_read,
        first.usage.cache_creation_1h,
    )
    return Reply(
        first.blocks, first.stop_reason, usage, first.shape, first.thinking, first.stop_sequence, others
    )


@dataclass(slots=True)
class Drop:
    """A connection-level fault: hold the connection stall_ms, then close it without answering."""

    stall_ms: int = 0


class Draft:
    """A reply's content before it meets a request, measured once: scripted drafts serve many requests."""

    __slots__ = ("blocks", "output_tokens", "shape", "stop_reason", "text_chars", "thinking", "usage")

    def __init__(
        self,
        blocks: list[ReplyBlock],
        stop_reason: StopReason | None = None,
        usage: Usage | None = None,
        shape: StreamShape | None = None,
        thinking: list[ThinkingBlock] | None = None,
    ) -> None:
        self.blocks = blocks
        self.thinking = thinking or []  # scripted; served only to requests that enabled thinking
        self.usage = usage
        self.shape = shape or StreamShape()
        self.text_chars = sum(len(b.text) for b in blocks if isinstance(b, Text))
        self.output_tokens = estimate_tokens(sum(_chars(b) for b in blocks))
        calls = any(isinstance(b, ToolUse) for b in blocks)
        self.stop_reason: StopReason = stop_reason or ("tool_use" if calls else "end_turn")


def make_reply(request: ChatRequest, draft: Draft, thinking: list[ThinkingBlock] | None = None) -> Reply:
    """A reply as a model would give it: usage filled in, cut at the client's first stop sequence or
    at its max_tokens, whichever the text reaches first.

    thinking: the reply's thinking blocks; their tokens count in the usage and come out of max_tokens.
    """
    if thinking:
        spent = estimate_tokens(sum(len(b.thinking if isinstance(b, Thinking) else b.data) for b in thinking))
        reply = make_reply(replace(request, max_tokens=max(1, request.max_tokens - spent)), draft)
        if draft.usage is None:  # a scripted usage is the file's word; an estimate counts the thinking
            reply.usage.output_tokens = _capped(reply.usage.output_tokens + spent, request.max_tokens)
        reply.thinking = thinking
        return reply
    budget = chars_for_tokens(request.max_tokens)
    if request.stop_sequences:
        stop = _first_stop(draft.blocks, request.stop_sequences)
        if stop is not None and stop[0] <= budget:
            return _cut(request, draft, stop[0], "stop_sequence", stop[1])
    if draft.text_chars > budget:
        return _cut(request, draft, budget, "max_tokens")
    usage = draft.usage or estimated_usage(request, _capped(draft.output_tokens, request.max_tokens))
    return Reply(draft.blocks, draft.stop_reason, usage, draft.shape)


def _first_stop(blocks: list[ReplyBlock], sequences: list[str]) -> tuple[int, str] | None:
    """Where the text first ends with a stop sequence, as (characters of text before it, the sequence).

    A model stops as soon as its output ends with one, so of overlapping matches the one that ends
    first wins. Tool calls are not text: a sequence inside their input does not stop the reply.
    """
    before = 0
    for b in blocks:
        if not isinstance(b, Text):
            continue
        found = [(i + len(s), i, s) for s in sequences if s and (i := b.text.find(s)) >= 0]
        if found:
            _, start, seq = min(found)
            return before + start, seq
        before += len(b.text)
    return None


def _capped(tokens: int, max_tokens: int) -> int:
    return min(tokens, max_tokens) if max_tokens > 0 else tokens


def _cut(
    request: ChatRequest, draft: Draft, budget: int, reason: StopReason, sequence: str | None = None
) -> Reply:
    """The blocks up to the budget'th character of text, cut there: max_tokens or stop_sequence."""
    kept: list[ReplyBlock] = []
    for b in draft.blocks:
        if (
            isinstance(b, Text)
            and len(b.text) >= budget
            and (reason == "stop_sequence" or len(b.text) > budget)
        ):
            if budget or not kept:
                kept.append(Text(b.text[:budget]))
            break
        kept.append(b)
        budget -= len(b.text) if isinstance(b, Text) else 0
    cut = Draft(kept, reason, draft.usage, draft.shape)
    usage = cut.usage or estimated_usage(request, _capped(cut.output_tokens, request.max_tokens))
    return Reply(kept, reason, usage, draft.shape, stop_sequence=sequence)


def estimate_tokens(chars: int) -> int:
    """The one token estimate, for prompts and replies on both formats: about four characters a token."""
    return (chars + 3) // 4


def chars_for_tokens(tokens: int) -> int:
    """The same estimate backwards: how many characters of output max_tokens allows."""
    return tokens * 4


def plain_json(value: Any, max_depth: int = 64) -> bool:
    """Whether a value is JSON every encoder writes and every parser reads: finite numbers, not too deep.

    Request bodies may carry NaN, Infinity or 1e999 (which parses as infinity); written back out
    they are not JSON. The depth keeps replies and the journal well inside the encoders' limits.
    """
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, (dict, list)):
        items = value.values() if isinstance(value, dict) else value
        return max_depth > 0 and all(plain_json(v, max_depth - 1) for v in items)
    return True
