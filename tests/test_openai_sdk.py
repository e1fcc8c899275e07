"""The official openai SDK against a live mockgw: create, stream, tools, the SDK's stream helper."""

from __future__ import annotations

import json

import pytest

MODEL = "qwen-coder-32b"
WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "unit": {"enum": ["c", "f"]},
                "days": {"type": "integer"},
            },
            "required": ["city", "unit"],
        },
    },
}


def user(text: str) -> list[dict]:
    return [{"role": "user", "content": text}]


def test_create_returns_a_full_completion(mockgw):
    client = mockgw.openai_client(_strict_response_validation=True)
    completion = client.chat.completions.create(model=MODEL, max_tokens=256, messages=user("Say hello"))
    assert completion.object == "chat.completion" and completion.id.startswith("chatcmpl-")
    assert isinstance(completion.created, int)
    choice = completion.choices[0]
    assert choice.message.role == "assistant" and choice.finish_reason == "stop"
    assert choice.message.content == "Hello! How can I help you today?"
    u = completion.usage
    assert u.total_tokens == u.prompt_tokens + u.completion_tokens > 0
    assert completion._request_id.startswith("req_")


def test_docs_page_example_answers_as_documented(mockgw):
    client = mockgw.openai_client()
    completion = client.chat.completions.create(
        model=MODEL, max_tokens=256, messages=user("Write a Python function that reverses a string")
    )
    assert completion.choices[0].message.content == "def reverse_string(s: str) -> str:\n    return s[::-1]"
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (18, 25)


def test_stream_chunks_reassemble(mockgw):
    client = mockgw.openai_client()
    chunks = list(client.chat.completions.create(model=MODEL, messages=user("Count to 5"), stream=True))
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    assert chunks[0].choices[0].delta.role == "assistant"
    assert all(c.choices[0].delta.role is None for c in chunks[1:])
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "1\n2\n3\n4\n5"
    assert chunks[-1].choices[0].finish_reason == "stop" and chunks[-1].usage is None


def test_stream_helper_with_usage(mockgw):
    client = mockgw.openai_client()
    with client.chat.completions.stream(
        model=MODEL, messages=user("Count to 5"), stream_options={"include_usage": True}
    ) as stream:
        for _ in stream:
            pass
        completion = stream.get_final_completion()
    assert completion.choices[0].message.content == "1\n2\n3\n4\n5"
    assert completion.choices[0].message.role == "assistant"
    assert completion.usage.completion_tokens > 0


def test_forced_tool_call_streams_and_reassembles_arguments(mockgw):
    client = mockgw.openai_client()
    with client.chat.completions.stream(
        model=MODEL,
        messages=user("Weather in Paris?"),
        tools=[WEATHER],
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
    ) as stream:
        for _ in stream:
            pass
        completion = stream.get_final_completion()
    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    call = choice.message.tool_calls[0]
    assert call.id.startswith("call_") and call.function.name == "get_weather"
    args = json.loads(call.function.arguments)
    assert isinstance(args["city"], str) and args["unit"] in ("c", "f")


def test_required_tool_choice_in_json(mockgw):
    client = mockgw.openai_client()
    completion = client.chat.completions.create(
        model=MODEL, messages=user("Weather?"), tools=[WEATHER], tool_choice="required"
    )
    message = completion.choices[0].message
    assert message.content is None
    assert message.tool_calls[0].function.name == "get_weather"


def test_newer_sdk_fields_are_accepted(mockgw):
    client = mockgw.openai_client()
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "developer", "content": "Be brief."}, *user("Say hello")],
        max_completion_tokens=100,
        seed=3,
        n=1,
        response_format={"type": "text"},
        temperature=1.5,
        top_p=0.5,
    )
    assert completion.choices[0].message.content.startswith("Hello")


def test_max_completion_tokens_cuts_with_length(mockgw):
    client = mockgw.openai_client()
    completion = client.chat.completions.create(
        model=MODEL, messages=user("Tell me a long story"), max_completion_tokens=2
    )
    assert completion.choices[0].finish_reason == "length"
    assert completion.usage.completion_tokens == 2


def test_same_conversation_gets_the_same_reply_on_both_formats(mockgw):
    text = mockgw.openai_client().chat.completions.create(model=MODEL, messages=user("Describe a cat"))
    message = mockgw.anthropic_client().messages.create(
        model=MODEL, max_tokens=4096, messages=user("Describe a cat")
    )
    assert text.choices[0].message.content == message.content[0].text


@pytest.mark.anyio
async def test_async_client(mockgw):
    client = mockgw.async_openai_client()
    completion = await client.chat.completions.create(model=MODEL, messages=user("Say hello"))
    assert completion.choices[0].message.content.startswith("Hello")
