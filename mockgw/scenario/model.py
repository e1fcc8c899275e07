"""The scenario file schema: pydantic models, format-neutral. `mockgw schema` prints their JSON Schema."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import re2
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    GetJsonSchemaHandler,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from mockgw.domain import ErrorKind, StopReason
from mockgw.scenario.template import check_template

QUIRKS = ["sse_burst", "sse_no_block_events", "sse_no_event_names", "xml_tool_call"]

# The error kind of a scripted status that names none.
KIND_BY_STATUS: dict[int, ErrorKind] = {
    400: "invalid_request",
    401: "authentication",
    402: "billing",
    403: "permission",
    404: "not_found",
    408: "timeout",
    413: "request_too_large",
    422: "invalid_request",
    429: "rate_limit",
    504: "timeout",
    529: "overloaded",
}


_RE2 = re2.Options()
_RE2.log_errors = False  # a refused pattern is reported once, by validation, not also on stderr


def compile_regex(pattern: str) -> Any:
    """A match rule's regex, compiled by RE2: matching takes time linear in the text, whatever the pattern.

    Python's re backtracks: `^(a+)+$` against 29 characters took 51 s. RE2 has Python's syntax
    without what needs backtracking (backreferences, lookaround), and a memory cap per pattern.
    """
    try:
        return re2.compile(pattern, _RE2)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(
            f"invalid regex: {reason} (match rules use RE2 syntax: no backreferences or lookaround)"
        ) from None


def kind_for_status(status: int) -> ErrorKind:
    return KIND_BY_STATUS.get(status, "api_error" if status >= 500 else "invalid_request")


class Strict(BaseModel):
    # strict: no "200" for 200 nor 1 for true, so that a file the validator accepts is one the JSON
    # Schema (`mockgw schema`, what editors check against) accepts too
    model_config = ConfigDict(extra="forbid", strict=True)


class ToolUseSpec(Strict):
    name: str
    input: dict[str, Any] = Field(default_factory=dict)
    id: str | None = Field(None, description="toolu_… or call_…; generated (stable) when absent")


# A string whose {{ placeholders }} are checked when the file loads.
Templated = Annotated[str, AfterValidator(check_template)]


class TextItem(Strict):
    text: Templated


class ToolUseItem(Strict):
    tool_use: ToolUseSpec


class JsonItem(Strict):
    """A structured output: the value's JSON is the text of the reply, as a model writes it for a schema."""

    json_: Any = Field(
        alias="json",
        description="any JSON value; written as compact JSON text; placeholders work in its strings",
    )

    @field_validator("json_")
    @classmethod
    def _placeholders(cls, v: Any) -> Any:
        for text in _strings(v):
            check_template(text)
        return v


def _strings(value: Any) -> list[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value, *(t for v in value.values() for t in _strings(v))]
    if isinstance(value, list):
        return [t for v in value for t in _strings(v)]
    return []


class ThinkingItem(Strict):
    """Anthropic extended thinking, served only to requests that enable it (left out for the others)."""

    thinking: Templated = Field(description="the thinking text; placeholders as in text")
    signature: str | None = Field(None, description="served as written; default: mockgw's, which it checks")


class RedactedThinkingItem(Strict):
    """A redacted_thinking block (its opaque data), served only to requests that enable thinking."""

    redacted_thinking: str


class UsageSpec(Strict):
    input_tokens: int = Field(ge=0)
    output_tokens: int = Field(ge=0)


class ErrorSpec(Strict):
    """An HTTP error the gateway answers with, or (in a stream) the provider error event."""

    status: int = Field(500, ge=400, le=599)
    kind: ErrorKind | None = Field(None, description="default: from the status")
    message: Templated = "Internal server error"
    headers: dict[str, str] = Field(default_factory=dict)

    def error_kind(self) -> ErrorKind:
        return self.kind or kind_for_status(self.status)


class StreamSpec(Strict):
    ttft_ms: int = Field(0, ge=0, description="delay before the first byte (also for JSON replies)")
    delay_ms: int = Field(0, ge=0, description="delay between SSE events")
    chunk_chars: int = Field(16, ge=1, description="characters of text (or tool JSON) per delta")
    disconnect_after: int | None = Field(None, ge=0, description="drop the connection after N events")
    error_after: int | None = Field(None, ge=0, description="after N events, send a provider error event")
    error: ErrorSpec = Field(
        default_factory=lambda: ErrorSpec(status=529, kind="overloaded", message="Overloaded"),
        description="the error event sent by error_after",
    )


_KINDS = {
    "tool_use": "ToolUse",
    "json": "Json",
    "thinking": "Thinking",
    "redacted_thinking": "RedactedThinking",
}


def _content_kind(v: Any) -> str:
    if isinstance(v, dict):
        return next((tag for key, tag in _KINDS.items() if key in v), "Text")
    return "Text"


ContentItem = Annotated[
    Annotated[TextItem, Tag("Text")]
    | Annotated[ToolUseItem, Tag("ToolUse")]
    | Annotated[JsonItem, Tag("Json")]
    | Annotated[ThinkingItem, Tag("Thinking")]
    | Annotated[RedactedThinkingItem, Tag("RedactedThinking")],
    Discriminator(_content_kind),
]


class ReplySpec(Strict):
    content: list[ContentItem] = Field(
        min_length=1,
        description="text, json (a structured output's text) and tool_use blocks, in any order; thinking "
        "and redacted_thinking blocks are served first (to requests that enable thinking), wherever written",
    )
    stop_reason: StopReason | None = Field(
        None, description="default: tool_use when a tool is called, else end_turn"
    )
    usage: UsageSpec | None = Field(None, description="default: estimated, as for generated replies")
    stream: StreamSpec = Field(default_factory=StreamSpec)
    quirks: list[Annotated[str, WithJsonSchema({"type": "string", "enum": QUIRKS})]] = Field(
        default_factory=list, description="named deviations from the API, see the README"
    )

    @field_validator("quirks")
    @classmethod
    def _known_quirks(cls, v: list[str]) -> list[str]:
        unknown = sorted(set(v) - set(QUIRKS))
        if unknown:
            raise ValueError(f"unknown quirk(s) {unknown}; known: {QUIRKS}")
        return v


PRESETS: dict[str, ErrorSpec] = {
    "invalid_request": ErrorSpec(status=400, message="Invalid request"),
    "unauthorized": ErrorSpec(status=401, message="Invalid API key"),
    "rate_limited": ErrorSpec(status=429, message="Rate limit exceeded", headers={"retry-after": "1"}),
    "server_error": ErrorSpec(status=500, message="Internal server error"),
    "bad_gateway": ErrorSpec(
        status=502, message="Bad gateway: model host unavailable", headers={"retry-after": "1"}
    ),
    "model_loading": ErrorSpec(
        status=503,
        message="Model {{ model }} is loading, retry in 1 second",  # agrees with retry-after: 1
        headers={"retry-after": "1"},
    ),
    "overloaded": ErrorSpec(status=529, kind="overloaded", message="Overloaded"),
    "gateway_timeout": ErrorSpec(status=504, message="Gateway timeout"),
}


_PRESET_NAME: JsonSchemaValue = {"type": "string", "enum": sorted(PRESETS)}


class FaultSpec(Strict):
    """An error answer (a preset name, or status/kind/message/headers), or a connection fault."""

    preset: Annotated[str, WithJsonSchema(_PRESET_NAME)] | None = Field(None, description="a preset's name")
    status: int | None = Field(None, ge=400, le=599)
    kind: ErrorKind | None = None
    message: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    connection: Literal["close", "stall"] | None = Field(
        None, description="close: drop the connection unanswered; stall: hold it ms, then drop it"
    )
    ms: int = Field(0, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _preset_shorthand(cls, v: Any) -> Any:
        return {"preset": v} if isinstance(v, str) else v

    @classmethod
    def __get_pydantic_json_schema__(cls, core: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """The schema of what _preset_shorthand accepts: a preset's name, or the object."""
        return {"anyOf": [_PRESET_NAME, handler.resolve_ref_schema(handler(core))]}

    @model_validator(mode="after")
    def _one_kind(self) -> FaultSpec:
        if self.preset is not None and self.preset not in PRESETS:
            raise ValueError(f"unknown fault preset {self.preset!r}; known: {sorted(PRESETS)}")
        if self.connection and (self.preset or self.status):
            raise ValueError("a fault is either a connection fault or an error answer, not both")
        if not (self.connection or self.preset or self.status):
            raise ValueError("a fault needs a preset, a status, or a connection fault")
        if self.message is not None:
            check_template(self.message)
        return self

    def error(self) -> ErrorSpec:
        base = PRESETS[self.preset] if self.preset else ErrorSpec(status=self.status or 500)
        return ErrorSpec(
            status=self.status or base.status,
            kind=self.kind or base.kind,
            message=self.message or base.message,
            headers=base.headers | self.headers,
        )


class Outcome(Strict):
    reply: ReplySpec | None = Field(None, description="the reply; a plain string is short for one text block")
    fault: FaultSpec | None = None

    @field_validator("reply", mode="before", json_schema_input_type=str | ReplySpec | None)
    @classmethod
    def _text_shorthand(cls, v: Any) -> Any:
        return {"content": [{"text": v}]} if isinstance(v, str) else v

    @model_validator(mode="after")
    def _exactly_one(self) -> Outcome:
        if (self.reply is None) == (self.fault is None):
            raise ValueError("give exactly one of reply or fault")
        return self


class Expect(Strict):
    """What the request for this turn must carry; a request that differs gets an error saying how."""

    model: str | None = None
    tools: list[str] = Field(default_factory=list, description="tool names that must be offered")
    tool_results: bool = Field(
        True, description="the request must answer the previous turn's tool_use ids with tool_result blocks"
    )
    user_contains: str | None = None
    status: int = Field(400, ge=400, le=599, description="the status of the error when an expectation fails")


class Turn(Outcome):
    expect: Expect = Field(default_factory=Expect)
    attempts: list[Outcome] = Field(
        default_factory=list,
        description="outcomes for the 1st, 2nd, … identical request before this turn's reply or fault",
    )


class Match(Strict):
    """All given conditions must hold for a request (without x-mockgw-scenario) to get this scenario."""

    model: str | list[str] | None = None
    user_contains: str | None = Field(None, description="case-insensitive substring of the last user message")
    user_regex: str | None = Field(
        None,
        description="regex searched in the last user message; RE2 syntax (Python's, without "
        "backreferences and lookaround), so matching is linear in the text",
    )
    system_contains: str | None = None
    tools: list[str] = Field(default_factory=list, description="tool names that must all be offered")
    test_id: str | None = Field(
        None,
        description="the request's x-mockgw-test-id header, exactly, when it sends one (the pytest fixture "
        "sends the test's node id; recordings made through it carry this rule); a request without the "
        "header is matched by the other rules",
    )

    @field_validator("user_regex")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is not None:
            compile_regex(v)
        return v


class Chaos(Strict):
    """Seeded random faults: probability per request of each, drawn reproducibly from seed + request."""

    seed: int = 0
    rate_limited: float = Field(0.0, ge=0, le=1)
    server_error: float = Field(0.0, ge=0, le=1)
    model_loading: float = Field(0.0, ge=0, le=1)
    disconnect: float = Field(0.0, ge=0, le=1)


class Scenario(Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    description: str = ""
    match: Match | None = Field(None, description="without it, the scenario is used only when named")
    priority: int = Field(0, description="higher is tried first among matching scenarios")
    turns: list[Turn] = Field(min_length=1, description="the 1st, 2nd, … assistant turn of the conversation")
    chaos: Chaos | None = None


def json_schema() -> dict[str, Any]:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mockgw scenario file",
        "description": "One scenario, or a list of scenarios.",
        "anyOf": [{"$ref": "#/$defs/Scenario"}, {"type": "array", "items": {"$ref": "#/$defs/Scenario"}}],
    }
    defs = Scenario.model_json_schema(ref_template="#/$defs/{model}")
    schema["$defs"] = defs.pop("$defs", {}) | {"Scenario": defs}
    return schema
