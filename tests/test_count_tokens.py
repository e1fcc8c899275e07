"""POST /v1/messages/count_tokens: the number usage.input_tokens reports for the same request.

Reference: the Messages API's count_tokens endpoint (anthropic `client.messages.count_tokens`,
anthropic/resources/messages/messages.py; request `MessageCountTokensParams`,
anthropic/types/message_count_tokens_params.py; answer `MessageTokensCount` `{"input_tokens": N}`,
anthropic/types/message_tokens_count.py).
"""

from __future__ import annotations

import anthropic
import httpx
import pytest

MODEL = "qwen-coder-32b"
TOOL = {
    "name": "read_file",
    "description": "Read a file from disk",
    "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}},
}
ASK = {
    "model": MODEL,
    "system": "You are terse.",
    "tools": [TOOL],
    "messages": [{"role": "user", "content": "What is in /tmp/notes.txt? Tell me briefly."}],
}


def test_count_matches_the_usage_of_the_same_request(mockgw):
    client = mockgw.anthropic_client()
    counted = client.messages.count_tokens(**ASK)
    reply = client.messages.create(**ASK, max_tokens=64)
    assert counted.input_tokens == reply.usage.input_tokens > 0


def test_count_grows_with_the_prompt(mockgw):
    client = mockgw.anthropic_client()
    short = client.messages.count_tokens(model=MODEL, messages=[{"role": "user", "content": "hi"}])
    long = client.messages.count_tokens(model=MODEL, messages=[{"role": "user", "content": "hi " * 400}])
    assert long.input_tokens > short.input_tokens


def test_count_is_not_charged(mockgw):
    client = mockgw.anthropic_client()
    before = httpx.get(mockgw.url + "/api/v1/public/credits/balance", headers={"x-api-key": mockgw.api_key})
    for _ in range(3):
        client.messages.count_tokens(**ASK)
    after = httpx.get(mockgw.url + "/api/v1/public/credits/balance", headers={"x-api-key": mockgw.api_key})
    assert after.json() == before.json()


def test_sk_ant_keys_get_401_as_on_chat(mockgw):
    client = anthropic.Anthropic(api_key="sk-ant-api03-abc", base_url=mockgw.url, max_retries=0)
    with pytest.raises(anthropic.AuthenticationError):
        client.messages.count_tokens(**ASK)


def test_bad_requests_get_the_contract_400(mockgw):
    """max_tokens is a MessageCreateParams field, not a MessageCountTokensParams one."""
    resp = httpx.post(
        mockgw.url + "/v1/messages/count_tokens",
        json=ASK | {"max_tokens": 10},
        headers={"x-api-key": mockgw.api_key},
    )
    assert resp.status_code == 400
    assert resp.json()["error"] == {
        "type": "invalid_request_error",
        "message": "max_tokens: Extra inputs are not permitted",
    }


def test_unknown_model_gets_the_chat_400(mockgw):
    with pytest.raises(anthropic.BadRequestError, match="not available"):
        mockgw.anthropic_client(max_retries=0).messages.count_tokens(
            model="no-such-model", messages=[{"role": "user", "content": "hi"}]
        )


def test_count_in_a_namespace(mockgw_server):
    ns = mockgw_server.open_namespace(label="count")
    try:
        client = anthropic.Anthropic(api_key="sk_test", base_url=ns.url)
        assert client.messages.count_tokens(**ASK).input_tokens > 0
    finally:
        mockgw_server.drop_namespace(ns.namespace or "")


def test_betas_named_let_beta_fields_through(mockgw):
    """Claude Code counts tokens through the beta namespace, naming betas."""
    client = mockgw.anthropic_client()
    counted = client.beta.messages.count_tokens(**ASK, betas=["token-counting-2024-11-01"])
    assert counted.input_tokens == client.messages.count_tokens(**ASK).input_tokens
