"""The OpenAI Chat Completions request contract: `RequestIn`, validated by `REQUEST`.

The request as the official SDK types it (openai.types.chat.CompletionCreateParams and the types it
points to, openai 3.57.0): one TypedDict per object, tagged unions where the API tags them (messages
by role, content parts, tools, tool calls, tool_choice objects and response formats by type), the
SDK's nullability, and the ranges and lengths of the API reference. Validation is strict (JSON
types, closed objects) unless the server loosens it; then types are coerced and unknown fields
ignored, and every other rule still holds.

Imported by the first chat request (mockgw.wire.openai.request_contract): building it is a tenth of
mockgw's start-up.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, TypeAdapter
from typing_extensions import Required, TypedDict

Name = Annotated[str, StringConstraints(max_length=64, pattern=r"^[a-zA-Z0-9_-]+$")]


class CacheBreakpoint(TypedDict, total=False):
    mode: Required[Literal["explicit"]]
    ttl: Literal["30m", "12h"]


class TextPart(TypedDict, total=False):
    type: Required[Literal["text"]]
    text: Required[str]
    prompt_cache_breakpoint: CacheBreakpoint


class ImageURL(TypedDict, total=False):
    url: Required[str]
    detail: Literal["auto", "low", "high", "original"]


class ImagePart(TypedDict, total=False):
    type: Required[Literal["image_url"]]
    image_url: Required[ImageURL]
    prompt_cache_breakpoint: CacheBreakpoint


class InputAudio(TypedDict):
    data: str
    format: Literal["wav", "mp3"]


class AudioPart(TypedDict, total=False):
    type: Required[Literal["input_audio"]]
    input_audio: Required[InputAudio]
    prompt_cache_breakpoint: CacheBreakpoint


class FileData(TypedDict, total=False):
    file_data: str
    file_id: str
    filename: str


class FilePart(TypedDict, total=False):
    type: Required[Literal["file"]]
    file: Required[FileData]
    prompt_cache_breakpoint: CacheBreakpoint


class RefusalPart(TypedDict):
    type: Literal["refusal"]
    refusal: str


# Every part type the API knows, in the order its error lists them; a role takes a subset.
PART_TYPES = ("text", "image_url", "input_audio", "refusal", "audio", "file")
UserPart = Annotated[TextPart | ImagePart | AudioPart | FilePart, Field(discriminator="type")]
AssistantPart = Annotated[TextPart | RefusalPart, Field(discriminator="type")]
TextContent = str | Annotated[list[TextPart], Field(min_length=1)]


class SystemMessage(TypedDict, total=False):
    role: Required[Literal["system"]]
    content: Required[TextContent]
    name: Name


class DeveloperMessage(TypedDict, total=False):
    role: Required[Literal["developer"]]
    content: Required[TextContent]
    name: Name


class UserMessage(TypedDict, total=False):
    role: Required[Literal["user"]]
    content: Required[str | Annotated[list[UserPart], Field(min_length=1)]]
    name: Name


class FunctionCall(TypedDict):
    arguments: str
    name: Name


# `index` is not in the SDK's request types, but the SDK's own stream helper leaves it on the tool
# calls it assembles, clients send them back as they are, and the API accepts it (README, Assumptions).
class FunctionToolCall(TypedDict, total=False):
    id: Required[str]
    type: Required[Literal["function"]]
    function: Required[FunctionCall]
    index: int


class CustomCall(TypedDict):
    input: str
    name: str


class CustomToolCall(TypedDict, total=False):
    id: Required[str]
    type: Required[Literal["custom"]]
    custom: Required[CustomCall]
    index: int


class AudioRef(TypedDict):
    id: str


ToolCall = Annotated[FunctionToolCall | CustomToolCall, Field(discriminator="type")]


class AssistantMessage(TypedDict, total=False):
    role: Required[Literal["assistant"]]
    audio: AudioRef | None
    content: str | list[AssistantPart] | None
    function_call: FunctionCall | None
    name: Name
    refusal: str | None
    tool_calls: Annotated[list[ToolCall], Field(min_length=1)]


class ToolMessage(TypedDict):
    role: Literal["tool"]
    content: TextContent
    tool_call_id: str


class FunctionMessage(TypedDict):
    role: Literal["function"]
    content: str | None
    name: str


# Tags in the order the API's "Supported values" lists them.
MessageIn = Annotated[
    SystemMessage | AssistantMessage | UserMessage | FunctionMessage | ToolMessage | DeveloperMessage,
    Field(discriminator="role"),
]


class FunctionDefinition(TypedDict, total=False):
    name: Required[Name]
    description: str
    parameters: dict[str, Any]
    strict: bool | None


class FunctionTool(TypedDict):
    type: Literal["function"]
    function: FunctionDefinition


class TextFormat(TypedDict):
    type: Literal["text"]


class Grammar(TypedDict):
    definition: str
    syntax: Literal["lark", "regex"]


class GrammarFormat(TypedDict):
    type: Literal["grammar"]
    grammar: Grammar


class CustomDefinition(TypedDict, total=False):
    name: Required[Name]
    description: str
    format: Annotated[TextFormat | GrammarFormat, Field(discriminator="type")]


class CustomTool(TypedDict):
    type: Literal["custom"]
    custom: CustomDefinition


ToolIn = Annotated[FunctionTool | CustomTool, Field(discriminator="type")]


class LegacyFunction(TypedDict, total=False):
    name: Required[Name]
    description: str
    parameters: dict[str, Any]


class ToolName(TypedDict):
    name: str


class AllowedTools(TypedDict):
    mode: Literal["auto", "required"]
    tools: list[dict[str, Any]]


class AllowedToolsChoice(TypedDict):
    type: Literal["allowed_tools"]
    allowed_tools: AllowedTools


class FunctionChoice(TypedDict):
    type: Literal["function"]
    function: ToolName


class CustomChoice(TypedDict):
    type: Literal["custom"]
    custom: ToolName


ToolChoiceIn = (
    Literal["none", "auto", "required"]
    | Annotated[AllowedToolsChoice | FunctionChoice | CustomChoice, Field(discriminator="type")]
)


class JSONSchema(TypedDict, total=False):
    name: Required[Name]
    description: str
    schema: dict[str, Any]
    strict: bool | None


class JSONSchemaFormat(TypedDict):
    type: Literal["json_schema"]
    json_schema: JSONSchema


class JSONObjectFormat(TypedDict):
    type: Literal["json_object"]


ResponseFormatIn = Annotated[TextFormat | JSONSchemaFormat | JSONObjectFormat, Field(discriminator="type")]


class VoiceID(TypedDict):
    id: str


class AudioOutput(TypedDict):
    format: Literal["wav", "aac", "mp3", "flac", "opus", "pcm16"]
    voice: str | VoiceID


class ModerationMode(TypedDict):
    mode: Literal["score", "block"]


class ModerationPolicy(TypedDict, total=False):
    input: ModerationMode | None
    output: ModerationMode | None


class Moderation(TypedDict, total=False):
    model: Required[str]
    policy: ModerationPolicy | None


class Prediction(TypedDict):
    content: str | list[TextPart]
    type: Literal["content"]


class PromptCacheOptions(TypedDict, total=False):
    mode: Literal["implicit", "explicit"]
    ttl: Literal["30m"]


class StreamOptions(TypedDict, total=False):
    include_obfuscation: bool
    include_usage: bool


class ApproximateLocation(TypedDict, total=False):
    city: str
    country: str
    region: str
    timezone: str


class UserLocation(TypedDict):
    approximate: ApproximateLocation
    type: Literal["approximate"]


class WebSearchOptions(TypedDict, total=False):
    search_context_size: Literal["low", "medium", "high"]
    user_location: UserLocation | None


Penalty = Annotated[float, Field(ge=-2, le=2)]
# metadata: up to 16 pairs, keys up to 64 characters, values up to 512 (the reference's Metadata)
Metadata = Annotated[
    dict[Annotated[str, StringConstraints(max_length=64)], Annotated[str, StringConstraints(max_length=512)]],
    Field(max_length=16),
]


class RequestIn(TypedDict, total=False):
    messages: Required[Annotated[list[MessageIn], Field(min_length=1)]]
    model: Required[str]
    audio: AudioOutput | None
    frequency_penalty: Penalty | None
    function_call: Literal["none", "auto"] | ToolName
    functions: Annotated[list[LegacyFunction], Field(min_length=1, max_length=128)]
    logit_bias: dict[str, Annotated[int, Field(ge=-100, le=100)]] | None
    logprobs: bool | None
    max_completion_tokens: int | None
    max_tokens: int | None
    metadata: Metadata | None
    modalities: list[Literal["text", "audio"]] | None
    moderation: Moderation | None
    n: Annotated[int, Field(ge=1, le=128)] | None
    parallel_tool_calls: bool
    prediction: Prediction | None
    presence_penalty: Penalty | None
    prompt_cache_key: str | None
    prompt_cache_options: PromptCacheOptions
    prompt_cache_retention: Literal["in_memory", "24h"] | None
    reasoning_effort: Literal["none", "minimal", "low", "medium", "high", "xhigh", "max"] | None
    response_format: ResponseFormatIn
    safety_identifier: Annotated[str, StringConstraints(max_length=128)] | None
    seed: int | None
    service_tier: Literal["auto", "default", "flex", "scale", "priority", "fast"] | None
    stop: str | Annotated[list[str], Field(max_length=4)] | None
    store: bool | None
    stream: bool | None
    stream_options: StreamOptions | None
    temperature: Annotated[float, Field(ge=0, le=2)] | None  # 0.0-2.0: the docs page and the API agree
    tool_choice: ToolChoiceIn
    tools: Annotated[list[ToolIn], Field(min_length=1, max_length=128)]
    top_logprobs: Annotated[int, Field(ge=0, le=20)] | None
    top_p: Annotated[float, Field(ge=0, le=1)] | None
    user: str
    verbosity: Literal["low", "medium", "high"] | None
    web_search_options: WebSearchOptions


REQUEST: TypeAdapter[RequestIn] = TypeAdapter(RequestIn)
