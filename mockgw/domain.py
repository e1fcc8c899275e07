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
        size = (
            len(self.system) + len(self.prefill) + sum(len(t.name) + len(t.description) for t in self.tools)
        )
        for m in self.messages:
            size += sum(_chars(b) for b in m.content)
        return max(1, estimate_tokens(size))


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
    input_tokens: int
    output_tokens: int


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
    usage: Usage
    shape: StreamShape = field(default_factory=StreamShape)
    thinking: list[ThinkingBlock] = field(default_factory=list)  # before the blocks; only when asked for


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
    """A reply as a model would give it: usage filled in, cut at the client's max_tokens.

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
    if draft.text_chars > budget:
        return _cut(request, draft, budget)
    usage = draft.usage or Usage(request.input_tokens(), _capped(draft.output_tokens, request.max_tokens))
    return Reply(draft.blocks, draft.stop_reason, usage, draft.shape)


def _capped(tokens: int, max_tokens: int) -> int:
    return min(tokens, max_tokens) if max_tokens > 0 else tokens


def _cut(request: ChatRequest, draft: Draft, budget: int) -> Reply:
    """The blocks up to the text that runs past the budget, cut there: stop_reason max_tokens."""
    kept: list[ReplyBlock] = []
    for b in draft.blocks:
        if isinstance(b, Text) and len(b.text) > budget:
            kept.append(Text(b.text[:budget]))
            break
        kept.append(b)
        budget -= len(b.text) if isinstance(b, Text) else 0
    cut = Draft(kept, "max_tokens", draft.usage, draft.shape)
    usage = cut.usage or Usage(request.input_tokens(), _capped(cut.output_tokens, request.max_tokens))
    return Reply(kept, "max_tokens", usage, draft.shape)


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
