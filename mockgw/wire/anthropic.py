"""Anthropic Messages (POST /v1/messages): decode requests, encode replies, errors and SSE events."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter
from typing_extensions import Required, TypedDict

from mockgw.catalog import Model
from mockgw.clock import iso
from mockgw.domain import (
    DEFAULT_MAX_TOKENS,
    Block,
    ChatRequest,
    ErrorKind,
    GatewayError,
    Message,
    RateLimit,
    Reply,
    Text,
    Tool,
    ToolChoice,
    ToolResult,
    ToolUse,
    bad_request,
)
from mockgw.ids import tool_call_key
from mockgw.wire.common import (
    RawHeaders,
    check_tool_pairing,
    chunks,
    dumps,
    dumps_str,
    parse,
    response_headers,
)

VERSION_HEADER: str | None = "anthropic-version"
NAME = "anthropic"
ID_PREFIX = "msg_"
ERROR_TYPES: dict[ErrorKind, str] = {
    "invalid_request": "invalid_request_error",
    "authentication": "authentication_error",
    "billing": "billing_error",
    "permission": "permission_error",
    "not_found": "not_found_error",
    "request_too_large": "request_too_large",
    "rate_limit": "rate_limit_error",
    "api_error": "api_error",
    "overloaded": "overloaded_error",
    "timeout": "timeout_error",
}


# --- request --------------------------------------------------------------------------------------


class BlockIn(TypedDict, total=False):
    type: Required[str]
    text: str
    id: str
    name: str
    input: dict[str, Any]
    tool_use_id: str
    content: str | list[dict[str, Any]] | None
    is_error: bool | None


class MessageIn(TypedDict):
    role: Literal["user", "assistant", "system"]
    content: str | list[BlockIn]


class ToolIn(TypedDict, total=False):
    name: Required[str]
    description: str
    input_schema: dict[str, Any]


class ToolChoiceIn(TypedDict, total=False):
    type: Required[Literal["auto", "any", "tool", "none"]]
    name: str | None


class SystemBlockIn(TypedDict, total=False):
    type: str
    text: str


class RequestIn(TypedDict, total=False):
    model: Required[str]
    messages: Required[list[MessageIn]]
    max_tokens: int
    system: str | list[SystemBlockIn] | None
    stream: bool
    temperature: Annotated[float, Field(ge=0.0, le=2.0)] | None
    top_p: Annotated[float, Field(ge=0.0, le=1.0)] | None
    tools: list[ToolIn] | None
    tool_choice: ToolChoiceIn | None


REQUEST = TypeAdapter(RequestIn)


def _text_of(content: str | list[dict[str, Any]] | None) -> str:
    if content is None or isinstance(content, str):
        return content or ""
    return "\n".join(part.get("text", "") for part in content if part.get("type") == "text")


def _block(b: BlockIn, where: str) -> Block | None:
    kind = b["type"]
    if kind == "text":
        return Text(_need(b, "text", where))
    if kind == "tool_use":
        return ToolUse(_need(b, "id", where), _need(b, "name", where), _need(b, "input", where))
    if kind == "tool_result":
        return ToolResult(_need(b, "tool_use_id", where), _text_of(b.get("content")))
    return None  # images, documents, thinking...: accepted, not used by the script


def _need(b: BlockIn, field: str, where: str) -> Any:
    value = b.get(field)
    if value is None:
        raise bad_request(
            f"{where}.{field}: Field required for a {b['type']} block", param=f"{where}.{field}"
        )
    return value


def _messages(raw: list[MessageIn], system: list[str]) -> list[Message]:
    out: list[Message] = []
    for i, m in enumerate(raw):
        role, content = m["role"], m["content"]
        if role == "system":  # SDK 2.x types allow system turns inside messages
            system.append(_text_of(content))  # type: ignore[arg-type]
            continue
        if isinstance(content, str):
            out.append(Message(role, [Text(content)]))
            continue
        found = (_block(b, f"messages.{i}.content.{j}") for j, b in enumerate(content))
        blocks = [b for b in found if b is not None]
        if role == "user" and any(isinstance(b, ToolUse) for b in blocks):
            raise bad_request(f"messages.{i}: tool_use blocks can only appear in assistant messages")
        if role == "assistant" and any(isinstance(b, ToolResult) for b in blocks):
            raise bad_request(f"messages.{i}: tool_result blocks can only appear in user messages")
        out.append(Message(role, blocks))
    return out


def _system(system: str | list[SystemBlockIn] | None) -> list[str]:
    if isinstance(system, str):
        return [system]
    return [b.get("text", "") for b in system or []]


def decode(raw: bytes) -> ChatRequest:
    req = parse(REQUEST, raw)
    system = _system(req.get("system"))
    messages = _messages(req["messages"], system)
    if not messages:
        raise bad_request("messages: at least one user message is required", param="messages")
    if messages[0].role != "user":
        raise bad_request('messages.0.role: the first message must use the "user" role', param="messages")
    check_tool_pairing(messages)
    choice = req.get("tool_choice")
    return ChatRequest(
        model=req["model"],
        messages=messages,
        max_tokens=req.get("max_tokens", DEFAULT_MAX_TOKENS),
        system="\n".join(s for s in system if s),
        stream=req.get("stream", False),
        tools=[
            Tool(t["name"], t.get("description", ""), t.get("input_schema", {}))
            for t in req.get("tools") or []
        ],
        tool_choice=ToolChoice(choice["type"], choice.get("name")) if choice else ToolChoice(),
    )


# --- reply ----------------------------------------------------------------------------------------


def _tool_id(tool_id: str) -> str:
    return "toolu_" + tool_call_key(tool_id)


def _usage(reply: Reply, output_tokens: int) -> dict[str, Any]:
    return {
        "input_tokens": reply.usage.input_tokens,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
        "output_tokens": output_tokens,
        "service_tier": "standard",
    }


def _content_block(b: Text | ToolUse) -> dict[str, Any]:
    if isinstance(b, Text):
        return {"type": "text", "text": b.text}
    return {"type": "tool_use", "id": _tool_id(b.id), "name": b.name, "input": b.input}


def encode(reply: Reply, request: ChatRequest, reply_id: str, created: int) -> dict[str, Any]:
    return {
        "id": reply_id,
        "type": "message",
        "role": "assistant",
        "model": request.model,
        "content": [_content_block(b) for b in reply.blocks],
        "stop_reason": reply.stop_reason,
        "stop_sequence": None,
        "usage": _usage(reply, reply.usage.output_tokens),
    }


def _frame(event: dict[str, Any], named: bool) -> bytes:
    data = dumps(event)
    if named:
        return b"event: " + event["type"].encode() + b"\ndata: " + data + b"\n\n"
    return b"data: " + data + b"\n\n"


def encode_stream(reply: Reply, request: ChatRequest, reply_id: str, created: int) -> list[bytes]:
    """The whole SSE stream as a list of frames; the HTTP writer decides how and when they go out.

    Deltas are most of a stream: their fixed part is encoded once per block and each piece spliced in.
    """
    shape = reply.shape
    named, block_events, size = shape.event_names, shape.block_events, shape.chunk_chars
    shell = encode(reply, request, reply_id, created) | {"content": [], "stop_reason": None}
    shell["usage"] = _usage(reply, 1)
    frames = [_frame({"type": "message_start", "message": shell}, named)]
    event_line = b"event: content_block_delta\n" if named else b""
    for i, b in enumerate(reply.blocks):
        if block_events:
            empty: dict[str, Any] = {"text": ""} if isinstance(b, Text) else {"input": {}}
            start = _content_block(b) | empty
            frames.append(_frame({"type": "content_block_start", "index": i, "content_block": start}, named))
            if i == 0:
                frames.append(_frame({"type": "ping"}, named))
        if isinstance(b, Text):
            kind, pieces = b'"text_delta","text"', list(chunks(b.text, size))
        else:
            kind, pieces = b'"input_json_delta","partial_json"', ["", *chunks(dumps(b.input).decode(), size)]
        pre = event_line + b'data: {"type":"content_block_delta","index":%d,"delta":{"type":%s:' % (i, kind)
        frames += [pre + dumps_str(piece) + b"}}\n\n" for piece in pieces]
        if block_events:
            frames.append(_frame({"type": "content_block_stop", "index": i}, named))
    final = {
        "type": "message_delta",
        "delta": {"stop_reason": reply.stop_reason, "stop_sequence": None},
        # cumulative, as the real API sends it; LangChain reads input_tokens only from here
        "usage": {
            "input_tokens": reply.usage.input_tokens,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
            "output_tokens": reply.usage.output_tokens,
        },
    }
    frames.append(_frame(final, named))
    frames.append(_frame({"type": "message_stop"}, named))
    return frames


# --- the model catalog (GET /v1/models) -----------------------------------------------------------


def encode_model(model: Model) -> dict[str, Any]:
    """anthropic.types.ModelInfo; the docs page gives no release dates, so created_at is the epoch."""
    return {
        "type": "model",
        "id": model.id,
        "display_name": model.id.replace("-", " ").title(),
        "created_at": "1970-01-01T00:00:00Z",
        "lifecycle": "active",
        "max_tokens": model.max_tokens_cap,
    }


# --- headers and errors ---------------------------------------------------------------------------


RATE_HEADERS = (
    b"anthropic-ratelimit-requests-limit",
    b"anthropic-ratelimit-requests-remaining",
    b"anthropic-ratelimit-requests-reset",
)


def headers(request_id: str, rate: RateLimit | None) -> RawHeaders:
    """request-id (the SDKs' _request_id and error.request_id) and Anthropic's rate-limit headers."""
    reset = iso(rate.reset_at).encode() if rate else b""
    return response_headers(b"request-id", request_id, rate, RATE_HEADERS, reset)


def error_body(err: GatewayError, request_id: str) -> dict[str, Any]:
    return {
        "type": "error",
        "error": {"type": ERROR_TYPES[err.kind], "message": err.message},
        "request_id": request_id,
    }


def stream_error_event(err: GatewayError, request_id: str) -> bytes:
    return _frame(error_body(err, request_id), named=True)
