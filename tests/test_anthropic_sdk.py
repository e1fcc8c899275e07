"""The official anthropic SDK against a live mockgw: create, stream, tools."""

from __future__ import annotations

import anthropic
import pytest

MODEL = "qwen-coder-32b"
READ_FILE = {
    "name": "read_file",
    "description": "Read the contents of a file at the given path",
    "input_schema": {
        "type": "object",
        "properties": {
            "path": {"type": "string"},
            "mode": {"enum": ["text", "binary"]},
            "limit": {"type": "integer"},
        },
        "required": ["path"],
    },
}


def user(text: str) -> list[dict]:
    return [{"role": "user", "content": text}]


def test_create_returns_a_full_message(mockgw):
    client = mockgw.anthropic_client()
    message = client.messages.create(model=MODEL, max_tokens=64, messages=user("Say hello"))
    assert message.type == "message" and message.role == "assistant" and message.model == MODEL
    assert message.id.startswith("msg_")
    assert message.content[0].text == "Hello! How can I help you today?"
    assert message.stop_reason == "end_turn"
    assert message.usage.input_tokens > 0 and message.usage.output_tokens > 0
    assert message._request_id.startswith("req_")


def test_strict_response_validation_accepts_every_shape(mockgw):
    client = mockgw.anthropic_client(_strict_response_validation=True)
    message = client.messages.create(model=MODEL, max_tokens=64, messages=user("anything at all"))
    assert message.content[0].type == "text"


def test_default_reply_is_deterministic_for_the_same_request(mockgw):
    client = mockgw.anthropic_client()
    first = client.messages.create(model=MODEL, max_tokens=256, messages=user("Tell me a story"))
    second = client.messages.create(model=MODEL, max_tokens=256, messages=user("Tell me a story"))
    other = client.messages.create(model=MODEL, max_tokens=256, messages=user("Tell me another story"))
    assert first.content[0].text == second.content[0].text != other.content[0].text


def test_stream_get_final_message(mockgw):
    client = mockgw.anthropic_client()
    with client.messages.stream(model=MODEL, max_tokens=64, messages=user("Count to 5")) as stream:
        deltas = list(stream.text_stream)
        message = stream.get_final_message()
    assert deltas == ["1\n", "2\n", "3\n", "4\n", "5"]
    assert message.content[0].text == "1\n2\n3\n4\n5"
    assert message.stop_reason == "end_turn"
    assert message.usage.output_tokens > 1


def test_raw_stream_event_sequence(mockgw):
    client = mockgw.anthropic_client()
    events = client.messages.create(model=MODEL, max_tokens=64, messages=user("Count to 5"), stream=True)
    names = [e.type for e in events]
    assert names[:2] == ["message_start", "content_block_start"]
    assert names[-3:] == ["content_block_stop", "message_delta", "message_stop"]
    assert names.count("content_block_delta") == 5


def test_forced_tool_call_follows_the_input_schema(mockgw):
    client = mockgw.anthropic_client()
    message = client.messages.create(
        model=MODEL,
        max_tokens=256,
        tools=[READ_FILE],
        tool_choice={"type": "tool", "name": "read_file"},
        messages=user("What is in the config?"),
    )
    call = message.content[0]
    assert message.stop_reason == "tool_use"
    assert call.type == "tool_use" and call.name == "read_file" and call.id.startswith("toolu_")
    assert isinstance(call.input["path"], str)
    assert call.input["mode"] in ("text", "binary")
    assert isinstance(call.input["limit"], int)


def test_forced_tool_call_streams_as_input_json_deltas(mockgw):
    client = mockgw.anthropic_client()
    with client.messages.stream(
        model=MODEL, max_tokens=256, tools=[READ_FILE], tool_choice={"type": "any"}, messages=user("Read it")
    ) as stream:
        kinds = {e.delta.type for e in stream if e.type == "content_block_delta"}
        message = stream.get_final_message()
    assert kinds == {"input_json_delta"}
    assert message.content[0].name == "read_file" and "path" in message.content[0].input


def test_max_tokens_cuts_the_reply(mockgw):
    client = mockgw.anthropic_client()
    message = client.messages.create(model=MODEL, max_tokens=3, messages=user("Tell me a long story"))
    assert message.stop_reason == "max_tokens"
    assert message.usage.output_tokens == 3
    assert len(message.content[0].text) <= 12


def test_system_prompt_list_and_extra_fields_are_accepted(mockgw):
    client = mockgw.anthropic_client()
    message = client.messages.create(
        model=MODEL,
        max_tokens=64,
        system=[{"type": "text", "text": "You are terse.", "cache_control": {"type": "ephemeral"}}],
        metadata={"user_id": "u-1"},
        stop_sequences=["END"],
        messages=user("Say hello"),
        # SDK 2.x dropped temperature/top_p, but 2023-06-01 clients and the docs page still send them
        extra_body={"temperature": 0.2, "top_p": 0.9, "service_tier": "auto"},
    )
    assert message.content[0].text.startswith("Hello")
    assert mockgw.last_request["body"]["metadata"] == {"user_id": "u-1"}


def test_key_in_x_api_key_header_works_like_bearer(mockgw):
    legacy = anthropic.Anthropic(
        api_key="unused",
        base_url=mockgw.url,
        default_headers={"x-api-key": "sk_from_header", "authorization": ""},
    )
    message = legacy.messages.create(model=MODEL, max_tokens=32, messages=user("Say hello"))
    assert message.role == "assistant"


@pytest.mark.anyio
async def test_async_client_streams(mockgw):
    client = mockgw.async_anthropic_client()
    async with client.messages.stream(model=MODEL, max_tokens=64, messages=user("Count to 5")) as stream:
        message = await stream.get_final_message()
    assert message.content[0].text.endswith("5")
