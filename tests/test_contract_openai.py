"""The OpenAI Chat Completions request contract: refused as the real API refuses, accepted as it accepts.

Sources: the official SDK's request types, openai 3.57.0 `openai/types/chat/completion_create_params.py`
and the types it points to (messages by role, content parts, tools, tool_choice, response formats);
the API reference (https://platform.openai.com/docs/api-reference/chat/create) for ranges and lengths;
the gateway's docs page for temperature (0.0-2.0). The error wording (message, `param`, `code`) is the
real API's, as quoted from its 400 bodies in public issues; each test names the ones it follows.
"""

from __future__ import annotations

import json

import httpx
import openai
import pytest

from mockgw.domain import GatewayError
from mockgw.wire import openai as openai_wire

MODEL = "qwen-coder-32b"
HI = [{"role": "user", "content": "hi"}]
OK = {"model": MODEL, "messages": HI}
FN = {"type": "function", "function": {"name": "read_file", "parameters": {"type": "object"}}}
CALL = {"id": "call_1", "type": "function", "function": {"name": "read_file", "arguments": "{}"}}
ASKED = {"role": "assistant", "content": None, "tool_calls": [CALL]}
ANSWER = {"role": "tool", "tool_call_id": "call_1", "content": "file text"}


def post(mockgw, body: object) -> httpx.Response:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.post(
        mockgw.openai_base_url + "/chat/completions",
        content=raw,
        headers={"authorization": f"Bearer {mockgw.api_key}", "content-type": "application/json"},
    )


def refused(mockgw, body: object) -> dict:
    resp = post(mockgw, body)
    assert resp.status_code == 400, resp.text
    error = resp.json()["error"]
    assert error["type"] == "invalid_request_error"
    return error


def check(mockgw, body: object, message: str, param: str | None, code: str | None) -> None:
    assert refused(mockgw, body) == {
        "message": message,
        "type": "invalid_request_error",
        "param": param,
        "code": code,
    }


def answered(mockgw, body: dict) -> dict:
    resp = post(mockgw, body)
    assert resp.status_code == 200, resp.text
    return resp.json() if not body.get("stream") else {"sse": resp.text}


# --- refused -------------------------------------------------------------------------------------

TYPES = [
    ("max_tokens as a string", {"max_tokens": "10"}, "max_tokens", "expected an integer, but got a string"),
    ("stream as a string", {"stream": "yes"}, "stream", "expected a boolean, but got a string"),
    (
        "temperature as a string",
        {"temperature": "hot"},
        "temperature",
        "expected a decimal, but got a string",
    ),
    ("seed as a decimal", {"seed": 1.5}, "seed", "expected an integer, but got a decimal number"),
    ("user as an object", {"user": {"a": 1}}, "user", "expected a string, but got an object"),
    (
        "messages as a string",
        {"messages": "hi"},
        "messages",
        "expected an array of objects, but got a string",
    ),
    ("a message as a string", {"messages": ["hi"]}, "messages[0]", "expected an object, but got a string"),
    ("tools as a string", {"tools": "none"}, "tools", "expected an array of objects, but got a string"),
    (
        "response_format as a string",
        {"response_format": "json"},
        "response_format",
        "expected an object, but got a string",
    ),
    (
        "stop as a number",
        {"stop": 7},
        "stop",
        "expected one of a string or array of strings, but got an integer",
    ),
    ("a stop sequence as a number", {"stop": [1]}, "stop[0]", "expected a string, but got an integer"),
    (
        "tool_choice as a number",
        {"tool_choice": 7, "tools": [FN]},
        "tool_choice",
        "expected one of one of 'none', 'auto', or 'required' or object, but got an integer",
    ),
    (
        "content as a number",
        {"messages": [{"role": "user", "content": 7}]},
        "messages[0].content",
        "expected one of a string or array of objects, but got an integer",
    ),
]


@pytest.mark.parametrize(("case", "fragment", "param", "words"), TYPES, ids=[c[0] for c in TYPES])
def test_json_types_are_strict(mockgw, case, fragment, param, words):
    """Nothing is coerced: "10" is not an integer, "yes" not a boolean.

    Wording: "Invalid type for 'max_tokens': expected an integer, but got a string instead." and
    "Invalid type for 'temperature': expected a decimal, but got a string instead." (code invalid_type,
    param the field's path), as the API answers (diffbot/code-gpt-docs#273, openai/openai-agents-python
    tracing errors quoted in public notebooks); union types read "one of a string or array of objects"
    (coze-dev/coze-studio#2317).
    """
    check(mockgw, OK | fragment, f"Invalid type for '{param}': {words} instead.", param, "invalid_type")


def test_unknown_fields_are_refused_at_the_top_and_inside(mockgw):
    """Closed objects. A top-level field the API does not have: "Unrecognized request argument supplied:
    top_k" with param and code null (xlinx/sd-webui-decadetw-auto-prompt-llm#29, coroot/coroot#698);
    a field inside an object: "Unknown parameter: 'messages[1].tool_calls[0].index'." with code
    unknown_parameter (songquanpeng/one-api#1319)."""
    check(mockgw, OK | {"top_k": 5}, "Unrecognized request argument supplied: top_k", None, None)
    check(
        mockgw,
        OK | {"messages": [{"role": "user", "content": "hi", "cache_control": {}}]},
        "Unknown parameter: 'messages[0].cache_control'.",
        "messages[0].cache_control",
        "unknown_parameter",
    )
    check(
        mockgw,
        OK | {"stream": True, "stream_options": {"include_usage": True, "usage": True}},
        "Unknown parameter: 'stream_options.usage'.",
        "stream_options.usage",
        "unknown_parameter",
    )


def test_required_fields_and_an_empty_conversation(mockgw):
    """model and messages are required (`Required[...]` in CompletionCreateParamsBase); messages is a
    non-empty list. Wording: "you must provide a model parameter"; "Missing required parameter:
    'messages'." (missing_required_parameter); "Invalid 'messages': empty array. ..." (empty_array);
    an unparseable body gets the API's "We could not parse the JSON body of your request." """
    check(mockgw, {"messages": HI}, "you must provide a model parameter", None, None)
    check(
        mockgw,
        {"model": MODEL},
        "Missing required parameter: 'messages'.",
        "messages",
        "missing_required_parameter",
    )
    check(
        mockgw,
        OK | {"messages": []},
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        "messages",
        "empty_array",
    )
    assert refused(mockgw, b"{not json")["message"].startswith(
        "We could not parse the JSON body of your request."
    )


ALL_PART_TYPES = "'text', 'image_url', 'input_audio', 'refusal', 'audio', and 'file'"
PARTS = [
    (
        "an unknown part type",
        "user",
        {"type": "thinking", "thinking": "x"},
        f"Invalid value: 'thinking'. Supported values are: {ALL_PART_TYPES}.",
        "messages[0].content[0].type",
        "invalid_value",
    ),
    (
        "a part without a type",
        "user",
        {"text": "x"},
        "Missing required parameter: 'messages[0].content[0].type'.",
        "messages[0].content[0].type",
        "missing_required_parameter",
    ),
    (
        "a refusal part from the user",
        "user",
        {"type": "refusal", "refusal": "no"},
        "Invalid value: 'refusal'. Supported values are: 'text', 'image_url', 'input_audio', and 'file'.",
        "messages[0].content[0].type",
        "invalid_value",
    ),
    (
        "an image in a system message",
        "system",
        {"type": "image_url", "image_url": {"url": "https://x/y.png"}},
        "Invalid value: 'image_url'. Supported values are: 'text'.",
        "messages[0].content[0].type",
        "invalid_value",
    ),
    (
        "a text part without text",
        "user",
        {"type": "text"},
        "Missing required parameter: 'messages[0].content[0].text'.",
        "messages[0].content[0].text",
        "missing_required_parameter",
    ),
    (
        "an image detail the API lacks",
        "user",
        {"type": "image_url", "image_url": {"url": "https://x/y.png", "detail": "max"}},
        "Invalid value: 'max'. Supported values are: 'auto', 'low', 'high', and 'original'.",
        "messages[0].content[0].image_url.detail",
        "invalid_value",
    ),
    (
        "an audio format the API lacks",
        "user",
        {"type": "input_audio", "input_audio": {"data": "UklGR", "format": "ogg"}},
        "Invalid value: 'ogg'. Supported values are: 'wav' and 'mp3'.",
        "messages[0].content[0].input_audio.format",
        "invalid_value",
    ),
]


@pytest.mark.parametrize(
    ("case", "role", "part", "message", "param", "code"), PARTS, ids=[c[0] for c in PARTS]
)
def test_content_parts_are_a_tagged_union(mockgw, case, role, part, message, param, code):
    """Parts are tagged by `type` (ChatCompletionContentPartParam: text, image_url, input_audio, file for
    user messages; text for system, developer and tool; text and refusal for assistant). An unknown type:
    "Invalid value: 'image'. Supported values are: 'text', 'image_url', 'input_audio', 'refusal', 'audio',
    and 'file'." with param messages[0].content[1].type and code invalid_value, as the API answers
    (quoted in openai-python and langchain issues about `image` / `thinking` blocks)."""
    check(mockgw, OK | {"messages": [{"role": role, "content": [part]}]}, message, param, code)


MESSAGES = [
    (
        "a user message without content",
        [{"role": "user"}],
        "Missing required parameter: 'messages[0].content'.",
        "messages[0].content",
        "missing_required_parameter",
    ),
    (
        "a user message with null content",
        [{"role": "user", "content": None}],
        "Invalid type for 'messages[0].content': expected one of a string or array of objects, but got null instead.",
        "messages[0].content",
        "invalid_type",
    ),
    (
        "a user message with no parts",
        [{"role": "user", "content": []}],
        "Invalid 'messages[0].content': empty array. Expected an array with minimum length 1, but got an empty "
        "array instead.",
        "messages[0].content",
        "empty_array",
    ),
    (
        "an unknown role",
        [{"role": "robot", "content": "x"}],
        "Invalid value: 'robot'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and "
        "'developer'.",
        "messages[0].role",
        "invalid_value",
    ),
    (
        "a role that is not a string",
        [{"role": 1, "content": "x"}],
        "Invalid type for 'messages[0].role': expected one of 'system', 'assistant', 'user', 'function', 'tool', "
        "or 'developer', but got an integer instead.",
        "messages[0].role",
        "invalid_type",
    ),
    (
        "a message without a role",
        [{"content": "x"}],
        "Missing required parameter: 'messages[0].role'.",
        "messages[0].role",
        "missing_required_parameter",
    ),
    (
        "a name with a space",
        [{"role": "user", "content": "x", "name": "Ada Lovelace"}],
        "Invalid 'messages[0].name': string does not match pattern. Expected a string that matches the pattern "
        "'^[a-zA-Z0-9_-]+$'.",
        "messages[0].name",
        "invalid_value",
    ),
    (
        "an assistant message with neither content nor tool calls",
        [*HI, {"role": "assistant", "content": None}],
        "Invalid value for 'content': expected a string, got null.",
        "messages.[1].content",
        None,
    ),
    (
        "a tool message without tool_call_id",
        [*HI, ASKED, {"role": "tool", "content": "x"}],
        "Missing required parameter: 'messages[2].tool_call_id'.",
        "messages[2].tool_call_id",
        "missing_required_parameter",
    ),
    (
        "assistant tool_calls that are empty",
        [*HI, {"role": "assistant", "content": "x", "tool_calls": []}],
        "Invalid 'messages[1].tool_calls': empty array. Expected an array with minimum length 1, but got an empty "
        "array instead.",
        "messages[1].tool_calls",
        "empty_array",
    ),
]


@pytest.mark.parametrize(
    ("case", "messages", "message", "param", "code"), MESSAGES, ids=[c[0] for c in MESSAGES]
)
def test_message_shapes_per_role(mockgw, case, messages, message, param, code):
    """Each role has its own shape (chat_completion_*_message_param.py): a user message needs content, a
    string or a non-empty list of parts, never null; an assistant message may leave content out only when
    it carries tool_calls (or a function_call / audio); a tool message needs tool_call_id. Wording as the
    API's: "Invalid value: 'tooool'. Supported values are: 'system', 'assistant', 'user', 'function',
    'tool', and 'developer'." (param messages[2].role, invalid_value); "Invalid 'messages[1].name': string
    does not match pattern. ..." (invalid_value); "Invalid value for 'content': expected a string, got
    null." (param messages.[0].content, code null; langchain-ai/langchainjs#4153)."""
    check(mockgw, OK | {"messages": messages}, message, param, code)


TOOL_TURNS = [
    (
        "a tool message nobody asked for",
        [*HI, ANSWER],
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with "
        "'tool_calls'.",
        "messages.[1].role",
    ),
    (
        "a tool message for another call",
        [*HI, ASKED, ANSWER | {"tool_call_id": "call_9"}],
        "Invalid parameter: 'tool_call_id' of 'call_9' not found in 'tool_calls' of previous message.",
        "messages.[2].tool_call_id",
    ),
    (
        "a call left unanswered",
        [*HI, ASKED, {"role": "user", "content": "and?"}],
        "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
        "'tool_call_id'. The following tool_call_ids did not have response messages: call_1",
        "messages.[1].role",
    ),
]


@pytest.mark.parametrize(("case", "messages", "message", "param"), TOOL_TURNS, ids=[c[0] for c in TOOL_TURNS])
def test_tool_messages_answer_the_calls_right_before_them(mockgw, case, messages, message, param):
    """The API's tool-loop rules, in its words (param in its older `messages.[N]` style, code null):
    "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with
    'tool_calls'." (param messages.[2].role), "Invalid parameter: 'tool_call_id' of 'call_...' not found
    in 'tool_calls' of previous message.", "An assistant message with 'tool_calls' must be followed by tool
    messages responding to each 'tool_call_id'. The following tool_call_ids did not have response
    messages: call_..." — all quoted from the API in public issues."""
    check(mockgw, OK | {"messages": messages}, message, param, None)


RANGES = [
    ("temperature above 2", {"temperature": 2.5}, "temperature", "decimal above maximum", "<= 2", "2.5"),
    ("temperature below 0", {"temperature": -0.5}, "temperature", "decimal below minimum", ">= 0", "-0.5"),
    ("top_p above 1", {"top_p": 1.5}, "top_p", "decimal above maximum", "<= 1", "1.5"),
    (
        "frequency_penalty above 2",
        {"frequency_penalty": 3},
        "frequency_penalty",
        "decimal above maximum",
        "<= 2",
        "3",
    ),
    (
        "presence_penalty below -2",
        {"presence_penalty": -2.5},
        "presence_penalty",
        "decimal below minimum",
        ">= -2",
        "-2.5",
    ),
    ("n of 0", {"n": 0}, "n", "integer below minimum", ">= 1", "0"),
    ("n above 128", {"n": 129}, "n", "integer above maximum", "<= 128", "129"),
    (
        "top_logprobs above 20",
        {"top_logprobs": 21, "logprobs": True},
        "top_logprobs",
        "integer above maximum",
        "<= 20",
        "21",
    ),
    (
        "top_logprobs below 0",
        {"top_logprobs": -1, "logprobs": True},
        "top_logprobs",
        "integer below minimum",
        ">= 0",
        "-1",
    ),
    (
        "logit_bias above 100",
        {"logit_bias": {"50256": 101}},
        "logit_bias.50256",
        "integer above maximum",
        "<= 100",
        "101",
    ),
]


@pytest.mark.parametrize(
    ("case", "fragment", "param", "words", "limit", "got"), RANGES, ids=[c[0] for c in RANGES]
)
def test_numbers_within_their_ranges(mockgw, case, fragment, param, words, limit, got):
    """Ranges from the API reference: temperature 0-2 (the gateway's docs page agrees), top_p 0-1,
    penalties -2 to 2, n 1-128, top_logprobs 0-20, logit_bias -100 to 100. Wording: "Invalid
    'temperature': decimal above maximum value. Expected a value <= 2, but got 2.1 instead." with code
    decimal_above_max_value (integer_below_min_value etc. for integers), as the API answers."""
    code = words.replace(" ", "_").replace("maximum", "max").replace("minimum", "min") + "_value"
    message = f"Invalid '{param}': {words} value. Expected a value {limit}, but got {got} instead."
    check(mockgw, OK | fragment, message, param, code)


def test_at_most_four_stop_sequences(mockgw):
    """`stop`: "Up to 4 sequences" (CompletionCreateParamsBase.stop). Wording: "Invalid 'tools': array too
    long. Expected an array with maximum length 128, but got an array with length 132 instead." is the
    API's for any array (code array_above_max_length)."""
    check(
        mockgw,
        OK | {"stop": ["a", "b", "c", "d", "e"]},
        "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length 5 "
        "instead.",
        "stop",
        "array_above_max_length",
    )


def test_options_that_need_another_field(mockgw):
    """tool_choice and parallel_tool_calls only with tools ("Invalid value for 'tool_choice':
    'tool_choice' is only allowed when 'tools' are specified."); stream_options only when streaming ("The
    'stream_options' parameter is only allowed when 'stream' is enabled."); top_logprobs only with
    logprobs ("`logprobs` must be set to `true` if this parameter is used", CompletionCreateParamsBase)."""
    for name, value in (("tool_choice", "auto"), ("parallel_tool_calls", False)):
        check(
            mockgw,
            OK | {name: value},
            f"Invalid value for '{name}': '{name}' is only allowed when 'tools' are specified.",
            name,
            None,
        )
    check(
        mockgw,
        OK | {"stream_options": {"include_usage": True}},
        "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
        "stream_options",
        None,
    )
    check(
        mockgw,
        OK | {"top_logprobs": 3},
        "The 'top_logprobs' parameter is only allowed when 'logprobs' is enabled.",
        "top_logprobs",
        None,
    )


def test_response_formats(mockgw):
    """response_format is text | json_object | json_schema (ResponseFormat in completion_create_params.py);
    json_schema needs a `name` of a-z, A-Z, 0-9, _ and - (ResponseFormatJSONSchema.JSONSchema.name); JSON
    mode needs the word "json" in the messages: "'messages' must contain the word 'json' in some form, to use
    'response_format' of type 'json_object'." (param messages)."""
    check(
        mockgw,
        OK | {"response_format": {"type": "json_schema", "json_schema": {"schema": {"type": "object"}}}},
        "Missing required parameter: 'response_format.json_schema.name'.",
        "response_format.json_schema.name",
        "missing_required_parameter",
    )
    check(
        mockgw,
        OK | {"response_format": {"type": "json_schema", "json_schema": {"name": "my schema"}}},
        "Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches "
        "the pattern '^[a-zA-Z0-9_-]+$'.",
        "response_format.json_schema.name",
        "invalid_value",
    )
    check(
        mockgw,
        OK | {"response_format": {"type": "json_object"}},
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        "messages",
        None,
    )
    check(
        mockgw,
        OK | {"response_format": {"type": "yaml"}},
        "Invalid value: 'yaml'. Supported values are: 'text', 'json_schema', and 'json_object'.",
        "response_format.type",
        "invalid_value",
    )


TOOLS = [
    ("no tools at all", {"tools": []}, "Invalid 'tools': empty array. Expected an array with minimum length 1, "
     "but got an empty array instead.", "tools", "empty_array"),
    ("a tool without a type", {"tools": [{"function": {"name": "f"}}]},
     "Missing required parameter: 'tools[0].type'.", "tools[0].type", "missing_required_parameter"),
    ("a tool without a function", {"tools": [{"type": "function"}]},
     "Missing required parameter: 'tools[0].function'.", "tools[0].function", "missing_required_parameter"),
    ("a tool name with a space", {"tools": [{"type": "function", "function": {"name": "read file"}}]},
     "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the "
     "pattern '^[a-zA-Z0-9_-]+$'.", "tools[0].function.name", "invalid_value"),
    ("a tool name over 64 characters", {"tools": [{"type": "function", "function": {"name": "f" * 65}}]},
     "Invalid 'tools[0].function.name': string too long. Expected a string with maximum length 64, but got a "
     "string with length 65 instead.", "tools[0].function.name", "string_above_max_length"),
    ("parameters that are not an object",
     {"tools": [{"type": "function", "function": {"name": "f", "parameters": "{}"}}]},
     "Invalid type for 'tools[0].function.parameters': expected an object, but got a string instead.",
     "tools[0].function.parameters", "invalid_type"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "fragment", "message", "param", "code"), TOOLS, ids=[c[0] for c in TOOLS])
def test_tool_definitions(mockgw, case, fragment, message, param, code):
    """Tools (ChatCompletionFunctionToolParam / FunctionDefinition): `type` and `function` required, the
    name "a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64", parameters a JSON
    object. Wording: "Invalid 'tools[0].function.name': string does not match pattern. Expected a string
    that matches the pattern '^[a-zA-Z0-9_-]+$'." and "Missing required parameter: 'tools[0].function'."
    as the API answers (n8n docs; openai-python issues)."""
    check(mockgw, OK | fragment, message, param, code)


def test_metadata_limits(mockgw):
    """metadata: up to 16 pairs, values up to 512 characters (shared_params/metadata.py)."""
    check(
        mockgw,
        OK | {"metadata": {f"k{i}": "v" for i in range(17)}},
        "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an "
        "object with 17 properties instead.",
        "metadata",
        "object_above_max_properties",
    )
    check(
        mockgw,
        OK | {"metadata": {"k": "v" * 513}},
        "Invalid 'metadata.k': string too long. Expected a string with maximum length 512, but got a string with "
        "length 513 instead.",
        "metadata.k",
        "string_above_max_length",
    )


def test_the_sdk_raises_bad_request_with_code_and_param(mockgw):
    """What a client branches on: openai.BadRequestError's .code and .param carry the API's values."""
    client = mockgw.openai_client(max_retries=0)
    cases = [
        ({"temperature": 2.5}, "decimal_above_max_value", "temperature"),
        ({"stop": ["a", "b", "c", "d", "e"]}, "array_above_max_length", "stop"),
        ({"tool_choice": "auto"}, None, "tool_choice"),
        ({"response_format": {"type": "json_object"}}, None, "messages"),
        ({"extra_body": {"max_tokens": "10"}}, "invalid_type", "max_tokens"),
        ({"messages": [{"role": "user", "content": None}]}, "invalid_type", "messages[0].content"),
    ]
    for kwargs, code, param in cases:
        with pytest.raises(openai.BadRequestError) as info:
            client.chat.completions.create(**({"model": MODEL, "messages": HI} | kwargs))
        assert (info.value.code, info.value.param) == (code, param), info.value.message
    with pytest.raises(openai.BadRequestError, match="Unrecognized request argument supplied: top_k"):
        client.chat.completions.create(model=MODEL, messages=HI, extra_body={"top_k": 40})


# --- accepted ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["system", "developer"])
def test_a_conversation_of_one_system_or_developer_message_is_answered(mockgw, role):
    """Any non-empty message list is valid (CompletionCreateParamsBase.messages); the openai SDK's own
    tests/api_resources/chat/test_completions.py sends only {"role": "developer"}."""
    completion = mockgw.openai_client(_strict_response_validation=True).chat.completions.create(
        model=MODEL, messages=[{"role": role, "content": "You are terse."}]
    )
    assert completion.choices[0].message.role == "assistant"


def test_every_part_type_a_user_message_takes(mockgw):
    """text, image_url, input_audio and file parts (ChatCompletionContentPartParam), and a name."""
    parts = [
        {"type": "text", "text": "Describe these."},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "low"}},
        {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}},
        {"type": "file", "file": {"file_id": "file-abc", "filename": "notes.pdf"}},
    ]
    answered(mockgw, OK | {"messages": [{"role": "user", "content": parts, "name": "ada_l"}]})


def test_a_tool_loop_with_null_assistant_content(mockgw):
    """An assistant message may carry tool_calls with content null; tool messages answer them (here as
    text parts), and a system prompt given as parts is fine too."""
    messages = [
        {"role": "system", "content": [{"type": "text", "text": "Use tools."}]},
        *HI,
        ASKED,
        ANSWER | {"content": [{"type": "text", "text": "file text"}]},
    ]
    answered(mockgw, OK | {"messages": messages, "tools": [FN], "tool_choice": "none"})


def test_an_assistant_refusal_sent_back_without_content(mockgw):
    """A refusal stands in for content (ChatCompletionAssistantMessageParam.refusal)."""
    messages = [*HI, {"role": "assistant", "content": None, "refusal": "I can't help with that."}, *HI]
    answered(mockgw, OK | {"messages": messages})


def test_tool_calls_sent_back_as_the_sdk_stream_helper_built_them(mockgw):
    """The SDK's stream helper leaves `index` on the tool calls it assembles; clients send them back as is
    and the API accepts that (it briefly refused it in April 2024 and reverted: songquanpeng/one-api#1319)."""
    messages = [*HI, ASKED | {"tool_calls": [CALL | {"index": 0}]}, ANSWER]
    answered(mockgw, OK | {"messages": messages, "tools": [FN]})


@pytest.mark.parametrize("stop", ["\n", ["a", "b", "c", "d"], None])
def test_stop_as_a_string_or_up_to_four(mockgw, stop):
    answered(mockgw, OK | {"stop": stop})


def test_tool_choice_shapes_with_tools(mockgw):
    """tool_choice: none | auto | required | a named function | allowed_tools (ChatCompletionToolChoiceOptionParam),
    with parallel_tool_calls, strict function definitions and a custom (free-form) tool."""
    custom = {"type": "custom", "custom": {"name": "shell", "format": {"type": "text"}}}
    choices = [
        "none",
        "auto",
        "required",
        {"type": "function", "function": {"name": "read_file"}},
        {"type": "allowed_tools", "allowed_tools": {"mode": "required", "tools": [FN]}},
    ]
    strict = {"type": "function", "function": FN["function"] | {"strict": True, "description": "Read a file"}}
    for choice in choices:
        answered(
            mockgw, OK | {"tools": [strict, custom], "tool_choice": choice, "parallel_tool_calls": False}
        )


def test_stream_options_with_a_stream(mockgw):
    """stream_options.include_usage with stream: true adds the usage chunk (ChatCompletionStreamOptionsParam)."""
    sse = answered(mockgw, OK | {"stream": True, "stream_options": {"include_usage": True}})["sse"]
    assert '"choices":[],"usage":' in sse


@pytest.mark.parametrize(
    ("fmt", "content"),
    [
        ({"type": "text"}, "hi"),
        ({"type": "json_object"}, "Answer in JSON."),
        (
            {
                "type": "json_schema",
                "json_schema": {"name": "answer", "schema": {"type": "object"}, "strict": True},
            },
            "hi",
        ),
    ],
    ids=["text", "json_object", "json_schema"],
)
def test_response_format_shapes(mockgw, fmt, content):
    """The word "json" may be in any case ("JSON") for JSON mode."""
    answered(mockgw, OK | {"messages": [{"role": "user", "content": content}], "response_format": fmt})


def test_boundaries_of_every_range_are_accepted(mockgw):
    answered(
        mockgw,
        OK
        | {
            "temperature": 2,
            "top_p": 0,
            "frequency_penalty": -2,
            "presence_penalty": 2,
            "n": 128,
            "logprobs": True,
            "top_logprobs": 20,
            "logit_bias": {"50256": -100},
            "max_completion_tokens": 64,
            "max_tokens": 64,
        },
    )
    answered(mockgw, OK | {"temperature": 0, "n": 1, "top_logprobs": 0, "logprobs": True})


def test_every_field_of_completion_create_params(mockgw):
    """Every field CompletionCreateParams lists is accepted with its type, the deprecated
    functions/function_call included (values as the SDK's own all-params test sends them)."""
    client = mockgw.openai_client(_strict_response_validation=True)
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "developer", "content": "Be brief.", "name": "ops"}, *HI],
        audio={"format": "wav", "voice": "alloy"},
        frequency_penalty=0.5,
        function_call="none",
        functions=[{"name": "lookup", "description": "Look up", "parameters": {"type": "object"}}],
        logit_bias={"50256": 0},
        logprobs=True,
        max_completion_tokens=64,
        metadata={"run": "42"},
        modalities=["text"],
        moderation={"model": "omni-moderation-latest", "policy": {"input": {"mode": "score"}}},
        n=1,
        parallel_tool_calls=True,
        prediction={"content": "hello", "type": "content"},
        presence_penalty=0.1,
        prompt_cache_key="key-1",
        prompt_cache_options={"mode": "implicit", "ttl": "30m"},
        prompt_cache_retention="24h",
        reasoning_effort="low",
        response_format={"type": "text"},
        safety_identifier="user-hash",
        seed=7,
        service_tier="auto",
        stop=["\n\n"],
        store=False,
        temperature=0.2,
        tool_choice="auto",
        tools=[FN],
        top_logprobs=2,
        top_p=0.9,
        user="user-1",
        verbosity="low",
        web_search_options={
            "search_context_size": "low",
            "user_location": {"type": "approximate", "approximate": {"city": "Oslo"}},
        },
    )
    assert completion.choices[0].finish_reason in ("stop", "tool_calls")


def test_the_request_is_decoded_with_its_new_fields(mockgw):
    """stop, n and response_format reach the canonical request (for the replies of issue #13)."""
    body = OK | {
        "stop": "END",
        "n": 3,
        "response_format": {"type": "json_schema", "json_schema": {"name": "a"}},
    }
    chat = openai_wire.decode(json.dumps(body).encode(), {}, False)
    assert (chat.stop_sequences, chat.n, chat.response_format.type, chat.response_format.name) == (
        ["END"],
        3,
        "json_schema",
        "a",
    )


def test_loose_validation_coerces_types_and_ignores_unknown_fields_but_keeps_the_rules():
    """loose=True (the server's loose validation option): today's lax reading, every other rule intact."""
    lax = OK | {"max_tokens": "10", "stream": "true", "top_k": 40}
    chat = openai_wire.decode(json.dumps(lax).encode(), {}, True)
    assert (chat.max_tokens, chat.stream) == (10, True)
    with pytest.raises(GatewayError) as info:
        openai_wire.decode(json.dumps(lax).encode(), {}, False)
    assert info.value.message == "Unrecognized request argument supplied: top_k"
    with pytest.raises(GatewayError) as info:
        openai_wire.decode(json.dumps(OK | {"stop": list("abcde")}).encode(), {}, True)
    assert info.value.code == "array_above_max_length"
