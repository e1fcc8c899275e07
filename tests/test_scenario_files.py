"""Writing scenarios: validation with file and line, the schema, selection rules, placeholders, chaos."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import textwrap

import anthropic
import jsonschema
import openai
import pytest
import yaml

from mockgw.client import ControlError
from mockgw.files import InvalidFile
from mockgw.scenario.loader import parse_text, scenario_files, shipped_dir
from mockgw.scenario.model import json_schema

MODEL = "qwen-coder-32b"


def mockgw_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mockgw.cli", *args], capture_output=True, text=True, timeout=60
    )


def test_every_shipped_scenario_validates():
    result = mockgw_cli("validate", str(shipped_dir()))
    assert result.returncode == 0, result.stderr
    names = {p.stem for p in shipped_dir().glob("*.yaml")}
    required = {
        "hello", "reverse-string", "tool-read-file", "fibonacci-memo", "count-to-5", "xml-artifacts",
        "rate-limited", "model-loading", "bad-gateway", "server-error", "always-500", "stream-disconnect",
        "stream-error-event", "sse-burst", "max-tokens", "invalid-request",
    }  # fmt: skip
    assert required <= names


def test_invalid_file_is_reported_with_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        textwrap.dedent(
            """\
            name: broken
            turns:
              - reply:
                  content:
                    - text: hi
                    - tool_use: {name: read_file, inptu: {path: /x}}
                  stream: {delay_ms: -5}
              - fault: {preset: no_such_thing}
            colour: blue
            """
        )
    )
    result = mockgw_cli("validate", str(tmp_path))
    assert result.returncode == 1
    err = result.stderr
    assert f"{bad}:6: turns.0.reply.content.1.tool_use.inptu: Extra inputs are not permitted" in err
    assert f"{bad}:7: turns.0.reply.stream.delay_ms: Input should be greater than or equal to 0" in err
    assert f"{bad}:8: turns.1.fault" in err and "unknown fault preset 'no_such_thing'" in err
    assert f"{bad}:9: colour: Extra inputs are not permitted" in err


def test_unknown_placeholder_and_bad_yaml_are_refused(tmp_path):
    (tmp_path / "a.yaml").write_text("name: a\nturns:\n  - reply: 'Hi {{ usr }}'\n")
    (tmp_path / "b.json").write_text('{"name": "b", "turns": [}')
    err = mockgw_cli("validate", str(tmp_path)).stderr
    assert "a.yaml:3: turns.0.reply" in err and "unknown placeholder {{ usr }}" in err
    assert "b.json:1: not valid YAML/JSON" in err


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path):
    (tmp_path / "q.yaml").write_text('name: q\nturns:\n  - reply: "Hello\n  - reply: two\n')
    err = mockgw_cli("validate", str(tmp_path)).stderr
    assert f"{tmp_path}/q.yaml:3: not valid YAML/JSON: found unexpected end of stream on line 5" in err


def test_schema_is_json_schema_for_editors():
    schema = json.loads(mockgw_cli("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {"Scenario", "Turn", "ReplySpec", "FaultSpec"} <= set(schema["$defs"])
    assert schema["$defs"]["Scenario"]["additionalProperties"] is False


@pytest.mark.parametrize("path", scenario_files([shipped_dir()]), ids=lambda p: p.name)
def test_the_schema_accepts_every_shipped_scenario(path):
    jsonschema.validate(yaml.safe_load(path.read_text()), json_schema())


SHORTHANDS = """
name: shorthands
turns:
  - attempts: [{fault: model_loading}, {fault: {preset: rate_limited, headers: {retry-after: "2"}}}]
    reply: "a plain string is one text block"
  - fault: server_error
"""


def test_the_documented_shorthands_pass_the_validator_and_the_schema():
    [scenario] = parse_text(SHORTHANDS, "shorthands")
    assert scenario.turns[0].reply.content[0].text == "a plain string is one text block"
    assert scenario.turns[1].fault.preset == "server_error"
    jsonschema.validate(yaml.safe_load(SHORTHANDS), json_schema())


@pytest.mark.parametrize(
    "turn",
    [
        "{fault: no_such_preset}",  # not a preset
        '{reply: {content: [{text: hi}], stream: {ttft_ms: "200"}}}',  # a string for a number
        "{reply: {content: [{text: hi}], quirks: [wobble]}}",  # not a quirk
        "{reply: {content: []}}",  # no content
        "{reply: hi, colour: blue}",  # an unknown key
        "{reply: {content: [{text: hi, tool_use: {name: x}}]}}",  # text and tool_use in one item
        "{reply: {content: [{thinking: hm, text: hi}]}}",  # thinking and text in one item
        "{reply: {content: [{thinking: hm, signature: 5}, {text: hi}]}}",  # a number for a signature
        "{reply: {content: [{redacted_thinking: {data: x}}, {text: hi}]}}",  # redacted data is a string
    ],
)
def test_an_invalid_file_fails_the_validator_and_the_schema(turn):
    text = f"name: bad\nturns:\n  - {turn}\n"
    with pytest.raises(InvalidFile):
        parse_text(text, "bad")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(text), json_schema())


def test_uploaded_scenario_serves_both_formats_with_placeholders(mockgw):
    mockgw.add_scenario(
        """
        name: echo
        match: {user_contains: echo}
        turns:
          - reply: "You said {{ last_user }} to {{ model }}; I am {{ faker.name }}."
        """
    )
    a = mockgw.anthropic_client().messages.create(
        model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "echo this"}]
    )
    o = mockgw.openai_client().chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "echo this"}]
    )
    assert a.content[0].text.startswith("You said echo this to qwen-coder-32b; I am ")
    assert a.content[0].text == o.choices[0].message.content, "faker placeholders are seeded by the request"


def test_invalid_upload_is_refused_with_the_problem(mockgw):
    with pytest.raises(
        ControlError, match=r"uploaded scenario:6: turns.0.reply.quirks: .*unknown quirk\(s\) \['wobble'\]"
    ):
        mockgw.add_scenario(
            {"name": "x", "turns": [{"reply": {"content": [{"text": "a"}], "quirks": ["wobble"]}}]}
        )


def test_unknown_scenario_header_lists_the_known_names(mockgw):
    client = mockgw.anthropic_client(default_headers={"x-mockgw-scenario": "nope"})
    with pytest.raises(anthropic.BadRequestError, match="unknown scenario 'nope'; known: .*tool-read-file"):
        client.messages.create(model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "x"}])


def test_strict_mode_says_why_no_scenario_matched(mockgw):
    client = mockgw.openai_client(default_headers={"x-mockgw-strict": "1"})
    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "unscripted"}])
    message = info.value.message
    assert "strict mode: no scenario matched" in message
    assert "hello: last user message does not contain 'say hello'" in message
    assert (
        "tool-read-file: last user message does not contain '/tmp/test.txt'; tools ['read_file'] are not offered"
        in message
    )
    assert "always-500: has no match rules" in message


def test_match_rules_pick_by_priority_then_order(mockgw):
    mockgw.add_scenario({"name": "low", "match": {"user_regex": "^ping"}, "turns": [{"reply": "low"}]})
    mockgw.add_scenario({"name": "newer", "match": {"model": ["qwen-7b"]}, "turns": [{"reply": "newer"}]})
    client = mockgw.anthropic_client()

    def ask(model: str) -> str:
        msg = client.messages.create(
            model=model, max_tokens=16, messages=[{"role": "user", "content": "ping"}]
        )
        return msg.content[0].text

    assert ask("qwen-7b") == "newer", "uploaded scenarios are tried newest first"
    assert ask(MODEL) == "low"


def test_active_scenario_applies_until_cleared(mockgw):
    mockgw.use("max-tokens")
    client = mockgw.anthropic_client()
    first = client.messages.create(model=MODEL, max_tokens=256, messages=[{"role": "user", "content": "x"}])
    mockgw.use(None)
    second = client.messages.create(model=MODEL, max_tokens=256, messages=[{"role": "user", "content": "x"}])
    assert (first.stop_reason, second.stop_reason) == ("max_tokens", "end_turn")


def test_seeded_chaos_is_reproducible_and_journaled(mockgw):
    flaky = {
        "name": "flaky",
        "chaos": {"seed": 7, "rate_limited": 0.3, "server_error": 0.3},
        "turns": [{"reply": "ok"}],
    }
    mockgw.add_scenario(flaky)
    client = mockgw.anthropic_client(max_retries=0, default_headers={"x-mockgw-scenario": "flaky"})

    def run() -> list[str | None]:
        for i in range(12):
            with contextlib.suppress(anthropic.APIStatusError):
                client.messages.create(
                    model=MODEL, max_tokens=8, messages=[{"role": "user", "content": f"q{i}"}]
                )
        return [e["chaos"] for e in mockgw.requests]

    first = run()
    mockgw.reset()
    mockgw.add_scenario(flaky)
    assert run() == first
    assert {"rate_limited", "server_error", None} <= set(first)
    assert {e["status"] for e in mockgw.requests if e["chaos"] == "rate_limited"} == {429}


def test_fault_messages_take_placeholders(mockgw):
    mockgw.add_scenario(
        {
            "name": "busy",
            "turns": [
                {"fault": {"status": 503, "message": "{{ model }} is busy for {{ faker.first_name }}"}}
            ],
        }
    )
    client = mockgw.openai_client(max_retries=0, default_headers={"x-mockgw-scenario": "busy"})
    with pytest.raises(openai.InternalServerError) as info:
        client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "x"}])
    message = info.value.message
    assert message.startswith("Error code: 503 - qwen-coder-32b is busy for ") and "first_name" not in message


def test_a_file_holds_one_scenario_or_a_list(tmp_path):
    (tmp_path / "one.yaml").write_text("---\nname: one\nturns:\n  - reply: hi\n")
    (tmp_path / "many.json").write_text(
        '[{"name": "two", "turns": [{"reply": "a"}]}, {"name": "three", "turns": [{"reply": "b"}]}]'
    )
    result = mockgw_cli("validate", str(tmp_path))
    assert result.returncode == 0 and "ok: 3 scenario(s)" in result.stdout, result.stderr
