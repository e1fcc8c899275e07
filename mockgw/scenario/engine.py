"""Choose a scenario for a request and turn it into a canonical Reply, a GatewayError, or a Drop.

Every outcome is returned, never raised: a request that does not fit its script gets its error as
the decision's result. Knows nothing of HTTP or wire formats. The only state is the attempt
counters (retry stories), keyed by credential + scenario + conversation + turn, and the scenarios
uploaded at run time.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_json

from mockgw.domain import (
    ChatRequest,
    Draft,
    Drop,
    GatewayError,
    RedactedThinking,
    Reply,
    ReplyBlock,
    StreamShape,
    Text,
    Thinking,
    ThinkingBlock,
    ToolUse,
    Usage,
    bad_request,
    with_choices,
)
from mockgw.generate import default_reply, reply_to
from mockgw.ids import tool_call_key
from mockgw.scenario.model import (
    ErrorSpec,
    FaultSpec,
    JsonItem,
    Outcome,
    RedactedThinkingItem,
    Scenario,
    TextItem,
    ThinkingItem,
    ToolUseItem,
    Turn,
    compile_regex,
    kind_for_status,
)
from mockgw.scenario.template import Placeholders, render


@dataclass(slots=True)
class Decision:
    """What a request gets, and where in its script it stands, numbered as the error messages say."""

    result: Reply | Drop | GatewayError
    scenario: str | None = None
    turn: int = 1  # 1 for the first assistant turn of the conversation
    attempt: int | None = None  # 1 for the first try of a retry story; None where attempts are not counted
    chaos: str | None = None


class Script:
    """One outcome of a scenario (a turn's, or one of its attempts'), prepared at load time.

    Replies without placeholders are built here once; a request then pays only for make_reply.
    """

    def __init__(self, outcome: Outcome, scenario: str, index: int) -> None:
        self.scenario, self.index = scenario, index
        self.fault = outcome.fault
        self.error = outcome.fault.error() if outcome.fault and outcome.fault.connection is None else None
        self.reply = outcome.reply
        self.fixed = self._draft(None) if self.reply and not _templated(self.reply) else None

    def play(self, req: ChatRequest, seed: int) -> Reply | Drop | GatewayError:
        if self.fault is not None:
            if self.fault.connection is not None:
                return Drop(self.fault.ms if self.fault.connection == "stall" else 0)
            assert self.error is not None
            return error_from(self.error, Placeholders(req, seed))
        reply = reply_to(req, self.fixed or self._draft(Placeholders(req, seed)), seed)
        # n choices of a scripted reply: the same scripted content in each (README, Assumptions)
        return reply if req.n == 1 else with_choices(reply, [reply] * (req.n - 1))

    def _draft(self, values: Placeholders | None) -> Draft:
        """The reply before it meets a request; values is None only for text without placeholders."""
        spec = self.reply
        assert spec is not None
        blocks: list[ReplyBlock] = []
        thinking: list[ThinkingBlock] = []
        for j, item in enumerate(spec.content):
            if isinstance(item, TextItem):
                blocks.append(Text(render(item.text, values)))
            elif isinstance(item, JsonItem):
                blocks.append(Text(to_json(_render_value(item.json_, values)).decode()))
            elif isinstance(item, ThinkingItem):
                thinking.append(Thinking(render(item.thinking, values), item.signature or ""))
            elif isinstance(item, RedactedThinkingItem):
                thinking.append(RedactedThinking(item.redacted_thinking))
            else:
                tu = item.tool_use
                tool_input = _render_value(tu.input, values)
                blocks.append(
                    ToolUse(tu.id or _generated_id(self.scenario, self.index, j), tu.name, tool_input)
                )
        if "xml_tool_call" in spec.quirks:
            blocks = _with_xml_artifacts(blocks)
        s = spec.stream
        shape = StreamShape(
            ttft_ms=s.ttft_ms,
            delay_ms=s.delay_ms,
            chunk_chars=s.chunk_chars,
            disconnect_after=s.disconnect_after,
            error_after=s.error_after,
            error=error_from(s.error, values) if s.error_after is not None else None,
            burst="sse_burst" in spec.quirks,
            event_names="sse_no_event_names" not in spec.quirks,
            block_events="sse_no_block_events" not in spec.quirks,
        )
        usage = Usage(spec.usage.input_tokens, spec.usage.output_tokens) if spec.usage else None
        return Draft(blocks, spec.stop_reason, usage, shape, thinking)


REGEX_MEMO_TEXTS, REGEX_MEMO_CHARS = 1024, 4096  # at most 4 MiB of texts a regex rule


class Candidate:
    """A scenario with its match rules compiled and its outcomes prepared, once, at load time."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        name = scenario.name
        self.turns = [Script(t, name, i) for i, t in enumerate(scenario.turns)]
        self.attempts = [[Script(a, name, i) for a in t.attempts] for i, t in enumerate(scenario.turns)]
        m = scenario.match
        self.matchable = m is not None
        models = [m.model] if m and isinstance(m.model, str) else (m.model if m else None)
        self.models = frozenset(models) if models else None
        self.contains = m.user_contains.lower() if m and m.user_contains else None
        self.regex = compile_regex(m.user_regex) if m and m.user_regex else None
        self.regex_seen: dict[str, bool] = {}  # user text -> whether the regex finds it
        self.system = m.system_contains.lower() if m and m.system_contains else None
        self.tools = frozenset(m.tools) if m else frozenset()
        self.test_id = m.test_id if m else None

    def matches(self, req: ChatRequest, user: str, user_lower: str, test_id: str | None) -> bool:
        """user: the request's last user text, computed once (and lower-cased once) for all candidates;
        test_id: its x-mockgw-test-id header; a request without one is matched by the other rules."""
        if not self.matchable:
            return False
        return (
            (self.test_id is None or test_id is None or self.test_id == test_id)
            and (self.models is None or req.model in self.models)
            and (self.contains is None or self.contains in user_lower)
            and (self.regex is None or self.regex_finds(user))
            and (self.system is None or self.system in req.system.lower())
            and (not self.tools or self.tools <= {t.name for t in req.tools})
        )

    def regex_finds(self, user: str) -> bool:
        """RE2 through its Python wrapper costs 10-20 µs a search, more than the rest of the match; suites
        send the same prompts again and again, so the answer for each short text is kept (bounded)."""
        found = self.regex_seen.get(user)
        if found is None:
            found = self.regex is not None and self.regex.search(user) is not None
            if len(user) <= REGEX_MEMO_CHARS:
                if len(self.regex_seen) >= REGEX_MEMO_TEXTS:
                    self.regex_seen.clear()
                self.regex_seen[user] = found
        return found

    def mismatch(self, req: ChatRequest, test_id: str | None) -> str:
        """Every reason the request does not match, for strict mode's error."""
        if not self.matchable:
            return "has no match rules (use it with x-mockgw-scenario)"
        user = req.last_user_text()
        missing = self.tools - {t.name for t in req.tools}
        reasons = [
            f"x-mockgw-test-id is {test_id!r}, not {self.test_id!r}"
            if self.test_id is not None and test_id is not None and self.test_id != test_id
            else "",
            f"model {req.model!r} is not one of {sorted(self.models)}"
            if self.models is not None and req.model not in self.models
            else "",
            f"last user message does not contain {self.contains!r}"
            if self.contains is not None and self.contains not in user.lower()
            else "",
            f"last user message does not match /{self.regex.pattern}/"
            if self.regex is not None and not self.regex_finds(user)
            else "",
            f"system prompt does not contain {self.system!r}"
            if self.system is not None and self.system not in req.system.lower()
            else "",
            f"tools {sorted(missing)} are not offered" if missing else "",
        ]
        return "; ".join(r for r in reasons if r)


def _conversation(req: ChatRequest) -> str:
    first_user = next((m for m in req.messages if m.role == "user"), None)
    text = "".join(b.text for b in first_user.content if isinstance(b, Text)) if first_user else ""
    return hashlib.blake2b(f"{req.system}\0{text}".encode(), digest_size=8).hexdigest()


def _tool_ids(turn: Turn, scenario: str, index: int) -> list[str]:
    reply = turn.reply
    if reply is None:
        return []
    return [
        item.tool_use.id or _generated_id(scenario, index, j)
        for j, item in enumerate(reply.content)
        if isinstance(item, ToolUseItem)
    ]


def _generated_id(scenario: str, turn: int, block: int) -> str:
    return hashlib.blake2b(f"{scenario}/{turn}/{block}".encode(), digest_size=12).hexdigest()


def error_from(spec: ErrorSpec, values: Placeholders | None) -> GatewayError:
    return GatewayError(
        spec.status, spec.error_kind(), render(spec.message, values), headers=dict(spec.headers)
    )


class Library:
    """The scenario files, compiled once and shared by every namespace; --watch swaps them in place."""

    def __init__(self, scenarios: list[Scenario]) -> None:
        self.files: list[Candidate] = []
        self.matchable: list[Candidate] = []
        self.replace(scenarios)

    def replace(self, scenarios: list[Scenario]) -> None:
        ordered = sorted(scenarios, key=lambda s: -s.priority)  # stable: file order within a priority
        self.files = [Candidate(s) for s in ordered]
        self.matchable = [c for c in self.files if c.matchable]  # what a request without a name tries


class Engine:
    """One namespace's scenario state over the shared library: uploads, the active one, attempt counters."""

    def __init__(self, library: Library, seed: int = 0, strict: bool = False) -> None:
        self.library = library
        self.seed = seed
        self.strict = strict
        self.uploaded: dict[str, Candidate] = {}
        self.active: str | None = None
        self.attempts: dict[tuple[str, str, str, int], int] = {}

    # --- the scenario set ----------------------------------------------------------------------

    def upload(self, candidate: Candidate) -> None:
        name = candidate.scenario.name
        self.uploaded.pop(name, None)
        self.uploaded[name] = candidate

    def candidates(self) -> list[Candidate]:
        """Match order: uploaded (newest first), then files by priority, then file order."""
        files = self.library.files
        if not self.uploaded:
            return files
        return [*reversed(self.uploaded.values()), *files]

    def find(self, name: str) -> Candidate | None:
        found = self.uploaded.get(name)
        return found or next((c for c in self.library.files if c.scenario.name == name), None)

    def names(self) -> list[str]:
        return [c.scenario.name for c in self.candidates()]

    def reset(self) -> None:
        self.uploaded.clear()
        self.active = None
        self.attempts.clear()

    # --- deciding ------------------------------------------------------------------------------

    def matching(self, req: ChatRequest, test_id: str | None = None) -> Candidate | None:
        """The scenario whose match rules pick this request (uploaded first, then files), if any."""
        user = req.last_user_text()
        user_lower = user.lower()
        for c in self.library.matchable if not self.uploaded else self.candidates():
            if c.matches(req, user, user_lower, test_id):  # a plain loop: next() over a generator costs more
                return c
        return None

    def decide(
        self,
        req: ChatRequest,
        credential: str,
        name: str | None = None,
        strict: bool = False,
        test_id: str | None = None,
    ) -> Decision:
        """What this request gets: a reply, a scripted fault, or the 400 of a script it does not fit.
        name: its x-mockgw-scenario header; test_id: its x-mockgw-test-id header."""
        name = name or self.active
        if name:
            found = self.find(name)
            if found is None:
                known = ", ".join(self.names()) or "none"
                return Decision(bad_request(f"unknown scenario {name!r}; known: {known}"), turn=req.turn + 1)
            return self._play(found, req, credential)
        found = self.matching(req, test_id)
        if found is not None:
            return self._play(found, req, credential)
        if strict or self.strict:
            reasons = [f"{c.scenario.name}: {c.mismatch(req, test_id)}" for c in self.candidates()]
            listing = "\n- ".join(reasons or ["(none loaded)"])
            message = f"strict mode: no scenario matched this request:\n- {listing}"
            return Decision(bad_request(message), turn=req.turn + 1)
        return Decision(self._generated(req), None, req.turn + 1)

    def _generated(self, req: ChatRequest) -> Reply:
        """The default reply; for n choices, n generations, each seeded apart (seed + choice index)."""
        first = default_reply(req, self.seed)
        if req.n == 1:
            return first
        return with_choices(first, [default_reply(req, self.seed + k) for k in range(1, req.n)])

    def _play(self, candidate: Candidate, req: ChatRequest, credential: str) -> Decision:
        scenario = candidate.scenario
        index = req.turn
        if index >= len(scenario.turns):
            message = (
                f"scenario {scenario.name!r} scripts {len(scenario.turns)} turn(s); this request is turn "
                f"{index + 1} (it carries {index} assistant message(s))"
            )
            return Decision(bad_request(message), scenario.name, index + 1)
        refusal = self._check(scenario, index, req)
        if refusal is not None:
            return Decision(refusal, scenario.name, index + 1)
        attempts = candidate.attempts[index]
        if not attempts and scenario.chaos is None:  # only retry stories and chaos count requests
            return Decision(candidate.turns[index].play(req, self.seed), scenario.name, index + 1)
        key = (credential, scenario.name, _conversation(req), index)
        attempt = self.attempts.get(key, 0)
        self.attempts[key] = attempt + 1
        chaos = self._chaos(scenario, key, attempt)
        if chaos is not None:
            fault = {"connection": "close"} if chaos == "disconnect" else chaos
            script = Script(Outcome(fault=FaultSpec.model_validate(fault)), scenario.name, index)
        else:
            script = attempts[attempt] if attempt < len(attempts) else candidate.turns[index]
        return Decision(script.play(req, self.seed), scenario.name, index + 1, attempt + 1, chaos)

    def _check(self, scenario: Scenario, index: int, req: ChatRequest) -> GatewayError | None:
        """The error for a request that breaks the turn's expectations, naming every difference."""
        expect = scenario.turns[index].expect
        problems = []
        if expect.model and req.model != expect.model:
            problems.append(f"expects model {expect.model!r}; the request asks for {req.model!r}")
        if expect.tools:
            offered = [t.name for t in req.tools]
            missing = [t for t in expect.tools if t not in offered]
            if missing:
                problems.append(f"expects tools {missing} to be offered; the request offers {offered}")
        if expect.user_contains and expect.user_contains.lower() not in req.last_user_text().lower():
            problems.append(
                f"expects the last user message to contain {expect.user_contains!r}; "
                f"it is {req.last_user_text()[:200]!r}"
            )
        if expect.tool_results and index > 0:
            wanted = _tool_ids(scenario.turns[index - 1], scenario.name, index - 1)
            got = [r.tool_use_id for r in req.last_tool_results()]
            answered = {tool_call_key(g) for g in got}
            unanswered = [w for w in wanted if tool_call_key(w) not in answered]
            if unanswered:
                problems.append(
                    f"expects tool_result blocks answering tool_use id(s) {unanswered} from turn {index}; "
                    f"the request's last user message answers {got or 'none'}"
                )
        if not problems:
            return None
        message = f"turn {index + 1} of scenario {scenario.name!r} " + "; ".join(problems)
        return GatewayError(expect.status, kind_for_status(expect.status), message)

    def _chaos(self, scenario: Scenario, key: tuple[str, str, str, int], attempt: int) -> str | None:
        chaos = scenario.chaos
        if chaos is None:
            return None
        draw = random.Random(f"{chaos.seed}/{key[1:]}/{attempt}").random()
        edge = 0.0
        for fault in ("rate_limited", "server_error", "model_loading", "disconnect"):
            edge += getattr(chaos, fault)
            if draw < edge:
                return fault
        return None


def _templated(value: Any) -> bool:
    """Whether any text in a spec has a placeholder."""
    if isinstance(value, str):
        return "{{" in value
    if isinstance(value, BaseModel):
        value = value.__dict__
    if isinstance(value, dict):
        value = value.values()
    return isinstance(value, Iterable) and any(_templated(v) for v in value)


def _render_value(value: Any, values: Placeholders | None) -> Any:
    if isinstance(value, str):
        return render(value, values)
    if isinstance(value, dict):
        return {k: _render_value(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [_render_value(v, values) for v in value]
    return value


def _with_xml_artifacts(blocks: list[ReplyBlock]) -> list[ReplyBlock]:
    """Qwen's quirk: the tool calls also appear as <tool_call> XML inside the text."""
    xml = "".join(
        f"\n<tool_call>\n{json.dumps({'name': b.name, 'arguments': b.input})}\n</tool_call>"
        for b in blocks
        if isinstance(b, ToolUse)
    )
    if not xml:
        return blocks
    first_text = next((i for i, b in enumerate(blocks) if isinstance(b, Text)), None)
    if first_text is None:
        return [Text(xml.lstrip()), *blocks]
    out = list(blocks)
    out[first_text] = Text(blocks[first_text].text + xml)  # type: ignore[union-attr]
    return out
