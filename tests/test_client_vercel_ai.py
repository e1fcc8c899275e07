"""The Vercel AI SDK (`ai` with @ai-sdk/anthropic and @ai-sdk/openai-compatible) against a live mockgw.

tests/ts/ai-sdk.mjs runs one check per call and prints `ok CHECK` or `FAIL CHECK: reason`. It is installed with
the official SDKs' check (tests/test_typescript_sdks.py: same package.json, same cache, same skip when
node/npm are missing). Both providers parse responses and stream chunks with strict zod schemas.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_typescript_sdks import CHECK_TIMEOUT_S, _child_env, _install, _run, _tools

from mockgw.client import MockgwClient

PATHS = {"anthropic": "/v1/messages", "compatible": "/api/v1/chat/completions"}
# ai-sdk.mjs's CHECKS, with the scenario mockgw should pick for each request of the check.
CHECKS = [
    pytest.param("anthropic-generate-text", ["hello"]),
    pytest.param("anthropic-stream-text", ["count-to-5"]),
    pytest.param("anthropic-tool-loop", ["tool-read-file"] * 2),
    pytest.param("anthropic-stream-tool-loop", ["tool-read-file"] * 2),
    pytest.param("anthropic-object-json-tool", [None]),
    pytest.param("anthropic-stream-object-json-tool", [None]),
    # @ai-sdk/anthropic's structuredOutputMode 'outputFormat' sends `output_config: {format: {type:
    # "json_schema", schema}}` (dist/index.js, getArgs) and parses the reply's text as JSON.
    pytest.param("anthropic-object-output-format", [None]),
    pytest.param("compatible-generate-text", ["hello"]),
    pytest.param("compatible-stream-text", ["count-to-5"]),
    pytest.param("compatible-tool-loop", ["tool-read-file"] * 2),
    pytest.param("compatible-stream-tool-loop", ["tool-read-file"] * 2),
    # openai-compatible sends response_format json_schema with supportsStructuredOutputs, else json_object
    # (@ai-sdk/openai-compatible dist/index.js, getArgs).
    pytest.param("compatible-object-json-schema", [None]),
    pytest.param("compatible-object-json-object", ["paris-json"]),
]
# json_object carries no schema (the SDK puts it in the prompt, which mockgw does not read): script the object.
SCRIPTED = {
    "compatible-object-json-object": {
        "name": "paris-json",
        "match": {"user_contains": "Describe Paris"},
        "turns": [
            {"reply": {"content": [{"json": {"name": "Paris", "population": 2100000, "landmarks": []}}]}}
        ],
    }
}


def _user_agent(entry: dict[str, Any]) -> str:
    return next((v for k, v in entry["headers"].items() if k.lower() == "user-agent"), "")


@pytest.mark.parametrize(("check", "scenarios"), CHECKS)
def test_ai_sdk_against_mockgw(mockgw: MockgwClient, check: str, scenarios: list[str | None]) -> None:
    node, npm = _tools()
    workdir = _install(npm)
    if check in SCRIPTED:
        mockgw.add_scenario(SCRIPTED[check])
    code, output = _run(
        [node, "ai-sdk.mjs", check], workdir, CHECK_TIMEOUT_S, _child_env(mockgw.url, mockgw.api_key)
    )
    assert code == 0 and f"ok {check}" in output.splitlines(), output
    assert [e["scenario"] for e in mockgw.requests] == scenarios
    assert {e["path"] for e in mockgw.requests} == {PATHS[check.split("-")[0]]}
    assert all("ai-sdk" in _user_agent(e) or "ai/" in _user_agent(e) for e in mockgw.requests)
