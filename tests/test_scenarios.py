"""Shipped scenarios with the official SDKs, on both formats: retry stories, tool loops, quirks, faults."""

from __future__ import annotations

import itertools
import json

import anthropic
import openai
import pytest

MODEL = "qwen-coder-32b"
HELLO = [{"role": "user", "content": "hi there"}]
READ_FILE = {
    "name": "read_file",
    "description": "Read file contents",
    "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
}
READ_FILE_FN = {
    "type": "function",
    "function": {"name": "read_file", "parameters": READ_FILE["input_schema"]},
}


def anthropic_call(gw, scenario, **kw):
    client = gw.anthropic_client(default_headers={"x-mockgw-scenario": scenario}, **kw)
    return client.messages.create(model=MODEL, max_tokens=256, messages=HELLO)


def openai_call(gw, scenario, **kw):
    client = gw.openai_client(default_headers={"x-mockgw-scenario": scenario}, **kw)
    return client.chat.completions.create(model=MODEL, messages=HELLO)


def text_of(reply) -> str:
    return reply.content[0].text if hasattr(reply, "content") else reply.choices[0].message.content


def gaps(entries) -> list[float]:
    return [b["time"] - a["time"] for a, b in itertools.pairwise(entries)]


# --- retry stories --------------------------------------------------------------------------------


@pytest.mark.parametrize("call", [anthropic_call, openai_call], ids=["anthropic", "openai"])
@pytest.mark.parametrize(
    ("scenario", "statuses"),
    [("model-loading", [503, 503, 200]), ("rate-limited", [429, 200]), ("bad-gateway", [502, 200])],
)
def test_default_retries_get_through_honouring_retry_after(mockgw, call, scenario, statuses):
    assert text_of(call(mockgw, scenario))
    entries = mockgw.journal(scenario=scenario)
    assert [e["status"] for e in entries] == statuses
    assert [e["attempt"] for e in entries] == list(range(1, len(statuses) + 1))
    for gap in gaps(entries):
        assert 0.95 <= gap < 3, f"retry-after: 1 not honoured: {gap:.3f}s between attempts"


@pytest.mark.parametrize("call", [anthropic_call, openai_call], ids=["anthropic", "openai"])
def test_server_error_then_success_with_sdk_backoff(mockgw, call):
    assert text_of(call(mockgw, "server-error")) == "Recovered after a 500."
    assert [e["status"] for e in mockgw.requests] == [500, 200]


def test_without_retries_the_sdk_raises_with_retry_after(mockgw):
    with pytest.raises(anthropic.RateLimitError) as a:
        anthropic_call(mockgw, "rate-limited", max_retries=0)
    assert a.value.response.headers["retry-after"] == "1"
    assert a.value.body["error"]["type"] == "rate_limit_error"
    with pytest.raises(openai.InternalServerError) as o:
        openai_call(mockgw, "model-loading", max_retries=0)
    assert o.value.status_code == 503 and o.value.response.headers["retry-after"] == "1"
    assert "Model qwen-coder-32b is loading, retry in 1 second" in o.value.message, "as retry-after says"
    with pytest.raises(anthropic.ServiceUnavailableError):
        anthropic_call(mockgw, "model-loading", max_retries=0)


def test_always_500_exhausts_the_sdk_retries(mockgw):
    with pytest.raises(openai.InternalServerError):
        openai_call(mockgw, "always-500", max_retries=1)
    assert [e["status"] for e in mockgw.requests] == [500, 500]


def test_attempt_counters_are_per_conversation(mockgw):
    client = mockgw.anthropic_client(max_retries=0, default_headers={"x-mockgw-scenario": "rate-limited"})
    for opener in ("first conversation", "second conversation"):
        with pytest.raises(anthropic.RateLimitError):
            client.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": opener}])
    assert [e["attempt"] for e in mockgw.requests] == [1, 1]


def test_dropped_connection_is_retried_by_the_sdk(mockgw):
    assert (
        text_of(openai_call(mockgw, "connection-drop")) == "Answered on the retry after a dropped connection."
    )
    assert [e["response"]["type"] for e in mockgw.requests] == ["drop", "reply"]


# --- the docs page's tool loop --------------------------------------------------------------------


def test_tool_read_file_loop_with_anthropic(mockgw):
    client = mockgw.anthropic_client()
    messages = [{"role": "user", "content": "What is in /tmp/test.txt?"}]
    first = client.messages.create(model=MODEL, max_tokens=512, tools=[READ_FILE], messages=messages)
    assert first.stop_reason == "tool_use"
    assert first.content[0].text == "Let me read that file for you."
    call = first.content[1]
    assert (call.id, call.name, call.input) == ("toolu_01ABC", "read_file", {"path": "/tmp/test.txt"})
    messages += [
        {"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in first.content]},
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": call.id, "content": "Hello, world!"}],
        },
    ]
    final = client.messages.create(model=MODEL, max_tokens=512, tools=[READ_FILE], messages=messages)
    assert final.stop_reason == "end_turn"
    assert final.content[0].text == 'The file /tmp/test.txt contains: "Hello, world!"'
    assert [(e["scenario"], e["turn"]) for e in mockgw.requests] == [
        ("tool-read-file", 1),
        ("tool-read-file", 2),
    ]


def test_tool_read_file_loop_with_openai_streaming(mockgw):
    client = mockgw.openai_client()
    messages = [{"role": "user", "content": "What is in /tmp/test.txt?"}]
    with client.chat.completions.stream(model=MODEL, tools=[READ_FILE_FN], messages=messages) as stream:
        for _ in stream:
            pass
        first = stream.get_final_completion().choices[0].message
    call = first.tool_calls[0]
    assert call.id == "call_01ABC" and json.loads(call.function.arguments) == {"path": "/tmp/test.txt"}
    messages += [
        {"role": "assistant", "content": first.content, "tool_calls": [call.model_dump(exclude_none=True)]},
        {"role": "tool", "tool_call_id": call.id, "content": "Hello from OpenAI"},
    ]
    final = client.chat.completions.create(model=MODEL, tools=[READ_FILE_FN], messages=messages)
    assert final.choices[0].message.content == 'The file /tmp/test.txt contains: "Hello from OpenAI"'


def test_wrong_tool_use_id_gets_a_400_naming_the_difference(mockgw):
    client = mockgw.anthropic_client(default_headers={"x-mockgw-scenario": "tool-read-file"})
    wrong = {"type": "tool_use", "id": "toolu_WRONG", "name": "read_file", "input": {"path": "/tmp/test.txt"}}
    messages = [
        {"role": "user", "content": "What is in /tmp/test.txt?"},
        {"role": "assistant", "content": [wrong]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_WRONG", "content": "x"}]},
    ]
    with pytest.raises(anthropic.BadRequestError) as info:
        client.messages.create(model=MODEL, max_tokens=64, tools=[READ_FILE], messages=messages)
    assert "turn 2 of scenario 'tool-read-file'" in info.value.message
    assert "['toolu_01ABC']" in info.value.message and "['toolu_WRONG']" in info.value.message
    assert (mockgw.last_request["turn"], mockgw.last_request["attempt"]) == (2, None)  # as the message says


def test_expectations_name_what_differs(mockgw):
    client = mockgw.openai_client(default_headers={"x-mockgw-scenario": "tool-read-file"})
    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "no tools"}])
    assert "expects tools ['read_file'] to be offered; the request offers []" in info.value.message


def test_a_turn_past_the_script_is_refused(mockgw):
    client = mockgw.anthropic_client(default_headers={"x-mockgw-scenario": "hello"})
    messages = [*HELLO, {"role": "assistant", "content": "Hi"}, {"role": "user", "content": "again"}]
    with pytest.raises(anthropic.BadRequestError, match="scripts 1 turn"):
        client.messages.create(model=MODEL, max_tokens=64, messages=messages)


def test_two_user_turns_of_fibonacci_memo(mockgw):
    client = mockgw.anthropic_client()
    messages = [{"role": "user", "content": "Write a fibonacci function"}]
    first = client.messages.create(model=MODEL, max_tokens=512, messages=messages)
    messages += [
        {"role": "assistant", "content": first.content[0].text},
        {"role": "user", "content": "Now add memoization"},
    ]
    second = client.messages.create(model=MODEL, max_tokens=512, messages=messages)
    assert first.content[0].text.startswith("def fib(n):")
    assert "@lru_cache" in second.content[0].text


# --- quirks and stream faults ---------------------------------------------------------------------


def test_xml_artifacts_sit_next_to_the_real_tool_use(mockgw):
    message = anthropic_call(mockgw, "xml-artifacts")
    text, tool = message.content
    assert "<tool_call>" in text.text and '"name": "read_file"' in text.text
    assert tool.type == "tool_use" and tool.input == {"path": "/tmp/test.txt"}
    completion = openai_call(mockgw, "xml-artifacts")
    assert "<tool_call>" in completion.choices[0].message.content
    assert completion.choices[0].message.tool_calls[0].function.name == "read_file"


def test_stream_disconnect_makes_each_sdk_raise(mockgw):
    headers = {"x-mockgw-scenario": "stream-disconnect"}
    client = mockgw.anthropic_client(default_headers=headers, max_retries=0, timeout=10)
    with pytest.raises(Exception, match="incomplete chunked read"):  # anthropic 2.x leaks httpx2's error
        with client.messages.stream(model=MODEL, max_tokens=256, messages=HELLO) as stream:
            stream.get_final_message()
    oclient = mockgw.openai_client(default_headers=headers, max_retries=0, timeout=10)
    with pytest.raises(openai.APIConnectionError):
        for _ in oclient.chat.completions.create(model=MODEL, messages=HELLO, stream=True):
            pass
    assert [e["stream"]["ending"] for e in mockgw.requests] == ["disconnect", "disconnect"]
    assert [e["stream"]["sent"] for e in mockgw.requests] == [5, 5]


def test_stream_error_event_after_a_200(mockgw):
    headers = {"x-mockgw-scenario": "stream-error-event"}
    client = mockgw.anthropic_client(default_headers=headers)
    with pytest.raises(anthropic.APIStatusError) as a:
        with client.messages.stream(model=MODEL, max_tokens=256, messages=HELLO) as stream:
            stream.get_final_message()
    assert a.value.status_code == 200 and a.value.body["error"]["type"] == "overloaded_error"
    oclient = mockgw.openai_client(default_headers=headers)
    with pytest.raises(openai.APIError, match="Overloaded") as o:
        for _ in oclient.chat.completions.create(model=MODEL, messages=HELLO, stream=True):
            pass
    assert o.value.type == "server_error"
    assert len(mockgw.requests) == 2, "errors after a 200 are never retried"


def test_sse_burst_is_well_formed_so_every_sdk_copes(mockgw):
    headers = {"x-mockgw-scenario": "sse-burst"}
    with mockgw.anthropic_client(default_headers=headers).messages.stream(
        model=MODEL, max_tokens=256, messages=HELLO
    ) as stream:
        assert stream.get_final_message().content[0].text.startswith("All of these events")
    with mockgw.openai_client(default_headers=headers).chat.completions.stream(
        model=MODEL, messages=HELLO
    ) as s:
        for _ in s:
            pass
        assert s.get_final_completion().choices[0].message.content.startswith("All of these events")


def test_sse_without_event_names_breaks_only_the_anthropic_sdk(mockgw):
    headers = {"x-mockgw-scenario": "sse-no-event-names"}
    with pytest.raises(AssertionError):  # the SDK drops every unnamed event, then finds no message
        with mockgw.anthropic_client(default_headers=headers).messages.stream(
            model=MODEL, max_tokens=256, messages=HELLO
        ) as stream:
            stream.get_final_message()
    completion = openai_call(mockgw, "sse-no-event-names")
    assert completion.choices[0].message.content == "These events have no event names."


def test_sse_without_block_events_breaks_the_anthropic_accumulator(mockgw):
    headers = {"x-mockgw-scenario": "sse-no-block-events"}
    with pytest.raises(IndexError):
        with mockgw.anthropic_client(default_headers=headers).messages.stream(
            model=MODEL, max_tokens=256, messages=HELLO
        ) as stream:
            stream.get_final_message()


def test_max_tokens_and_invalid_request_scenarios(mockgw):
    assert anthropic_call(mockgw, "max-tokens").stop_reason == "max_tokens"
    assert openai_call(mockgw, "max-tokens").choices[0].finish_reason == "length"
    with pytest.raises(openai.BadRequestError, match="could not process"):
        openai_call(mockgw, "invalid-request")
