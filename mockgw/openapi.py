"""The OpenAPI 3.1 document of every route, served at GET /_mockgw/openapi.json.

Request bodies are the JSON Schemas of what validates them (the wire modules' TypeAdapters, the
control plane's models, the scenario file schema), so the document cannot drift from what is
accepted. Responses are the TypedDicts below, written from the shapes the code emits and closed
(no undocumented field); tests/test_openapi.py checks real responses against them, so a new field
or a changed type fails a test until the document says it too.

Every path but the namespaces' own (ROOT_ONLY) also exists under a namespace, /ns/{ns}/…, acting on
that namespace only.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, TypeAdapter, with_config
from starlette.requests import Request
from starlette.responses import Response
from typing_extensions import NotRequired, TypedDict

from mockgw import __version__, control
from mockgw.accounts import KeySpec, PlanName
from mockgw.domain import ErrorKind, StopReason
from mockgw.platform import MODELS_PAGE, RefreshIn
from mockgw.scenario.model import Match, Scenario
from mockgw.state import NAMESPACE_NAME
from mockgw.web import json_response
from mockgw.wire import anthropic as anthropic_wire
from mockgw.wire import openai as openai_wire
from mockgw.wire.anthropic_contract import MessageCountTokensParams, MessageCreateParams
from mockgw.wire.openai import FINISH_REASONS
from mockgw.wire.openai_contract import RequestIn

CLOSED = ConfigDict(extra="forbid")
REF = "#/components/schemas/"
CREDENTIALS: list[dict[str, list[str]]] = [{"apiKey": []}, {"bearer": []}]  # either one


def _one_of(values: Any) -> Any:
    """A string restricted to the values the code draws from (kept as str for the type checker)."""
    return Field(json_schema_extra={"enum": sorted({v for v in values if v is not None})})


# --- errors: one envelope per family --------------------------------------------------------------


@with_config(CLOSED)
class AnthropicErrorDetail(TypedDict):
    type: Annotated[str, _one_of(anthropic_wire.ERROR_TYPES.values())]
    message: str


@with_config(CLOSED)
class AnthropicError(TypedDict):
    """Errors on /v1/messages (and, in a stream, the `error` event)."""

    type: Literal["error"]
    error: AnthropicErrorDetail
    request_id: str


@with_config(CLOSED)
class OpenAIErrorDetail(TypedDict):
    message: str
    type: Annotated[str, _one_of(t for t, _ in openai_wire.ERROR_TYPES.values())]
    param: str | None
    code: str | None


@with_config(CLOSED)
class OpenAIError(TypedDict):
    """Errors on /api/… (and, in a stream, an error chunk)."""

    error: OpenAIErrorDetail


@with_config(CLOSED)
class ControlError(TypedDict):
    """Errors of the control plane (/_mockgw/…): what was wrong, and every problem in an uploaded file."""

    error: str
    problems: NotRequired[list[str]]


# --- Anthropic Messages ---------------------------------------------------------------------------


@with_config(CLOSED)
class TextBlock(TypedDict):
    type: Literal["text"]
    text: str


@with_config(CLOSED)
class ToolUseBlock(TypedDict):
    type: Literal["tool_use"]
    id: str
    name: str
    input: dict[str, Any]


@with_config(CLOSED)
class ThinkingBlock(TypedDict):
    type: Literal["thinking"]
    thinking: str
    signature: str


@with_config(CLOSED)
class RedactedThinkingBlock(TypedDict):
    type: Literal["redacted_thinking"]
    data: str


AnthropicBlock = ThinkingBlock | RedactedThinkingBlock | TextBlock | ToolUseBlock


@with_config(CLOSED)
class CacheCreation(TypedDict):
    ephemeral_5m_input_tokens: int
    ephemeral_1h_input_tokens: int


@with_config(CLOSED)
class AnthropicUsage(TypedDict):
    input_tokens: int
    cache_creation_input_tokens: int
    cache_read_input_tokens: int
    cache_creation: CacheCreation
    output_tokens: int
    service_tier: str


@with_config(CLOSED)
class AnthropicMessage(TypedDict):
    id: str
    type: Literal["message"]
    role: Literal["assistant"]
    model: str
    content: list[AnthropicBlock]
    stop_reason: StopReason
    stop_sequence: str | None
    usage: AnthropicUsage


@with_config(CLOSED)
class StartedMessage(TypedDict):
    id: str
    type: Literal["message"]
    role: Literal["assistant"]
    model: str
    content: list[TextBlock | ToolUseBlock]
    stop_reason: None
    stop_sequence: None
    usage: AnthropicUsage


@with_config(CLOSED)
class MessageStart(TypedDict):
    type: Literal["message_start"]
    message: StartedMessage


@with_config(CLOSED)
class ContentBlockStart(TypedDict):
    type: Literal["content_block_start"]
    index: int
    content_block: AnthropicBlock


@with_config(CLOSED)
class Ping(TypedDict):
    type: Literal["ping"]


@with_config(CLOSED)
class TextDelta(TypedDict):
    type: Literal["text_delta"]
    text: str


@with_config(CLOSED)
class InputJsonDelta(TypedDict):
    type: Literal["input_json_delta"]
    partial_json: str


@with_config(CLOSED)
class ThinkingDelta(TypedDict):
    type: Literal["thinking_delta"]
    thinking: str


@with_config(CLOSED)
class SignatureDelta(TypedDict):
    type: Literal["signature_delta"]
    signature: str


@with_config(CLOSED)
class ContentBlockDelta(TypedDict):
    type: Literal["content_block_delta"]
    index: int
    delta: TextDelta | InputJsonDelta | ThinkingDelta | SignatureDelta


@with_config(CLOSED)
class ContentBlockStop(TypedDict):
    type: Literal["content_block_stop"]
    index: int


@with_config(CLOSED)
class StopDelta(TypedDict):
    stop_reason: StopReason
    stop_sequence: str | None


@with_config(CLOSED)
class DeltaUsage(TypedDict):
    input_tokens: int
    cache_creation_input_tokens: int
    cache_read_input_tokens: int
    output_tokens: int


@with_config(CLOSED)
class MessageDelta(TypedDict):
    type: Literal["message_delta"]
    delta: StopDelta
    usage: DeltaUsage


@with_config(CLOSED)
class MessageStop(TypedDict):
    type: Literal["message_stop"]


AnthropicStreamEvent = (
    MessageStart
    | ContentBlockStart
    | Ping
    | ContentBlockDelta
    | ContentBlockStop
    | MessageDelta
    | MessageStop
    | AnthropicError
)


# --- OpenAI Chat Completions ----------------------------------------------------------------------

FinishReason = Annotated[str, _one_of(FINISH_REASONS.values())]


@with_config(CLOSED)
class FunctionCall(TypedDict):
    name: str
    arguments: str


@with_config(CLOSED)
class ToolCall(TypedDict):
    id: str
    type: Literal["function"]
    function: FunctionCall


@with_config(CLOSED)
class AssistantMessage(TypedDict):
    role: Literal["assistant"]
    content: str | None
    refusal: None
    tool_calls: NotRequired[list[ToolCall]]


@with_config(CLOSED)
class TopLogprob(TypedDict):
    token: str
    bytes: list[int]
    logprob: float


@with_config(CLOSED)
class TokenLogprob(TypedDict):
    token: str
    bytes: list[int]
    logprob: float
    top_logprobs: list[TopLogprob]


@with_config(CLOSED)
class ChoiceLogprobs(TypedDict):
    """With `logprobs: true`: each token of the text (top_logprobs: as many as asked, the token first)."""

    content: list[TokenLogprob]
    refusal: None


@with_config(CLOSED)
class Choice(TypedDict):
    index: int
    message: AssistantMessage
    logprobs: ChoiceLogprobs | None
    finish_reason: FinishReason


@with_config(CLOSED)
class PromptTokensDetails(TypedDict):
    cached_tokens: int
    audio_tokens: int


@with_config(CLOSED)
class CompletionTokensDetails(TypedDict):
    reasoning_tokens: int
    audio_tokens: int
    accepted_prediction_tokens: int
    rejected_prediction_tokens: int


@with_config(CLOSED)
class OpenAIUsage(TypedDict):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    prompt_tokens_details: PromptTokensDetails
    completion_tokens_details: CompletionTokensDetails


@with_config(CLOSED)
class ChatCompletion(TypedDict):
    id: str
    object: Literal["chat.completion"]
    created: int
    model: str
    system_fingerprint: str
    choices: list[Choice]
    usage: OpenAIUsage


@with_config(CLOSED)
class FunctionCallDelta(TypedDict):
    name: NotRequired[str]
    arguments: str


@with_config(CLOSED)
class ToolCallDelta(TypedDict):
    index: int
    id: NotRequired[str]
    type: NotRequired[Literal["function"]]
    function: FunctionCallDelta


@with_config(CLOSED)
class ChunkDelta(TypedDict, total=False):
    role: Literal["assistant"]
    content: str | None
    refusal: None
    tool_calls: list[ToolCallDelta]


@with_config(CLOSED)
class ChunkChoice(TypedDict):
    index: int
    delta: ChunkDelta
    logprobs: ChoiceLogprobs | None
    finish_reason: FinishReason | None


@with_config(CLOSED)
class ChatCompletionChunk(TypedDict):
    """One `data:` line of a stream; the stream ends with `data: [DONE]`."""

    id: str
    object: Literal["chat.completion.chunk"]
    created: int
    model: str
    system_fingerprint: str
    choices: list[ChunkChoice]
    usage: NotRequired[OpenAIUsage | None]  # with include_usage: null on every chunk but the last


OpenAIStreamEvent = ChatCompletionChunk | OpenAIError


# --- the gateway's account routes -----------------------------------------------------------------


@with_config(CLOSED)
class TokensCount(TypedDict):
    """anthropic.types.MessageTokensCount: what usage.input_tokens reports for the same request."""

    input_tokens: int


@with_config(CLOSED)
class Profile(TypedDict):
    id: str
    email: str
    plan: PlanName
    credits: int
    requests_per_hour: int


@with_config(CLOSED)
class Tokens(TypedDict):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"]
    expires_in: int
    account_id: str


@with_config(CLOSED)
class Balance(TypedDict):
    balance: int
    monthly_credits: int
    used: int
    plan: PlanName
    period_start: str
    period_end: str


@with_config(CLOSED)
class OpenAIModel(TypedDict):
    """openai.types.Model, with the gateway's own facts about the model alongside."""

    id: str
    object: Literal["model"]
    created: int
    owned_by: str
    plan: PlanName
    tools: bool
    max_tokens: int
    credits_per_request: int


@with_config(CLOSED)
class OpenAIModelList(TypedDict):
    object: Literal["list"]
    data: list[OpenAIModel]


@with_config(CLOSED)
class AnthropicModel(TypedDict):
    """anthropic.types.ModelInfo."""

    type: Literal["model"]
    id: str
    display_name: str
    created_at: str
    lifecycle: str
    max_input_tokens: int
    max_tokens: int


@with_config(CLOSED)
class AnthropicModelPage(TypedDict):
    data: list[AnthropicModel]
    has_more: bool
    first_id: str | None
    last_id: str | None


# --- the control plane ----------------------------------------------------------------------------


@with_config(CLOSED)
class Health(TypedDict):
    status: Literal["ok"]
    version: str
    namespace: str
    scenarios: int


@with_config(CLOSED)
class ResetDone(TypedDict):
    reset: Literal[True]


@with_config(CLOSED)
class JournalBlock(TypedDict):
    type: Literal["thinking", "redacted_thinking", "text", "tool_use"]
    thinking: NotRequired[str]
    signature: NotRequired[str]
    data: NotRequired[str]
    text: NotRequired[str]
    id: NotRequired[str]
    name: NotRequired[str]
    input: NotRequired[dict[str, Any]]


@with_config(CLOSED)
class JournalUsage(TypedDict):
    input_tokens: int
    output_tokens: int


@with_config(CLOSED)
class ReplyOutcome(TypedDict):
    type: Literal["reply"]
    stop_reason: StopReason
    content: list[JournalBlock]
    usage: JournalUsage


@with_config(CLOSED)
class ErrorOutcome(TypedDict):
    type: Literal["error"]
    status: int
    kind: ErrorKind
    message: str


@with_config(CLOSED)
class DropOutcome(TypedDict):
    type: Literal["drop"]
    stall_ms: int


@with_config(CLOSED)
class StreamReport(TypedDict):
    events: int
    sent: int
    ending: Literal["complete", "error_event", "disconnect", "drop", "client_disconnected"]
    client_disconnected: bool


@with_config(CLOSED)
class JournalEntry(TypedDict):
    id: int
    time: float
    method: str
    path: str
    format: Literal["anthropic", "openai"] | None
    status: int
    scenario: str | None
    turn: int | None
    attempt: int | None
    chaos: str | None
    body: Any
    headers: dict[str, str]
    response: ReplyOutcome | ErrorOutcome | DropOutcome | None
    stream: StreamReport | None


@with_config(CLOSED)
class Journal(TypedDict):
    requests: list[JournalEntry]


@with_config(CLOSED)
class Active(TypedDict):
    active: str | None


@with_config(CLOSED)
class ScenarioSummary(TypedDict):
    name: str
    description: str
    match: Match | None  # its rules, defaults left out; null: used only when named
    turns: int
    uploaded: bool


@with_config(CLOSED)
class ScenarioListing(TypedDict):
    scenarios: list[ScenarioSummary]
    active: str | None


@with_config(CLOSED)
class Added(TypedDict):
    added: list[str]


@with_config(CLOSED)
class ClockState(TypedDict):
    now: float
    iso: str
    offset_seconds: float


@with_config(CLOSED)
class KeyAccount(TypedDict):
    id: str
    email: str
    plan: PlanName
    credits: int
    requests_per_hour: int
    key: str


@with_config(CLOSED)
class NamespaceInfo(TypedDict):
    name: str
    label: str
    requests: int
    idle_seconds: float


@with_config(CLOSED)
class NamespaceListing(TypedDict):
    namespaces: list[NamespaceInfo]


@with_config(CLOSED)
class NamespaceOpened(TypedDict):
    name: str
    label: str
    requests: int
    idle_seconds: float
    path: str


@with_config(CLOSED)
class Dropped(TypedDict):
    dropped: str


# --- the document ---------------------------------------------------------------------------------

ScenarioFile = Scenario | list[Scenario]

# name in components/schemas -> the type whose JSON Schema it is
COMPONENTS: dict[str, Any] = {
    "AnthropicRequest": MessageCreateParams,
    "TokensCount": TokensCount,
    "OpenAIRequest": RequestIn,
    "RefreshRequest": RefreshIn,
    "ScenarioFile": ScenarioFile,
    "KeySpec": KeySpec,
    "AnthropicError": AnthropicError,
    "OpenAIError": OpenAIError,
    "ControlError": ControlError,
    "AnthropicMessage": AnthropicMessage,
    "AnthropicStreamEvent": AnthropicStreamEvent,
    "ChatCompletion": ChatCompletion,
    "OpenAIStreamEvent": OpenAIStreamEvent,
    "Profile": Profile,
    "Tokens": Tokens,
    "Balance": Balance,
    "OpenAIModelList": OpenAIModelList,
    "AnthropicModel": AnthropicModel,
    "AnthropicModelPage": AnthropicModelPage,
    "Health": Health,
    "ResetDone": ResetDone,
    "Journal": Journal,
    "Active": Active,
    "ScenarioListing": ScenarioListing,
    "Added": Added,
    "ClockState": ClockState,
    "KeyAccount": KeyAccount,
    "NamespaceListing": NamespaceListing,
    "NamespaceOpened": NamespaceOpened,
    "Dropped": Dropped,
}
# The chat requests' schemas come from the validators' own adapters: a second TypeAdapter of the same
# type, built after other contracts were imported, could describe it differently.
VALIDATORS = {
    "AnthropicRequest": anthropic_wire.request_contract,
    "OpenAIRequest": openai_wire.request_contract,
}
# The control plane's request models live in control.py, which imports this module: looked up late.
CONTROL_MODELS = ("ClockMove", "ActiveScenario", "TokenRequest", "NamespaceRequest")


def _schemas() -> dict[str, Any]:
    """Every component's JSON Schema, its nested definitions flattened into components/schemas too.

    The two wire formats' request schemas nest definitions of the same names (MessageIn, ToolIn), so
    theirs are prefixed with the format's name.
    """
    found = COMPONENTS | {name: getattr(control, name) for name in CONTROL_MODELS}
    out: dict[str, Any] = {}
    for name, kind in found.items():
        # a request's own types ("Message", "Tool", ...) get its name in front: AnthropicRequestMessage
        prefix = name if name.endswith("Request") else ""
        adapter = VALIDATORS[name]() if name in VALIDATORS else TypeAdapter(kind)
        schema = adapter.json_schema(ref_template=REF + prefix + "{model}")
        for sub, definition in schema.pop("$defs", {}).items():
            _add(out, prefix + sub, definition)
        _add(out, name, schema)
    out["CountTokensRequest"] = _count_tokens_request(out["AnthropicRequest"])
    return out


def _count_tokens_request(create: dict[str, Any]) -> dict[str, Any]:
    """MessageCountTokensParams: its fields have MessageCreateParams' types (the generated contract
    writes them with the same names), so its schema is a subset of AnthropicRequest's, sharing its
    definitions (a schema of its own would double the time this document takes to build)."""
    fields = {k: str(v) for k, v in MessageCountTokensParams.__annotations__.items()}
    return create | {
        "title": "MessageCountTokensParams",
        "properties": {k: v for k, v in create["properties"].items() if k in fields},
        "required": sorted(k for k, v in fields.items() if "Required[" in v),
    }


def _add(components: dict[str, Any], name: str, schema: dict[str, Any]) -> None:
    if components.setdefault(name, schema) != schema:
        raise AssertionError(f"two different schemas are both called {name}")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def _json(name: str, description: str = "") -> dict[str, Any]:
    return {"description": description or name, "content": {"application/json": {"schema": _ref(name)}}}


def _errors(envelope: str) -> dict[str, Any]:
    return {"4XX": _json(envelope, "refused, in the family's envelope")}


def _chat(wire: str, message: str, events: str, request_id: str, extra_params: list[Any]) -> dict[str, Any]:
    ok = {
        "description": "the reply; a stream when the body asks for one",
        "headers": {request_id: {"required": True, "schema": {"type": "string"}}},
        "content": {
            "application/json": {"schema": _ref(message)},
            "text/event-stream": {
                "schema": {"type": "string"},
                "x-mockgw-event": _ref(events),  # the JSON of each `data:` line ([DONE] aside)
            },
        },
    }
    error = {
        "description": "refused, or an error a scenario scripted",
        "headers": {request_id: {"required": True, "schema": {"type": "string"}}},
        "content": {"application/json": {"schema": _ref(f"{wire}Error")}},
    }
    params = [
        _optional("header", "x-mockgw-scenario", "the scenario for this request"),
        _optional("header", "x-mockgw-strict", "1: an unmatched request is refused instead of answered"),
        _optional("header", "x-mockgw-test-id", "the test sending it: what a match rule's test_id names"),
        *extra_params,
    ]
    return {
        "post": {
            "operationId": f"{wire.lower()}_chat",
            "tags": ["gateway"],
            "security": CREDENTIALS,
            "parameters": params,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref(f"{wire}Request")}},
            },
            "responses": {"200": ok, "4XX": error, "5XX": error},
        }
    }


def _optional(where: Literal["header", "query"], name: str, description: str) -> dict[str, Any]:
    """An optional string parameter."""
    return {
        "name": name,
        "in": where,
        "required": False,
        "description": description,
        "schema": {"type": "string"},
    }


def _path_param(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def _query_of(adapter: TypeAdapter[Any]) -> list[dict[str, Any]]:
    """The query parameters a route validates with a TypedDict, each with its own JSON Schema."""
    schema = adapter.json_schema()
    required = set(schema.get("required", []))
    return [
        {"name": name, "in": "query", "required": name in required, "schema": prop}
        for name, prop in schema["properties"].items()
    ]


def _op(
    op_id: str,
    summary: str,
    ok: dict[str, Any],
    *,
    status: str = "200",
    body: str | None = None,
    errors: str = "ControlError",
    **extra: Any,
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": op_id,
        "summary": summary,
        "tags": ["control" if errors == "ControlError" else "platform"],
        "responses": {status: ok} | _errors(errors),
        **extra,
    }
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(body)}}}
    return operation


def _paths() -> dict[str, Any]:
    scenario_upload = _op(
        "upload_scenarios", "add scenarios (YAML or JSON; validated)", _json("Added"), status="201"
    )
    scenario_upload["requestBody"] = {
        "required": True,
        "content": {
            "application/json": {"schema": _ref("ScenarioFile")},
            "application/yaml": {"schema": {"type": "string"}},
        },
    }
    scenario_upload["responses"]["400"] = _json("ControlError", "invalid scenario, with every problem")
    return {
        "/v1/messages": _chat(
            "Anthropic",
            "AnthropicMessage",
            "AnthropicStreamEvent",
            "request-id",
            [_optional("header", "anthropic-version", "optional unless --require-anthropic-version")],
        ),
        "/api/v1/chat/completions": _chat(
            "OpenAI", "ChatCompletion", "OpenAIStreamEvent", "x-request-id", []
        ),
        "/v1/messages/count_tokens": {
            "post": _op(
                "anthropic_count_tokens",
                "the prompt's input_tokens, as usage reports them; not charged, not rate limited",
                _json("TokensCount"),
                body="CountTokensRequest",
                errors="AnthropicError",
                security=CREDENTIALS,
            )
        },
        "/api/v1/auth/me": {
            "get": _op(
                "auth_me",
                "who the credential belongs to",
                _json("Profile"),
                errors="OpenAIError",
                security=CREDENTIALS,
            )
        },
        "/api/v1/auth/refresh": {
            "post": _op(
                "auth_refresh",
                "a new access + refresh token",
                _json("Tokens"),
                body="RefreshRequest",
                errors="OpenAIError",
            )
        },
        "/api/v1/public/credits/balance": {
            "get": _op(
                "credits_balance",
                "the credit balance",
                _json("Balance"),
                errors="OpenAIError",
                security=CREDENTIALS,
            )
        },
        "/api/v1/models": {
            "get": _op(
                "openai_models",
                "the model catalog, as OpenAI lists models",
                _json("OpenAIModelList"),
                errors="OpenAIError",
                security=CREDENTIALS,
            )
        },
        "/v1/models": {
            "get": _op(
                "anthropic_models",
                "a page of the model catalog, as Anthropic lists models",
                _json("AnthropicModelPage"),
                errors="AnthropicError",
                security=CREDENTIALS,
                parameters=_query_of(MODELS_PAGE),
            )
        },
        "/v1/models/{model_id}": {
            "get": _op(
                "anthropic_model",
                "one model of the catalog; a model it does not hold is a 404",
                _json("AnthropicModel"),
                errors="AnthropicError",
                security=CREDENTIALS,
                parameters=[_path_param("model_id")],
            )
        },
        "/_mockgw/health": {"get": _op("health", "alive, version, scenarios", _json("Health"))},
        "/_mockgw/reset": {"post": _op("reset", "back to the configured state", _json("ResetDone"))},
        "/_mockgw/requests": {
            "get": _op(
                "journal",
                "the journal, oldest first",
                _json("Journal"),
                parameters=[
                    _optional("query", "path", "only this path"),
                    _optional("query", "scenario", "only this scenario"),
                ],
            ),
            "delete": _op("clear_journal", "clear the journal", _json("Journal")),
        },
        "/_mockgw/scenario": {
            "put": _op(
                "use_scenario",
                "the scenario for requests that name none",
                _json("Active"),
                body="ActiveScenario",
            ),
            "delete": _op("clear_scenario", "no active scenario", _json("Active")),
        },
        "/_mockgw/scenarios": {
            "get": _op("list_scenarios", "the scenarios and the active one", _json("ScenarioListing")),
            "post": scenario_upload,
        },
        "/_mockgw/clock": {
            "get": _op("read_clock", "the mockgw clock", _json("ClockState")),
            "post": _op("move_clock", "move the clock forward", _json("ClockState"), body="ClockMove"),
        },
        "/_mockgw/keys": {
            "post": _op(
                "put_key",
                "create or update a key's account",
                _json("KeyAccount"),
                status="201",
                body="KeySpec",
            )
        },
        "/_mockgw/tokens": {
            "post": _op(
                "mint_token", "an access + refresh token", _json("Tokens"), status="201", body="TokenRequest"
            )
        },
        "/_mockgw/namespaces": {
            "get": _op("list_namespaces", "every namespace of the server", _json("NamespaceListing")),
            "post": _op(
                "open_namespace",
                "open a namespace",
                _json("NamespaceOpened"),
                status="201",
                body="NamespaceRequest",
            ),
        },
        "/_mockgw/namespaces/{name}": {
            "delete": _op(
                "drop_namespace",
                "drop a namespace",
                _json("Dropped"),
                parameters=[_path_param("name")],
            )
        },
        "/_mockgw/openapi.json": {
            "get": _op(
                "openapi",
                "this document",
                {
                    "description": "OpenAPI 3.1",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
            )
        },
    }


# The server's namespaces are handled at its root only: under /ns/{ns} these paths are a 404.
ROOT_ONLY = frozenset({"/_mockgw/namespaces", "/_mockgw/namespaces/{name}"})
NAMESPACE_PARAM = {
    "name": "ns",
    "in": "path",
    "required": True,
    "description": "a namespace opened with POST /_mockgw/namespaces",
    "schema": {"type": "string", "pattern": NAMESPACE_NAME.pattern},
}


def _namespaced(path: str, item: dict[str, Any]) -> dict[str, Any]:
    """The same operations under /ns/{ns}; a namespace that does not exist is a 404 in the path's envelope."""
    out: dict[str, Any] = {}
    for method, op in item.items():
        copy = dict(op, operationId="ns_" + op["operationId"], tags=[*op["tags"], "namespaced"])
        copy["parameters"] = [NAMESPACE_PARAM, *op.get("parameters", [])]
        out[method] = copy
    return out


def build() -> dict[str, Any]:
    paths = _paths()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "mockgw",
            "version": __version__,
            "description": "An offline fake of the AINative Studio chat gateway, and its control plane.",
        },
        "paths": paths
        | {"/ns/{ns}" + p: _namespaced(p, item) for p, item in paths.items() if p not in ROOT_ONLY},
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {
                "apiKey": {"type": "apiKey", "in": "header", "name": "x-api-key"},
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "an sk_ key or a platform token",
                },
            },
        },
    }


_document: dict[str, Any] | None = None


def document() -> dict[str, Any]:
    """Built once per process: it depends on code only."""
    global _document
    if _document is None:
        _document = build()
    return _document


async def endpoint(request: Request) -> Response:
    return json_response(document())
