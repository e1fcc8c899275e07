"""POST /v1/messages refuses what the real Messages API refuses, in its words, and accepts what it accepts.

The shapes come from the SDK's request types (anthropic/types/message_create_params.py and what it
points to; mockgw/wire/anthropic_contract.py is their transcription). The wording of each 400 is the
real API's: it is a pydantic service, so a type error reads `max_tokens: Input should be a valid
integer`, an unknown field `<field>: Extra inputs are not permitted`, with a block's tag in the path
(`tools.0.custom.name`). Rules the types cannot say are quoted from API errors reported in public
issues; where a docstring names no source, the SDK type named in it is the reference.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import anthropic
import httpx
import pytest

from mockgw import MockGateway
from mockgw.catalog import MODELS
from mockgw.cli import parser
from mockgw.wire.anthropic import BETA_FIELDS
from mockgw.wire.anthropic_beta_contract import BetaMessageCreateParams
from mockgw.wire.anthropic_contract import SDK_VERSION, MessageCreateParams

MODEL = "qwen-coder-32b"
OK = {"model": MODEL, "max_tokens": 64, "messages": [{"role": "user", "content": "Say hello"}]}
TOOL = {"name": "read_file", "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}}}
PNG = {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}


def post(url: str, body: object, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(url + "/v1/messages", json=body, headers={"x-api-key": "sk_test"} | (headers or {}))


def refused(resp: httpx.Response) -> str:
    """The message of a 400 in Anthropic's envelope."""
    assert resp.status_code == 400, resp.text
    assert resp.json()["type"] == "error" and resp.json()["error"]["type"] == "invalid_request_error"
    return str(resp.json()["error"]["message"])


def user(*content: object) -> list[dict[str, object]]:
    return [{"role": "user", "content": list(content)}]


# --- types are strict and objects closed ---------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"max_tokens": "10"}, "max_tokens: Input should be a valid integer"),
        ({"max_tokens": 10.0}, "max_tokens: Input should be a valid integer"),
        ({"max_tokens": -1}, "max_tokens: Input should be greater than or equal to 0"),
        ({"stream": "yes"}, "stream: Input should be a valid boolean"),
        ({"model": 7}, "model: Input should be a valid string"),
        ({"stop_sequences": "END"}, "stop_sequences: Input should be a valid list"),
        ({"stop_sequences": ["END", 3]}, "stop_sequences.1: Input should be a valid string"),
        ({"metadata": {"user_id": 5}}, "metadata.user_id: Input should be a valid string"),
        ({"top_k": "5"}, "top_k: Input should be a valid integer"),
        ({"top_k": -1}, "top_k: Input should be greater than or equal to 0"),
        ({"temperature": 2.5}, "temperature: Input should be less than or equal to 2"),
        ({"top_p": 1.5}, "top_p: Input should be less than or equal to 1"),
        ({"service_tier": "priority"}, "service_tier: Input should be 'auto' or 'standard_only'"),
        ({"frequency_penalty": 0.5}, "frequency_penalty: Extra inputs are not permitted"),
        (
            {"messages": [{"role": "user", "content": None}]},
            "messages.0.content: Input should be a valid list",
        ),
        (
            {"messages": [{"role": "robot", "content": "x"}]},
            "messages.0.role: Input should be 'user', 'assistant' or 'system'",
        ),
        (
            {"messages": [{"role": "user", "content": "x", "name": "bob"}]},
            "messages.0.name: Extra inputs are not permitted",
        ),
    ],
)
def test_a_wrong_type_or_unknown_field_is_a_400_naming_it(mockgw, change, message):
    """MessageCreateParams field by field; temperature is 0.0-2.0 on the gateway's docs page
    (Anthropic's own limit is 1), top_k is the API's (version 2023-06-01)."""
    assert refused(post(mockgw.url, OK | change)) == message


def test_several_problems_are_reported_together(mockgw):
    """The API lists every problem, joined by "; "."""
    body = OK | {"max_tokens": "10", "stream": "yes"}
    assert refused(post(mockgw.url, body)) == (
        "max_tokens: Input should be a valid integer; stream: Input should be a valid boolean"
    )


def test_invalid_json_is_refused_in_pythons_words(mockgw):
    resp = httpx.post(mockgw.url + "/v1/messages", content=b'{"model": ', headers={"x-api-key": "sk_test"})
    assert refused(resp) == "The request body is not valid JSON: Expecting value: line 1 column 11 (char 10)"


# --- content blocks: a tagged union --------------------------------------------------------------


def test_an_unknown_block_type_lists_the_known_tags(mockgw):
    """MessageContentParam: a block is told by its `type`; the API lists the tags it knows, sorted."""
    message = refused(post(mockgw.url, OK | {"messages": user({"type": "video", "url": "x"})}))
    assert message.startswith(
        "messages.0.content.0: Input tag 'video' found using 'type' does not match any of the expected "
        "tags: 'bash_code_execution_tool_result', 'code_execution_tool_result', 'container_upload', 'document', "
    )


def test_an_unknown_field_in_a_block_names_the_block(mockgw):
    """The block's tag is in the path: `messages.65.content.1.tool_use.text: Extra inputs are not
    permitted` (reported from the real API in anthropics/claude-code#4378)."""
    block = {"type": "text", "text": "x", "colour": "red"}
    assert refused(post(mockgw.url, OK | {"messages": user(block)})) == (
        "messages.0.content.0.text.colour: Extra inputs are not permitted"
    )


def test_images_are_jpeg_png_gif_or_webp(mockgw):
    """Base64ImageSourceParam.media_type."""
    bmp = {"type": "image", "source": PNG | {"media_type": "image/bmp"}}
    assert refused(post(mockgw.url, OK | {"messages": user(bmp)})) == (
        "messages.0.content.0.image.source.base64.media_type: "
        "Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'"
    )


@pytest.mark.parametrize(
    "source",
    [
        PNG,
        PNG | {"media_type": "image/webp"},
        {"type": "url", "url": "https://x/y.png"},
        {"type": "file", "file_id": "file_1"},
    ],
)
def test_images_of_every_documented_source_are_accepted(mockgw, source):
    """ImageBlockParam.source: base64, url or file."""
    resp = post(
        mockgw.url,
        OK | {"messages": user({"type": "image", "source": source}, {"type": "text", "text": "?"})},
    )
    assert resp.status_code == 200, resp.text


def test_cache_control_is_ephemeral_with_a_ttl_of_5m_or_1h(mockgw):
    """CacheControlEphemeralParam, a tagged union of one in the API: `system.2.cache_control.ephemeral.scope:
    Extra inputs are not permitted` (reported from the real API in anthropics/claude-code#25597)."""
    block = {"type": "text", "text": "x", "cache_control": {"type": "persistent"}}
    assert refused(post(mockgw.url, OK | {"messages": user(block)})) == (
        "messages.0.content.0.text.cache_control: Input tag 'persistent' found using 'type' does not match "
        "any of the expected tags: 'ephemeral'"
    )
    system = [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral", "ttl": "2h"}}]
    assert refused(post(mockgw.url, OK | {"system": system})) == (
        "system.0.cache_control.ephemeral.ttl: Input should be '5m' or '1h'"
    )
    for ttl in ("5m", "1h"):
        system[0]["cache_control"] = {"type": "ephemeral", "ttl": ttl}
        assert (
            post(mockgw.url, OK | {"system": system, "cache_control": {"type": "ephemeral"}}).status_code
            == 200
        )


def test_system_takes_text_blocks_only(mockgw):
    """MessageCreateParams.system: a string or TextBlockParam[] (`system.0.type: Input should be 'text'`)."""
    image = {"type": "image", "source": PNG}
    assert refused(post(mockgw.url, OK | {"system": [image]})).startswith(
        "system.0.type: Input should be 'text'"
    )
    assert post(mockgw.url, OK | {"system": [{"type": "text", "text": "Be brief."}]}).status_code == 200


def test_text_must_not_be_empty_or_blank(mockgw):
    """`messages: text content blocks must be non-empty` / `... must contain non-whitespace text`."""
    assert refused(post(mockgw.url, OK | {"messages": user({"type": "text", "text": ""})})) == (
        "messages: text content blocks must be non-empty"
    )
    assert refused(post(mockgw.url, OK | {"messages": [{"role": "user", "content": "  \n"}]})) == (
        "messages: text content blocks must contain non-whitespace text"
    )
    assert refused(post(mockgw.url, OK | {"system": " "})) == (
        "system: text content blocks must contain non-whitespace text"
    )


def test_only_the_final_assistant_message_may_be_empty(mockgw):
    """`messages.N: all messages must have non-empty content except for the optional final assistant message`."""
    empty_user = [{"role": "user", "content": []}]
    assert refused(post(mockgw.url, OK | {"messages": empty_user})) == (
        "messages.0: all messages must have non-empty content except for the optional final assistant message"
    )
    final_empty = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": ""}]
    assert post(mockgw.url, OK | {"messages": final_empty}).status_code == 200


def test_images_belong_to_user_turns(mockgw):
    """`messages.1.content: 'image' blocks are not permitted within assistant turns.` (reported from the
    real API); tool_use blocks the other way round."""
    turns = [
        {"role": "user", "content": "Draw"},
        {"role": "assistant", "content": [{"type": "image", "source": PNG}]},
        {"role": "user", "content": "Thanks"},
    ]
    assert refused(post(mockgw.url, OK | {"messages": turns})) == (
        "messages.1.content: 'image' blocks are not permitted within assistant turns."
    )
    call = {"type": "tool_use", "id": "toolu_1", "name": "read_file", "input": {}}
    assert refused(post(mockgw.url, OK | {"messages": user(call)})) == (
        "messages.0.content: 'tool_use' blocks are not permitted within user turns."
    )


# --- tools and tool_choice -----------------------------------------------------------------------


def test_tool_names_match_the_apis_pattern(mockgw):
    """`tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'` (the API's current
    limit; it was 64)."""
    for name in ("read file", "mcp.read", "x" * 129):
        assert refused(post(mockgw.url, OK | {"tools": [TOOL | {"name": name}]})) == (
            "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'"
        )
    assert post(mockgw.url, OK | {"tools": [TOOL | {"name": "x" * 128}]}).status_code == 200


def test_a_custom_tool_needs_an_object_input_schema(mockgw):
    """ToolParam.input_schema: `tools.0.custom.input_schema: Field required`, and its `type` must be "object"."""
    assert refused(post(mockgw.url, OK | {"tools": [{"name": "read_file"}]})) == (
        "tools.0.custom.input_schema: Field required"
    )
    assert refused(post(mockgw.url, OK | {"tools": [{"name": "t", "input_schema": {"properties": {}}}]})) == (
        "tools.0.custom.input_schema.type: Field required"
    )
    assert refused(post(mockgw.url, OK | {"tools": [{"name": "t", "input_schema": {"type": "array"}}]})) == (
        "tools.0.custom.input_schema.type: Input should be 'object'"
    )
    schema = {
        "type": "object",
        "additionalProperties": False,
        "$defs": {},
        "description": "anything JSON Schema has",
    }
    assert (
        post(
            mockgw.url, OK | {"tools": [{"name": "t", "input_schema": schema, "type": "custom"}]}
        ).status_code
        == 200
    )


def test_server_tools_have_their_own_shapes(mockgw):
    """ToolUnionParam: web_search, bash, text_editor... are told by `type`; an OpenAI-style tool is not one."""
    web = {"type": "web_search_20250305", "name": "web_search", "max_uses": 3, "allowed_domains": ["x.org"]}
    editor = {"type": "text_editor_20250728", "name": "str_replace_based_edit_tool"}
    assert post(mockgw.url, OK | {"tools": [web, editor, TOOL]}).status_code == 200
    assert refused(post(mockgw.url, OK | {"tools": [web | {"name": "search"}]})) == (
        "tools.0.web_search_20250305.name: Input should be 'web_search'"
    )
    openai_style = {"type": "function", "function": {"name": "read_file"}}
    assert refused(post(mockgw.url, OK | {"tools": [openai_style]})).startswith(
        "tools.0: Input tag 'function' found using 'type' does not match any of the expected tags: 'bash_20250124', "
    )


def test_tool_names_are_unique(mockgw):
    """`tools: Tool names must be unique.` (reported from the real API)."""
    assert refused(post(mockgw.url, OK | {"tools": [TOOL, TOOL]})) == "tools: Tool names must be unique."


@pytest.mark.parametrize(
    "choice",
    [
        {"type": "auto"},
        {"type": "any", "disable_parallel_tool_use": True},
        {"type": "tool", "name": "read_file"},
        {"type": "none"},
    ],
)
def test_every_tool_choice_shape_is_accepted(mockgw, choice):
    """ToolChoiceParam: auto, any, tool (with a name), none."""
    assert post(mockgw.url, OK | {"tools": [TOOL], "tool_choice": choice}).status_code == 200


def test_tool_choice_shapes_are_checked(mockgw):
    """ToolChoiceParam is a tagged union: an unknown type, or `tool` without its name, is a 400."""
    assert refused(post(mockgw.url, OK | {"tools": [TOOL], "tool_choice": {"type": "sometimes"}})) == (
        "tool_choice: Input tag 'sometimes' found using 'type' does not match any of the expected tags: "
        "'any', 'auto', 'none', 'tool'"
    )
    assert refused(post(mockgw.url, OK | {"tools": [TOOL], "tool_choice": {"type": "tool"}})) == (
        "tool_choice.tool.name: Field required"
    )
    assert refused(post(mockgw.url, OK | {"tools": [TOOL], "tool_choice": "auto"})) == (
        "tool_choice: Input should be a valid dictionary"
    )


def test_a_tool_loop_must_pair_every_tool_use_with_its_result(mockgw):
    """The API's wording, from anthropics/claude-code#8210 and #18947 (shared/reference/wire-protocol-notes.md §2)."""
    call = {"type": "tool_use", "id": "toolu_1", "name": "read_file", "input": {"path": "/x"}}
    unanswered = [
        {"role": "user", "content": "a"},
        {"role": "assistant", "content": [call]},
        {"role": "user", "content": "b"},
    ]
    assert refused(post(mockgw.url, OK | {"messages": unanswered, "tools": [TOOL]})) == (
        "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1. "
        "Each `tool_use` block must have a corresponding `tool_result` block in the next message."
    )
    stray = {"type": "tool_result", "tool_use_id": "toolu_9", "content": "x"}
    wrong = [
        *unanswered[:2],
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1"}, stray]},
    ]
    assert refused(post(mockgw.url, OK | {"messages": wrong, "tools": [TOOL]})) == (
        "messages.2.content.1: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9. "
        "Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
    )


# --- thinking ------------------------------------------------------------------------------------


def test_thinking_budget_is_at_least_1024_and_below_max_tokens(mockgw):
    """ThinkingConfigEnabledParam: `thinking.enabled.budget_tokens: Input should be greater than or equal to
    1024`; "budget_tokens must be less than max_tokens" (API reference, extended thinking)."""
    low = OK | {"max_tokens": 4096, "thinking": {"type": "enabled", "budget_tokens": 512}}
    assert refused(post(mockgw.url, low)) == (
        "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"
    )
    high = OK | {"max_tokens": 2048, "thinking": {"type": "enabled", "budget_tokens": 2048}}
    assert refused(post(mockgw.url, high)) == "`max_tokens` must be greater than `thinking.budget_tokens`."
    fits = OK | {"max_tokens": 2048, "thinking": {"type": "enabled", "budget_tokens": 1024}}
    assert post(mockgw.url, fits).status_code == 200


def test_with_interleaved_thinking_the_budget_may_pass_max_tokens(mockgw):
    """With interleaved thinking the budget spans the turn's thinking blocks (extended thinking docs)."""
    high = OK | {"max_tokens": 2048, "thinking": {"type": "enabled", "budget_tokens": 8000}}
    resp = post(mockgw.url, high, {"anthropic-beta": "interleaved-thinking-2025-05-14"})
    assert resp.status_code == 200, resp.text


@pytest.mark.parametrize(
    "thinking",
    [
        {"type": "disabled"},
        {"type": "adaptive", "display": "summarized"},
        {"type": "enabled", "budget_tokens": 1024, "display": "omitted"},
    ],
)
def test_every_thinking_shape_is_accepted(mockgw, thinking):
    """ThinkingConfigParam: enabled (with a budget), disabled, adaptive."""
    assert post(mockgw.url, OK | {"max_tokens": 4096, "thinking": thinking}).status_code == 200


def test_temperature_is_1_with_thinking(mockgw):
    """`temperature may only be set to 1 when thinking is enabled or in adaptive mode` (reported from the API)."""
    body = OK | {"thinking": {"type": "adaptive"}, "temperature": 0.2}
    assert refused(post(mockgw.url, body)) == (
        "`temperature` may only be set to 1 when thinking is enabled or in adaptive mode"
    )
    assert post(mockgw.url, body | {"temperature": 1}).status_code == 200


# --- conversation rules --------------------------------------------------------------------------


def two_turn_scenario(mockgw) -> None:
    mockgw.add_scenario(
        {
            "name": "two",
            "turns": [
                {"reply": {"content": [{"text": "first"}]}},
                {"reply": {"content": [{"text": "second"}]}},
            ],
        }
    )
    mockgw.use("two")


def test_a_conversation_may_start_with_an_assistant_turn(mockgw):
    """MessageCreateParams.messages asks for alternating turns but does not require a user turn first."""
    two_turn_scenario(mockgw)
    turns = [{"role": "assistant", "content": "How can I help?"}, {"role": "user", "content": "Say hello"}]
    resp = post(mockgw.url, OK | {"messages": turns})
    assert resp.status_code == 200 and resp.json()["content"][0]["text"] == "second"


def test_consecutive_turns_of_a_role_are_merged_not_refused(mockgw):
    """ "Consecutive `user` or `assistant` turns in your request will be combined into a single turn."
    (MessageCreateParams.messages): two assistant messages in a row are one turn."""
    two_turn_scenario(mockgw)
    turns = [
        {"role": "user", "content": "Hi"},
        {"role": "user", "content": "Anyone there?"},
        {"role": "assistant", "content": "Yes."},
        {"role": "assistant", "content": "Go on."},
        {"role": "user", "content": "Say hello"},
    ]
    resp = post(mockgw.url, OK | {"messages": turns})
    assert resp.status_code == 200 and resp.json()["content"][0]["text"] == "second"


def test_a_final_assistant_message_is_a_prefill_not_a_turn(mockgw):
    """ "If the final message uses the `assistant` role, the response content will continue immediately from
    the content in that message" (MessageCreateParams.messages): the reply is still turn 0."""
    two_turn_scenario(mockgw)
    turns = [
        {"role": "user", "content": "Greek for sun? (A) Sol (B) Helios"},
        {"role": "assistant", "content": "The answer is ("},
    ]
    resp = post(mockgw.url, OK | {"messages": turns})
    assert resp.status_code == 200 and resp.json()["content"][0]["text"] == "first"


def test_a_prefill_cannot_end_in_whitespace(mockgw):
    """`messages: final assistant content cannot end with trailing whitespace` (reported from the API)."""
    turns = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "The answer is "}]
    assert refused(post(mockgw.url, OK | {"messages": turns})) == (
        "messages: final assistant content cannot end with trailing whitespace"
    )


def test_messages_may_not_be_empty(mockgw):
    """`messages: at least one message is required` (reported from the API)."""
    assert refused(post(mockgw.url, OK | {"messages": []})) == "messages: at least one message is required"


# --- every field of MessageCreateParams ----------------------------------------------------------


def test_the_sdk_all_params_request_is_accepted(mockgw):
    """The body of `test_method_create_with_all_params_overload_1` in the SDK's own
    tests/api_resources/test_messages.py, plus the sampling fields of API version 2023-06-01."""
    body = OK | {
        "cache_control": {"type": "ephemeral", "ttl": "5m"},
        "container": {"id": "id", "skills": [{"skill_id": "pdf", "type": "anthropic", "version": "latest"}]},
        "diagnostics": {"previous_message_id": "previous_message_id"},
        "inference_geo": "inference_geo",
        "metadata": {"user_id": "13803d75-b4b5-4c3e-b2a2-6f21399b021b"},
        "output_config": {"effort": "low", "format": {"schema": {"foo": "bar"}, "type": "json_schema"}},
        "service_tier": "auto",
        "speed": "standard",
        "stop_sequences": ["string"],
        "stream": False,
        "system": [
            {
                "text": "Today's date is 2024-06-01.",
                "type": "text",
                "cache_control": {"type": "ephemeral", "ttl": "5m"},
                "citations": [
                    {
                        "cited_text": "The grass is green.",
                        "document_index": 0,
                        "document_title": "x",
                        "end_char_index": 0,
                        "start_char_index": 0,
                        "type": "char_location",
                    }
                ],
            }
        ],
        "thinking": {"type": "adaptive", "display": "summarized"},
        "tool_choice": {"type": "auto", "disable_parallel_tool_use": True},
        "tools": [
            TOOL
            | {
                "allowed_callers": ["direct"],
                "cache_control": {"type": "ephemeral", "ttl": "5m"},
                "defer_loading": True,
                "description": "Get the current weather in a given location",
                "eager_input_streaming": True,
                "input_examples": [{"foo": "bar"}],
                "strict": True,
                "type": "custom",
            }
        ],
        "top_k": 5,
        "top_p": 0.9,
    }
    resp = post(mockgw.url, body)
    assert resp.status_code == 200, resp.text


def test_documents_search_results_and_tool_results_with_images_are_accepted(mockgw):
    """DocumentBlockParam, SearchResultBlockParam, ToolResultBlockParam.content with an image."""
    doc = {
        "type": "document",
        "source": {"type": "text", "media_type": "text/plain", "data": "notes"},
        "title": "n",
    }
    found = {
        "type": "search_result",
        "source": "https://x",
        "title": "x",
        "content": [{"type": "text", "text": "x"}],
    }
    call = {"type": "tool_use", "id": "toolu_1", "name": "read_file", "input": {"path": "/x"}}
    result = {
        "type": "tool_result",
        "tool_use_id": "toolu_1",
        "content": [{"type": "image", "source": PNG}],
        "is_error": False,
    }
    turns = [
        {"role": "user", "content": [doc, found, {"type": "text", "text": "Read /x"}]},
        {"role": "assistant", "content": [{"type": "thinking", "thinking": "hm", "signature": "sig"}, call]},
        {"role": "user", "content": [result]},
    ]
    resp = post(mockgw.url, OK | {"messages": turns, "tools": [TOOL]})
    assert resp.status_code == 200, resp.text


def test_output_config_format_is_a_json_schema(mockgw):
    """OutputConfigParam.format: `output_config.format.type: Input should be 'json_schema'` (reported from
    the API for json_object)."""
    bad = OK | {"output_config": {"format": {"type": "json_object", "schema": {}}}}
    assert refused(post(mockgw.url, bad)) == "output_config.format.type: Input should be 'json_schema'"


# --- beta fields ---------------------------------------------------------------------------------


def test_a_beta_field_needs_its_beta_header(mockgw):
    """Without `anthropic-beta: context-management-2025-06-27` the API answers `context_management: Extra
    inputs are not permitted` (reported from the API); with it the field is accepted. Naming another beta
    does not unlock it."""
    body = OK | {"context_management": {"edits": [{"type": "clear_tool_uses_20250919"}]}}
    assert refused(post(mockgw.url, body)) == "context_management: Extra inputs are not permitted"
    assert post(mockgw.url, body, {"anthropic-beta": "context-management-2025-06-27"}).status_code == 200
    other = {"anthropic-beta": "interleaved-thinking-2025-05-14"}
    assert refused(post(mockgw.url, body, other)) == "context_management: Extra inputs are not permitted"
    several = {"anthropic-beta": "interleaved-thinking-2025-05-14, context-management-2025-06-27"}
    assert post(mockgw.url, body, several).status_code == 200


def test_beta_fields_are_checked_as_strictly_as_the_rest(mockgw):
    """BetaContextManagementConfigParam: a beta field's value has its own shape."""
    body = OK | {"context_management": {"edits": [{"type": "forget_everything"}]}}
    message = refused(post(mockgw.url, body, {"anthropic-beta": "context-management-2025-06-27"}))
    assert message.startswith("context_management.edits.0: Input tag 'forget_everything' found using 'type'")


def test_the_sdks_beta_client_sends_its_beta_and_is_accepted(mockgw):
    """client.beta.messages.create(betas=[...]) puts them in the anthropic-beta header."""
    message = mockgw.anthropic_client().beta.messages.create(
        model=MODEL,
        max_tokens=64,
        messages=[{"role": "user", "content": "Say hello"}],
        betas=["context-management-2025-06-27", "mcp-client-2025-11-20"],
        context_management={"edits": [{"type": "clear_tool_uses_20250919"}]},
        mcp_servers=[{"type": "url", "url": "https://mcp.example.com/sse", "name": "example"}],
    )
    assert message.content[0].text == "Hello! How can I help you today?"


def test_the_list_of_beta_fields_is_what_the_beta_request_adds():
    """BETA_FIELDS (mockgw/wire/anthropic.py) is the one list; it must name every field that
    anthropic.types.beta.MessageCreateParams has and anthropic.types.MessageCreateParams has not."""
    beta_only = set(BetaMessageCreateParams.__annotations__) - set(MessageCreateParams.__annotations__)
    assert set(BETA_FIELDS) == beta_only


# --- context window ------------------------------------------------------------------------------


def test_a_prompt_over_the_context_window_is_refused_in_each_apis_words(mockgw):
    """Anthropic: 400 `prompt is too long: N tokens > M maximum`; OpenAI: 400 code
    `context_length_exceeded`, param `messages`. Tokens by mockgw's estimate (four characters a token)."""
    window = MODELS[MODEL].context_window
    text = "x" * (window * 4 + 4)
    tokens = window + 1
    assert refused(post(mockgw.url, OK | {"messages": [{"role": "user", "content": text}]})) == (
        f"prompt is too long: {tokens} tokens > {window} maximum"
    )
    resp = httpx.post(
        mockgw.openai_base_url + "/chat/completions",
        json={"model": MODEL, "messages": [{"role": "user", "content": text}]},
        headers={"x-api-key": "sk_test"},
    )
    assert resp.status_code == 400
    assert resp.json()["error"] == {
        "message": f"This model's maximum context length is {window} tokens. However, your messages resulted in "
        f"{tokens} tokens. Please reduce the length of the messages.",
        "type": "invalid_request_error",
        "param": "messages",
        "code": "context_length_exceeded",
    }


def test_the_sdk_raises_bad_request_for_a_prompt_too_long(mockgw):
    with pytest.raises(anthropic.BadRequestError, match=r"prompt is too long: \d+ tokens > 32768 maximum"):
        mockgw.anthropic_client().messages.create(
            model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "word " * 30_000}]
        )


def test_every_model_has_a_context_window():
    assert all(m.context_window >= 32_768 for m in MODELS.values())


# --- through the SDK -----------------------------------------------------------------------------


def test_the_sdk_raises_bad_request_with_the_apis_message(mockgw):
    client = mockgw.anthropic_client()
    with pytest.raises(
        anthropic.BadRequestError, match=r"tools\.0\.custom\.name: String should match pattern"
    ):
        client.messages.create(
            model=MODEL,
            max_tokens=64,
            messages=[{"role": "user", "content": "x"}],
            tools=[TOOL | {"name": "read file"}],
        )
    with pytest.raises(
        anthropic.BadRequestError, match="thinking.enabled.budget_tokens: Input should be greater"
    ):
        client.messages.create(
            model=MODEL,
            max_tokens=4096,
            messages=[{"role": "user", "content": "x"}],
            thinking={"type": "enabled", "budget_tokens": 100},
        )
    with pytest.raises(anthropic.BadRequestError, match="top_q: Extra inputs are not permitted"):
        client.messages.create(
            model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "x"}], extra_body={"top_q": 1}
        )
    with pytest.raises(anthropic.BadRequestError) as info:
        client.messages.create(
            model=MODEL,
            max_tokens=64,
            messages=user({"type": "image", "source": PNG | {"media_type": "image/tiff"}}),
        )
    assert info.value.body["error"]["message"].endswith(
        "Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'"
    )


def test_the_sdk_can_continue_a_prefill(mockgw):
    message = mockgw.anthropic_client().messages.create(
        model=MODEL,
        max_tokens=64,
        messages=[{"role": "user", "content": "Say hello"}, {"role": "assistant", "content": "Sure:"}],
    )
    assert message.role == "assistant"


# --- loosening the contract is explicit ----------------------------------------------------------


def test_lenient_mode_does_not_loosen_the_contract():
    """--lenient admits any credential and model id; the request contract stays the API's."""
    with MockGateway(lenient=True) as gw:
        assert refused(post(gw.url, OK | {"model": "claude-opus-5-5", "max_tokens": "10"})) == (
            "max_tokens: Input should be a valid integer"
        )


def test_loose_validation_coerces_types_and_ignores_unknown_fields():
    """--validation loose (MOCKGW_VALIDATION=loose): mockgw's lax behaviour before the contract, on request."""
    with MockGateway(validation="loose") as gw:
        resp = post(
            gw.url,
            OK | {"max_tokens": "10", "stream": "false", "frequency_penalty": 1, "context_management": {}},
        )
        assert resp.status_code == 200, resp.text
        assert refused(post(gw.url, OK | {"messages": user({"type": "video"})})).startswith(
            "messages.0.content.0: Input tag 'video'"
        )


def test_validation_is_a_serve_option():
    args = parser().parse_args(["serve", "--validation", "loose"])
    assert args.validation == "loose"


# --- the contract is the SDK's -------------------------------------------------------------------


def test_the_contract_is_transcribed_from_the_installed_sdk(tmp_path):
    """mockgw/wire/anthropic_contract.py and anthropic_beta_contract.py are what
    scripts/gen_anthropic_contract.py writes for the SDK version they name; after upgrading anthropic,
    run `make contract`."""
    if anthropic.__version__ != SDK_VERSION:
        pytest.skip(f"transcribed from anthropic {SDK_VERSION}; {anthropic.__version__} is installed")
    root = Path(__file__).resolve().parent.parent
    script = root / "scripts" / "gen_anthropic_contract.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True)
    for name in ("anthropic_contract.py", "anthropic_beta_contract.py"):
        assert (tmp_path / name).read_text() == (root / "mockgw" / "wire" / name).read_text(), name


def test_max_tokens_may_be_left_out_and_defaults_to_4096(mockgw):
    """The gateway's docs page (Request Parameters: max_tokens, default 4096) wins over the Messages
    API, which requires it (anthropic.types.MessageCreateParams: `max_tokens: Required[int]`)."""
    resp = post(mockgw.url, {"model": MODEL, "messages": [{"role": "user", "content": "Say hello"}]})
    assert resp.status_code == 200, resp.text
