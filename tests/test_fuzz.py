"""Property-based fuzzing: every route of the OpenAPI document, and the scenario loader.

The API fuzz (schemathesis, over GET /_mockgw/openapi.json) sends generated requests, valid and
invalid by the document, to a live in-process server and checks each answer: no 5xx (the server
loads only scenarios that script none, and a scenario uploaded by a fuzzed request is dropped
before the next one), errors in their route's envelope, successes valid against their schema,
streams whose every event is valid. Findings are collected per operation, not raised at the first,
so one run reports everything it found, each with a line of Python (httpx) that reproduces it.

Budget: MOCKGW_FUZZ_EXAMPLES (default 10) examples per operation and generation mode (valid and
invalid requests), four times that for the two chat routes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from openapi_check import Document

from mockgw import MockGateway
from mockgw.catalog import MODELS
from mockgw.files import InvalidFile
from mockgw.scenario.loader import parse_text, shipped_dir

KEY = "sk_fuzz"
NAMESPACE = "fuzz"
EXAMPLES = int(os.environ.get("MOCKGW_FUZZ_EXAMPLES", "10"))
# Shipped scenarios that script no 5xx and no drop: a 5xx or a cut is then always a bug.
SAFE_SCENARIOS = [
    "count-to-5",
    "fibonacci-memo",
    "hello",
    "max-tokens",
    "reverse-string",
    "sse-burst",
    "sse-no-block-events",
    "sse-no-event-names",
    "tool-read-file",
    "xml-artifacts",
]
# Findings filed in issue #17, each with a reproducer below marked xfail(strict=True): once fixed, that
# test XPASSes (a failure), and its entry here goes, so the fuzz fails on it again.
KNOWN: dict[str, Callable[[str], bool]] = {}
ENVELOPES = {"/v1/": "AnthropicError", "/api/": "OpenAIError", "/_mockgw/": "ControlError"}


@dataclass
class Finding:
    signature: str
    problems: list[str]
    reproducer: str


@dataclass
class Tally:
    examples: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    known: Counter[str] = field(default_factory=Counter)
    findings: dict[str, Finding] = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        filed = next((name for name, seen in KNOWN.items() if any(map(seen, finding.problems))), None)
        if filed:
            self.known[filed] += 1
            return
        known = self.findings.get(finding.signature)
        if known is None or len(finding.reproducer) < len(known.reproducer):
            self.findings[finding.signature] = finding


def family(path: str) -> str:
    """The envelope a path's errors come in: /ns/NAME/… is its route's."""
    route = "/" + path.split("/", 3)[3] if path.startswith("/ns/") else path
    return next(e for prefix, e in ENVELOPES.items() if route.startswith(prefix))


@pytest.fixture(scope="module")
def safe_scenarios(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("safe-scenarios")
    for name in SAFE_SCENARIOS:
        shutil.copy(shipped_dir() / f"{name}.yaml", folder)
    for text in (folder / f"{n}.yaml" for n in SAFE_SCENARIOS):
        assert "fault" not in text.read_text() and "error" not in text.read_text(), text
    return folder


class Target:
    """A live server, the document it serves, and the state a fuzzed request must not carry over."""

    def __init__(self, gw: MockGateway) -> None:
        self.gw = gw
        self.http = httpx.Client(base_url=gw.url, timeout=30)
        self.document = Document(self.http.get("/_mockgw/openapi.json").json())
        self.tidy()

    def reconnect(self) -> None:
        self.http.close()
        self.http = httpx.Client(base_url=self.gw.url, timeout=30)

    def tidy(self) -> None:
        """Back to the start: no uploads, no active scenario, fresh rate windows, only our namespace."""
        for ns in self.http.get("/_mockgw/namespaces").json()["namespaces"]:
            if ns["name"] not in ("default", NAMESPACE):
                self.http.delete(f"/_mockgw/namespaces/{ns['name']}")
        if self.http.get(f"/ns/{NAMESPACE}/_mockgw/health").status_code == 404:
            self.http.post("/_mockgw/namespaces", json={"name": NAMESPACE})
        for prefix in ("", f"/ns/{NAMESPACE}"):
            self.http.post(prefix + "/_mockgw/reset")
            self.http.post(prefix + "/_mockgw/keys", json={"key": KEY, "plan": "enterprise"})

    def journals_still_serve(self) -> list[str]:
        """State left by earlier requests must not break a later one: the journal is the fixture's view."""
        out = []
        for prefix in ("", f"/ns/{NAMESPACE}"):
            try:
                r = self.http.get(prefix + "/_mockgw/requests")
            except httpx.TransportError as exc:
                self.reconnect()
                out.append(f"GET {prefix}/_mockgw/requests: no answer ({type(exc).__name__}: {exc})")
                continue
            out += (
                [f"GET {prefix}/_mockgw/requests -> {r.status_code}: {r.text[:200]}"]
                if r.status_code != 200
                else []
            )
            out += (
                self.document.problems("GET", prefix + "/_mockgw/requests", r) if r.status_code == 200 else []
            )
        return out


# Most requests carry the fuzz key (so bodies get past identity); the rest a generated credential.
HEADER_TEXT = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=40)
_KEY = st.just({"x-api-key": KEY})
CREDENTIALS = st.one_of(
    _KEY,
    _KEY,
    _KEY,
    _KEY,
    st.just({"authorization": f"Bearer {KEY}"}),
    st.builds(lambda p, t: {"x-api-key": p + t}, st.sampled_from(["sk_", "sk-ant-", "eyJ", ""]), HEADER_TEXT),
    st.builds(
        lambda p, t: {"authorization": f"Bearer {p}{t}"}, st.sampled_from(["sk_", "eyJ", ""]), HEADER_TEXT
    ),
    st.just({}),
)
CATALOG_MODEL = st.one_of(st.none(), *[st.sampled_from(sorted(MODELS))] * 3)  # none: the generated id stays
# A conversation the two APIs accept: user first, turns alternating, ending with the user.
_TURNS = st.lists(st.text(max_size=200), min_size=1, max_size=5).map(
    lambda texts: [
        {"role": ("user", "assistant")[i % 2], "content": t}
        for i, t in enumerate(texts[: len(texts) // 2 * 2 + 1])
    ]
)
CONVERSATION = st.one_of(st.none(), _TURNS, _TURNS, _TURNS)  # none: the generated messages stay
CHAT_PATHS = ("/v1/messages", "/chat/completions")
HTTPX_DEFAULTS = {"host", "accept", "accept-encoding", "connection", "user-agent", "content-length"}


def request_of(target: Target, case: Any, credential: dict[str, str]) -> httpx.Request:
    kwargs = case.as_transport_kwargs(base_url=target.gw.url, headers=credential)
    return httpx.Request(
        kwargs["method"],
        kwargs["url"],
        params=kwargs.get("params"),
        headers=kwargs.get("headers"),
        content=kwargs.get("data") if kwargs.get("json") is None else None,
        json=kwargs.get("json"),
    )


def reproducer(request: httpx.Request) -> str:
    """A line of Python that sends the same request."""
    headers = {k: v for k, v in request.headers.items() if k not in HTTPX_DEFAULTS}
    return f"httpx.request({request.method!r}, {str(request.url)!r}, headers={headers!r}, content={request.content!r})"


def problems_of(target: Target, case: Any, credential: dict[str, str]) -> tuple[list[str], str, int]:
    """What is wrong with the answer to one generated request, a line that reproduces it, the status."""
    request = request_of(target, case, credential)
    where = f"{case.method} {case.path}"
    try:
        response = target.http.send(request)
    except httpx.TransportError as exc:
        target.reconnect()
        return [f"{where}: no answer ({type(exc).__name__}: {exc})"], reproducer(request), 0
    out = []
    if response.status_code >= 500:
        target.reconnect()  # uvicorn closes a connection whose request raised
        out.append(f"{where}: unscripted {response.status_code}: {response.text[:300]}")
    elif response.status_code >= 400:
        envelope = family(request.url.path)
        out += target.document.schema_problems(
            target.document.component(envelope),
            _json(response),
            f"{where} {response.status_code} ({envelope})",
        )
    if not out:
        out += target.document.problems(case.method, request.url.path, response)
    return out, reproducer(request), response.status_code


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def signature(problems: list[str]) -> str:
    """Findings that differ only in generated values are one finding."""
    first = problems[0]
    head = first.split(": ", 2)
    return ": ".join(head[:2])[:160]


def operations(document: Document) -> Iterator[Any]:
    import schemathesis

    schema = schemathesis.openapi.from_dict(document.doc)
    schema.config.generation.update(
        allow_x00=False, with_security_parameters=False
    )  # credentials: CREDENTIALS
    for result in schema.get_all_operations():
        yield result.ok()


def fuzz(target: Target, operation: Any, mode: Any, budget: int, tally: Tally) -> None:
    fixed = {"ns": NAMESPACE} if "{ns}" in operation.path else None
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed)
    chat = operation.path.endswith(CHAT_PATHS)
    scripting = operation.path.endswith(("/_mockgw/scenario", "/_mockgw/scenarios", "/_mockgw/namespaces"))

    @settings(
        max_examples=budget,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # findings are collected, not shrunk
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
    )
    @given(case=strategy, credential=CREDENTIALS, model=CATALOG_MODEL, conversation=CONVERSATION)
    def one(case: Any, credential: dict[str, str], model: str | None, conversation: list | None) -> None:
        tally.examples += 1
        if chat and mode.is_positive and isinstance(case.body, dict):
            # past the model rules and the conversation rules, into the scenario engine and the encoders
            case.body.update(
                {"model": model} if model else {}, **{"messages": conversation} if conversation else {}
            )
        problems, line, status = problems_of(target, case, credential)
        tally.statuses[f"{status // 100}xx"] += 1
        if problems:
            tally.add(Finding(f"{operation.label}: {signature(problems)}", problems, line))
        if scripting or tally.examples % 200 == 0:  # uploads end here; rate windows stay roomy
            target.tidy()

    with contextlib.suppress(Unsatisfiable):  # negative mode, where nothing can be invalid (a path segment)
        one()
    left = target.journals_still_serve()
    if left:
        tally.add(
            Finding(f"after {operation.label}: journal broken", left, f"(state left by {operation.label})")
        )
    target.tidy()


@pytest.mark.parametrize("lenient", [False, True], ids=["faithful", "lenient"])
def test_fuzzed_requests_get_no_unscripted_5xx_and_answers_that_match_the_document(safe_scenarios, lenient):
    """Faithful: the default configuration, every route. Lenient (any key, any model id, no limits):
    the chat routes again, where generated model ids and max_tokens take other paths."""
    from schemathesis import GenerationMode

    tally = Tally()
    started = time.monotonic()
    with MockGateway(scenarios=[safe_scenarios], lenient=lenient) as gw:
        target = Target(gw)
        for operation in operations(target.document):
            budget = examples_for(operation.path)
            if lenient and not operation.path.endswith(CHAT_PATHS):
                continue
            negatable = operation.body or any(p.name != "ns" for p in operation.iter_parameters())
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)[: 2 if negatable else 1]:
                fuzz(target, operation, mode, budget, tally)
    seconds = time.monotonic() - started
    report = [
        f"{tally.examples} examples in {seconds:.0f}s; answers {dict(sorted(tally.statuses.items()))}; "
        f"{len(tally.findings)} new finding(s); known findings seen: {dict(tally.known) or 'none'}"
    ]
    for f in tally.findings.values():
        report += [f"- {f.signature}", *(f"    {p}" for p in f.problems[:3]), f"    {f.reproducer}"]
    print("\n".join(report))
    assert not tally.findings, "\n".join(report)


def examples_for(path: str) -> int:
    """The chat routes carry most of the logic: four times the budget; under /ns/ only the prefix is new."""
    if path.endswith(CHAT_PATHS):
        return EXAMPLES if path.startswith("/ns/") else 4 * EXAMPLES
    return EXAMPLES


def test_a_clock_moved_past_the_calendar_is_refused_with_a_400():
    with MockGateway() as gw:
        r = httpx.post(gw.url + "/_mockgw/clock", json={"advance_seconds": 1e15})
        assert r.status_code == 400, r.text


# --- the scenario loader --------------------------------------------------------------------------


def yaml_values() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
        max_leaves=25,
    )


def scenario_like() -> st.SearchStrategy[Any]:
    """Documents shaped like scenarios, so generation reaches past the first missing field."""
    text = st.text(max_size=20)
    outcome = st.fixed_dictionaries(
        {},
        optional={
            "reply": text
            | st.fixed_dictionaries({"content": st.lists(st.fixed_dictionaries({"text": text}))}),
            "fault": st.sampled_from(["server_error", "nope"])
            | st.fixed_dictionaries({"status": st.integers()}),
            "expect": st.dictionaries(
                st.sampled_from(["model", "tools", "status", "user_contains"]), yaml_values()
            ),
            "attempts": st.lists(yaml_values(), max_size=3),
        },
    )
    return st.fixed_dictionaries(
        {"name": text, "turns": st.lists(outcome, max_size=3)},
        optional={
            "match": st.dictionaries(
                st.sampled_from(["model", "user_regex", "user_contains", "tools"]), yaml_values()
            ),
            "chaos": st.dictionaries(st.sampled_from(["seed", "server_error", "disconnect"]), yaml_values()),
            "priority": yaml_values(),
        },
    )


def serialized(values: st.SearchStrategy[Any]) -> st.SearchStrategy[str]:
    def dump(value: Any, as_json: bool) -> str:
        import json

        return json.dumps(value) if as_json else yaml.safe_dump(value, allow_unicode=True)

    return st.builds(dump, values, st.booleans())


DEPTHS = st.integers(1, 800) | st.just(700)  # past the interpreter's recursion limit
DIGITS = st.integers(1, 5000) | st.just(4400)  # past int()'s 4,300-digit limit
# Texts built to break a parser: deep nesting, numbers past the int conversion limit, NUL and odd bytes.
HOSTILE = st.one_of(
    DEPTHS.map(lambda n: "[" * n + "]" * n),
    DEPTHS.map(lambda n: "name: x\nturns:\n  - reply: " + "{a: " * n + "1" + "}" * n),
    DIGITS.map(lambda n: "name: x\nturns: [{reply: hi}]\npriority: " + "9" * n),
    DIGITS.map(lambda n: '{"name": "x", "turns": [{"reply": "hi"}], "priority": 1e' + "9" * n + "}"),
    st.text(st.characters(max_codepoint=0x1F), max_size=50),
)
# Crashes filed in issue #17, each with a reproducer below marked xfail(strict=True); the fuzz does not
# fail on them while they are open.
KNOWN_LOADER_CRASHES: dict[str, Callable[[BaseException], bool]] = {}


def loads_or_refuses(text: str, seen: Counter[str]) -> None:
    try:
        parse_text(text, "fuzzed.yaml")
    except InvalidFile as exc:
        assert exc.problems and all(p.startswith("fuzzed.yaml") for p in exc.problems), exc.problems
    except Exception as exc:
        known = next((name for name, match in KNOWN_LOADER_CRASHES.items() if match(exc)), None)
        if known is None:
            raise
        seen[known] += 1


LOADER_TEXTS = st.one_of(
    st.text(max_size=300), serialized(yaml_values()), serialized(scenario_like()), HOSTILE
)


def test_any_text_either_loads_as_scenarios_or_is_refused_with_a_message():
    seen: Counter[str] = Counter()
    runs = [0]

    @settings(max_examples=250, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(LOADER_TEXTS)
    def one(text: str) -> None:
        runs[0] += 1
        loads_or_refuses(text, seen)

    one()
    print(f"loader: {runs[0]} texts; known crashes seen: {dict(seen) or 'none'}")


def test_a_deeply_nested_document_is_refused_with_a_message():
    with pytest.raises(InvalidFile):
        parse_text("[" * 3000 + "]" * 3000, "deep.yaml")


def test_a_huge_integer_is_refused_with_a_message():
    with pytest.raises(InvalidFile):
        parse_text("name: x\nturns: [{reply: hi}]\npriority: " + "9" * 5000, "huge.yaml")
