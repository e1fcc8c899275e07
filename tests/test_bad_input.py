"""Bad input gets a 4xx in the caller's format that names what was wrong, and the server keeps serving.

Bodies an SDK cannot send (invalid JSON, a missing model) go out with httpx; the response is then
handed to the SDK's own error mapping, the code path it runs on every failed call.
"""

from __future__ import annotations

import anthropic
import httpx
import openai
import pytest

from mockgw import MockGateway

OK_A = {"model": "qwen-coder-32b", "max_tokens": 32, "messages": [{"role": "user", "content": "hi"}]}
OK_O = {"model": "qwen-coder-32b", "messages": [{"role": "user", "content": "hi"}]}
TOOL_USE = {"type": "tool_use", "id": "toolu_1", "name": "read_file", "input": {"path": "/x"}}
CALL = {"id": "call_1", "type": "function", "function": {"name": "read_file", "arguments": "{}"}}

# (case, body or raw bytes, extra headers, status, SDK error class name, text the message must contain)
ANTHROPIC_CASES = [
    ("invalid json", b"{not json", {}, 400, "BadRequestError", "not valid JSON"),
    (
        "wrong content type",
        b"model=x",
        {"content-type": "text/plain"},
        400,
        "BadRequestError",
        "content-type",
    ),
    (
        "missing model",
        {k: v for k, v in OK_A.items() if k != "model"},
        {},
        400,
        "BadRequestError",
        "model: Field required",
    ),
    ("missing messages", {"model": "qwen-coder-32b"}, {}, 400, "BadRequestError", "messages: Field required"),
    (
        "messages not a list",
        OK_A | {"messages": "hi"},
        {},
        400,
        "BadRequestError",
        "messages: Input should be a valid list",
    ),
    (
        "wrong role",
        OK_A | {"messages": [{"role": "robot", "content": "x"}]},
        {},
        400,
        "BadRequestError",
        "messages.0.role",
    ),
    ("empty messages", OK_A | {"messages": []}, {}, 400, "BadRequestError", "at least one"),
    ("temperature above 2", OK_A | {"temperature": 2.5}, {}, 400, "BadRequestError", "temperature"),
    (
        "max_tokens negative",
        OK_A | {"max_tokens": -1},
        {},
        400,
        "BadRequestError",
        "max_tokens: Input should be greater than or equal to 0",
    ),
    ("max_tokens above the cap", OK_A | {"max_tokens": 40000}, {}, 400, "BadRequestError", "limit of 32768"),
    (
        "claude cap",
        OK_A | {"model": "claude-sonnet-4.5", "max_tokens": 9000},
        {},
        400,
        "BadRequestError",
        "8192",
    ),
    (
        "unknown model",
        OK_A | {"model": "gpt-9"},
        {},
        400,
        "BadRequestError",
        "'gpt-9' is not available; known",
    ),
    (
        "tool_use never answered",
        OK_A
        | {
            "messages": [
                {"role": "user", "content": "a"},
                {"role": "assistant", "content": [TOOL_USE]},
                {"role": "user", "content": "b"},
            ]
        },
        {},
        400,
        "BadRequestError",
        "`tool_use` ids were found without `tool_result` blocks immediately after: toolu_1",
    ),
    (
        "tool_result for an unknown id",
        OK_A
        | {
            "messages": [
                {"role": "user", "content": "a"},
                {"role": "assistant", "content": [TOOL_USE]},
                {
                    "role": "user",
                    "content": [{"type": "tool_result", "tool_use_id": "toolu_2", "content": "x"}],
                },
            ]
        },
        {},
        400,
        "BadRequestError",
        "unexpected `tool_use_id` found in `tool_result` blocks: toolu_2",
    ),
    (
        "tool_use without id",
        OK_A
        | {
            "messages": [
                {"role": "user", "content": "a"},
                {"role": "assistant", "content": [{"type": "tool_use", "name": "x", "input": {}}]},
            ]
        },
        {},
        400,
        "BadRequestError",
        "messages.1.content.0.tool_use.id: Field required",
    ),
    ("sk-ant- key", OK_A, {"x-api-key": "sk-ant-api03-abc"}, 401, "AuthenticationError", "sk-ant-"),
    ("malformed key", OK_A, {"x-api-key": "hello"}, 401, "AuthenticationError", "malformed credentials"),
    ("no key", OK_A, {"x-api-key": ""}, 401, "AuthenticationError", "missing credentials"),
]

OPENAI_CASES = [
    ("invalid json", b"[1,", {}, 400, "BadRequestError", "not valid JSON"),
    ("body not an object", b"[1]", {}, 400, "BadRequestError", "must be a JSON object"),
    (
        "missing model",
        {"messages": OK_O["messages"]},
        {},
        400,
        "BadRequestError",
        "you must provide a model parameter",
    ),
    (
        "empty messages",
        OK_O | {"messages": []},
        {},
        400,
        "BadRequestError",
        "Invalid 'messages': empty array",
    ),
    ("temperature below 0", OK_O | {"temperature": -1}, {}, 400, "BadRequestError", "temperature"),
    (
        "max_tokens negative",
        OK_O | {"max_tokens": -5},
        {},
        400,
        "BadRequestError",
        "max_tokens: must be at least 0",
    ),
    ("unknown model", OK_O | {"model": "gpt-9"}, {}, 400, "BadRequestError", "known models"),
    (
        "tool_choice garbage",
        OK_O | {"tool_choice": "sometimes"},
        {},
        400,
        "BadRequestError",
        "Invalid value: 'sometimes'. Supported values are: 'none', 'auto', and 'required'.",
    ),
    (
        "tool message without tool_calls",
        OK_O
        | {
            "messages": [
                {"role": "user", "content": "a"},
                {"role": "tool", "tool_call_id": "call_9", "content": "x"},
            ]
        },
        {},
        400,
        "BadRequestError",
        "messages with role 'tool' must be a response to a preceeding message with 'tool_calls'",
    ),
    (
        "tool_calls never answered",
        OK_O
        | {
            "messages": [
                {"role": "user", "content": "a"},
                {"role": "assistant", "tool_calls": [CALL]},
                {"role": "user", "content": "b"},
            ]
        },
        {},
        400,
        "BadRequestError",
        "call_1",
    ),
    (
        "arguments not JSON",
        OK_O
        | {
            "messages": [
                {"role": "user", "content": "a"},
                {
                    "role": "assistant",
                    "tool_calls": [CALL | {"function": {"name": "f", "arguments": "{oops"}}],
                },
                {"role": "tool", "tool_call_id": "call_1", "content": "x"},
            ]
        },
        {},
        400,
        "BadRequestError",
        "messages[1].tool_calls[0].function.arguments",
    ),
    ("sk-ant- key", OK_O, {"x-api-key": "sk-ant-api03-abc"}, 401, "AuthenticationError", "sk-ant-"),
    ("no key", OK_O, {"x-api-key": ""}, 401, "AuthenticationError", "missing credentials"),
]


def post(url: str, body: object, headers: dict[str, str]) -> httpx.Response:
    base = {"content-type": "application/json", "x-api-key": "sk_test"}
    if isinstance(body, bytes):
        return httpx.post(url, content=body, headers=base | headers)
    return httpx.post(url, json=body, headers=base | headers)


@pytest.mark.parametrize(
    ("case", "body", "headers", "status", "error", "text"),
    ANTHROPIC_CASES,
    ids=lambda v: v if isinstance(v, str) and " " in v else None,
)
def test_anthropic_bad_input(mockgw, case, body, headers, status, error, text):
    resp = post(mockgw.url + "/v1/messages", body, headers)
    assert resp.status_code == status, resp.text
    assert resp.headers["request-id"].startswith("req_")
    exc = mockgw.anthropic_client()._make_status_error_from_response(resp)
    assert type(exc).__name__ == error
    assert exc.body["type"] == "error" and text in exc.body["error"]["message"]
    assert exc.request_id == resp.headers["request-id"]


@pytest.mark.parametrize(
    ("case", "body", "headers", "status", "error", "text"),
    OPENAI_CASES,
    ids=lambda v: v if isinstance(v, str) and " " in v else None,
)
def test_openai_bad_input(mockgw, case, body, headers, status, error, text):
    resp = post(mockgw.openai_base_url + "/chat/completions", body, headers)
    assert resp.status_code == status, resp.text
    exc = mockgw.openai_client()._make_status_error_from_response(resp)
    assert type(exc).__name__ == error
    assert text in exc.message
    assert set(exc.body) == {"message", "type", "param", "code"}


def test_sdk_raises_its_own_classes(mockgw):
    with pytest.raises(anthropic.AuthenticationError, match="sk-ant-"):
        mockgw.anthropic_client(api_key="sk-ant-api03-x").messages.create(
            model="qwen-coder-32b", max_tokens=5, messages=[{"role": "user", "content": "x"}]
        )
    with pytest.raises(openai.AuthenticationError) as info:
        mockgw.openai_client(api_key="sk-ant-api03-x").chat.completions.create(
            model="qwen-coder-32b", messages=[{"role": "user", "content": "x"}]
        )
    assert info.value.code == "invalid_api_key"
    with pytest.raises(anthropic.BadRequestError, match="temperature"):
        mockgw.anthropic_client().messages.create(
            model="qwen-coder-32b",
            max_tokens=5,
            messages=[{"role": "user", "content": "x"}],
            extra_body={"temperature": 9},
        )
    with pytest.raises(openai.BadRequestError, match="not available") as bad:
        mockgw.openai_client().chat.completions.create(
            model="nope", messages=[{"role": "user", "content": "x"}]
        )
    assert bad.value.param == "model"


def test_unknown_paths_get_404_in_the_family_envelope(mockgw):
    with pytest.raises(anthropic.NotFoundError, match="does not exist"):
        mockgw.anthropic_client().messages.batches.list()  # the gateway serves no batches
    resp = httpx.get(mockgw.url + "/api/v1/nothing-here")
    assert (
        resp.status_code == 404
        and resp.json()["error"]["message"] == "GET /api/v1/nothing-here does not exist on this gateway"
    )
    resp = httpx.get(mockgw.url + "/v1/messages")
    assert resp.status_code == 405 and resp.json()["error"]["type"] == "invalid_request_error"
    assert resp.headers["allow"] == "POST"
    resp = httpx.post(mockgw.url + "/api/v1/auth/me")
    assert (
        resp.status_code == 405
        and set(resp.headers["allow"].split(", ")) == {"GET", "HEAD"}  # Starlette lists a set
        and "POST is not allowed" in resp.text
    )


def test_body_over_the_limit_gets_413_and_the_server_keeps_serving():
    with MockGateway(max_body_bytes=2000) as gw:
        big = OK_A | {"messages": [{"role": "user", "content": "x" * 5000}]}
        with pytest.raises(anthropic.APIStatusError) as info:
            gw.anthropic_client().messages.create(**big)
        assert info.value.status_code == 413 and "exceeds the limit of 2000 bytes" in info.value.message
        resp = post(gw.openai_base_url + "/chat/completions", OK_O | {"messages": big["messages"]}, {})
        assert resp.status_code == 413 and resp.json()["error"]["type"] == "invalid_request_error"
        assert gw.anthropic_client().messages.create(**OK_A).role == "assistant"


def test_server_keeps_serving_after_every_bad_request(mockgw):
    for _, body, headers, *_ in ANTHROPIC_CASES:
        post(mockgw.url + "/v1/messages", body, headers)
    assert all(e["status"] in (400, 401) for e in mockgw.requests)
    assert mockgw.anthropic_client().messages.create(**OK_A).role == "assistant"


def test_hostile_tool_schemas_get_bounded_inputs_not_a_hung_server(mockgw):
    schema = {
        "type": "object",
        "properties": {
            "many": {"type": "array", "minItems": 10**30, "items": {"type": "string", "minLength": 10**12}},
            "range": {"type": "integer", "minimum": 50, "maximum": 10},
            "odd": {"enum": "not-a-list", "anyOf": "nope", "minimum": "zero"},
            "deep": {
                "type": "object",
                "properties": {"a": {"type": "object", "properties": {"b": {"items": [1]}}}},
            },
        },
    }
    client = mockgw.anthropic_client(max_retries=0, timeout=10)
    call = client.messages.create(
        model="qwen-coder-32b",
        max_tokens=256,
        tools=[{"name": "t", "input_schema": schema}],
        tool_choice={"type": "tool", "name": "t"},
        messages=[{"role": "user", "content": "go"}],
    ).content[0]
    assert len(call.input["many"]) == 8 and all(len(s) == 1000 for s in call.input["many"])
    assert call.input["range"] == 50
