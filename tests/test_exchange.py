"""The exchange: a chat request's headers and body bytes in, a schedule and a journal entry out.

No server and no ASGI: each test hands bytes to `exchange.handle` and reads the answer's bytes.
"""

from __future__ import annotations

import json
import types

import pytest

from mockgw import exchange
from mockgw.domain import GatewayError
from mockgw.exchange import Inbound
from mockgw.journal import Entry
from mockgw.scenario.engine import Candidate
from mockgw.scenario.model import Scenario
from mockgw.settings import Settings
from mockgw.state import Namespace, State
from mockgw.web import too_large
from mockgw.wire import anthropic, openai
from mockgw.writer import Report

KEY = [(b"x-api-key", b"sk_unit"), (b"content-type", b"application/json")]
HELLO = {"model": "qwen-coder-32b", "max_tokens": 64, "messages": [{"role": "user", "content": "Say hello"}]}


@pytest.fixture(scope="module")
def state() -> Namespace:
    return State(Settings()).default


def post(state, body, headers=KEY, wire=anthropic, scenario=None):
    raw = json.dumps(body).encode() if isinstance(body, dict) else body
    if scenario:
        headers = [*headers, (b"x-mockgw-scenario", scenario.encode())]
    path = "/v1/messages" if wire is anthropic else "/api/v1/chat/completions"
    return exchange.handle(state, Inbound(wire, path, headers, raw))


def body_of(answer) -> dict:
    return json.loads(b"".join(w.data for w in answer.schedule.writes))


def test_a_request_gets_its_scripted_reply_as_one_json_write(state):
    answer = post(state, HELLO)
    assert answer.schedule.status == 200 and answer.entry.status == 200
    assert body_of(answer)["content"] == [{"type": "text", "text": "Hello! How can I help you today?"}]
    assert (answer.entry.scenario, answer.entry.format) == ("hello", "anthropic")


def test_the_same_request_on_the_openai_wire_gets_the_same_reply_in_its_format(state):
    answer = post(state, HELLO, wire=openai)
    assert body_of(answer)["choices"][0]["message"]["content"] == "Hello! How can I help you today?"


def test_a_refused_request_is_rendered_in_the_callers_envelope(state):
    answer = post(state, HELLO, headers=[(b"x-api-key", b"sk-ant-api03-x")])
    assert answer.schedule.status == 401
    assert body_of(answer)["error"]["type"] == "authentication_error"
    answer = post(state, HELLO, headers=[(b"x-api-key", b"sk-ant-api03-x")], wire=openai)
    assert body_of(answer)["error"]["code"] == "invalid_api_key"


@pytest.mark.parametrize(
    "body",
    [HELLO, b"{not json", {**HELLO, "max_tokens": "many"}],
    ids=["bad key", "bad JSON", "bad field"],
)
def test_a_refused_request_leaves_no_reference_cycle(body):
    """A refused request is journaled with its error; the error's traceback would hold the request's
    frames in a cycle that only the garbage collector frees (pauses of 300 ms under a run of 429s)."""
    import gc

    ns = State(Settings()).default
    headers = [(b"x-api-key", b"sk-ant-api03-x")] if body is HELLO else KEY
    gc.collect()
    gc.disable()
    try:
        for _ in range(20):
            done = post(ns, body, headers=headers)
            assert done.schedule.status in (400, 401)
            exchange.settle(ns, done, None)
        del done
        ns.journal.clear()  # what leaving the bounded journal does to the oldest entries
        gc.set_debug(gc.DEBUG_SAVEALL)  # keep what a collection finds, to look at it
        gc.collect()
        # only this test's kind of garbage: a server thread of another test may leave its own
        ours = [o for o in gc.garbage if isinstance(o, (Entry, GatewayError, types.TracebackType))]
        assert ours == []
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_a_body_over_the_limit_is_a_413_after_identity(state):
    assert post(state, too_large(99, 10)).schedule.status == 413
    assert post(state, too_large(99, 10), headers=[]).schedule.status == 401


def test_a_client_that_left_before_its_body_gets_no_answer_and_one_journal_entry(state):
    answer = post(state, None)
    assert answer.schedule is None and answer.entry.status == 0


def test_a_scripted_stream_error_cuts_the_stream_after_its_events(state):
    answer = post(state, HELLO | {"stream": True}, scenario="stream-error-event")
    s = answer.schedule
    assert s.ending == "error_event" and s.writes[0].events == 5  # 4 events, then the error event
    assert s.writes[0].data.endswith(b'"message":"Overloaded"},"request_id":"' + answer_id(s) + b'"}\n\n')
    assert answer.entry.stream_events == s.events > 5


def answer_id(s) -> bytes:
    return dict(s.headers)[b"request-id"]


def test_a_paced_stream_carries_its_due_times(state):
    s = post(state, HELLO | {"stream": True}, scenario="slow-stream").schedule
    assert [round(w.at, 3) for w in s.writes[:3]] == [0.2, 0.22, 0.24]


def test_a_scripted_drop_answers_nothing_and_gives_the_credits_back(state):
    before = state.accounts.for_key("sk_unit").credits
    answer = post(state, HELLO, scenario="connection-drop")
    assert (answer.schedule.ending, answer.entry.status) == ("drop", 0)
    exchange.settle(state, answer, Report(0, "drop", False))
    assert state.accounts.for_key("sk_unit").credits == before


def test_a_scripted_fault_is_an_answer_not_an_exception_and_is_not_charged(state):
    before = state.accounts.for_key("sk_unit").credits
    answer = post(state, HELLO, scenario="always-500")
    assert answer.schedule.status == 500 and body_of(answer)["error"]["type"] == "api_error"
    exchange.settle(state, answer, Report(0, "complete", False))
    assert state.accounts.for_key("sk_unit").credits == before


def test_a_reply_delivered_whole_is_charged_and_journaled_once(state):
    before, journaled = state.accounts.for_key("sk_unit").credits, len(state.journal.entries)
    answer = post(state, HELLO)
    exchange.settle(state, answer, Report(0, "complete", False))
    assert state.accounts.for_key("sk_unit").credits == before - 1
    assert len(state.journal.entries) == journaled + 1 and state.journal.entries[-1] is answer.entry


def test_an_unknown_scenario_is_a_400_naming_it(state):
    answer = post(state, HELLO, scenario="no-such-scenario")
    assert answer.schedule.status == 400
    assert "unknown scenario 'no-such-scenario'" in body_of(answer)["error"]["message"]


def test_a_request_past_the_scripts_last_turn_is_a_400_journaled_with_its_turn(state):
    past = HELLO | {
        "messages": [
            *HELLO["messages"],
            {"role": "assistant", "content": "Hi"},
            {"role": "user", "content": "again"},
        ]
    }
    answer = post(state, past, scenario="hello")
    assert answer.schedule.status == 400 and "this request is turn 2" in body_of(answer)["error"]["message"]
    assert (answer.entry.scenario, answer.entry.turn) == ("hello", 2)


def test_a_test_id_rule_picks_its_tests_requests_and_lets_unlabelled_ones_through():
    """x-mockgw-test-id tells apart two recordings of the same conversation; a request that sends
    no test id (a client outside the fixture) is matched by the other rules alone."""
    ns = State(Settings()).default
    for test_id, reply in (("t.py::test_a", "from a"), ("t.py::test_b", "from b")):
        scenario = {
            "name": reply.replace(" ", "-"),
            "match": {"test_id": test_id},
            "turns": [{"reply": reply}],
        }
        ns.engine.upload(Candidate(Scenario.model_validate(scenario)))

    def text(test_id: str | None) -> str:
        labelled = [(b"x-mockgw-test-id", test_id.encode())] if test_id else []
        return body_of(post(ns, HELLO, headers=[*KEY, *labelled]))["content"][0]["text"]

    assert (text("t.py::test_a"), text("t.py::test_b")) == ("from a", "from b")
    assert text(None) == "from b", "the newest upload comes first, as for any match"
    assert text("t.py::test_c") == "Hello! How can I help you today?", "neither: the shipped hello"
