"""Structured outputs: the SDKs' parse helpers get JSON that validates against the schema they sent.

References: OpenAI's structured outputs guide (response_format json_schema / json_object); the openai SDK's
`openai/lib/_parsing/_completions.py` (parse_chat_completion: LengthFinishReasonError before parsing, then
model_validate_json of message.content) and `openai/lib/_pydantic.py` (to_strict_json_schema: $defs,
anyOf for Optional, every field required); the anthropic SDK 2.15's `resources/messages/messages.py`
(parse/stream put `output_format=Model` in `output_config.format`) and `lib/_parse/_response.py`
(parse_text: the text block's JSON validated into `parsed_output`).
"""

from __future__ import annotations

import json
import time
from enum import Enum
from typing import Literal

import jsonschema
import openai
import pydantic
import pytest
from langchain_anthropic import ChatAnthropic
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, Field

MODEL = "qwen-coder-32b"
ASK = [{"role": "user", "content": "Extract the order as JSON."}]


class Status(str, Enum):
    open = "open"
    shipped = "shipped"


class Address(BaseModel):
    street: str
    postcode: str = Field(pattern=r"^\d{5}$")


class Line(BaseModel):
    sku: str
    quantity: int = Field(ge=1, le=9)


class Order(BaseModel):
    id: str
    status: Status
    kind: Literal["retail", "wholesale"]
    lines: list[Line]
    ship_to: Address
    note: str | None = None


class Category(BaseModel):
    """A recursive model: pydantic writes it with a $ref to itself."""

    name: str
    children: list[Category]


def sent_schema(mockgw) -> dict:
    body = mockgw.requests[-1]["body"]
    if "response_format" in body:
        return body["response_format"]["json_schema"]["schema"]
    return body["output_config"]["format"]["schema"]


# --- OpenAI ---------------------------------------------------------------------------------------------


def test_openai_parse_gives_the_pydantic_model(mockgw):
    client = mockgw.openai_client()
    completion = client.chat.completions.parse(model=MODEL, messages=ASK, response_format=Order)
    message = completion.choices[0].message
    assert isinstance(message.parsed, Order) and completion.choices[0].finish_reason == "stop"
    jsonschema.validate(json.loads(message.content), sent_schema(mockgw))


def test_openai_parse_handles_a_recursive_model(mockgw):
    parsed = (
        mockgw.openai_client()
        .chat.completions.parse(model=MODEL, messages=ASK, response_format=Category)
        .choices[0]
        .message.parsed
    )
    assert isinstance(parsed, Category)


def test_openai_stream_delivers_the_json_in_deltas_that_parse(mockgw):
    client = mockgw.openai_client()
    with client.chat.completions.stream(model=MODEL, messages=ASK, response_format=Order) as stream:
        deltas = [e for e in stream if e.type == "content.delta"]
        final = stream.get_final_completion()
    assert len(deltas) > 1 and isinstance(deltas[-1].parsed, dict)
    assert isinstance(final.choices[0].message.parsed, Order)


def test_openai_json_object_gives_a_json_object(mockgw):
    reply = mockgw.openai_client().chat.completions.create(
        model=MODEL, messages=ASK, response_format={"type": "json_object"}
    )
    assert isinstance(json.loads(reply.choices[0].message.content), dict)


def test_openai_forced_pydantic_function_tool_parses(mockgw):
    """openai.pydantic_function_tool writes a strict schema with $defs; parse validates the arguments."""
    client = mockgw.openai_client()
    completion = client.chat.completions.parse(
        model=MODEL,
        messages=ASK,
        tools=[openai.pydantic_function_tool(Order)],
        tool_choice={"type": "function", "function": {"name": "Order"}},
    )
    call = completion.choices[0].message.tool_calls[0]
    assert isinstance(call.function.parsed_arguments, Order)


def test_openai_output_cut_by_max_tokens_raises_length_error(mockgw):
    """A cut reply has finish_reason "length"; parse raises LengthFinishReasonError (_completions.py)."""
    client = mockgw.openai_client()
    with pytest.raises(openai.LengthFinishReasonError):
        client.chat.completions.parse(model=MODEL, messages=ASK, response_format=Order, max_tokens=10)
    assert len(mockgw.requests[-1]["response"]["content"][0]["text"]) <= 40


def test_langchain_chat_openai_with_structured_output(mockgw):
    llm = ChatOpenAI(model=MODEL, api_key=mockgw.api_key, base_url=mockgw.openai_base_url)
    assert isinstance(llm.with_structured_output(Order).invoke("Extract the order"), Order)


def test_langchain_chat_anthropic_with_structured_output_json_schema(mockgw):
    llm = ChatAnthropic(model=MODEL, api_key=mockgw.api_key, base_url=mockgw.url, max_tokens=2048)
    structured = llm.with_structured_output(Order, method="json_schema")
    assert isinstance(structured.invoke("Extract the order"), Order)


# --- Anthropic ------------------------------------------------------------------------------------------


def test_anthropic_parse_gives_parsed_output(mockgw):
    client = mockgw.anthropic_client()
    message = client.messages.parse(model=MODEL, max_tokens=2048, messages=ASK, output_format=Order)
    assert isinstance(message.parsed_output, Order) and message.stop_reason == "end_turn"
    jsonschema.validate(json.loads(message.content[0].text), sent_schema(mockgw))


def test_anthropic_stream_gives_parsed_output(mockgw):
    client = mockgw.anthropic_client()
    with client.messages.stream(model=MODEL, max_tokens=2048, messages=ASK, output_format=Order) as stream:
        texts = [e for e in stream if e.type == "text"]
        final = stream.get_final_message()
    assert len(texts) > 1 and isinstance(final.parsed_output, Order)


def test_anthropic_output_cut_by_max_tokens_stops_with_max_tokens(mockgw):
    client = mockgw.anthropic_client()
    message = client.messages.create(
        model=MODEL,
        max_tokens=10,
        messages=ASK,
        output_config={"format": {"type": "json_schema", "schema": Order.model_json_schema()}},
    )
    assert message.stop_reason == "max_tokens" and len(message.content[0].text) <= 40


def test_the_same_request_gets_the_same_value_on_both_formats(mockgw):
    schema = Order.model_json_schema()
    openai_text = (
        mockgw.openai_client()
        .chat.completions.create(
            model=MODEL,
            messages=ASK,
            response_format={"type": "json_schema", "json_schema": {"name": "Order", "schema": schema}},
        )
        .choices[0]
        .message.content
    )
    anthropic_text = (
        mockgw.anthropic_client()
        .messages.create(
            model=MODEL,
            max_tokens=4096,
            messages=ASK,
            output_config={"format": {"type": "json_schema", "schema": schema}},
        )
        .content[0]
        .text
    )
    assert openai_text == anthropic_text
    Order.model_validate_json(openai_text)


# --- scripted -------------------------------------------------------------------------------------------

SCRIPTED_ORDER = {
    "id": "{{ model }}-1",
    "status": "shipped",
    "kind": "retail",
    "lines": [{"sku": "A-1", "quantity": 2}],
    "ship_to": {"street": "1 Main St", "postcode": "12345"},
    "note": None,
}


def test_a_scripted_json_reply_is_what_both_sdks_parse(mockgw):
    mockgw.add_scenario({"name": "order", "turns": [{"reply": {"content": [{"json": SCRIPTED_ORDER}]}}]})
    mockgw.use("order")
    expected = Order.model_validate({**SCRIPTED_ORDER, "id": f"{MODEL}-1"})
    parsed = mockgw.openai_client().chat.completions.parse(model=MODEL, messages=ASK, response_format=Order)
    assert parsed.choices[0].message.parsed == expected
    message = mockgw.anthropic_client().messages.parse(
        model=MODEL, max_tokens=1024, messages=ASK, output_format=Order
    )
    assert message.parsed_output == expected


def test_a_scripted_invalid_answer_reaches_the_client_as_written(mockgw):
    """For clients that retry on a bad answer: mockgw does not repair scripted text."""
    mockgw.add_scenario({"name": "bad", "turns": [{"reply": '{"id": 1, "status": "lost"'}]})
    mockgw.use("bad")
    with pytest.raises(pydantic.ValidationError):
        mockgw.openai_client().chat.completions.parse(model=MODEL, messages=ASK, response_format=Order)
    with pytest.raises(pydantic.ValidationError):
        mockgw.anthropic_client().messages.parse(
            model=MODEL, max_tokens=1024, messages=ASK, output_format=Order
        )
    assert [r["status"] for r in mockgw.requests] == [200, 200]


def test_a_hostile_schema_gets_a_bounded_reply_at_once(mockgw):
    """Huge minItems, self-references and a pattern that expands to a million characters: capped."""
    schema = {
        "type": "object",
        "properties": {
            "many": {"type": "array", "minItems": 10**9, "items": {"type": "string", "minLength": 10**9}},
            "code": {"type": "string", "pattern": "(a{1000}){1000}"},
            "again": {"$ref": "#"},
        },
        "required": ["many", "code", "again"],
    }
    started = time.monotonic()
    text = (
        mockgw.openai_client(max_retries=0, timeout=10)
        .chat.completions.create(
            model=MODEL,
            max_tokens=32768,
            messages=ASK,
            response_format={"type": "json_schema", "json_schema": {"name": "h", "schema": schema}},
        )
        .choices[0]
        .message.content
    )
    assert time.monotonic() - started < 5 and len(text) <= 64 * 1024
    assert isinstance(json.loads(text), dict)
