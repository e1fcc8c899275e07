"""OpenAI Chat Completions (POST /api/v1/chat/completions): decode, encode, errors and SSE chunks."""

from __future__ import annotations

import hashlib
import json
import math
import types
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, cast, get_args, get_origin, get_type_hints

from pydantic import TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import from_json
from typing_extensions import NotRequired, Required, is_typeddict

from mockgw.catalog import Model
from mockgw.domain import (
    DEFAULT_MAX_TOKENS,
    Block,
    CacheAsk,
    ChatRequest,
    ContextWindowExceeded,
    ErrorKind,
    GatewayError,
    Message,
    RateLimit,
    Reply,
    ResponseFormat,
    StopReason,
    Text,
    Tool,
    ToolChoice,
    ToolResult,
    ToolUse,
    bad_request,
)
from mockgw.ids import tool_call_key
from mockgw.validation import non_json_number
from mockgw.wire.common import RawHeaders, chunks, dumps, dumps_str, response_headers

if TYPE_CHECKING:
    from mockgw.wire.openai_contract import RequestIn

VERSION_HEADER: str | None = None
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


@cache
def request_contract() -> TypeAdapter[RequestIn]:
    """The request contract (openai_contract.py), imported and built by the first chat request."""
    from mockgw.wire.openai_contract import REQUEST

    return REQUEST


def __getattr__(name: str) -> Any:
    if name == "REQUEST":  # openai.REQUEST, for those who read the contract from outside
        return request_contract()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


JSON_BODY_ERROR = (
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your "
    "HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"
)


def invalid(message: str, param: str | None = None, code: str | None = None) -> GatewayError:
    """A 400 as OpenAI words it: message, param (the field's path, e.g. messages[0].content) and code."""
    return GatewayError(400, "invalid_request", message, param=param, code=code)


def parse(raw: bytes, loose: bool) -> RequestIn:
    """Parse and validate the body in one pass; the first problem as the API would report it."""
    if non_json_number(raw):
        raise invalid(JSON_BODY_ERROR)
    validator = request_contract().validator  # pydantic-core's: TypeAdapter adds a Python layer per call
    try:
        if loose:
            return cast("RequestIn", validator.validate_json(raw, strict=False, extra="ignore"))
        return cast("RequestIn", validator.validate_json(raw, strict=True, extra="forbid"))
    except ValidationError as exc:
        raise request_error(exc) from None


# --- pydantic's errors in the API's words --------------------------------------------------------
#
# The API reports one problem: a missing model or messages first, then unknown top-level arguments,
# then the first other problem in field order. Its words, e.g. for messages[0].content: null,
#   "Invalid type for 'messages[0].content': expected one of a string or array of objects, but got
#   null instead." (param messages[0].content, code invalid_type)
# are built from the error pydantic found and the declared type at its path, which _where finds by
# walking the request's types along the error's location.

GOT = {
    "null": "null",
    "boolean": "a boolean",
    "integer": "an integer",
    "number": "a decimal number",
    "string": "a string",
    "array": "an array",
    "object": "an object",
}
PLURALS = {"string": "strings", "integer": "integers", "number": "decimals", "boolean": "booleans"}
TYPE_ERRORS = frozenset(
    {"int_from_float", "int_parsing", "float_parsing", "bool_parsing", "none_required", "is_instance_of"}
)
BOUNDS = {  # pydantic error type -> (the API's words, comparison, which limit)
    "greater_than_equal": ("below minimum", ">=", "ge"),
    "greater_than": ("below minimum", ">", "gt"),
    "less_than_equal": ("above maximum", "<=", "le"),
    "less_than": ("above maximum", "<", "lt"),
}


@dataclass(slots=True)
class Where:
    """Where in the request an error sits, and what was declared there."""

    tp: Any  # the declared type at param; None where nothing is declared (an unknown field)
    param: str = ""  # the API's path: messages[0].content[1].type, metadata.key
    unions: list[str] = field(default_factory=list)  # params of the untagged unions it went through
    union_tp: Any = None  # the last of those unions
    at_union: bool = False  # the error is a union member refusing the value itself
    key: bool = False  # the error is about a key of a mapping (metadata), not its value


def _unwrap(tp: Any) -> tuple[Any, str | None]:
    """The type under Annotated / Required / Optional, and the discriminator when it is a tagged union."""
    tag = None
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tag = next(
                (
                    str(m.discriminator)
                    for m in tp.__metadata__
                    if isinstance(m, FieldInfo) and m.discriminator
                ),
                tag,
            )
            tp = get_args(tp)[0]
        elif origin is Required or origin is NotRequired:
            tp = get_args(tp)[0]
        elif origin is Union or origin is types.UnionType:
            members = tuple(a for a in get_args(tp) if a is not type(None))
            if len(members) > 1:
                return Union[members], tag  # noqa: UP007 (a runtime union of a tuple of types)
            tp = members[0]
        else:
            return tp, tag


def _members(tp: Any) -> tuple[Any, ...]:
    return get_args(tp) if get_origin(tp) in (Union, types.UnionType) else ()


@cache
def _fields(typed_dict: Any) -> dict[str, Any]:
    return get_type_hints(typed_dict, include_extras=True)


def _tags(member: Any, discriminator: str) -> tuple[str, ...]:
    base = _unwrap(member)[0]
    return get_args(_unwrap(_fields(base)[discriminator])[0]) if is_typeddict(base) else ()


def _member(members: tuple[Any, ...], discriminator: str | None, label: Any) -> Any:
    """The union member a location element names: a tag of a tagged union, else pydantic's label."""
    for m in members:
        if discriminator is not None:
            if label in _tags(m, discriminator):
                return m
            continue
        base, tagged = _unwrap(m)
        origin, label = get_origin(base), str(label)
        if (
            (label in ("str", "int", "float", "bool") and getattr(base, "__name__", "") == label)
            or (label.startswith("list[") and origin is list)
            or (label.startswith("dict[") and origin is dict)
            or (label.startswith("literal[") and origin is Literal)
            or (label.startswith("tagged-union[") and tagged is not None)
            or (is_typeddict(base) and base.__name__ == label)
        ):
            return m
    return None


def _where(loc: tuple[int | str, ...]) -> Where:
    from mockgw.wire.openai_contract import RequestIn  # imported already: the request was validated

    w = Where(tp=RequestIn)
    for el in loc:
        base, tag = _unwrap(w.tp)
        members = _members(base)
        if members:  # el names the member the value was tried against
            if tag is None:
                w.unions.append(w.param)
                w.union_tp, w.at_union = base, True
            w.tp = _member(members, tag, el)
            continue
        w.at_union = False
        origin = get_origin(base)
        if isinstance(el, int):
            w.param += f"[{el}]"
            w.tp = get_args(base)[0] if origin is list else None
        elif el == "[key]":
            w.key, w.tp = True, str
        else:
            w.param += f".{el}" if w.param else el
            w.tp = (
                _fields(base).get(el) if is_typeddict(base) else get_args(base)[1] if origin is dict else None
            )
    return w


def _kind(tp: Any) -> str | None:
    """The JSON type a declared type takes."""
    base, tag = _unwrap(tp)
    origin = get_origin(base)
    if origin is Literal:
        return "string" if all(isinstance(a, str) for a in get_args(base)) else None
    if origin is list:
        return "array"
    if origin is dict or is_typeddict(base) or tag is not None:
        return "object"
    return {str: "string", bool: "boolean", int: "integer", float: "number"}.get(base)


def _value_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return {int: "integer", float: "number", str: "string", list: "array"}.get(type(value), "object")


def _fits(tp: Any, value: Any) -> bool:
    kind, got = _kind(tp), _value_kind(value)
    return kind == got or (kind == "number" and got == "integer")


def _listing(values: tuple[Any, ...] | list[Any], conjunction: str) -> str:
    quoted = [f"'{v}'" for v in values]
    if len(quoted) < 3:
        return f" {conjunction} ".join(quoted)
    return ", ".join(quoted[:-1]) + f", {conjunction} {quoted[-1]}"


def _expected(tp: Any, in_union: bool = False) -> str:
    """The API's words for a declared type: "an integer", "an array of objects", "one of a string or ..."."""
    base, tag = _unwrap(tp)
    members = _members(base)
    if members and tag is None:
        return "one of " + " or ".join(_expected(m, in_union=True) for m in members)
    origin = get_origin(base)
    if origin is Literal:
        return "one of " + _listing(get_args(base), "or")
    if origin is list:
        item = _kind(get_args(base)[0]) or "object"
        return ("" if in_union else "an ") + "array of " + PLURALS.get(item, item + "s")
    simple = {str: "a string", bool: "a boolean", int: "an integer", float: "a decimal"}.get(base)
    return simple or ("object" if in_union else "an object")


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value)


def _precedence(error: Any) -> int:
    top = len(error["loc"]) == 1
    return 0 if top and error["type"] == "missing" else 1 if top and error["type"] == "extra_forbidden" else 2


def _superseded(w: Where, placed: list[tuple[Any, Where]]) -> bool:
    """A union member refused the value while another member took it and found a problem deeper in."""
    if not w.at_union:
        return False
    union = w.unions[-1]
    return any(
        q.unions and union in q.unions and (q.unions[-1] != union or not q.at_union) for _, q in placed
    )


def request_error(exc: ValidationError) -> GatewayError:
    """The first problem pydantic found, as the API words it."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    if first["type"] == "json_invalid":
        return invalid(JSON_BODY_ERROR)
    if not first["loc"]:
        return invalid(
            f"The request body must be a JSON object, but got {GOT[_value_kind(first['input'])]} instead.",
            code="invalid_type",
        )
    placed = [(e, _where(e["loc"])) for e in errors]
    for e, w in sorted(placed, key=lambda p: _precedence(p[0])):
        if not _superseded(w, placed):
            return _union_error(e, w, placed) if w.at_union else _error(e, w)
    raise AssertionError("not reached: the error that went deepest into a union is never superseded")


def _union_error(error: Any, w: Where, placed: list[tuple[Any, Where]]) -> GatewayError:
    """Every member of a union refused the value: the member of the value's JSON type speaks, if any."""
    union, value = w.unions[-1], error["input"]
    for e, q in placed:
        if q.at_union and q.unions and q.unions[-1] == union and _fits(q.tp, value):
            return _error(e, q)
    return invalid(
        f"Invalid type for '{union}': expected {_expected(w.union_tp)}, but got {GOT[_value_kind(value)]} "
        "instead.",
        union,
        "invalid_type",
    )


def _error(error: Any, w: Where) -> GatewayError:
    kind, param, value = error["type"], w.param, error["input"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        if param == "model":
            return invalid("you must provide a model parameter")
        return invalid(f"Missing required parameter: '{param}'.", param, "missing_required_parameter")
    if kind == "extra_forbidden":
        if len(error["loc"]) == 1:
            return invalid(f"Unrecognized request argument supplied: {param}")
        return invalid(f"Unknown parameter: '{param}'.", param, "unknown_parameter")
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        base, tag = _unwrap(w.tp)
        where = f"{param}.{tag}"
        if kind == "union_tag_not_found":
            return invalid(f"Missing required parameter: '{where}'.", where, "missing_required_parameter")
        tags = [t for m in _members(base) for t in _tags(m, tag or "")]
        given = value.get(tag) if isinstance(value, dict) else None
        if not isinstance(given, str):
            return invalid(
                f"Invalid type for '{where}': expected one of {_listing(tags, 'or')}, but got "
                f"{GOT[_value_kind(given)]} instead.",
                where,
                "invalid_type",
            )
        from mockgw.wire.openai_contract import PART_TYPES

        if set(tags) <= set(PART_TYPES) and given not in PART_TYPES:
            tags = list(PART_TYPES)  # an unknown part type: the API lists every part type it knows
        supported = _listing(tags, "and")
        return invalid(
            f"Invalid value: '{given}'. Supported values are: {supported}.", where, "invalid_value"
        )
    if kind == "literal_error" and _fits(w.tp, value):
        supported = _listing(get_args(_unwrap(w.tp)[0]), "and")
        return invalid(
            f"Invalid value: '{value}'. Supported values are: {supported}.", param, "invalid_value"
        )
    if kind in BOUNDS:
        words, op, limit = BOUNDS[kind]
        number = "integer" if _kind(w.tp) == "integer" else "decimal"
        code = f"{number}_{'below_min' if words.startswith('below') else 'above_max'}_value"
        return invalid(
            f"Invalid '{param}': {number} {words} value. Expected a value {op} {_number(ctx[limit])}, "
            f"but got {json.dumps(value)} instead.",
            param,
            code,
        )
    if kind in ("too_short", "too_long"):
        return _size_error(kind, param, ctx, len(value))
    if kind in ("string_too_long", "string_too_short"):
        return _string_length_error(kind == "string_too_long", w, value, ctx)
    if kind == "string_pattern_mismatch":
        return invalid(
            f"Invalid '{param}': string does not match pattern. Expected a string that matches the pattern "
            f"'{ctx['pattern']}'.",
            param,
            "invalid_value",
        )
    if kind == "literal_error" or kind.endswith("_type") or kind in TYPE_ERRORS:
        return invalid(
            f"Invalid type for '{param}': expected {_expected(w.tp)}, "
            f"but got {GOT[_value_kind(value)]} instead.",
            param,
            "invalid_type",
        )
    return invalid(f"Invalid '{param}': {error['msg']}.", param, "invalid_value")


def _string_length_error(longer: bool, w: Where, value: str, ctx: dict[str, Any]) -> GatewayError:
    limit, param = ctx["max_length" if longer else "min_length"], w.param
    if w.key:
        parent = param.rsplit(".", 1)[0]
        return invalid(
            f"Invalid property name in '{parent}': '{value}' is too long. Expected a string with maximum "
            f"length {limit}, but got a string with length {len(value)} instead.",
            param,
            "property_name_above_max_length",
        )
    return invalid(
        f"Invalid '{param}': string too {'long' if longer else 'short'}. Expected a string with "
        f"{'maximum' if longer else 'minimum'} length {limit}, but got a string with length {len(value)} "
        "instead.",
        param,
        f"string_{'above_max' if longer else 'below_min'}_length",
    )


def _size_error(kind: str, param: str, ctx: dict[str, Any], got: int) -> GatewayError:
    if ctx.get("field_type") == "Dictionary":
        return invalid(
            f"Invalid '{param}': too many properties. Expected an object with at most {ctx['max_length']} "
            f"properties, but got an object with {got} properties instead.",
            param,
            "object_above_max_properties",
        )
    if kind == "too_long":
        return invalid(
            f"Invalid '{param}': array too long. Expected an array with maximum length {ctx['max_length']}, "
            f"but got an array with length {got} instead.",
            param,
            "array_above_max_length",
        )
    if got == 0:
        return invalid(
            f"Invalid '{param}': empty array. Expected an array with minimum length {ctx['min_length']}, "
            "but got an empty array instead.",
            param,
            "empty_array",
        )
    return invalid(
        f"Invalid '{param}': array too short. Expected an array with minimum length {ctx['min_length']}, "
        f"but got an array with length {got} instead.",
        param,
        "array_below_min_length",
    )


# --- the API's rules across fields ---------------------------------------------------------------


def _text_of(content: str | list[Any] | None) -> str:
    if content is None or isinstance(content, str):
        return content or ""
    return "\n".join(part["text"] for part in content if part["type"] == "text")


def check_fields(req: RequestIn) -> None:
    """The rules that tie one field to another, in the API's words."""
    for name in ("tool_choice", "parallel_tool_calls"):
        if name in req and not req.get("tools"):
            raise bad_request(
                f"Invalid value for '{name}': '{name}' is only allowed when 'tools' are specified.",
                param=name,
            )
    # An explicit "stream": false is let through: the openai SDK's own request suite sends it with
    # stream_options (README, Assumptions).
    if req.get("stream_options") is not None and req.get("stream") is None:
        raise bad_request(
            "The 'stream_options' parameter is only allowed when 'stream' is enabled.", param="stream_options"
        )
    if req.get("top_logprobs") is not None and not req.get("logprobs"):
        raise bad_request(
            "The 'top_logprobs' parameter is only allowed when 'logprobs' is enabled.", param="top_logprobs"
        )
    fmt = req.get("response_format")
    texts = (_text_of(m.get("content")).lower() for m in req["messages"])
    if fmt and fmt["type"] == "json_object" and not any("json" in t for t in texts):
        raise bad_request(
            "'messages' must contain the word 'json' in some form, to use 'response_format' of type "
            "'json_object'.",
            param="messages",
        )


# What an assistant message may carry in place of content.
CONTENT_STAND_INS = ("tool_calls", "function_call", "audio", "refusal")


def check_messages(messages: list[Any]) -> None:
    """Content where the API needs it, and tool calls answered by tool messages right after them."""
    calls: list[str] = []  # the ids of the last assistant message's tool calls
    unanswered: list[str] = []
    caller = -1
    for i, m in enumerate(messages):
        role = m["role"]
        if role == "tool":
            if caller < 0:
                raise bad_request(
                    "Invalid parameter: messages with role 'tool' must be a response to a preceeding "
                    "message with 'tool_calls'.",
                    param=f"messages.[{i}].role",
                )
            if m["tool_call_id"] not in calls:
                raise bad_request(
                    f"Invalid parameter: 'tool_call_id' of '{m['tool_call_id']}' not found in 'tool_calls' "
                    "of previous message.",
                    param=f"messages.[{i}].tool_call_id",
                )
            unanswered = [c for c in unanswered if c != m["tool_call_id"]]
            continue
        _require_answers(unanswered, caller)
        caller, calls = -1, []
        if role == "assistant":
            if m.get("content") is None and not any(m.get(k) for k in CONTENT_STAND_INS):
                raise bad_request(
                    "Invalid value for 'content': expected a string, got null.",
                    param=f"messages.[{i}].content",
                )
            if m.get("tool_calls"):
                caller, calls = i, [c["id"] for c in m["tool_calls"]]
                unanswered = list(calls)
    _require_answers(unanswered, caller)


def _require_answers(unanswered: list[str], caller: int) -> None:
    if unanswered:
        raise bad_request(
            "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
            f"'tool_call_id'. The following tool_call_ids did not have response messages: "
            f"{', '.join(unanswered)}",
            param=f"messages.[{caller}].role",
        )


# --- request: into the canonical form ------------------------------------------------------------


def _tool_use(call: Any, where: str) -> ToolUse:
    if call["type"] == "custom":  # free-form input: kept as the one string it is
        return ToolUse(call["id"], call["custom"]["name"], {"input": call["custom"]["input"]})
    function = call["function"]
    try:  # pydantic's parser, as for the body: it refuses NaN, endless integers and nesting past ~200
        args = from_json(function["arguments"] or "{}", allow_inf_nan=False)
    except ValueError as exc:
        raise bad_request(f"Invalid '{where}': not valid JSON ({exc}).", param=where) from None
    if not isinstance(args, dict):
        raise bad_request(f"Invalid '{where}': must encode a JSON object.", param=where)
    return ToolUse(call["id"], function["name"], args)


def _messages(raw: list[Any], system: list[str]) -> list[Message]:
    """Chat turns; system and developer messages go to `system`, legacy function turns are dropped."""
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
            blocks += [
                _tool_use(c, f"messages[{i}].tool_calls[{j}].function.arguments") for j, c in enumerate(calls)
            ]
            out.append(Message("assistant", blocks))
        elif role == "tool":
            result = ToolResult(m["tool_call_id"], text)
            if out and out[-1].role == "user" and all(isinstance(b, ToolResult) for b in out[-1].content):
                out[-1].content.append(result)
            else:
                out.append(Message("user", [result]))
    return out


def _tool_choice(choice: Any) -> ToolChoice:
    if isinstance(choice, dict):
        if choice["type"] == "allowed_tools":
            return ToolChoice("any" if choice["allowed_tools"]["mode"] == "required" else "auto")
        return ToolChoice("tool", choice[choice["type"]]["name"])
    return ToolChoice({"required": "any", "none": "none"}.get(choice or "auto", "auto"))  # type: ignore[arg-type]


def _tools(tools: list[Any]) -> list[Tool]:
    """Function tools; custom (free-form) tools are accepted, and not offered to generated replies."""
    return [
        Tool(f["name"], f.get("description", ""), f.get("parameters", {}))
        for f in (t["function"] for t in tools if t["type"] == "function")
    ]


def _response_format(fmt: Any) -> ResponseFormat | None:
    if fmt is None or fmt["type"] == "text":
        return None
    if fmt["type"] == "json_object":
        return ResponseFormat("json_object")
    spec = fmt["json_schema"]
    return ResponseFormat("json_schema", spec.get("schema"), spec["name"], bool(spec.get("strict")))


def decode(raw: bytes, headers: Mapping[str, str] | None = None, loose: bool = False) -> ChatRequest:
    """The request, validated as the API validates it (loose: types coerced, unknown fields ignored).

    `headers` is part of the wire interface; no OpenAI request field depends on a header.
    """
    req = parse(raw, loose)
    check_fields(req)
    check_messages(req["messages"])
    system: list[str] = []
    messages = _messages(req["messages"], system)
    max_tokens = req.get("max_completion_tokens")
    if max_tokens is None:
        max_tokens = req.get("max_tokens")
    options = req.get("stream_options")
    stop = req.get("stop")
    return ChatRequest(
        model=req["model"],
        messages=messages,
        max_tokens=DEFAULT_MAX_TOKENS if max_tokens is None else max_tokens,
        system="\n".join(s for s in system if s),
        stream=bool(req.get("stream")),
        tools=_tools(req.get("tools", [])),
        tool_choice=_tool_choice(req.get("tool_choice")),
        stream_usage=bool(options and options.get("include_usage")),
        stop_sequences=[stop] if isinstance(stop, str) else list(stop or []),
        n=req.get("n") or 1,
        response_format=_response_format(req.get("response_format")),
        logprobs=(req.get("top_logprobs") or 0) if req.get("logprobs") else None,
        cache=AUTOMATIC_24H if req.get("prompt_cache_retention") == "24h" else AUTOMATIC,
    )


# OpenAI caches prompts of 1024 tokens or more without being asked, for 5 to 10 minutes of inactivity
# (mockgw: 5), or 24 hours with prompt_cache_retention "24h"; hits count in steps of 128 tokens.
AUTOMATIC = CacheAsk(None, ttl=300.0, step=128, lookback=1 << 30)
AUTOMATIC_24H = CacheAsk(None, ttl=24 * 3600.0, step=128, lookback=1 << 30)


# --- reply ----------------------------------------------------------------------------------------


def _call_id(tool_id: str) -> str:
    return "call_" + tool_call_key(tool_id)


def _usage(reply: Reply) -> dict[str, Any]:
    """openai.types.CompletionUsage: prompt_tokens is the whole prompt, cached_tokens the part read
    from the prompt cache; the other details are always 0 here (no audio, reasoning or predictions).
    """
    u = reply.usage
    prompt = u.input_tokens + u.cache_creation + u.cache_read
    return {
        "prompt_tokens": prompt,
        "completion_tokens": u.output_tokens,
        "total_tokens": prompt + u.output_tokens,
        "prompt_tokens_details": {"cached_tokens": u.cache_read, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


@lru_cache(maxsize=256)
def system_fingerprint(model: str) -> str:
    """A stable fingerprint per model, in the API's fp_ + hex form."""
    return "fp_" + hashlib.blake2b(model.encode(), digest_size=5).hexdigest()


def _assistant_message(choice: Reply) -> dict[str, Any]:
    text = "".join(b.text for b in choice.blocks if isinstance(b, Text))
    calls = [
        {
            "id": _call_id(b.id),
            "type": "function",
            "function": {"name": b.name, "arguments": dumps(b.input).decode()},
        }
        for b in choice.blocks
        if isinstance(b, ToolUse)
    ]
    message: dict[str, Any] = {
        "role": "assistant",
        "content": text if text or not calls else None,
        "refusal": None,
    }
    if calls:
        message["tool_calls"] = calls
    return message


def encode(reply: Reply, request: ChatRequest, reply_id: str, created: int) -> dict[str, Any]:
    choices = []
    for index, choice in enumerate(reply.choices()):
        message = _assistant_message(choice)
        logprobs = None
        if request.logprobs is not None:
            logprobs = {
                "content": token_logprobs(message["content"] or "", request.logprobs),
                "refusal": None,
            }
        choices.append(
            {
                "index": index,
                "message": message,
                "logprobs": logprobs,
                "finish_reason": FINISH_REASONS[choice.stop_reason],
            }
        )
    return {
        "id": reply_id,
        "object": "chat.completion",
        "created": created,
        "model": request.model,
        "system_fingerprint": system_fingerprint(request.model),
        "choices": choices,
        "usage": _usage(reply),
    }


def encode_stream(reply: Reply, request: ChatRequest, reply_id: str, created: int) -> list[bytes]:
    """The whole SSE stream as frames: per choice, role first, content and tool-call fragments, finish;
    then usage (when asked for: every chunk before it has "usage": null), then [DONE].

    Every chunk shares its envelope, so it is encoded once and each delta is spliced in as bytes.
    """
    envelope = {
        "id": reply_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": request.model,
        "system_fingerprint": system_fingerprint(request.model),
    }
    base = dumps(envelope)
    end = b',"usage":null}\n\n' if request.stream_usage else b"}\n\n"
    frames: list[bytes] = []
    for index, choice in enumerate(reply.choices()):
        head = b"data: " + base[:-1] + b',"choices":[{"index":%d,"delta":' % index
        frames += _choice_frames(choice, request, head, end)
    if request.stream_usage:
        frames.append(b"data: " + base[:-1] + b',"choices":[],"usage":' + dumps(_usage(reply)) + b"}\n\n")
    frames.append(DONE)
    return frames


def _choice_frames(choice: Reply, request: ChatRequest, head: bytes, end: bytes) -> list[bytes]:
    size = choice.shape.chunk_chars
    deltas: list[bytes] = []  # each an encoded delta object
    texts: list[str] = []  # the text each delta carries, for logprobs
    calls = 0
    for b in choice.blocks:
        if isinstance(b, Text):
            pieces = list(chunks(b.text, size))
            deltas += [b'{"content":' + dumps_str(piece) + b"}" for piece in pieces]
            texts += pieces
            continue
        call = {
            "index": calls,
            "id": _call_id(b.id),
            "type": "function",
            "function": {"name": b.name, "arguments": ""},
        }
        deltas.append(dumps({"tool_calls": [call]}))
        fragment = b'{"tool_calls":[{"index":%d,"function":{"arguments":' % calls
        arguments = [fragment + dumps_str(a) + b"}}]}" for a in chunks(dumps(b.input).decode(), size)]
        deltas += arguments
        texts += [""] * (len(arguments) + 1)
        calls += 1
    if choice.blocks and isinstance(choice.blocks[0], ToolUse):
        deltas[0] = b'{"role":"assistant","content":null,' + deltas[0][1:]  # the role rides on the first call
    else:
        deltas.insert(0, b'{"role":"assistant","content":"","refusal":null}')
        texts.insert(0, "")
    finish = FINISH_REASONS[choice.stop_reason].encode()
    last = head + b'{},"logprobs":null,"finish_reason":"' + finish + b'"}]' + end
    if request.logprobs is None:
        running = b',"logprobs":null,"finish_reason":null}]' + end
        return [*(head + d + running for d in deltas), last]
    k = request.logprobs
    frames = []
    for d, text in zip(deltas, texts, strict=True):
        logprobs = b'{"content":' + dumps(token_logprobs(text, k)) + b',"refusal":null}' if text else b"null"
        frames.append(head + d + b',"logprobs":' + logprobs + b',"finish_reason":null}]' + end)
    return [*frames, last]


# Alternatives offered in top_logprobs after the token itself: common English tokens, each less likely
# than any token of the text (whose logprobs are above -2.5). Built once: n=128 with top_logprobs=20
# is a hundred thousand entries, so they are shared, never copied (nothing changes them).
ALTERNATIVES = [
    {"token": t, "bytes": list(t.encode()), "logprob": -2.5 - 0.75 * i}
    for i, t in enumerate(
        (" the", ",", " and", ".", " to", " of", " a", " in", " is", " that", "\n", " for", " it", " with")
        + (" as", " on", " this", " be", " you", " are", " or")
    )
]


def token_logprobs(text: str, k: int) -> list[dict[str, Any]]:
    """openai ChatCompletionTokenLogprob for each token of the text, split as the token estimate splits
    it (four characters a token); deterministic, logprob <= 0, top_logprobs the token itself first.
    """
    return [_token_logprob(token, k) for token in chunks(text, 4)]


@lru_cache(maxsize=8192)
def _token_logprob(token: str, k: int) -> dict[str, Any]:
    own = {
        "token": token,
        "bytes": list(token.encode()),
        "logprob": -(zlib.crc32(token.encode()) % 2500) / 1000,
    }
    others = (
        ALTERNATIVES
        if k < 2 or all(a["token"] != token for a in ALTERNATIVES[: k - 1])
        else [a for a in ALTERNATIVES if a["token"] != token]
    )
    return own | {"top_logprobs": [own, *others[: k - 1]] if k else []}


# --- the model catalog (GET /api/v1/models) -------------------------------------------------------


def encode_model(model: Model) -> dict[str, Any]:
    """openai.types.Model, with the gateway's own facts about the model alongside."""
    return {
        "id": model.id,
        "object": "model",
        "created": 0,
        "owned_by": "ainative",
        "plan": model.min_plan,
        "tools": model.tools,
        "max_tokens": model.max_tokens_cap,
        "credits_per_request": model.credits_per_request,
    }


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
    return {"error": {"message": _message(err), "type": type_, "param": err.param, "code": err.code or code}}


def _message(err: GatewayError) -> str:
    if isinstance(err, ContextWindowExceeded):  # the API's own sentence for it
        return (
            f"This model's maximum context length is {err.maximum} tokens. However, your messages resulted "
            f"in {err.tokens} tokens. Please reduce the length of the messages."
        )
    return err.message


def stream_error_event(err: GatewayError, request_id: str) -> bytes:
    return b"data: " + dumps(error_body(err, request_id)) + b"\n\n"
