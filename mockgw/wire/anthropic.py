"""Anthropic Messages (POST /v1/messages): decode requests, encode replies, errors and SSE events."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from typing import Any, cast

from pydantic import TypeAdapter, ValidationError

from mockgw.catalog import Model
from mockgw.clock import iso
from mockgw.domain import (
    DEFAULT_MAX_TOKENS,
    Block,
    CacheAsk,
    CachePoint,
    ChatRequest,
    ErrorKind,
    GatewayError,
    Message,
    RateLimit,
    Reply,
    ResponseFormat,
    Text,
    Thinking,
    ThinkingBlock,
    ThinkingConfig,
    Tool,
    ToolChoice,
    ToolResult,
    ToolUse,
    bad_request,
)
from mockgw.ids import tool_call_key
from mockgw.signature import valid as valid_signature
from mockgw.validation import non_json_number
from mockgw.wire.common import RawHeaders, chunks, dumps, dumps_str, response_headers
from mockgw.wire.contract import KIND_TAGS, validate

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

# Request fields only betas have (BetaMessageCreateParams has them, MessageCreateParams does not): each is
# accepted when `anthropic-beta` names one of its betas. Without it the API answers as for any unknown
# field (`context_management: Extra inputs are not permitted`). The one list of them; a test keeps it
# equal to what the two contracts differ by.
BETA_FIELDS: dict[str, frozenset[str]] = {
    "billing_policy": frozenset(
        {"user-profiles-2026-03-24", "user-profiles-2026-08-18", "user-profiles-2026-09-04"}
    ),
    "compaction": frozenset({"compact-2026-01-12", "compact-2026-09-04"}),
    "context_management": frozenset({"context-management-2025-06-27"}),
    "fallback_credit_token": frozenset({"fallback-credit-2026-06-01", "fallback-credit-2026-07-01"}),
    "fallbacks": frozenset({"server-side-fallback-2026-06-01", "server-side-fallback-2026-07-01"}),
    "mcp_servers": frozenset({"mcp-client-2025-04-04", "mcp-client-2025-11-20", "mcp-client-2026-09-15"}),
    "thread": frozenset({"message-threads-2026-08-12"}),
}
NO_BETAS: frozenset[str] = frozenset()
# With interleaved thinking the budget spans every thinking block of the turn, so it may pass max_tokens.
INTERLEAVED_THINKING = "interleaved-thinking-2025-05-14"

# Blocks only one side of a conversation sends (`'image' blocks are not permitted within assistant turns.`).
ONLY_IN = {
    "user": frozenset({"image", "document", "search_result", "tool_result", "container_upload"}),
    "assistant": frozenset(
        {
            "tool_use",
            "server_tool_use",
            "mcp_tool_use",
            "mcp_tool_result",
            "thinking",
            "redacted_thinking",
            "web_search_tool_result",
            "web_fetch_tool_result",
            "code_execution_tool_result",
            "bash_code_execution_tool_result",
            "text_editor_code_execution_tool_result",
            "tool_search_tool_result",
        }
    ),
}


def decode(raw: bytes, headers: Mapping[str, str], loose: bool) -> ChatRequest:
    """The request as the Messages API reads it: MessageCreateParams (anthropic_contract.py), then the
    rules its types cannot say. Each 400 is worded as the real API words it.
    """
    betas = _betas(headers)
    req = _validated(raw, _beta_request() if betas else request_contract(), loose)
    if betas and not loose:
        _check_betas(req, betas)
    return _chat_request(req, raw, betas)


def decode_count_tokens(raw: bytes, headers: Mapping[str, str], loose: bool) -> ChatRequest:
    """POST /v1/messages/count_tokens: MessageCountTokensParams, then the same rules as decode.

    With a beta named, fields the standard contract lacks are let through (mockgw has no beta
    contract for this route, and Claude Code names betas on it).
    """
    betas = _betas(headers)
    req = _validated(raw, _count_request(), loose or bool(betas))
    req.pop("thinking", None)  # its rules tie it to max_tokens, which this request has not
    return _chat_request(req, raw, betas)


def _betas(headers: Mapping[str, str]) -> frozenset[str]:
    named = headers.get("anthropic-beta")
    return frozenset(b.strip() for b in named.split(",") if b.strip()) if named else NO_BETAS


def _chat_request(req: dict[str, Any], raw: bytes, betas: frozenset[str]) -> ChatRequest:
    system = _system(req.get("system"))
    messages, prefill = _conversation(req["messages"], system)
    thinking = _thinking(req, betas) if "thinking" in req else None
    tools = req.get("tools") or []
    if tools:
        _check_tool_names(tools)
    choice = req.get("tool_choice")
    return ChatRequest(
        model=req["model"],
        messages=messages,
        max_tokens=req.get("max_tokens", DEFAULT_MAX_TOKENS),
        system="\n".join(s for s in system if s),
        stream=req.get("stream", False),
        tools=[
            Tool(t["name"], t.get("description") or "", t["input_schema"])
            for t in tools
            if t["type"] == "custom"
        ],
        tool_choice=ToolChoice(choice["type"], choice.get("name")) if choice else ToolChoice(),
        prefill=prefill,
        stop_sequences=req.get("stop_sequences") or [],
        response_format=_output_format(req["output_config"]) if "output_config" in req else None,
        thinking=thinking,
        cache=_cache_ask(req) if raw.find(b'"cache_control"') >= 0 else None,  # find(): see non_json_number
    )


def _output_format(config: dict[str, Any]) -> ResponseFormat | None:
    """Structured outputs: `output_config.format`, where `messages.parse(output_format=Model)` puts the
    model's schema (anthropic SDK 2.15: resources/messages/messages.py, lib/_parse/_transform.py)."""
    fmt = config.get("format")
    return ResponseFormat("json_schema", fmt["schema"]) if fmt else None


# --- prompt caching: where the prompt's blocks end, and which carry cache_control -----------------

TTLS = {"5m": 300.0, "1h": 3600.0}


def _cache_ask(req: dict[str, Any]) -> CacheAsk | None:
    """The prompt's block boundaries in cache order (tools, system, messages), breakpoints marked.

    A top-level `cache_control` marks the last block ("applies a cache_control marker to the last
    cacheable block in the request", MessageCreateParams.cache_control).
    """
    system = req.get("system") or []
    blocks: list[tuple[dict[str, Any], int]] = [(t, _tool_chars(t)) for t in req.get("tools") or []]
    blocks += (
        [({"text": system}, len(system))]
        if isinstance(system, str)
        else [(b, len(b["text"])) for b in system]
    )
    for m in req["messages"]:
        content = m["content"]
        if isinstance(content, str):
            blocks.append(({"role": m["role"], "text": content}, len(content)))
        else:
            blocks += [(b, _block_chars(b)) for b in content]
    if not blocks:
        return None
    h = hashlib.blake2b(req["model"].encode(), digest_size=16)
    points: list[CachePoint] = []
    chars = 0
    last = req.get("cache_control")
    for i, (block, size) in enumerate(blocks):
        mark = block.get("cache_control") or (last if i == len(blocks) - 1 else None)
        h.update(dumps({k: v for k, v in block.items() if k != "cache_control"}) + b"\0")
        chars += size
        points.append(CachePoint(h.digest(), chars, TTLS[mark.get("ttl") or "5m"] if mark else None))
    return CacheAsk(points) if any(p.ttl for p in points) else None


def _tool_chars(tool: dict[str, Any]) -> int:
    """What ChatRequest.input_tokens counts of a tool: a custom tool's name and description."""
    return len(tool["name"]) + len(tool.get("description") or "") if tool["type"] == "custom" else 0


def _block_chars(block: dict[str, Any]) -> int:
    kind = block["type"]
    if kind == "text":
        return len(block["text"])
    if kind == "tool_result":
        return len(_text_of(block.get("content")))
    return len(repr(block["input"])) if kind == "tool_use" else 0


@cache
def _count_request() -> TypeAdapter[Any]:
    """Built on the first count_tokens request: building it costs a good part of REQUEST's build."""
    from mockgw.wire.anthropic_contract import MessageCountTokensParams

    return TypeAdapter(MessageCountTokensParams)


@cache
def request_contract() -> TypeAdapter[Any]:
    """The request contract, imported and built by the first chat request: a fifth of mockgw's start-up
    otherwise. (Built on a thread at start, it held the GIL and slowed the start down instead.)"""
    from mockgw.wire.anthropic_contract import REQUEST

    return REQUEST


def __getattr__(name: str) -> Any:
    if name == "REQUEST":  # anthropic.REQUEST, for those who read the contract from outside
        return request_contract()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _beta_request() -> TypeAdapter[Any]:
    """The beta contract, imported when a request first names a beta (it builds as slowly as REQUEST)."""
    from mockgw.wire.anthropic_beta_contract import BETA_REQUEST

    return BETA_REQUEST


def _validated(raw: bytes, schema: TypeAdapter[Any], loose: bool) -> dict[str, Any]:
    not_json = non_json_number(raw)
    if not_json:
        raise bad_request(f"The request body is not valid JSON: {not_json}")
    try:
        return cast(dict[str, Any], validate(schema, raw, loose))
    except ValidationError as exc:
        raise _contract_error(exc, raw) from None


PYTHON_WORDING = {  # the API validates parsed JSON, so pydantic words these as for Python values
    "list_type": "Input should be a valid list",
    "dict_type": "Input should be a valid dictionary",
}


def _contract_error(exc: ValidationError, raw: bytes) -> GatewayError:
    """Every problem, `path: message` joined by "; ", as the API reports them."""
    errors = exc.errors(include_url=False)
    if errors[0]["type"] == "json_invalid":
        try:
            json.loads(raw)
        except ValueError as err:  # Python's own wording, as the API gives it
            return bad_request(f"The request body is not valid JSON: {err}")
        except RecursionError:  # json.loads gives up where pydantic's parser did
            return bad_request("The request body is not valid JSON: nested too deeply")
        return bad_request(f"The request body is not valid JSON: {errors[0]['ctx']['error']}")
    if not errors[0]["loc"] and errors[0]["type"] == "dict_type":
        return bad_request(f"request body must be a JSON object, got {type(errors[0]['input']).__name__}")
    problems = [f"{_path(e['loc'])}: {PYTHON_WORDING.get(e['type'], e['msg'])}" for e in errors]
    return bad_request("; ".join(dict.fromkeys(problems)))


def _path(loc: tuple[int | str, ...]) -> str:
    """messages.0.content.1.image.source.base64.media_type: a block's tag stays, the JSON-type branch goes."""
    return ".".join(str(p) for p in loc if p not in KIND_TAGS) or "body"


def _check_betas(req: dict[str, Any], betas: frozenset[str]) -> None:
    refused = [f for f, needs in BETA_FIELDS.items() if f in req and not needs & betas]
    if refused:
        raise bad_request("; ".join(f"{f}: Extra inputs are not permitted" for f in refused))


def _system(system: str | list[dict[str, Any]] | None) -> list[str]:
    if not system:
        return []
    blocks = [{"text": system}] if isinstance(system, str) and system else system or []
    for b in blocks:
        _check_text(b["text"], "system")
    return [b["text"] for b in blocks]


def _check_text(text: str, where: str) -> None:
    if not text:
        raise bad_request(f"{where}: text content blocks must be non-empty")
    if text.isspace():
        raise bad_request(f"{where}: text content blocks must contain non-whitespace text")


def _conversation(raw: list[dict[str, Any]], system: list[str]) -> tuple[list[Message], str]:
    """The turns and the prefill: consecutive messages of a role merged into one turn as the API merges
    them, system messages added to `system`, a final assistant turn taken out as the reply's prefill.
    """
    turns: list[Message] = []
    starts: list[int] = []  # where each turn's first message is in `raw`, for error paths
    tools = False
    last = len(raw) - 1
    for i, m in enumerate(raw):
        role, content = m["role"], m["content"]
        if role == "system":
            system.append(_system_message(content, i))
            continue
        prefill = i == last and role == "assistant"
        if not content and not prefill:
            raise bad_request(
                f"messages.{i}: all messages must have non-empty content except for the optional final "
                "assistant message"
            )
        if isinstance(content, str):
            if not prefill:
                _check_text(content, "messages")
            blocks: list[Block] = [Text(content)]
        else:
            blocks = _blocks(content, role, i, prefill)
            tools = tools or any(not isinstance(b, Text) for b in blocks)
        if turns and turns[-1].role == role:
            turns[-1].content += blocks
        else:
            turns.append(Message(role, blocks))
            starts.append(i)
    if not turns:
        raise bad_request("messages: at least one message is required")
    prefill_text = ""
    if turns[-1].role == "assistant":
        prefill_text = "".join(b.text for b in turns.pop().content if isinstance(b, Text))
        if prefill_text != prefill_text.rstrip():
            raise bad_request("messages: final assistant content cannot end with trailing whitespace")
    if tools:
        _check_tool_pairing(turns, starts, raw)
    return turns, prefill_text


def _blocks(content: list[dict[str, Any]], role: str, i: int, prefill: bool) -> list[Block]:
    """The blocks the script reads (text, tool_use, tool_result); the others are checked and left out."""
    out: list[Block] = []
    other = ONLY_IN["user" if role == "assistant" else "assistant"]
    for j, b in enumerate(content):
        kind = b["type"]
        if kind == "text":
            if not prefill:
                _check_text(b["text"], "messages")
            out.append(Text(b["text"]))
        elif kind in other:
            raise bad_request(f"messages.{i}.content: '{kind}' blocks are not permitted within {role} turns.")
        elif kind == "tool_use":
            out.append(ToolUse(b["id"], b["name"], b["input"]))
        elif kind == "tool_result":
            out.append(ToolResult(b["tool_use_id"], _text_of(b.get("content"))))
        elif kind == "thinking" and not valid_signature(b["thinking"], b["signature"]):
            raise bad_request(f"messages.{i}.content.{j}: Invalid `signature` in `thinking` block")
    return out


def _system_message(content: str | list[dict[str, Any]], i: int) -> str:
    """A system message inside `messages` (MessageParam allows it): text only, like `system`."""
    if isinstance(content, str):
        return content
    for j, b in enumerate(content):
        if b["type"] != "text":
            raise bad_request(f"messages.{i}.content.{j}.type: Input should be 'text'")
    return "\n".join(b["text"] for b in content)


def _thinking(req: dict[str, Any], betas: frozenset[str]) -> ThinkingConfig | None:
    """The thinking the request turns on (enabled or adaptive), checked as the API checks it."""
    thinking = req["thinking"] or {}
    kind = thinking.get("type")
    max_tokens = req.get("max_tokens", DEFAULT_MAX_TOKENS)
    if kind == "enabled" and INTERLEAVED_THINKING not in betas and max_tokens <= thinking["budget_tokens"]:
        raise bad_request("`max_tokens` must be greater than `thinking.budget_tokens`.")
    temperature = req.get("temperature")
    if kind in ("enabled", "adaptive") and temperature is not None and temperature != 1:
        raise bad_request("`temperature` may only be set to 1 when thinking is enabled or in adaptive mode")
    if kind not in ("enabled", "adaptive"):
        return None
    # adaptive: the model decides how much to think; mockgw lets it think up to half of max_tokens
    budget = thinking["budget_tokens"] if kind == "enabled" else max(1, max_tokens // 2)
    omitted = thinking.get("display") == "omitted"
    forced = (req.get("tool_choice") or {}).get("type") in ("any", "tool")
    refusal = FORCED_TOOL if forced else _unsent_thinking(req["messages"])
    return ThinkingConfig(budget, omitted, refusal)


FORCED_TOOL = "Thinking may not be enabled when tool_choice forces tool use."  # reported from the API


THINKING_FIRST = (
    "{where}.type: Expected `thinking` or `redacted_thinking`, but found `{found}`. When `thinking` is "
    "enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of "
    "`tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. "
    "To avoid this requirement, disable `thinking`. Please consult our documentation at "
    "https://docs.claude.com/en/docs/build-with-claude/extended-thinking"
)  # reported from the API, typo included


def _unsent_thinking(raw: list[dict[str, Any]]) -> str | None:
    """The 400 for a tool loop whose last assistant turn does not start with a thinking block: with
    thinking on, the turn that called the tools must come back with its thinking."""
    turn = [i for i, m in enumerate(raw) if m["role"] != "system"]
    results = False
    while turn and raw[turn[-1]]["role"] == "user":
        content = raw[turn.pop()]["content"]
        results = results or (isinstance(content, list) and any(b["type"] == "tool_result" for b in content))
    if not results or not turn:
        return None
    first = len(turn) - 1
    while first > 0 and raw[turn[first - 1]]["role"] == "assistant":
        first -= 1
    content = raw[turn[first]]["content"]
    found = content[0]["type"] if isinstance(content, list) and content else "text"
    if found in ("thinking", "redacted_thinking"):
        return None
    return THINKING_FIRST.format(where=f"messages.{turn[first]}.content.0", found=found)


def _check_tool_names(tools: list[dict[str, Any]]) -> None:
    names = [t["name"] for t in tools if "name" in t]
    if len(names) != len(set(names)):
        raise bad_request("tools: Tool names must be unique.")


def _check_tool_pairing(turns: list[Message], starts: list[int], raw: list[dict[str, Any]]) -> None:
    """Every tool_use is answered by a tool_result in the very next turn, and only those are."""
    for k, turn in enumerate(turns):
        uses = [b.id for b in turns[k - 1].content if isinstance(b, ToolUse)] if k else []
        results = [b.tool_use_id for b in turn.content if isinstance(b, ToolResult)]
        unknown = [r for r in results if r not in uses]
        if unknown:
            where = _result_path(raw, starts[k], unknown[0])
            raise bad_request(
                f"{where}: unexpected `tool_use_id` found in `tool_result` blocks: {', '.join(unknown)}. "
                "Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
            )
        missing = [u for u in uses if u not in results]
        if missing:
            raise bad_request(
                f"messages.{starts[k - 1]}: `tool_use` ids were found without `tool_result` blocks "
                f"immediately after: {', '.join(missing)}. Each `tool_use` block must have a corresponding "
                "`tool_result` block in the next message."
            )


def _result_path(raw: list[dict[str, Any]], start: int, tool_use_id: str) -> str:
    """Where a tool_result block is in the request, from the first message of its turn on."""
    for i in range(start, len(raw)):
        content = raw[i]["content"]
        for j, b in enumerate(content if isinstance(content, list) else []):
            if b["type"] == "tool_result" and b["tool_use_id"] == tool_use_id:
                return f"messages.{i}.content.{j}"
    return f"messages.{start}"


def _text_of(content: str | list[dict[str, Any]] | None) -> str:
    if content is None or isinstance(content, str):
        return content or ""
    return "\n".join(part["text"] for part in content if part["type"] == "text")


# --- reply ----------------------------------------------------------------------------------------


def _tool_id(tool_id: str) -> str:
    return "toolu_" + tool_call_key(tool_id)


def _usage(reply: Reply, output_tokens: int) -> dict[str, Any]:
    """anthropic.types.Usage: input_tokens + cache_creation_input_tokens + cache_read_input_tokens is
    the whole prompt; cache_creation splits the tokens written by TTL.
    """
    u = reply.usage
    return {
        "input_tokens": u.input_tokens,
        "cache_creation_input_tokens": u.cache_creation,
        "cache_read_input_tokens": u.cache_read,
        "cache_creation": {
            "ephemeral_5m_input_tokens": u.cache_creation - u.cache_creation_1h,
            "ephemeral_1h_input_tokens": u.cache_creation_1h,
        },
        "output_tokens": output_tokens,
        "service_tier": "standard",
    }


def _content_block(b: Text | ToolUse) -> dict[str, Any]:
    if isinstance(b, Text):
        return {"type": "text", "text": b.text}
    return {"type": "tool_use", "id": _tool_id(b.id), "name": b.name, "input": b.input}


def _thinking_block(b: ThinkingBlock) -> dict[str, Any]:
    """anthropic.types.ThinkingBlock / RedactedThinkingBlock."""
    if isinstance(b, Thinking):
        return {"type": "thinking", "thinking": b.thinking, "signature": b.signature}
    return {"type": "redacted_thinking", "data": b.data}


def encode(reply: Reply, request: ChatRequest, reply_id: str, created: int) -> dict[str, Any]:
    return {
        "id": reply_id,
        "type": "message",
        "role": "assistant",
        "model": request.model,
        "content": [*map(_thinking_block, reply.thinking), *map(_content_block, reply.blocks)],
        "stop_reason": reply.stop_reason,
        "stop_sequence": reply.stop_sequence,
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
    named, block_events = shape.event_names, shape.block_events
    size = reply.shape.chunk_chars
    shell = encode(reply, request, reply_id, created) | {
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
    }
    shell["usage"] = _usage(reply, 1)
    frames = [_frame({"type": "message_start", "message": shell}, named)]
    event_line = b"event: content_block_delta\n" if named else b""
    if reply.thinking:
        frames += _thinking_frames(reply.thinking, shape.block_events, named, event_line, size)
    for i, b in enumerate(reply.blocks, len(reply.thinking)):
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
        "delta": {"stop_reason": reply.stop_reason, "stop_sequence": reply.stop_sequence},
        # cumulative, as the real API sends it; LangChain reads input_tokens only from here
        "usage": {
            "input_tokens": reply.usage.input_tokens,
            "cache_creation_input_tokens": reply.usage.cache_creation,
            "cache_read_input_tokens": reply.usage.cache_read,
            "output_tokens": reply.usage.output_tokens,
        },
    }
    frames.append(_frame(final, named))
    frames.append(_frame({"type": "message_stop"}, named))
    return frames


def _thinking_frames(
    blocks: list[ThinkingBlock], block_events: bool, named: bool, event_line: bytes, size: int
) -> list[bytes]:
    """As the API streams thinking: a thinking block starts empty (thinking and signature ""), its text
    comes in `thinking_delta` events and its signature in one `signature_delta` just before
    content_block_stop (anthropic.types.ThinkingDelta, SignatureDelta); a redacted_thinking block
    comes whole in its content_block_start."""
    frames: list[bytes] = []
    for i, b in enumerate(blocks):
        if block_events:
            start = {"type": "thinking", "thinking": "", "signature": ""} if isinstance(b, Thinking) else None
            block = start or _thinking_block(b)
            frames.append(_frame({"type": "content_block_start", "index": i, "content_block": block}, named))
            if i == 0:
                frames.append(_frame({"type": "ping"}, named))
        if isinstance(b, Thinking):
            pre = event_line + b'data: {"type":"content_block_delta","index":%d,"delta":{"type":' % i
            delta = pre + b'"thinking_delta","thinking":'
            frames += [delta + dumps_str(piece) + b"}}\n\n" for piece in chunks(b.thinking, size)]
            frames.append(pre + b'"signature_delta","signature":' + dumps_str(b.signature) + b"}}\n\n")
        if block_events:
            frames.append(_frame({"type": "content_block_stop", "index": i}, named))
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
        "max_input_tokens": model.context_window,
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
    message = err.message
    return {
        "type": "error",
        "error": {"type": ERROR_TYPES[err.kind], "message": message},
        "request_id": request_id,
    }


def stream_error_event(err: GatewayError, request_id: str) -> bytes:
    return _frame(error_body(err, request_id), named=True)
