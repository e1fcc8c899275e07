"""GET /_mockgw/openapi.json describes every route mockgw serves, and real responses conform to it.

The request schemas come from the models that validate the bodies; the response schemas are closed,
so a field the code starts to emit (or stops emitting) fails here until the document says so.
"""

from __future__ import annotations

import re

import httpx
import pytest
from openapi_check import Document
from starlette.routing import Mount

from mockgw import MockGateway
from mockgw.app import CHAT_ROUTES, create_app

KEY = {"x-api-key": "sk_openapi_test"}
HI = [{"role": "user", "content": "Say hello"}]
A_BODY = {"model": "qwen-coder-32b", "max_tokens": 64, "messages": HI}
O_BODY = {"model": "qwen-coder-32b", "messages": HI}
READ_FILE_A = {
    "name": "read_file",
    "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}},
}
READ_FILE_O = {
    "type": "function",
    "function": {"name": "read_file", "parameters": READ_FILE_A["input_schema"]},
}
TOOL_ASK = [{"role": "user", "content": "Read /tmp/test.txt"}]


@pytest.fixture(scope="module")
def gw():
    with MockGateway() as server:
        yield server


@pytest.fixture(scope="module")
def document(gw) -> Document:
    return Document(httpx.get(gw.url + "/_mockgw/openapi.json").json())


@pytest.fixture
def http(gw):
    gw.reset()
    with httpx.Client(base_url=gw.url, timeout=10) as client:
        yield client


def served_routes() -> set[tuple[str, str]]:
    """(path, method) of every route the app serves: the two chat routes and the Starlette routes.

    A Starlette converter ({model_id:path}) is written as OpenAPI writes a parameter ({model_id}).
    """
    found = {(path, "POST") for path in CHAT_ROUTES}

    def walk(routes, prefix: str) -> None:
        for route in routes:
            if isinstance(route, Mount):
                walk(route.routes, prefix + route.path)
            else:
                path = re.sub(r"\{(\w+):\w+\}", r"{\1}", prefix + route.path)
                found.update((path, m) for m in route.methods - {"HEAD"})

    walk(create_app().rest.routes, "")
    return found


def test_the_document_lists_every_route_the_app_serves_and_nothing_else(document):
    served = served_routes()
    namespaced = {("/ns/{ns}" + path, m) for path, m in served if not path.startswith("/_mockgw/namespaces")}
    documented = {(path, m.upper()) for path, item in document.doc["paths"].items() for m in item}
    assert documented == served | namespaced
    assert len(served) >= 20, "the walk found the routes"


def test_the_document_is_valid_openapi_31(document):
    """Loaded by schemathesis, which checks each operation's structure and resolves every $ref."""
    import schemathesis
    from schemathesis.core.result import Err

    schema = schemathesis.openapi.from_dict(document.doc)
    results = list(schema.get_all_operations())
    assert [r.err() for r in results if isinstance(r, Err)] == []
    assert len(results) == sum(len(item) for item in document.doc["paths"].values())


def test_request_schemas_are_the_validators_own(document):
    """Each request body's schema is the JSON Schema of what validates it, nested definitions and all."""
    from pydantic import TypeAdapter

    from mockgw import control, platform
    from mockgw.accounts import KeySpec
    from mockgw.wire import anthropic, openai

    validators = {
        "AnthropicRequest": anthropic.REQUEST,
        "OpenAIRequest": openai.REQUEST,
        "RefreshRequest": platform.REFRESH,
        "KeySpec": TypeAdapter(KeySpec),
        **{
            m.__name__: TypeAdapter(m)
            for m in (
                control.ClockMove,
                control.ActiveScenario,
                control.TokenRequest,
                control.NamespaceRequest,
            )
        },
    }
    schemas = document.doc["components"]["schemas"]
    for name, validator in validators.items():
        prefix = name if name.endswith("Request") else ""
        own = validator.json_schema(ref_template="#/components/schemas/" + prefix + "{model}")
        for sub, definition in own.pop("$defs", {}).items():
            assert schemas[prefix + sub] == definition, (name, sub)
        assert schemas[name] == own, name
    assert schemas["AnthropicRequest"]["required"] == ["messages", "model"]
    assert schemas["ClockMove"]["properties"]["advance_seconds"]["type"] == "number"


def conforms(document: Document, response: httpx.Response, status: int) -> httpx.Response:
    request = response.request
    assert response.status_code == status, response.text
    assert document.problems(request.method, request.url.path, response) == []
    return response


def test_chat_replies_json_and_streams_conform(http, document):
    for body in (A_BODY, A_BODY | {"stream": True}, A_BODY | {"messages": TOOL_ASK, "tools": [READ_FILE_A]}):
        conforms(document, http.post("/v1/messages", json=body, headers=KEY), 200)
        conforms(document, http.post("/v1/messages", json=body | {"stream": True}, headers=KEY), 200)
    thinking = {
        "model": "claude-sonnet-4.5",
        "max_tokens": 2048,
        "thinking": {"type": "enabled", "budget_tokens": 1024},
    }
    for body in (A_BODY | thinking, A_BODY | thinking | {"stream": True}):
        conforms(document, http.post("/v1/messages", json=body, headers=KEY), 200)
    for body in (O_BODY, O_BODY | {"messages": TOOL_ASK, "tools": [READ_FILE_O], "tool_choice": "required"}):
        conforms(document, http.post("/api/v1/chat/completions", json=body, headers=KEY), 200)
        streamed = body | {"stream": True, "stream_options": {"include_usage": True}}
        conforms(document, http.post("/api/v1/chat/completions", json=streamed, headers=KEY), 200)


def test_stream_error_events_conform(http, document):
    scripted = KEY | {"x-mockgw-scenario": "stream-error-event"}
    r = conforms(document, http.post("/v1/messages", json=A_BODY | {"stream": True}, headers=scripted), 200)
    assert "overloaded_error" in r.text
    body = O_BODY | {"stream": True}
    r = conforms(document, http.post("/api/v1/chat/completions", json=body, headers=scripted), 200)
    assert '"error"' in r.text


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({}, A_BODY, 401),
        ({"x-api-key": "sk-ant-x"}, A_BODY, 401),
        (KEY, {"model": "gpt-9", "messages": HI}, 400),
        (KEY | {"x-mockgw-scenario": "model-loading"}, A_BODY, 503),
        (KEY | {"x-mockgw-scenario": "always-500"}, A_BODY, 500),
        (KEY | {"x-mockgw-scenario": "rate-limited"}, A_BODY, 429),
    ],
)
def test_chat_errors_conform_on_both_formats(http, document, headers, body, status):
    conforms(document, http.post("/v1/messages", json=body, headers=headers), status)
    openai_body = {k: v for k, v in body.items() if k != "max_tokens"}
    openai_body["messages"] = [{"role": "user", "content": "another conversation"}]  # its own attempt count
    conforms(document, http.post("/api/v1/chat/completions", json=openai_body, headers=headers), status)


def test_platform_routes_conform(http, gw, document):
    conforms(document, http.get("/api/v1/auth/me", headers=KEY), 200)
    conforms(document, http.get("/api/v1/public/credits/balance", headers=KEY), 200)
    conforms(document, http.get("/api/v1/auth/me"), 401)
    tokens = gw.mint_token()
    conforms(
        document, http.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}), 200
    )
    conforms(document, http.post("/api/v1/auth/refresh", json={"refresh_token": "eyJx"}), 401)
    conforms(document, http.post("/api/v1/auth/refresh", json={}), 400)


def test_model_catalog_routes_conform(http, document):
    conforms(document, http.get("/api/v1/models", headers=KEY), 200)
    conforms(document, http.get("/v1/models", headers=KEY), 200)
    conforms(document, http.get("/v1/models?limit=3&after_id=qwen-7b", headers=KEY), 200)
    conforms(document, http.get("/v1/models/claude-sonnet-4.5", headers=KEY), 200)
    conforms(document, http.get("/v1/models/gpt-9", headers=KEY), 404)
    conforms(document, http.get("/v1/models?limit=0", headers=KEY), 400)
    conforms(document, http.get("/api/v1/models"), 401)
    conforms(document, http.get("/v1/models", headers={"x-api-key": "sk-ant-x"}), 401)


def test_control_routes_conform(http, document):
    http.post("/v1/messages", json=A_BODY | {"stream": True}, headers=KEY)
    http.post("/v1/messages", json=A_BODY, headers=KEY | {"x-mockgw-scenario": "model-loading"})
    http.post("/api/v1/chat/completions", json=O_BODY, headers=KEY)
    with pytest.raises(httpx.RemoteProtocolError):
        http.post("/v1/messages", json=A_BODY, headers=KEY | {"x-mockgw-scenario": "connection-drop"})
    journal = conforms(document, http.get("/_mockgw/requests"), 200).json()["requests"]
    assert {e["response"]["type"] for e in journal} == {"reply", "error", "drop"}
    for method, path, body, status in [
        ("GET", "/_mockgw/health", None, 200),
        ("GET", "/_mockgw/requests?path=/v1/messages", None, 200),
        ("DELETE", "/_mockgw/requests", None, 200),
        ("PUT", "/_mockgw/scenario", {"name": "hello"}, 200),
        ("PUT", "/_mockgw/scenario", {"name": "nope"}, 404),
        ("PUT", "/_mockgw/scenario", {"nom": "hello"}, 400),
        ("DELETE", "/_mockgw/scenario", None, 200),
        ("POST", "/_mockgw/scenarios", {"name": "mine", "turns": [{"reply": "hi"}]}, 201),
        ("POST", "/_mockgw/scenarios", {"name": "mine"}, 400),
        ("GET", "/_mockgw/scenarios", None, 200),
        ("POST", "/_mockgw/clock", {"advance_seconds": 60}, 200),
        ("GET", "/_mockgw/clock", None, 200),
        ("POST", "/_mockgw/keys", {"key": "sk_team", "plan": "starter", "credits": 5}, 201),
        ("POST", "/_mockgw/keys", {"key": "team"}, 400),
        ("POST", "/_mockgw/tokens", {"plan": "basic"}, 201),
        ("POST", "/_mockgw/tokens", {}, 400),
        ("POST", "/_mockgw/namespaces", {"name": "doc-test", "label": "x"}, 201),
        ("POST", "/_mockgw/namespaces", {"name": "doc-test"}, 409),
        ("GET", "/_mockgw/namespaces", None, 200),
        ("GET", "/ns/doc-test/_mockgw/health", None, 200),
        ("DELETE", "/_mockgw/namespaces/doc-test", None, 200),
        ("DELETE", "/_mockgw/namespaces/doc-test", None, 404),
        ("POST", "/_mockgw/reset", None, 200),
        ("GET", "/_mockgw/openapi.json", None, 200),
    ]:
        conforms(document, http.request(method, path, json=body), status)
    yaml_upload = http.post("/_mockgw/scenarios", content=b"name: y\nturns: [{reply: hi}]\n")
    conforms(document, yaml_upload, 201)


def test_namespaced_routes_conform(http, gw, document):
    ns = gw.open_namespace()
    prefix = f"/ns/{ns.namespace}"
    conforms(document, http.post(prefix + "/v1/messages", json=A_BODY, headers=KEY), 200)
    conforms(document, http.get(prefix + "/api/v1/public/credits/balance", headers=KEY), 200)
    conforms(document, http.get(prefix + "/_mockgw/requests"), 200)
    gw.drop_namespace(ns.namespace)
    conforms(document, http.post(prefix + "/v1/messages", json=A_BODY, headers=KEY), 404)
    conforms(document, http.get(prefix + "/api/v1/auth/me", headers=KEY), 404)


def test_a_missing_namespace_on_a_control_route_answers_in_the_control_envelope(http, document):
    r = conforms(document, http.get("/ns/never-opened/_mockgw/health"), 404)
    assert "namespace 'never-opened' does not exist" in r.json()["error"]
    r = conforms(document, http.post("/ns/never-opened/_mockgw/reset"), 404)
    assert "namespace 'never-opened' does not exist" in r.json()["error"]


def test_unknown_control_paths_and_methods_answer_in_the_control_envelope(http):
    r = http.get("/_mockgw/nope")
    assert r.status_code == 404 and set(r.json()) == {"error"}
    r = http.patch("/_mockgw/health")
    assert r.status_code == 405 and set(r.json()) == {"error"} and "GET" in r.headers["allow"]


def test_count_tokens_and_reply_shaping_conform(http, document):
    """count_tokens, a reply cut at a stop sequence, a cached prompt, n choices with logprobs."""
    conforms(
        document,
        http.post("/v1/messages/count_tokens", json={"model": "qwen-coder-32b", "messages": HI}, headers=KEY),
        200,
    )
    conforms(document, http.post("/v1/messages/count_tokens", json=A_BODY, headers=KEY), 400)
    system = [
        {"type": "text", "text": "Be brief. " * 500, "cache_control": {"type": "ephemeral", "ttl": "1h"}}
    ]
    stopped = A_BODY | {"stop_sequences": ["e"], "system": system}
    for body in (stopped, stopped | {"stream": True}):
        assert (
            '"stop_sequence":"e"'
            in conforms(document, http.post("/v1/messages", json=body, headers=KEY), 200).text
        )
    shaped = O_BODY | {"n": 2, "logprobs": True, "top_logprobs": 2, "stop": "e"}
    conforms(document, http.post("/api/v1/chat/completions", json=shaped, headers=KEY), 200)
    streamed = shaped | {"stream": True, "stream_options": {"include_usage": True}}
    conforms(document, http.post("/api/v1/chat/completions", json=streamed, headers=KEY), 200)


def test_the_count_tokens_request_schema_is_its_contracts_fields(document):
    """MessageCountTokensParams' fields, typed as MessageCreateParams types them (the contract names
    the same types for both), required ones included."""
    from mockgw.wire.anthropic_contract import MessageCountTokensParams

    schema = document.doc["components"]["schemas"]["CountTokensRequest"]
    assert set(schema["properties"]) == set(MessageCountTokensParams.__annotations__)
    assert schema["required"] == ["messages", "model"]
