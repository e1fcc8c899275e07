"""Record and replay: what a gateway answers, written as scenario files and replayed offline.

The gateway here is a second mockgw on another port, with scripted scenarios: a tool loop, a 429 with
retry-after, an in-stream error event, a slow stream, a reply that echoes secrets. The recorder sits
between the official SDKs and it; the replay is a plain mockgw serving the written files, with no
upstream at all.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anthropic
import httpx
import openai
import pytest
import uvicorn
import yaml

from mockgw import MockGateway
from mockgw.record.proxy import RecordProxy, Upstream, recorder_for
from mockgw.record.scenario import Seen, outcome_of
from mockgw.record.sse import Event, SSEParser
from mockgw.scenario.loader import load_paths
from mockgw.settings import Settings
from mockgw.wire import anthropic as anthropic_wire

pytest_plugins = ["pytester"]

MODEL = "qwen-coder-32b"
KEY = "sk_recording_client_key"
WEATHER = "What is the weather in Paris?"
WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Current weather for a city",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}
WEATHER_FN = {
    "type": "function",
    "function": {"name": "get_weather", "parameters": WEATHER_TOOL["input_schema"]},
}

# What the "real" gateway says: scripted, matched by the request's text (the proxy forwards no x-mockgw-*).
UPSTREAM = [
    {
        "name": "weather",
        "match": {"user_contains": "weather in", "tools": ["get_weather"]},
        "turns": [
            {
                "reply": {
                    "content": [
                        {"text": "Let me check the weather for you."},
                        {"tool_use": {"name": "get_weather", "input": {"city": "Paris"}}},
                    ],
                    "usage": {"input_tokens": 31, "output_tokens": 17},
                    "stream": {"chunk_chars": 6},
                }
            },
            {
                "reply": {
                    "content": [
                        {
                            "text": "It is {{ tool_result }} in Paris; templates say {{ open_braces }} model }}."
                        }
                    ]
                }
            },
        ],
    },
    {
        "name": "busy",
        "match": {"user_contains": "are you busy"},
        "turns": [
            {
                "attempts": [
                    {"fault": {"status": 429, "message": "Slow down", "headers": {"retry-after": "1"}}}
                ],
                "reply": "Not any more: this came after one 429.",
            }
        ],
    },
    {
        "name": "cut",
        "match": {"user_contains": "cut me off"},
        "turns": [
            {
                "reply": {
                    "content": [{"text": "This reply is interrupted by an error event from the provider."}],
                    "stream": {
                        "chunk_chars": 8,
                        "error_after": 5,
                        "error": {"status": 529, "message": "Overloaded"},
                    },
                }
            }
        ],
    },
    {
        "name": "slow",
        "match": {"user_contains": "slowly"},
        "turns": [
            {
                "reply": {
                    "content": [{"text": "one two three four five six"}],
                    "stream": {"ttft_ms": 300, "delay_ms": 50, "chunk_chars": 4},
                }
            }
        ],
    },
    {
        "name": "rain",
        "match": {"user_contains": "raining in", "tools": ["get_weather"]},
        "turns": [
            {
                "reply": {
                    "content": [
                        {"thinking": "The user asks about Rome. I should call get_weather."},
                        {"redacted_thinking": "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIw"},
                        {"text": "Checking."},
                        {"tool_use": {"name": "get_weather", "input": {"city": "Rome"}}},
                    ],
                    "stream": {"chunk_chars": 7},
                }
            },
            {"reply": "It is {{ tool_result }} in Rome."},  # its thinking is generated
        ],
    },
    {
        "name": "echo",
        "match": {"user_contains": "remember"},
        "turns": [{"reply": "You said: {{ last_user }} (ticket ACME-4242, key sk_live_abcdef0123456789)"}],
    },
    # no match rules: a test makes one of them the gateway's answer for everything (PUT /_mockgw/scenario)
    {"name": "mood-sunny", "turns": [{"reply": "Sunny, thanks for asking."}]},
    {"name": "mood-grey", "turns": [{"reply": "A little grey today."}]},
]


# --- servers --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def upstream_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockGateway]:
    folder = tmp_path_factory.mktemp("upstream")
    (folder / "gateway.yaml").write_text(yaml.safe_dump(UPSTREAM, sort_keys=False))
    with MockGateway(scenarios=[folder]) as gw:
        yield gw


@pytest.fixture
def gateway(upstream_server: MockGateway) -> MockGateway:
    """The gateway the recordings are made from, fresh for each test (journal, retry counters)."""
    upstream_server.reset()
    return upstream_server


@contextlib.contextmanager
def served(app: Any) -> Iterator[str]:
    """An ASGI app on uvicorn, on a thread and a free port, as `mockgw record` runs it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.001)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@contextlib.contextmanager
def record_proxy(upstream: str, out: Path, **settings: Any) -> Iterator[str]:
    """`mockgw record --upstream UPSTREAM --out OUT [...]`, in-process."""
    s = Settings(upstream=upstream, recordings=out, **settings)
    app = RecordProxy(s, Upstream(upstream, s.upstream_key), recorder_for(s, out, replace=True))
    with served(app) as url:
        yield url


def recorded_files(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir())


# --- the SDK calls, each returning what the application saw ---------------------------------------


def anthropic_tool_loop(url: str, stream: bool, test_id: str | None = None) -> list[Any]:
    headers = {"x-mockgw-test-id": test_id} if test_id else {}
    client = anthropic.Anthropic(api_key=KEY, base_url=url, default_headers=headers)
    messages: list[dict[str, Any]] = [{"role": "user", "content": WEATHER}]
    seen = []
    while True:
        ask = {"model": MODEL, "max_tokens": 256, "messages": messages, "tools": [WEATHER_TOOL]}
        if stream:
            with client.messages.stream(**ask) as s:
                reply = s.get_final_message()
        else:
            reply = client.messages.create(**ask)
        blocks = [b.model_dump(include={"type", "text", "id", "name", "input"}) for b in reply.content]
        seen.append((reply.stop_reason, blocks, reply.usage.input_tokens, reply.usage.output_tokens))
        if reply.stop_reason != "tool_use":
            return seen
        calls = [b for b in blocks if b["type"] == "tool_use"]
        results = [{"type": "tool_result", "tool_use_id": c["id"], "content": "sunny"} for c in calls]
        messages += [{"role": "assistant", "content": blocks}, {"role": "user", "content": results}]


def openai_tool_loop(url: str, stream: bool, test_id: str | None = None) -> list[Any]:
    headers = {"x-mockgw-test-id": test_id} if test_id else {}
    client = openai.OpenAI(api_key=KEY, base_url=url + "/api/v1", default_headers=headers)
    messages: list[dict[str, Any]] = [{"role": "user", "content": WEATHER}]
    seen = []
    while True:
        ask = {"model": MODEL, "messages": messages, "tools": [WEATHER_FN]}
        if stream:
            with client.chat.completions.stream(**ask, stream_options={"include_usage": True}) as s:
                completion = s.get_final_completion()
        else:
            completion = client.chat.completions.create(**ask)
        choice, usage = completion.choices[0], completion.usage
        calls = [
            (c.id, c.function.name, json.loads(c.function.arguments)) for c in choice.message.tool_calls or []
        ]
        seen.append(
            (
                choice.finish_reason,
                choice.message.content,
                calls,
                usage.prompt_tokens,
                usage.completion_tokens,
            )
        )
        if choice.finish_reason != "tool_calls":
            return seen
        messages.append(
            choice.message.model_dump(include={"role", "content", "tool_calls"}, exclude_none=True)
        )
        messages += [{"role": "tool", "tool_call_id": c[0], "content": "sunny"} for c in calls]


def anthropic_thinking_loop(url: str, stream: bool) -> list[Any]:
    """A tool loop with extended thinking: each turn's blocks, thinking included, go back as they came."""
    client = anthropic.Anthropic(api_key=KEY, base_url=url)
    messages: list[dict[str, Any]] = [{"role": "user", "content": "Think first: is it raining in Rome?"}]
    seen = []
    while True:
        ask = {
            "model": "claude-sonnet-4.5",
            "max_tokens": 2048,
            "thinking": {"type": "enabled", "budget_tokens": 1024},
            "messages": messages,
            "tools": [WEATHER_TOOL],
        }
        if stream:
            with client.messages.stream(**ask) as s:
                reply = s.get_final_message()
        else:
            reply = client.messages.create(**ask)
        blocks = [
            b.model_dump(exclude_none=True, exclude={"citations", "parsed_output"}) for b in reply.content
        ]
        seen.append((reply.stop_reason, blocks, reply.usage.output_tokens))
        if reply.stop_reason != "tool_use":
            return seen
        calls = [b for b in blocks if b["type"] == "tool_use"]
        results = [{"type": "tool_result", "tool_use_id": c["id"], "content": "dry"} for c in calls]
        messages += [{"role": "assistant", "content": blocks}, {"role": "user", "content": results}]


def ask_busy(wire: str, url: str, **client: Any) -> str:
    question = [{"role": "user", "content": "Hello, are you busy?"}]
    if wire == "anthropic":
        a = anthropic.Anthropic(api_key=KEY, base_url=url, **client)
        return a.messages.create(model=MODEL, max_tokens=64, messages=question).content[0].text
    o = openai.OpenAI(api_key=KEY, base_url=url + "/api/v1", **client)
    return o.chat.completions.create(model=MODEL, messages=question).choices[0].message.content


def stream_until_error(wire: str, url: str) -> tuple[str, str, str]:
    """(the text the stream delivered, the error's class, its message)."""
    question = [{"role": "user", "content": "Please cut me off"}]
    text = ""
    try:
        if wire == "anthropic":
            client = anthropic.Anthropic(api_key=KEY, base_url=url)
            with client.messages.stream(model=MODEL, max_tokens=256, messages=question) as stream:
                for delta in stream.text_stream:
                    text += delta
        else:
            o = openai.OpenAI(api_key=KEY, base_url=url + "/api/v1")
            for chunk in o.chat.completions.create(model=MODEL, messages=question, stream=True):
                text += chunk.choices[0].delta.content or "" if chunk.choices else ""
    except anthropic.APIStatusError as exc:
        return text, type(exc).__name__, exc.body["error"]["message"]
    except openai.APIError as exc:
        return text, type(exc).__name__, exc.message
    raise AssertionError("the stream ended without its error event")


# --- recording through the proxy, replaying offline -----------------------------------------------


@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
@pytest.mark.parametrize("loop", [anthropic_tool_loop, openai_tool_loop], ids=["anthropic", "openai"])
def test_a_tool_loop_recorded_through_the_proxy_replays_offline(gateway, tmp_path, loop, stream):
    out = tmp_path / "recordings"
    with record_proxy(gateway.url, out) as proxy:
        recorded = loop(proxy, stream, test_id="tests/test_app.py::test_weather[paris]")
    assert recorded == loop(gateway.url, stream), "the proxy passes the gateway's answers through unchanged"
    assert len(recorded) == 2 and "sunny" in str(recorded[1]) and "{{ model }}" in str(recorded[1])

    assert recorded_files(out) == ["tests-test_app.py-test_weather-paris.yaml"]
    [scenario] = load_paths([out])  # what `mockgw validate` checks
    assert len(scenario.turns) == 2 and scenario.match.tools == ["get_weather"]

    asked = len(gateway.requests)
    with MockGateway(scenarios=[out]) as replay:
        assert loop(replay.url, stream) == recorded
        assert {e["scenario"] for e in replay.requests} == {scenario.name}
    assert len(gateway.requests) == asked, "the replay never reached the gateway"


def test_a_recording_replays_on_the_other_wire_format(gateway, tmp_path):
    out = tmp_path / "recordings"
    with record_proxy(gateway.url, out) as proxy:
        recorded = anthropic_tool_loop(proxy, stream=True)
    with MockGateway(scenarios=[out]) as replay:
        replayed = openai_tool_loop(replay.url, stream=False)
    (_, blocks, *_), (_, final, *_) = recorded
    (finish, text, calls, *_), (_, final_text, *_) = replayed
    assert finish == "tool_calls" and text == blocks[0]["text"]
    assert calls == [(blocks[1]["id"].replace("toolu_", "call_"), "get_weather", {"city": "Paris"})]
    assert final_text == final[0]["text"]


@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
def test_thinking_blocks_are_recorded_and_replayed(gateway, tmp_path, stream):
    """The upstream's thinking and redacted_thinking blocks become the turn's items; the replay signs the
    thinking itself, so the client's tool loop, which sends the blocks back, passes mockgw's check."""
    out = tmp_path / "recordings"
    with record_proxy(gateway.url, out) as proxy:
        recorded = anthropic_thinking_loop(proxy, stream)
    assert recorded == anthropic_thinking_loop(gateway.url, stream)
    [(_, first, _), (_, final, _)] = recorded
    assert [b["type"] for b in first] == ["thinking", "redacted_thinking", "text", "tool_use"]
    assert [b["type"] for b in final] == ["thinking", "text"] and final[1]["text"] == "It is dry in Rome."

    [scenario] = load_paths([out])
    items = [item.model_dump(exclude_none=True) for item in scenario.turns[0].reply.content]
    assert items[:2] == [
        {"thinking": "The user asks about Rome. I should call get_weather."},
        {"redacted_thinking": "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIw"},
    ]
    assert scenario.turns[1].reply.content[0].thinking == final[0]["thinking"]
    assert "signature" not in "".join(p.read_text() for p in out.iterdir())

    with MockGateway(scenarios=[out]) as replay:
        assert anthropic_thinking_loop(replay.url, stream) == recorded


@pytest.mark.parametrize("wire", ["anthropic", "openai"])
def test_a_429_with_retry_after_becomes_the_turns_attempts(gateway, tmp_path, wire):
    out = tmp_path / "recordings"
    with record_proxy(gateway.url, out) as proxy:
        recorded = ask_busy(wire, proxy)  # the SDK waits out retry-after, then gets through
    assert [e["status"] for e in gateway.requests] == [429, 200]
    [scenario] = load_paths([out])
    [turn] = scenario.turns
    assert [(a.fault.status, a.fault.headers) for a in turn.attempts] == [(429, {"retry-after": "1"})]
    assert turn.reply.content[0].text == recorded

    with MockGateway(scenarios=[out]) as replay:
        assert ask_busy(wire, replay.url) == recorded
        entries = replay.requests
        assert [e["status"] for e in entries] == [429, 200]
        assert entries[1]["time"] - entries[0]["time"] >= 0.95, "the replayed retry-after is honoured"
        replay.reset()
        error = anthropic.RateLimitError if wire == "anthropic" else openai.RateLimitError
        with pytest.raises(error, match="Slow down") as raised:
            ask_busy(wire, replay.url, max_retries=0)
        assert raised.value.response.headers["retry-after"] == "1"


@pytest.mark.parametrize("wire", ["anthropic", "openai"])
def test_an_in_stream_error_event_is_recorded_and_replayed(gateway, tmp_path, wire):
    out = tmp_path / "recordings"
    with record_proxy(gateway.url, out) as proxy:
        recorded = stream_until_error(wire, proxy)
    text, error, message = recorded
    assert text and error in ("APIStatusError", "APIError") and "Overloaded" in message
    [scenario] = load_paths([out])
    stream = scenario.turns[0].reply.stream
    assert stream.error_after and stream.error.kind == "overloaded"
    with MockGateway(scenarios=[out]) as replay:
        assert stream_until_error(wire, replay.url) == recorded


def test_one_file_per_test_and_a_rerecord_replaces_never_duplicates(gateway, tmp_path):
    out = tmp_path / "recordings"
    test = {"default_headers": {"x-mockgw-test-id": "tests/test_app.py::test_greetings"}}
    for _run in range(2):
        with record_proxy(gateway.url, out) as proxy:
            client = anthropic.Anthropic(api_key=KEY, base_url=proxy, **test)
            for question in ("Say hello", "Say hello", "Count to three"):
                client.messages.create(
                    model=MODEL, max_tokens=32, messages=[{"role": "user", "content": question}]
                )
    assert recorded_files(out) == ["tests-test_app.py-test_greetings.yaml"]
    scenarios = load_paths([out])
    assert [len(s.turns) for s in scenarios] == [1, 1], "one scenario per conversation, one turn each"
    assert [s.match.user_regex for s in scenarios] == ["^Say hello$", "^Count to three$"]


def test_two_tests_sending_the_same_conversation_each_replay_their_own_answer(gateway, tmp_path):
    """The recordings carry a `test_id` match rule, so the replay tells the tests apart by the
    x-mockgw-test-id header the fixture sends, not by the conversation alone; a third test's id
    matches neither."""
    out = tmp_path / "recordings"
    tests = {"tests/test_a.py::test_mood": "mood-sunny", "tests/test_b.py::test_mood": "mood-grey"}

    def ask(url: str, test_id: str) -> str:
        client = anthropic.Anthropic(api_key=KEY, base_url=url, default_headers={"x-mockgw-test-id": test_id})
        message = client.messages.create(
            model=MODEL, max_tokens=32, messages=[{"role": "user", "content": "How are you today?"}]
        )
        return message.content[0].text

    with record_proxy(gateway.url, out) as proxy:
        recorded = {}
        for test_id, answer in tests.items():
            gateway.use(answer)
            recorded[test_id] = ask(proxy, test_id)
    assert recorded == {
        "tests/test_a.py::test_mood": "Sunny, thanks for asking.",
        "tests/test_b.py::test_mood": "A little grey today.",
    }
    with MockGateway(scenarios=[out], api_key=KEY) as replay:
        assert {test_id: ask(replay.url, test_id) for test_id in tests} == recorded
        strict = {"x-mockgw-strict": "1", "x-mockgw-test-id": "tests/test_c.py::test_mood"}
        replay_strict = anthropic.Anthropic(api_key=KEY, base_url=replay.url, default_headers=strict)
        with pytest.raises(
            anthropic.BadRequestError, match="x-mockgw-test-id is 'tests/test_c.py::test_mood', not"
        ):
            replay_strict.messages.create(
                model=MODEL, max_tokens=32, messages=[{"role": "user", "content": "How are you today?"}]
            )


def test_an_unreachable_upstream_is_a_502_naming_it_and_nothing_is_recorded(tmp_path):
    """The 502 is the recorder's own (like a gateway whose model host is down, the docs page's 502),
    not an answer the gateway gave, so no scenario file claims the gateway said it."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        nobody = f"http://127.0.0.1:{closed.getsockname()[1]}"  # bound, never listening: refused
        out = tmp_path / "recordings"
        with record_proxy(nobody, out) as proxy:
            client = anthropic.Anthropic(api_key=KEY, base_url=proxy, max_retries=0)
            with pytest.raises(anthropic.APIStatusError) as raised:
                client.messages.create(
                    model=MODEL, max_tokens=32, messages=[{"role": "user", "content": "Hi"}]
                )
    assert raised.value.status_code == 502
    assert f"the upstream {nobody} did not answer: ConnectError" in raised.value.message
    assert not out.exists() or recorded_files(out) == []


def test_without_a_test_id_the_file_is_named_after_the_first_user_message(gateway, tmp_path):
    out = tmp_path / "recordings"
    with record_proxy(gateway.url, out) as proxy:
        openai_tool_loop(proxy, stream=False)
    assert recorded_files(out) == ["what-is-the-weather-in-paris.yaml"]


# --- record on miss -------------------------------------------------------------------------------

KNOWN = """\
name: known-greeting
match: {user_contains: good morning}
turns:
  - reply: Good morning from the recordings!
"""


def test_record_on_miss_adds_exactly_the_missing_conversation(gateway, tmp_path):
    folder = tmp_path / "recordings"
    folder.mkdir()
    (folder / "known.yaml").write_text(KNOWN)
    with MockGateway(scenarios=[folder], record_missing=True, upstream=gateway.url, api_key=KEY) as gw:
        client = gw.anthropic_client()
        greeting = client.messages.create(
            model=MODEL, max_tokens=32, messages=[{"role": "user", "content": "Good morning!"}]
        )
        assert greeting.content[0].text == "Good morning from the recordings!"
        assert gateway.requests == [], "what a scenario answers is not forwarded"

        first = anthropic_tool_loop(gw.url, stream=True)
        assert len(gateway.requests) == 2, "the missing conversation went to the gateway, both turns"
        assert anthropic_tool_loop(gw.url, stream=True) == first
        assert len(gateway.requests) == 2, "and is replayed from its new file from then on"

        recorded = [e["scenario"] for e in gw.requests[1:]]
        assert len(set(recorded)) == 1 and recorded[0].startswith("what-is-the-weather-in-paris")
    assert recorded_files(folder) == ["known.yaml", "what-is-the-weather-in-paris.yaml"]
    assert (folder / "known.yaml").read_text() == KNOWN
    known, recorded = load_paths([folder])
    assert (known.name, len(recorded.turns)) == ("known-greeting", 2)


def test_record_on_miss_records_a_retry_story_as_it_happens(gateway, tmp_path):
    """The 429 is recorded, and the SDK's retry of the same request goes to the gateway again (not to
    the 429 just recorded), so the turn ends up with the 429 as its attempt and the reply after it."""
    folder = tmp_path / "recordings"
    folder.mkdir()
    with MockGateway(scenarios=[folder], record_missing=True, upstream=gateway.url, api_key=KEY) as gw:
        said = ask_busy("openai", gw.url)
        assert [e["status"] for e in gateway.requests] == [429, 200]
        assert ask_busy("openai", gw.url) == said
        assert [e["status"] for e in gw.requests] == [429, 200, 429, 200] and len(gateway.requests) == 2
    [turn] = load_paths([folder])[0].turns
    assert [a.fault.status for a in turn.attempts] == [429] and turn.reply.content[0].text == said


# --- secrets --------------------------------------------------------------------------------------


def test_no_credential_reaches_a_recording(gateway, tmp_path):
    out = tmp_path / "recordings"
    upstream_key = "sk_upstream_only_9f8e7d6c5b"
    token = gateway.mint_token(KEY)["access_token"]  # a platform JWT, as Bearer
    cookie = "session=c00k1e-s3cr3t-value"
    secrets = [KEY, upstream_key, token, "c00k1e-s3cr3t-value", "ACME-4242", "sk_live_abcdef0123456789"]
    question = f"Please remember {KEY} and {token}"
    with record_proxy(gateway.url, out, upstream_key=upstream_key, redact=[r"ACME-\d+"]) as proxy:
        a = anthropic.Anthropic(api_key=KEY, base_url=proxy, default_headers={"cookie": cookie})
        said = a.messages.create(
            model=MODEL, max_tokens=256, messages=[{"role": "user", "content": question}]
        )
        o = openai.OpenAI(api_key=token, base_url=proxy + "/api/v1")
        o.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hello, are you busy?"}])
    assert KEY in said.content[0].text and "ACME-4242" in said.content[0].text, "the client got it all"
    assert {e["headers"]["authorization"] for e in gateway.requests} == {"Bearer sk_ups…"}

    written = "".join(p.read_text() for p in out.iterdir())
    assert [s for s in secrets if s in written] == []
    assert "[REDACTED]" in written
    with MockGateway(scenarios=[out], api_key=KEY) as replay:  # the match rule still finds the request
        again = replay.anthropic_client().messages.create(
            model=MODEL, max_tokens=256, messages=[{"role": "user", "content": question}]
        )
        assert replay.last_request["scenario"] is not None
        assert "[REDACTED]" in again.content[0].text and KEY not in again.content[0].text


# --- streaming: nothing is held back --------------------------------------------------------------


def arrivals(url: str) -> list[float]:
    """Seconds from sending a slow stream request to each chunk of its body."""
    body = {
        "model": MODEL,
        "max_tokens": 64,
        "stream": True,
        "messages": [{"role": "user", "content": "Talk slowly"}],
    }
    with httpx.Client(headers={"x-api-key": KEY}, timeout=10) as client:
        start = time.monotonic()
        with client.stream("POST", url + "/v1/messages", json=body) as r:
            return [time.monotonic() - start for _ in r.iter_raw()]


def test_streamed_chunks_reach_the_client_as_they_arrive(gateway, tmp_path):
    """The gateway waits 300 ms, then sends an event every 50 ms: through the proxy the first byte comes
    within a few milliseconds of the gateway's own (best of three, so that a busy machine's scheduling
    does not decide), and the events keep their spacing."""
    with record_proxy(gateway.url, tmp_path / "recordings") as proxy:
        runs = [(arrivals(gateway.url), arrivals(proxy)) for _ in range(3)]
    direct, proxied = min(d[0] for d, _ in runs), min(p[0] for _, p in runs)
    assert direct >= 0.3 and proxied - direct < 0.02, (
        f"first byte {proxied:.4f}s via the proxy, {direct:.4f}s direct"
    )
    for _, through in runs:
        assert len(through) > 8 and through[-1] - through[0] > 0.4, "forwarded chunk by chunk, not buffered"


def test_timing_is_recorded_when_asked_and_the_replay_keeps_the_pace(gateway, tmp_path):
    """The gateway's 300 ms and 50 ms gaps, as the proxy measured them (from when the request left it:
    never before the gateway's own time, never after the client saw it); the replay keeps them."""
    out = tmp_path / "recordings"
    with record_proxy(gateway.url, out, record_timing=True) as proxy:
        recorded = arrivals(proxy)
    [scenario] = load_paths([out])
    stream = scenario.turns[0].reply.stream
    assert 300 <= stream.ttft_ms <= recorded[0] * 1000 + 1
    assert 40 <= stream.delay_ms < 80 and stream.chunk_chars == 4  # a late first event shortens the mean gap
    with MockGateway(scenarios=[out]) as replay:
        replayed = arrivals(replay.url)
    gaps = 12  # message_start, content_block_start, ping, 7 deltas, content_block_stop, message_delta, message_stop
    assert replayed[0] >= stream.ttft_ms / 1000  # mockgw's pacing is never early
    assert replayed[-1] >= (stream.ttft_ms + gaps * stream.delay_ms) / 1000


# --- the fixture: pytest --mockgw-record=URL, then a plain run ------------------------------------

DOWNSTREAM = f"""
import pytest

WEATHER_TOOL = {WEATHER_TOOL!r}


def test_weather(mockgw):
    client = mockgw.anthropic_client()
    reply = client.messages.create(
        model="qwen-coder-32b", max_tokens=64, tools=[WEATHER_TOOL],
        messages=[{{"role": "user", "content": "What is the weather in Paris?"}}],
    )
    assert reply.content[0].text == "Let me check the weather for you."  # the gateway's words
    assert reply.content[1].input == {{"city": "Paris"}}
    mockgw.assert_requests(1, path="/v1/messages")


@pytest.mark.mockgw(scenario="rate-limited")
def test_scripted_tests_keep_their_script(mockgw):
    client = mockgw.openai_client(max_retries=0)
    with pytest.raises(Exception, match="429"):
        client.chat.completions.create(model="qwen-coder-32b", messages=[{{"role": "user", "content": "x"}}])
"""


def test_the_fixture_records_with_mockgw_record_and_replays_on_the_next_run(pytester, gateway):
    pytester.makepyfile(test_app=DOWNSTREAM)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--mockgw-record={gateway.url}")
    result.assert_outcomes(passed=2)
    folder = pytester.path / "tests" / "mockgw_recordings"
    assert recorded_files(folder) == ["test_app.py-test_weather.yaml"]
    assert len(gateway.requests) == 1, "the scripted test was answered by its script"

    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
    assert len(gateway.requests) == 1, "the plain run replayed the recording"


# --- the command line -----------------------------------------------------------------------------


def test_mockgw_record_command_writes_files_that_validate(gateway, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "recordings"
    command = [sys.executable, "-m", "mockgw.cli", "record", "--upstream", gateway.url, "--out", str(out)]
    proc = subprocess.Popen([*command, "--port", str(port)], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                models = httpx.get(url + "/api/v1/models", headers={"authorization": f"Bearer {KEY}"})
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.05)
        assert models.json() == httpx.get(gateway.url + "/api/v1/models", headers={"x-api-key": KEY}).json()
        assert httpx.get(url + "/nothing/here").status_code == 404
        openai_tool_loop(url, stream=True, test_id="tests/test_cli.py::test_weather")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    checked = subprocess.run(
        [sys.executable, "-m", "mockgw.cli", "validate", str(out)], capture_output=True, text=True
    )
    assert checked.returncode == 0 and "ok: 1 scenario(s)" in checked.stdout


def test_record_missing_without_an_upstream_refuses_to_start(tmp_path):
    command = [sys.executable, "-m", "mockgw.cli", "serve", "--scenarios", str(tmp_path), "--record-missing"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "--record-missing needs --upstream URL" in done.stderr


# --- units ---------------------------------------------------------------------------------------


def test_thinking_blocks_become_scenario_items_without_their_signature():
    """anthropic.types.ThinkingBlock / RedactedThinkingBlock come before the answer when thinking is on."""
    message = {
        "type": "message",
        "content": [
            {"type": "thinking", "thinking": "The user wants a greeting.", "signature": "EqQBCgIYAh..."},
            {"type": "redacted_thinking", "data": "EmwKAhgBEgy..."},
            {"type": "text", "text": "Hello!"},
        ],
        "stop_reason": "end_turn",
        "usage": {"input_tokens": 12, "output_tokens": 30},
    }
    body = b'{"model":"qwen-coder-32b","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}'
    seen = Seen(anthropic_wire, body, [], 0.0, status=200, content=bytearray(json.dumps(message).encode()))
    outcome, failed = outcome_of(seen, anthropic_wire.decode(body, {}, loose=False), timing=False)
    assert outcome == {
        "reply": {
            "content": [
                {"thinking": "The user wants a greeting."},
                {"redacted_thinking": "EmwKAhgBEgy..."},
                {"text": "Hello!"},
            ],
            "stop_reason": "end_turn",
            "usage": {"input_tokens": 12, "output_tokens": 30},
        }
    }
    assert not failed


# --- the SSE reader -------------------------------------------------------------------------------


def test_sse_events_split_anywhere_come_out_whole():
    stream = b'event: message_start\r\ndata: {"a":1}\r\n\r\n: a comment\n\ndata: {"b":\ndata: 2}\n\ndata: [DONE]\n\n'
    parser = SSEParser()
    events = [e for i in range(len(stream)) for e in parser.feed(stream[i : i + 1])]
    assert events == [
        Event("message_start", '{"a":1}'),
        Event("message", '{"b":\n2}'),
        Event("message", "[DONE]"),
    ]
