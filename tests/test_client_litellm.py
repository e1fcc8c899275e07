"""LiteLLM against a live mockgw: `litellm.completion` with `openai/...` and `anthropic/...` model strings and
`api_base` pointing at the gateway, plain, streamed and with tools.

LiteLLM fetches its model cost map from GitHub at import unless LITELLM_LOCAL_MODEL_COST_MAP is set; the
test process has no internet, so it is set before the import (as offline users must).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"

import litellm
import pytest

READ_FILE = {
    "type": "function",
    "function": {
        "name": "read_file",
        "description": "Read the contents of a file at the given path.",
        "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
    },
}


def route(mockgw, provider: str) -> dict:
    """What a LiteLLM user passes for each of the gateway's formats. max_tokens is needed: for a model it does
    not know, LiteLLM's Anthropic route asks for 128000, over the gateway's cap (a 400 naming the cap)."""
    base = mockgw.openai_base_url if provider == "openai" else mockgw.url
    return {
        "model": f"{provider}/qwen-coder-32b",
        "api_base": base,
        "api_key": mockgw.api_key,
        "max_tokens": 1024,
        "max_retries": 0,
    }


PATHS = {"openai": "/api/v1/chat/completions", "anthropic": "/v1/messages"}
both = pytest.mark.parametrize("provider", ["openai", "anthropic"])


@both
def test_completion_returns_the_reply(mockgw, provider):
    reply = litellm.completion(**route(mockgw, provider), messages=[{"role": "user", "content": "Say hello"}])
    assert reply.choices[0].message.content == "Hello! How can I help you today?"
    assert reply.choices[0].finish_reason == "stop"
    assert reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0
    mockgw.assert_requests(1, path=PATHS[provider])


@both
def test_streamed_completion_delivers_text_deltas(mockgw, provider):
    chunks = list(
        litellm.completion(
            **route(mockgw, provider), messages=[{"role": "user", "content": "Count to 5"}], stream=True
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == "1\n2\n3\n4\n5"
    assert [c.choices[0].finish_reason for c in chunks if c.choices[0].finish_reason] == ["stop"]
    assert mockgw.last_request["body"]["stream"] is True


@both
@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
def test_tool_loop_calls_the_tool_and_answers_with_its_result(mockgw, provider, stream):
    messages = [{"role": "user", "content": "What is in /tmp/test.txt?"}]
    first = litellm.completion(**route(mockgw, provider), messages=messages, tools=[READ_FILE], stream=stream)
    if stream:
        first = litellm.stream_chunk_builder(list(first), messages=messages)
    call = first.choices[0].message.tool_calls[0]
    assert (call.function.name, json.loads(call.function.arguments)) == (
        "read_file",
        {"path": "/tmp/test.txt"},
    )
    assert first.choices[0].finish_reason == "tool_calls"
    messages += [
        first.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": "Hello from LiteLLM"},
    ]
    final = litellm.completion(**route(mockgw, provider), messages=messages, tools=[READ_FILE])
    assert final.choices[0].message.content == 'The file /tmp/test.txt contains: "Hello from LiteLLM"'
    assert [r["scenario"] for r in mockgw.requests] == ["tool-read-file", "tool-read-file"]
    assert {r["path"] for r in mockgw.requests} == {PATHS[provider]}


def test_import_makes_no_network_call_with_the_local_cost_map():
    """What the module docstring relies on, checked in a fresh interpreter that refuses any DNS lookup."""
    guard = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise SystemExit(f'network lookup at import: {args[:2]}')\n"
        "socket.getaddrinfo = refuse\n"
        "import litellm\n"
        "assert litellm.model_cost, 'no model cost map'\n"
    )
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    proc = subprocess.run([sys.executable, "-c", guard], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
