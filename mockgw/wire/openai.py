"""OpenAI Chat Completions (POST /api/v1/chat/completions): decode, encode, errors and SSE chunks."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter
from typing_extensions import Required, TypedDict

from mockgw.domain import (
    DEFAULT_MAX_TOKENS,
    Block,
    ChatRequest,
    ErrorKind,
    GatewayError,
    Message,
    RateLimit,
    Reply,
    StopReason,
    Text,
    Tool,
    ToolChoice,
    ToolResult,
    ToolUse,
    bad_request,
    tool_id_suffix,
)
from mockgw.wire.common import (
    RawHeaders,
    check_tool_pairing,
    chunks,
    dumps,
    dumps_str,
    parse,
    response_headers,
)

NAME = "openai"
ID_PREFIX = "chatcmpl-"
ERROR_TYPES: dict[ErrorKind, tuple[str, str | None]] = {
    "invalid_request": ("invalid_request_error", None),
    "authentication": ("invalid_request_error", "invalid_api_key"),
    "billing": ("insufficient_quota", "insufficient_quota"),
    "permission": ("permission_error", None),
    "not_found": ("invalid_request_error", "not_found"),
    "request_too_large": ("invalid_request_error", "request_too_large"),
    "rate_limit": ("requests", "rate_limit_exceeded"),
    "api_error": ("server_error", None),
    "overloaded": ("server_error", "overloaded"),
    "timeout": ("timeout", None),
}
FINISH_REASONS: dict[StopReason, str] = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
}
DONE = b"data: [DONE]\n\n"


# --- request --------------------------------------------------------------------------------------


class FunctionCallIn(TypedDict, total=False):
    name: Required[str]
    arguments: str


class ToolCallIn(TypedDict, total=False):
    id: Required[str]
    type: str
    function: Required[FunctionCallIn]


class MessageIn(TypedDict, total=False):
    role: Required[Literal["system", "developer", "user", "assistant", "tool"]]
    content: str | list[dict[str, Any]] | None
    tool_calls: list[ToolCallIn] | None
    tool_call_id: str | None


class FunctionIn(TypedDict, total=False):
    name: Required[str]
    description: str
    parameters: dict[str, Any]


class ToolIn(TypedDict, total=False):
    type: str
    function: Required[FunctionIn]


class FunctionName(TypedDict):
    name: str


class NamedToolChoice(TypedDict):
    type: Literal["function"]
    function: FunctionName


class StreamOptions(TypedDict, total=False):
    include_usage: bool


class RequestIn(TypedDict, total=False):
    model: Required[str]
    messages: Required[list[MessageIn]]
    max_tokens: int | None
    max_completion_tokens: int | None
    stream: bool | None
    stream_options: StreamOptions | None
    temperature: Annotated[float, Field(ge=0.0, le=2.0)] | None
    top_p: Annotated[float, Field(ge=0.0, le=1.0)] | None
    tools: list[ToolIn] | None
    tool_choice: Literal["none", "auto", "required"] | NamedToolChoice | None


REQUEST = TypeAdapter(RequestIn)


def _text_of(content: str | list[dict[str, Any]] | None) -> str:
    if content is None or isinstance(content, str):
        return content or ""
    return "\n".join(part.get("text", "") for part in content if part.get("type") == "text")


def _tool_use(call: ToolCallIn, where: str) -> ToolUse:
    function = call["function"]
    try:
        args = json.loads(function.get("arguments") or "{}")
    except json.JSONDecodeError as exc:
        raise bad_request(f"{where}.function.arguments: not valid JSON ({exc.msg})", param=where) from None
    if not isinstance(args, dict):
        raise bad_request(f"{where}.function.arguments: must encode a JSON object", param=where)
    return ToolUse(call["id"], function["name"], args)


def _messages(raw: list[MessageIn], system: list[str]) -> list[Message]:
    out: list[Message] = []
    for i, m in enumerate(raw):
        role, text = m["role"], _text_of(m.get("content"))
        if role in ("system", "developer"):
            system.append(text)
        elif role == "user":
            out.append(Message("user", [Text(text)]))
        elif role == "assistant":
            blocks: list[Block] = [Text(text)] if text else []
            calls = m.get("tool_calls") or []
            blocks += [_tool_use(c, f"messages.{i}.tool_calls.{j}") for j, c in enumerate(calls)]
            out.append(Message("assistant", blocks))
        else:
            call_id = m.get("tool_call_id")
            if call_id is None:
                raise bad_request(
                    f"messages.{i}.tool_call_id: Field required for a tool message", param="messages"
                )
            result = ToolResult(call_id, text)
            if out and out[-1].role == "user" and all(isinstance(b, ToolResult) for b in out[-1].content):
                out[-1].content.append(result)
            else:
                out.append(Message("user", [result]))
    return out


def _tool_choice(choice: str | NamedToolChoice | None) -> ToolChoice:
    if isinstance(choice, dict):
        return ToolChoice("tool", choice["function"]["name"])
    return ToolChoice({"required": "any", "none": "none"}.get(choice or "auto", "auto"))  # type: ignore[arg-type]


def _tool(t: ToolIn) -> Tool:
    f = t["function"]
    return Tool(f["name"], f.get("description", ""), f.get("parameters", {}))


def decode(raw: bytes, headers: Mapping[str, str], loose: bool) -> ChatRequest:
    req = parse(REQUEST, raw)
    system: list[str] = []
    messages = _messages(req["messages"], system)
    if not messages:
        raise bad_request("messages: at least one user or assistant message is required", param="messages")
    check_tool_pairing(messages)
    max_tokens = req.get("max_completion_tokens")
    if max_tokens is None:
        max_tokens = req.get("max_tokens")
    options = req.get("stream_options")
    return ChatRequest(
        model=req["model"],
        messages=messages,
        max_tokens=DEFAULT_MAX_TOKENS if max_tokens is None else max_tokens,
        system="\n".join(s for s in system if s),
        stream=bool(req.get("stream")),
        tools=[_tool(t) for t in req.get("tools") or []],
        tool_choice=_tool_choice(req.get("tool_choice")),
        temperature=req.get("temperature"),
        top_p=req.get("top_p"),
        stream_usage=bool(options and options.get("include_usage")),
    )


# --- reply ----------------------------------------------------------------------------------------


def _call_id(tool_id: str) -> str:
    return "call_" + tool_id_suffix(tool_id)


def _usage(reply: Reply) -> dict[str, int]:
    u = reply.usage
    return {
        "prompt_tokens": u.input_tokens,
        "completion_tokens": u.output_tokens,
        "total_tokens": u.input_tokens + u.output_tokens,
    }


def encode(reply: Reply, request: ChatRequest, reply_id: str, created: int) -> dict[str, Any]:
    text = "".join(b.text for b in reply.blocks if isinstance(b, Text))
    calls = [
        {
            "id": _call_id(b.id),
            "type": "function",
            "function": {"name": b.name, "arguments": dumps(b.input).decode()},
        }
        for b in reply.blocks
        if isinstance(b, ToolUse)
    ]
    message: dict[str, Any] = {
        "role": "assistant",
        "content": text if text or not calls else None,
        "refusal": None,
    }
    if calls:
        message["tool_calls"] = calls
    return {
        "id": reply_id,
        "object": "chat.completion",
        "created": created,
        "model": request.model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": FINISH_REASONS[reply.stop_reason],
            }
        ],
        "usage": _usage(reply),
    }


def encode_stream(reply: Reply, request: ChatRequest, reply_id: str, created: int) -> list[bytes]:
    """The whole SSE stream as frames: role first, content and tool-call fragments, finish, usage, [DONE].

    Every chunk shares its envelope, so it is encoded once and each delta is spliced in as bytes.
    """
    base = dumps(
        {"id": reply_id, "object": "chat.completion.chunk", "created": created, "model": request.model}
    )
    head = b"data: " + base[:-1] + b',"choices":[{"index":0,"delta":'
    size = reply.shape.chunk_chars
    deltas: list[bytes] = []  # each an encoded delta object
    calls = 0
    for b in reply.blocks:
        if isinstance(b, Text):
            deltas += [b'{"content":' + dumps_str(piece) + b"}" for piece in chunks(b.text, size)]
            continue
        call = {
            "index": calls,
            "id": _call_id(b.id),
            "type": "function",
            "function": {"name": b.name, "arguments": ""},
        }
        deltas.append(dumps({"tool_calls": [call]}))
        fragment = b'{"tool_calls":[{"index":%d,"function":{"arguments":' % calls
        deltas += [fragment + dumps_str(a) + b"}}]}" for a in chunks(dumps(b.input).decode(), size)]
        calls += 1
    if reply.blocks and isinstance(reply.blocks[0], ToolUse):
        deltas[0] = b'{"role":"assistant","content":null,' + deltas[0][1:]  # the role rides on the first call
    else:
        deltas.insert(0, b'{"role":"assistant","content":"","refusal":null}')
    running = b',"logprobs":null,"finish_reason":null}]}\n\n'
    frames = [head + d + running for d in deltas]
    finish = FINISH_REASONS[reply.stop_reason].encode()
    frames.append(head + b'{},"logprobs":null,"finish_reason":"' + finish + b'"}]}\n\n')
    if request.stream_usage:
        frames.append(b"data: " + base[:-1] + b',"choices":[],"usage":' + dumps(_usage(reply)) + b"}\n\n")
    frames.append(DONE)
    return frames


# --- headers and errors ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _duration(seconds: int) -> bytes:
    """OpenAI's reset format: 1s, 6m0s, 1h2m3s."""
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return ((f"{h}h" if h else "") + (f"{m}m" if h or m else "") + f"{s}s").encode()


RATE_HEADERS = (
    b"x-ratelimit-limit-requests",
    b"x-ratelimit-remaining-requests",
    b"x-ratelimit-reset-requests",
)


def headers(request_id: str, rate: RateLimit | None) -> RawHeaders:
    """x-request-id (the SDKs' _request_id and error.request_id) and OpenAI's rate-limit headers."""
    reset = _duration(max(0, math.ceil(rate.reset_at - rate.now))) if rate else b""
    return response_headers(b"x-request-id", request_id, rate, RATE_HEADERS, reset)


def error_body(err: GatewayError, request_id: str) -> dict[str, Any]:
    type_, code = ERROR_TYPES[err.kind]
    return {"error": {"message": err.message, "type": type_, "param": err.param, "code": err.code or code}}


def stream_error_event(err: GatewayError, request_id: str) -> bytes:
    return b"data: " + dumps(error_body(err, request_id)) + b"\n\n"
