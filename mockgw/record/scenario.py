"""What the recorder saw, written as ordinary scenario files: one file per test or conversation.

A forwarded request and its answer (`Seen`) become one outcome: the reply (text, tool calls with
their ids, stop reason, usage, the stream's chunking, an in-stream error event, pacing when asked)
or the error (status, message, the headers clients act on). Outcomes land as turns of a scenario:

- the file is named after the test (the `x-mockgw-test-id` header) or else the first user message;
- a conversation (model, system prompt, first user message) is one scenario; the request's turn
  index (assistant messages it carries) is the turn it fills; turns before it that were not seen are
  filled from the request's own history;
- consecutive identical requests that got errors are the turn's `attempts` (a retry story);
- the match rules pick the scenario again for the same requests: the test id (when sent), the model,
  the tools offered and each turn's last user message, exactly; so two tests sending the same
  conversation each replay their own answers;
- a re-record replaces a turn, never adds a copy; with `replace`, a file's first write in this
  run replaces what was there.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, get_args

import yaml

from mockgw.domain import ChatRequest, GatewayError, Reply, StopReason, Text, ToolUse
from mockgw.exchange import read_headers
from mockgw.record.redact import Redactor
from mockgw.record.sse import Event, SSEParser
from mockgw.scenario.engine import Script
from mockgw.scenario.model import KIND_BY_STATUS, Outcome, compile_regex, kind_for_status
from mockgw.scenario.template import literal
from mockgw.wire import Wire
from mockgw.wire import anthropic as anthropic_wire
from mockgw.wire import openai as openai_wire

log = logging.getLogger("mockgw")

TEST_ID_HEADER = b"x-mockgw-test-id"
# The response headers an error keeps: what clients act on. The rest (ids, rate-limit counts,
# cookies) are mockgw's own on replay, or secrets.
ERROR_HEADERS = ("retry-after", "retry-after-ms", "x-should-retry")
STOP_REASONS = frozenset(get_args(StopReason))
OPENAI_STOP: dict[str, StopReason] = {
    "stop": "end_turn",
    "length": "max_tokens",
    "tool_calls": "tool_use",
    "function_call": "tool_use",
    "content_filter": "refusal",
}
ANTHROPIC_KINDS = {t: k for k, t in anthropic_wire.ERROR_TYPES.items()}
OPENAI_KINDS = {pair: k for k, pair in openai_wire.ERROR_TYPES.items()}
# An in-stream error has no HTTP status; a scenario's error names one: the kind's first.
STATUS_BY_KIND: dict[str, int] = {str(k): s for s, k in reversed(KIND_BY_STATUS.items())} | {"api_error": 500}


@dataclass(slots=True)
class Seen:
    """One forwarded request and what came back, as the proxy saw it arrive."""

    wire: Wire
    body: bytes
    headers: list[tuple[bytes, bytes]]  # the request's
    started: float  # time.monotonic() when it was sent upstream
    status: int = 0  # 0: no response
    response_headers: dict[str, str] = field(default_factory=dict)
    stream: bool = False
    content: bytearray = field(default_factory=bytearray)  # a JSON body
    events: list[tuple[float, Event]] = field(default_factory=list)  # a stream's, with arrival times
    first_byte_at: float | None = None
    complete: bool = False  # the body ended normally (not cut by the upstream)
    client_left: bool = False
    _parser: SSEParser = field(default_factory=SSEParser)

    def observe(self, chunk: bytes, now: float) -> None:
        if self.first_byte_at is None:
            self.first_byte_at = now
        if self.stream:
            self.events += [(now, e) for e in self._parser.feed(chunk)]
        else:
            self.content += chunk

    @property
    def test_id(self) -> str | None:
        value = next((v for k, v in self.headers if k.lower() == TEST_ID_HEADER), b"")
        return value.decode("utf-8", errors="replace").strip() or None


@dataclass(slots=True)
class Heard:
    """A reply as the upstream gave it, before it becomes a scenario outcome."""

    content: list[dict[str, Any]] = field(default_factory=list)
    stop_reason: StopReason | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    pieces: list[int] = field(default_factory=list)  # characters per streamed delta
    error: dict[str, Any] | None = None  # an in-stream error event, as an ErrorSpec
    events: int = 0  # events read before the error event (or before the stream was cut)
    ended: bool = False  # the stream's own end (message_stop, [DONE]) arrived


@dataclass(slots=True, frozen=True)
class Recorded:
    path: Path
    name: str
    turn: int  # 0-based
    outcome: dict[str, Any]  # as written: {"reply": …} or {"fault": …}


def fingerprint(wire: Wire, body: bytes) -> str:
    """Identical requests (a client's retries send the very same body) have the same fingerprint."""
    return hashlib.blake2b(wire.NAME.encode() + b"\0" + body, digest_size=16).hexdigest()


def decode(wire: Wire, body: bytes, headers: list[tuple[bytes, bytes]], loose: bool) -> ChatRequest | None:
    """The request as the engine sees it; None for one the API's contract refuses."""
    try:
        return wire.decode(body, read_headers(headers), loose)
    except GatewayError:
        return None


# --- one answer -> one outcome --------------------------------------------------------------------


def outcome_of(seen: Seen, req: ChatRequest, timing: bool) -> tuple[dict[str, Any], bool] | None:
    """The scenario outcome for what the upstream said, and whether it failed; None: nothing usable."""
    if seen.status >= 400:
        return {"fault": _fault(seen)}, True
    anthropic = seen.wire is anthropic_wire
    try:
        if seen.stream:
            heard = _anthropic_stream(seen.events) if anthropic else _openai_stream(seen.events)
        else:
            body = json.loads(bytes(seen.content))
            heard = _anthropic_message(body) if anthropic else _openai_completion(body)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        log.warning("mockgw record: could not read the upstream's answer (%s); not recorded", exc)
        return None
    reply = _reply(heard)
    stream: dict[str, Any] = {}
    if seen.stream and heard.pieces:
        stream["chunk_chars"] = max(1, sorted(heard.pieces)[len(heard.pieces) // 2])  # the median
    if seen.stream and heard.error is not None:
        stream["error_after"] = _events_through_content(seen, req, heard, reply | {"stream": stream})
        stream["error"] = heard.error
    elif seen.stream and not (heard.ended and seen.complete):
        stream["disconnect_after"] = _events_through_content(seen, req, heard, reply | {"stream": stream})
    if timing:
        stream |= _timing(seen)
    if stream:
        reply["stream"] = stream
    failed = "error_after" in stream or "disconnect_after" in stream
    return {"reply": reply}, failed


def _reply(heard: Heard) -> dict[str, Any]:
    reply: dict[str, Any] = {"content": heard.content or [{"text": ""}]}
    if heard.stop_reason is not None:
        reply["stop_reason"] = heard.stop_reason
    if heard.input_tokens is not None and heard.output_tokens is not None:
        reply["usage"] = {"input_tokens": heard.input_tokens, "output_tokens": heard.output_tokens}
    return reply


def _text(text: str) -> dict[str, Any]:
    return {"text": literal(text)}


def _tool_use(tool_id: str | None, name: str, tool_input: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": name, "input": _literal_values(tool_input)}
    if tool_id:
        spec = {"id": tool_id, **spec}
    return {"tool_use": spec}


def _literal_values(value: Any) -> Any:
    """Tool inputs are rendered too (placeholders work in them): their strings kept as written."""
    if isinstance(value, str):
        return literal(value)
    if isinstance(value, dict):
        return {k: _literal_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal_values(v) for v in value]
    return value


def _stop(value: Any) -> StopReason | None:
    return value if value in STOP_REASONS else None


def _anthropic_block(block: dict[str, Any]) -> dict[str, Any] | None:
    """A content block as a scenario item. A thinking block's signature is left out: the replay signs
    the text itself, so the client's tool loop sends back a signature mockgw can check."""
    kind = block.get("type")
    if kind == "text":
        return _text(block.get("text", ""))
    if kind == "tool_use":
        return _tool_use(block.get("id"), block["name"], block.get("input") or {})
    if kind == "thinking":
        return {"thinking": literal(block.get("thinking", ""))}
    if kind == "redacted_thinking":
        return {"redacted_thinking": block.get("data", "")}
    return None


def _anthropic_message(body: dict[str, Any]) -> Heard:
    heard = Heard(stop_reason=_stop(body.get("stop_reason")))
    heard.content = [b for b in map(_anthropic_block, body["content"]) if b is not None]
    usage = body.get("usage") or {}
    heard.input_tokens, heard.output_tokens = usage.get("input_tokens"), usage.get("output_tokens")
    return heard


def _anthropic_stream(events: list[tuple[float, Event]]) -> Heard:
    heard = Heard()
    blocks: dict[int, dict[str, Any]] = {}
    partial: dict[int, str] = {}  # a tool call's input JSON, as it arrives
    for _, event in events:
        data = json.loads(event.data)
        kind = data.get("type")
        if kind == "error":
            heard.error = _stream_error(data)
            break
        heard.events += 1
        if kind == "message_start":
            heard.input_tokens = (data["message"].get("usage") or {}).get("input_tokens")
        elif kind == "content_block_start":
            blocks[data["index"]] = dict(data["content_block"])
        elif kind == "content_block_delta":
            block, delta = blocks[data["index"]], data["delta"]
            if delta["type"] == "text_delta":
                block["text"] = block.get("text", "") + delta["text"]
                heard.pieces.append(len(delta["text"]))
            elif delta["type"] == "input_json_delta":
                partial[data["index"]] = partial.get(data["index"], "") + delta["partial_json"]
            elif delta["type"] == "thinking_delta":
                block["thinking"] = block.get("thinking", "") + delta["thinking"]
        elif kind == "message_delta":
            heard.stop_reason = _stop(data["delta"].get("stop_reason"))
            usage = data.get("usage") or {}
            heard.output_tokens = usage.get("output_tokens")
            heard.input_tokens = usage.get("input_tokens") or heard.input_tokens
        elif kind == "message_stop":
            heard.ended = True
    for index, text in partial.items():
        try:
            blocks[index]["input"] = json.loads(text) if text else {}
        except ValueError:  # cut off mid-call: the call never happened
            del blocks[index]
    heard.content = [b for b in (_anthropic_block(blocks[i]) for i in sorted(blocks)) if b is not None]
    return heard


def _openai_completion(body: dict[str, Any]) -> Heard:
    choice = body["choices"][0]
    message = choice["message"]
    heard = Heard(stop_reason=OPENAI_STOP.get(choice.get("finish_reason") or ""))
    calls = [
        (c.get("id"), c["function"]["name"], c["function"].get("arguments") or "")
        for c in message.get("tool_calls") or []
    ]
    heard.content = _openai_content(message.get("content") or "", calls)
    _openai_usage(body.get("usage"), heard)
    return heard


def _openai_stream(events: list[tuple[float, Event]]) -> Heard:
    heard = Heard()
    text = ""
    calls: dict[int, list[Any]] = {}  # index -> [id, name, arguments so far]
    for _, event in events:
        if event.data.strip() == "[DONE]":
            heard.ended = True
            continue
        data = json.loads(event.data)
        if "error" in data:
            heard.error = _stream_error(data)
            break
        heard.events += 1
        _openai_usage(data.get("usage"), heard)
        for choice in data.get("choices") or []:
            delta = choice.get("delta") or {}
            if delta.get("content"):
                text += delta["content"]
                heard.pieces.append(len(delta["content"]))
            for call in delta.get("tool_calls") or []:
                so_far = calls.setdefault(call.get("index", 0), [None, "", ""])
                function = call.get("function") or {}
                so_far[0] = call.get("id") or so_far[0]
                so_far[1] += function.get("name") or ""
                so_far[2] += function.get("arguments") or ""
            if choice.get("finish_reason"):
                heard.stop_reason = OPENAI_STOP.get(choice["finish_reason"])
    heard.content = _openai_content(text, [tuple(calls[i]) for i in sorted(calls)])
    return heard


def _openai_content(text: str, calls: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    content = [_text(text)] if text else []
    for call_id, name, arguments in calls:
        try:
            tool_input = json.loads(arguments) if arguments else {}
        except ValueError:  # cut off mid-call: the call never happened
            continue
        content.append(_tool_use(call_id, name, tool_input if isinstance(tool_input, dict) else {}))
    return content


def _openai_usage(usage: dict[str, Any] | None, heard: Heard) -> None:
    if usage:
        heard.input_tokens, heard.output_tokens = usage.get("prompt_tokens"), usage.get("completion_tokens")


def _error_parts(body: Any) -> tuple[str | None, str | None, str | None]:
    """(type, code, message) from either API's envelope, or a bare {"detail"} / {"message"}."""
    if not isinstance(body, dict):
        return None, None, None
    error = body.get("error")
    if isinstance(error, dict):
        return error.get("type"), error.get("code"), error.get("message")
    detail = body.get("detail", body.get("message"))
    return None, None, detail if isinstance(detail, str) else None


def _kind(type_: str | None, code: str | None) -> str | None:
    if type_ in ANTHROPIC_KINDS:
        return ANTHROPIC_KINDS[type_]
    return OPENAI_KINDS.get((type_ or "", code)) or OPENAI_KINDS.get((type_ or "", None))


def _stream_error(data: dict[str, Any]) -> dict[str, Any]:
    type_, code, message = _error_parts(data)
    kind = _kind(type_, code) or "api_error"
    return {"status": STATUS_BY_KIND.get(kind, 500), "kind": kind, "message": literal(message or "")}


def _fault(seen: Seen) -> dict[str, Any]:
    raw = bytes(seen.content)
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    type_, code, message = _error_parts(body)
    fault: dict[str, Any] = {"status": seen.status}
    kind = _kind(type_, code)
    if kind is not None and kind != kind_for_status(seen.status):
        fault["kind"] = kind
    text = message if message is not None else raw.decode("utf-8", errors="replace").strip()[:500]
    fault["message"] = literal(text) or f"HTTP {seen.status}"
    headers = {h: seen.response_headers[h] for h in ERROR_HEADERS if h in seen.response_headers}
    if headers:
        fault["headers"] = headers
    return fault


def _events_through_content(seen: Seen, req: ChatRequest, heard: Heard, reply: dict[str, Any]) -> int:
    """Where a cut stream stops on replay: after the last content delta of the same reply, built by
    the engine and encoded by the recorded API's wire module as a replay will be. (Anthropic ends a
    stream with content_block_stop, message_delta and message_stop; OpenAI with the finish chunk,
    the usage chunk when asked for, and [DONE].)"""
    if heard.events == 0:
        return 0
    played = Script(Outcome.model_validate({"reply": reply}), "recording", 0).play(req, 0)
    if not isinstance(played, Reply):
        return 0
    frames = seen.wire.encode_stream(played, req, "recording", 0)
    tail = 3 if seen.wire is anthropic_wire else 2 + req.stream_usage
    return max(1, len(frames) - tail)


def _timing(seen: Seen) -> dict[str, int]:
    if seen.first_byte_at is None:
        return {}
    timing = {"ttft_ms": round((seen.first_byte_at - seen.started) * 1000)}
    times = [t for t, _ in seen.events]
    if len(times) > 1:
        timing["delay_ms"] = round((times[-1] - times[0]) / (len(times) - 1) * 1000)
    return timing


# --- outcomes -> files ----------------------------------------------------------------------------


def _slug(text: str, limit: int = 80) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.]+", "-", text).strip("-._")
    if len(slug) > limit:
        slug = slug[: limit - 9].rstrip("-._") + "-" + _digest(text)
    return slug or "conversation"


def _digest(*parts: str, size: int = 4) -> str:
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=size).hexdigest()


def _first_user_text(req: ChatRequest) -> str:
    first = next((m for m in req.messages if m.role == "user"), None)
    return "\n".join(b.text for b in first.content if isinstance(b, Text)) if first else ""


def _user_texts(req: ChatRequest) -> list[str]:
    """The last user message of each turn up to the request's own: what each turn's rule must match."""
    ends = [i for i, m in enumerate(req.messages) if m.role == "assistant"] + [len(req.messages)]
    return [replace(req, messages=req.messages[:end]).last_user_text() for end in ends]


def _history_reply(req: ChatRequest, turn: int) -> dict[str, Any]:
    """A turn nobody recorded, as the request's own history says the assistant answered it."""
    message = [m for m in req.messages if m.role == "assistant"][turn]
    content = [
        _text(b.text) if isinstance(b, Text) else _tool_use(b.id, b.name, b.input)
        for b in message.content
        if isinstance(b, (Text, ToolUse))
    ]
    return {"reply": {"content": content or [{"text": ""}]}}


@dataclass
class Tries:
    """A turn's retry story so far: the request that was repeated, what each try got, how the last went."""

    request: str  # its fingerprint
    outcomes: list[dict[str, Any]]
    failed: bool


@dataclass
class Conversation:
    """One scenario being recorded: its match rules and turns, and each turn's retry story so far."""

    name: str
    description: str
    model: str
    test_id: str | None = None
    tools: set[str] | None = None
    user_regex: str | None = None
    turns: list[dict[str, Any] | None] = field(default_factory=list)
    tries: dict[int, Tries] = field(default_factory=dict)

    @classmethod
    def from_file(cls, data: dict[str, Any]) -> Conversation:
        match = data.get("match") or {}
        model = match.get("model")
        return cls(
            name=data["name"],
            description=data.get("description", ""),
            model=model if isinstance(model, str) else "",
            test_id=match.get("test_id"),
            tools=set(match.get("tools") or []),
            user_regex=match.get("user_regex"),
            turns=list(data.get("turns") or []),
        )

    def add(
        self, req: ChatRequest, outcome: dict[str, Any], failed: bool, request: str, redactor: Redactor
    ) -> None:
        """The request's turn gets outcome; a retry of a request that failed adds it to the story."""
        index = req.turn
        offered = {t.name for t in req.tools}
        self.tools = offered if self.tools is None else self.tools & offered
        for text in _user_texts(req):
            if self.user_regex is None or not compile_regex(self.user_regex).search(text):
                exact = f"^{redactor.pattern(text)}$"
                self.user_regex = exact if self.user_regex is None else f"{self.user_regex}|{exact}"
        self.turns += [None] * (index + 1 - len(self.turns))
        for k in range(index):
            if self.turns[k] is None:
                self.turns[k] = _history_reply(req, k)
        before = self.tries.get(index)
        story = before.outcomes if before and before.request == request and before.failed else []
        tries = self.tries[index] = Tries(request, [*story, outcome], failed)
        self.turns[index] = ({"attempts": tries.outcomes[:-1]} if story else {}) | outcome

    def to_file(self) -> dict[str, Any]:
        match: dict[str, Any] = {"model": self.model}
        if self.test_id is not None:
            match["test_id"] = self.test_id
        if self.user_regex is not None:
            match["user_regex"] = self.user_regex
        if self.tools:
            match["tools"] = sorted(self.tools)
        return {"name": self.name, "description": self.description, "match": match, "turns": self.turns}


class RecordingFile:
    """One file: the conversations recorded into it, and scenarios found in it that are not touched."""

    def __init__(self, path: Path, found: list[dict[str, Any]]) -> None:
        self.path = path
        self.scenarios: dict[str, dict[str, Any] | Conversation] = {s["name"]: s for s in found}

    def conversation(self, name: str, description: str, model: str, test_id: str | None) -> Conversation:
        current = self.scenarios.get(name)
        if isinstance(current, Conversation):
            return current
        conversation = (
            Conversation.from_file(current) if current else Conversation(name, description, model, test_id)
        )
        self.scenarios[name] = conversation
        return conversation

    def write(self, redactor: Redactor, max_bytes: int) -> None:
        docs = [s.to_file() if isinstance(s, Conversation) else s for s in self.scenarios.values()]
        data = redactor.redact(docs if len(docs) > 1 else docs[0])
        head = "# Recorded by mockgw from the gateway; recording again rewrites what it recorded here.\n"
        text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
        tmp = self.path.with_suffix(".yaml.tmp")
        tmp.write_text(head + text, encoding="utf-8")
        tmp.replace(self.path)
        if len((head + text).encode()) > max_bytes:
            log.warning(
                "mockgw record: %s is over %d bytes: replay it with a larger --document-max-bytes",
                self.path,
                max_bytes,
            )


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks, the way a person would write it in a scenario file."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


class Recorder:
    """Turns what the proxy saw into scenario files under `out`.

    replace: the first write to a file in this run replaces it (a full re-record); otherwise the
    conversations found in it are kept and new ones added (record-on-miss).
    """

    def __init__(
        self,
        out: Path,
        redactor: Redactor,
        timing: bool = False,
        replace: bool = True,
        max_bytes: int = 256 * 1024,
    ) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.max_bytes = max_bytes  # what a scenario file may weigh when it is loaded (--document-max-bytes)
        self.redactor = redactor
        self.timing = timing
        self.replace = replace
        self.files: dict[Path, RecordingFile] = {}
        self.failing: set[str] = set()  # requests whose last answer was an error: a retry story goes on

    def retrying(self, wire: Wire, body: bytes) -> bool:
        """Whether this request repeats one whose answer was an error (a client retrying)."""
        return fingerprint(wire, body) in self.failing

    def record(self, seen: Seen) -> Recorded | None:
        """Write what was seen; None when there is nothing to record (a request the API refuses to read)."""
        req = decode(seen.wire, seen.body, seen.headers, loose=True)  # the gateway took it: so do we
        if req is None:
            return None
        heard = outcome_of(seen, req, self.timing)
        if heard is None:
            return None
        outcome, failed = heard
        first_user = _first_user_text(req)
        test_id = seen.test_id
        source = self.redactor.redact(test_id or first_user)  # secrets are not file names either
        stem = _slug(source) if test_id else _slug(source.lower(), 60)
        file = self._file(self.out / f"{stem}.yaml")
        name = f"{stem}-{_digest(req.model, req.system, first_user, size=3)}"
        about = f"for {source}" if test_id else f"for a conversation starting: {source[:80]}"
        conversation = file.conversation(name, f"Recorded from the gateway {about}", req.model, test_id)
        request = fingerprint(seen.wire, seen.body)
        conversation.add(req, outcome, failed, request, self.redactor)
        (self.failing.add if failed else self.failing.discard)(request)
        file.write(self.redactor, self.max_bytes)
        return Recorded(file.path, name, req.turn, outcome)

    def _file(self, path: Path) -> RecordingFile:
        if path not in self.files:
            found = [] if self.replace else _scenarios_in(path)
            self.files[path] = RecordingFile(path, found)
        return self.files[path]


def _scenarios_in(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        log.warning("mockgw record: %s is not valid YAML (%s); recording over it", path, exc)
        return []
    found = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    return [s for s in found if isinstance(s, dict) and isinstance(s.get("name"), str)]
