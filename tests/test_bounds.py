"""Small inputs never stall, poison or 500 the server: every limit refuses with a message, at once.

Each test is one finding of issue #17, re-tried: YAML documents (size, aliases, depth, numbers),
regex match rules, generated tool inputs, bodies that parse but cannot be written back, the clock,
and the journal's size.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time

import anthropic
import httpx
import openai
import pytest

from mockgw import MockGateway
from mockgw.files import InvalidFile
from mockgw.scenario.loader import load_paths

OK_A = {"model": "qwen-coder-32b", "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}]}
OK_O = {"model": "qwen-coder-32b", "messages": [{"role": "user", "content": "hi"}]}
BIG_INT = "9" * 5000


def strict_json(text: str) -> object:
    """json.loads without Python's extensions: NaN and Infinity are not JSON."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def upload(gw, text: str) -> httpx.Response:
    return httpx.post(
        gw.url + "/_mockgw/scenarios", content=text, headers={"content-type": "application/yaml"}
    )


def post_raw(url: str, text: str, key: str = "sk_test") -> httpx.Response:
    return httpx.post(url, content=text, headers={"content-type": "application/json", "x-api-key": key})


def alias_bomb(levels: int) -> str:
    """Aliases of aliases inside a tool input: 9**levels strings from a few hundred bytes."""
    names = "abcdefghij"[:levels]
    lines = ["name: bomb", "turns:", "- reply:", "    content:", "    - tool_use:", "        name: t"]
    lines += ["        input:", f"          a: &a [{','.join(['lol'] * 9)}]"]
    lines += [f"          {c}: &{c} [{','.join([f'*{p}'] * 9)}]" for p, c in itertools.pairwise(names)]
    return "\n".join(lines) + "\n"


def forced_tool(max_tokens: int, schema: dict | None = None) -> dict:
    """A forced tool whose schema asks for 30 x 8 x 8 x 8 strings of 1,000 characters (~15 MB of JSON)."""
    many = {"type": "string", "minLength": 1000}
    for _ in range(3):
        many = {"type": "array", "minItems": 8, "items": many}
    schema = schema or {"type": "object", "properties": {f"p{i}": many for i in range(30)}}
    return {
        "model": "qwen-coder-32b",
        "max_tokens": max_tokens,
        "messages": [{"role": "user", "content": "go"}],
        "tools": [{"name": "t", "description": "", "input_schema": schema}],
        "tool_choice": {"type": "tool", "name": "t"},
    }


# --- YAML documents -----------------------------------------------------------------------------


def test_yaml_alias_bomb_is_refused_at_once(mockgw):
    bomb = alias_bomb(9)  # 387 million strings once expanded
    started = time.monotonic()
    resp = upload(mockgw, bomb)
    assert resp.status_code == 400 and time.monotonic() - started < 2
    (problem,) = resp.json()["problems"]
    assert re.fullmatch(
        r"uploaded scenario:\d+: aliases expand this document by more than 262144 bytes .*", problem
    )
    assert len(bomb) < 600 and mockgw.health()["status"] == "ok"


def test_yaml_anchors_within_the_limit_still_work(mockgw):
    mockgw.add_scenario("name: twice\nturns:\n- reply: &same Same again.\n- reply: *same\n")
    assert [s["turns"] for s in mockgw.scenarios() if s["name"] == "twice"] == [2]


def test_upload_over_the_document_size_limit_gets_413_before_it_is_read():
    with MockGateway(document_max_bytes=1000) as gw:
        document = "name: big\ndescription: " + "x" * 2000 + "\nturns: [{reply: hi}]"
        resp = upload(gw, document)
        assert resp.status_code == 413
        assert resp.json() == {
            "error": f"request body of {len(document)} bytes exceeds the limit of 1000 bytes"
        }


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (
            "name: x\nturns:\n" + "".join("  " * i + "-\n" for i in range(100)),
            "66: nested deeper than 64 levels",
        ),
        (
            "name: x\nturns: " + "[" * 10_000 + "]" * 10_000,
            "2: not valid YAML/JSON: exceeded maximum nesting",
        ),
        (
            f"name: x\npriority: {BIG_INT}\nturns: [{{reply: hi}}]",
            "2: integer of 5000 characters is too long",
        ),
        ("name: x\nturns: [{reply: {content: [{tool_use: {name: t, input: {x: .nan}}}]}}]", "2: .nan is not"),
        (
            "name: x\nturns: [{reply: {content: [{tool_use: {name: t, input: {x: 1.0e+999}}}]}}]",
            "2: 1.0e+999",
        ),
    ],
    ids=["nested 100 deep", "nested 10,000 deep", "5,000-digit integer", "NaN", "1e999"],
)
def test_yaml_that_would_break_the_loader_is_refused_with_its_line(mockgw, document, problem):
    resp = upload(mockgw, document)
    assert resp.status_code == 400, resp.text
    assert resp.json()["problems"][0].startswith(f"uploaded scenario:{problem}")


def test_scenario_files_and_accounts_files_have_the_same_limits(tmp_path):
    (tmp_path / "bomb.yaml").write_text(alias_bomb(7))
    with pytest.raises(InvalidFile, match=r"bomb.yaml:\d+: aliases expand this document"):
        load_paths([tmp_path])
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text("keys:\n" + "".join(f"  sk_{i}: {{plan: pro}}\n" for i in range(100)))
    with pytest.raises(
        InvalidFile, match=r"accounts.yaml: \d+ bytes is more than the 1000 a document may have"
    ):
        MockGateway(accounts=accounts, document_max_bytes=1000)


def test_uploads_are_parsed_off_the_event_loop(monkeypatch):
    """While one upload is being parsed, the server answers everyone else."""
    from mockgw import control

    parsing, release = threading.Event(), threading.Event()
    real_compile = control.compile_upload

    def slow_compile(*args):
        parsing.set()
        release.wait(10)
        return real_compile(*args)

    monkeypatch.setattr(control, "compile_upload", slow_compile)
    with MockGateway() as gw:
        uploading = threading.Thread(target=upload, args=(gw, "name: slow\nturns: [{reply: hi}]"))
        uploading.start()
        assert parsing.wait(10)
        try:
            assert httpx.get(gw.url + "/_mockgw/health", timeout=2).status_code == 200
        finally:
            release.set()
            uploading.join()
        assert "slow" in [s["name"] for s in gw.scenarios()]


# --- regex match rules ------------------------------------------------------------------------------


def test_regex_match_rules_take_linear_time(mockgw):
    """`^(a+)+$` backtracks for minutes in Python's re on 29 characters; RE2 answers at once."""
    mockgw.add_scenario({"name": "evil", "match": {"user_regex": "^(a+)+$"}, "turns": [{"reply": "matched"}]})
    client = mockgw.anthropic_client(max_retries=0, timeout=5)
    started = time.monotonic()
    miss = client.messages.create(**OK_A | {"messages": [{"role": "user", "content": "a" * 28 + "b"}]})
    hit = client.messages.create(**OK_A | {"messages": [{"role": "user", "content": "a" * 100_000}]})
    assert time.monotonic() - started < 3
    assert miss.content[0].text != "matched" and hit.content[0].text == "matched"


def test_regex_answers_are_kept_for_short_texts_only():
    """Each regex rule remembers its answer for texts up to REGEX_MEMO_CHARS (RE2 through its Python
    wrapper costs more than the rest of the match), at most REGEX_MEMO_TEXTS of them."""
    from mockgw.scenario.engine import REGEX_MEMO_CHARS, REGEX_MEMO_TEXTS, Candidate
    from mockgw.scenario.model import Scenario

    rule = Candidate(
        Scenario.model_validate({"name": "r", "match": {"user_regex": "^hi"}, "turns": [{"reply": "x"}]})
    )
    long_text = "hi" + "x" * REGEX_MEMO_CHARS
    assert [rule.regex_finds(t) for t in ("hi there", "oh hi", "hi there", long_text)] == [
        True,
        False,
        True,
        True,
    ]
    assert rule.regex_seen == {"hi there": True, "oh hi": False}
    for i in range(REGEX_MEMO_TEXTS):
        rule.regex_finds(f"hi {i}")
    assert len(rule.regex_seen) <= REGEX_MEMO_TEXTS and rule.regex_finds("oh hi") is False


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a)\1", r"invalid escape sequence: \1"),
        ("(?=a)", "invalid perl operator: (?="),
        ("x{2000}", "repetition"),
    ],
)
def test_regex_re2_cannot_compile_is_refused_with_a_message(mockgw, pattern, reason):
    resp = upload(
        mockgw, json.dumps({"name": "r", "match": {"user_regex": pattern}, "turns": [{"reply": "x"}]})
    )
    assert resp.status_code == 400
    (problem,) = resp.json()["problems"]
    assert reason in problem and "RE2 syntax: no backreferences or lookaround" in problem


# --- generated output ---------------------------------------------------------------------------------


def test_forced_tool_input_stops_at_max_tokens(mockgw):
    """A model cut short stops with stop_reason max_tokens (anthropic types: StopReason)."""
    client = mockgw.anthropic_client(max_retries=0)
    one = client.messages.create(**forced_tool(1))
    assert one.stop_reason == "max_tokens" and one.content[0].input == {}
    reply = client.messages.create(**forced_tool(200))
    assert reply.stop_reason == "max_tokens" and reply.usage.output_tokens <= 200
    assert 0 < len(json.dumps(reply.content[0].input)) <= 800
    with client.messages.stream(**forced_tool(200)) as stream:
        streamed = stream.get_final_message()
    assert streamed.stop_reason == "max_tokens" and streamed.content[0].input == reply.content[0].input


def test_forced_tool_arguments_stop_at_max_tokens_on_openai(mockgw):
    """OpenAI says finish_reason "length" when max_tokens cut the output (openai types: Choice.finish_reason)."""
    client = mockgw.openai_client(max_retries=0)
    body = forced_tool(200)
    tools = [{"type": "function", "function": {"name": "t", "parameters": body["tools"][0]["input_schema"]}}]
    choice = client.chat.completions.create(
        model="qwen-coder-32b",
        max_tokens=200,
        messages=body["messages"],
        tools=tools,
        tool_choice={"type": "function", "function": {"name": "t"}},
    ).choices[0]
    assert choice.finish_reason == "length"
    arguments = choice.message.tool_calls[0].function.arguments
    assert len(arguments) <= 800 and isinstance(strict_json(arguments), dict)


def test_generated_input_has_a_hard_cap_whatever_max_tokens_allows(mockgw):
    started = time.monotonic()
    resp = httpx.post(
        mockgw.url + "/v1/messages", json=forced_tool(32768), headers={"x-api-key": "sk_test"}, timeout=10
    )
    assert resp.status_code == 200 and time.monotonic() - started < 3
    reply = resp.json()
    written = json.dumps(reply["content"][0]["input"], separators=(",", ":"))
    assert reply["stop_reason"] == "max_tokens" and 60_000 < len(written) <= 64 * 1024


def test_schema_values_that_are_not_json_never_reach_a_reply(mockgw):
    """Bodies may carry NaN or a 400-digit integer in a tool schema; the reply stays strict JSON."""
    deep: object = "end"
    for _ in range(150):
        deep = [deep]
    schema = {
        "type": "object",
        "properties": {
            "nan": {"type": "number", "const": float("nan")},
            "inf": {"type": "number", "enum": [float("inf")]},
            "huge": {"type": "integer", "minimum": 10**400},
            "deep": {"const": deep},
        },
    }
    body = json.dumps(forced_tool(1000, schema))  # json.dumps writes NaN/Infinity, as careless clients do
    resp = post_raw(mockgw.url + "/v1/messages", body)
    assert resp.status_code == 200, resp.text
    tool_input = strict_json(resp.text)["content"][0]["input"]
    assert set(tool_input) == {"nan", "inf", "huge", "deep"} and tool_input["huge"] == 1e15
    assert strict_json(httpx.get(mockgw.url + "/_mockgw/requests").text)


# --- bad input: a 4xx, and nothing left behind ---------------------------------------------------------


def _with_arguments(arguments: str) -> dict:
    call = {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": arguments}}
    return OK_O | {
        "messages": [
            {"role": "user", "content": "x"},
            {"role": "assistant", "tool_calls": [call]},
            {"role": "tool", "tool_call_id": "call_1", "content": "r"},
        ]
    }


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        ('{"a":' + "[" * 10_000 + "]" * 10_000 + "}", "recursion limit exceeded"),
        ('{"a":' + BIG_INT + "}", "number out of range"),
        ('{"a": NaN}', "expected value"),
    ],
    ids=["nested 10,000 deep", "5,000-digit integer", "NaN"],
)
def test_openai_tool_arguments_that_cannot_be_read_get_400(mockgw, arguments, reason):
    resp = httpx.post(
        mockgw.openai_base_url + "/chat/completions",
        json=_with_arguments(arguments),
        headers={"x-api-key": "sk_test"},
    )
    assert resp.status_code == 400
    exc = mockgw.openai_client()._make_status_error_from_response(resp)
    where = "messages[1].tool_calls[0].function.arguments"
    assert isinstance(exc, openai.BadRequestError) and exc.param == where
    message = exc.body["message"]
    assert message.startswith(f"Invalid '{where}': not valid JSON (") and reason in message


@pytest.mark.parametrize("path", ["/v1/messages", "/api/v1/chat/completions"])
@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        (',"metadata":' + "[" * 1000 + "]" * 1000, "recursion limit exceeded"),
        (',"metadata":{"user_id":' + BIG_INT + "}", "number out of range"),
    ],
    ids=["nested 1,000 deep", "5,000-digit integer"],
)
def test_unreadable_bodies_get_400_and_the_journal_stays_readable(mockgw, path, extra, reason):
    body = json.dumps(OK_A if path == "/v1/messages" else OK_O)[:-1] + extra + "}"
    resp = post_raw(mockgw.url + path, body)
    if path == "/v1/messages":
        exc = mockgw.anthropic_client()._make_status_error_from_response(resp)
        assert isinstance(exc, anthropic.BadRequestError) and "request body is not valid JSON" in exc.message
    else:  # OpenAI says only that it could not parse the body (tests/test_contract_openai.py)
        exc = mockgw.openai_client()._make_status_error_from_response(resp)
        assert isinstance(exc, openai.BadRequestError) and "could not parse the JSON body" in exc.message
    journal = httpx.get(mockgw.url + "/_mockgw/requests")
    assert journal.status_code == 200
    (entry,) = strict_json(journal.text)["requests"]
    assert entry["body"] == body  # not JSON we can write back: kept as text
    assert mockgw.anthropic_client().messages.create(**OK_A).role == "assistant"


def test_nan_in_a_body_leaves_the_journal_valid_json(mockgw):
    body = json.dumps(
        OK_A | {"tools": [{"name": "t", "input_schema": {"type": "object", "x": float("nan")}}]}
    )
    assert post_raw(mockgw.url + "/v1/messages", body).status_code == 200
    (entry,) = strict_json(httpx.get(mockgw.url + "/_mockgw/requests").text)["requests"]
    assert entry["body"] == body


# --- the clock ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("seconds", ["1e300", "NaN", "Infinity", "-Infinity", str(101 * 365.25 * 86400)])
def test_clock_refuses_moves_that_are_not_finite_or_past_a_century(mockgw, seconds):
    resp = httpx.post(mockgw.url + "/_mockgw/clock", content=f'{{"advance_seconds": {seconds}}}')
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"].startswith("advance_seconds: ")
    assert strict_json(httpx.get(mockgw.url + "/_mockgw/clock").text)["offset_seconds"] == 0
    assert mockgw.anthropic_client().messages.create(**OK_A).role == "assistant"


def test_clock_works_at_both_ends_of_its_century(mockgw):
    century = 100 * 365.25 * 86400
    for move in (century, -2 * century):
        mockgw.advance_clock(move)
        assert mockgw.anthropic_client().messages.create(**OK_A).role == "assistant"
        token = mockgw.mint_token(key=mockgw.api_key)["access_token"]
        me = httpx.get(mockgw.url + "/api/v1/auth/me", headers={"authorization": f"Bearer {token}"})
        assert me.status_code == 200, me.text
    with pytest.raises(Exception, match="keeps it within 100 years"):
        mockgw.advance_clock(-1)
    assert strict_json(httpx.get(mockgw.url + "/_mockgw/requests").text)


# --- the journal's size ------------------------------------------------------------------------------------


def test_large_bodies_are_journaled_cut_with_a_marker():
    with MockGateway(journal_body_bytes=1000) as gw:
        small = gw.anthropic_client().messages.create(**OK_A)
        large = OK_A | {"metadata": {"user_id": "u" * 5000}}
        size = len(json.dumps(large, separators=(",", ":")))
        gw.anthropic_client().messages.create(**large)
        first, second = gw.requests
        assert small.role == "assistant" and first["body"]["model"] == "qwen-coder-32b"
        assert second["body"].startswith('{"max_tokens":16,')
        assert second["body"].endswith(
            f"… [mockgw: body of {size} bytes, cut to its first 1000 (--journal-body-bytes)]"
        )
