"""What each request was and what it got, for assertions. Bounded; O(1) to append.

An entry is added once, when its response is over: what the exchange decided and what the writer
reported. Entries keep references to what the request path already built; turning them into JSON
(and redacting credentials) happens only when someone reads the journal.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

from pydantic_core import from_json

from mockgw.domain import Drop, GatewayError, Reply, Text, plain_json
from mockgw.writer import Report

# Header names that carry credentials by name or by the usual words (api-key, x-goog-api-key,
# proxy-authorization, set-cookie, x-auth-token, x-mockgw-admin-token, ...): kept only as a prefix.
SECRET_HEADER = re.compile(rb"auth|key|token|secret|cookie|passw|session|signature|credential")


def _redact(value: bytes) -> str:
    text = value.decode("latin-1")
    scheme, _, token = text.partition(" ")
    if token:
        return f"{scheme} {token[:6]}…"
    return text[:6] + "…"


@dataclass(slots=True)
class Entry:
    time: float  # on the mockgw clock, when the request arrived
    method: str
    path: str
    raw_headers: list[tuple[bytes, bytes]]
    format: str | None = None
    status: int = 0  # 0: no response (a dropped connection, or the client left first)
    raw_body: bytes = b""  # the journal keeps its first --journal-body-bytes
    scenario: str | None = None
    turn: int | None = None
    attempt: int | None = None
    chaos: str | None = None
    outcome: Reply | GatewayError | Drop | None = None
    stream_events: int | None = None  # a stream's events before any cut; None for a JSON answer
    report: Report | None = None  # what the writer sent
    id: int = 0  # given by the journal
    body_size: int | None = None  # set by the journal when raw_body is only the start: the body's size

    def stream(self) -> dict[str, Any] | None:
        if self.stream_events is None or self.report is None:
            return None
        r = self.report
        return {
            "events": self.stream_events,
            "sent": r.sent,
            "ending": r.ending,
            "client_disconnected": r.client_disconnected,
        }

    def to_json(self) -> dict[str, Any]:
        headers = {
            k.decode("latin-1"): _redact(v) if SECRET_HEADER.search(k) else v.decode("latin-1")
            for k, v in self.raw_headers
        }
        return {
            "id": self.id,
            "time": self.time,
            "method": self.method,
            "path": self.path,
            "format": self.format,
            "status": self.status,
            "scenario": self.scenario,
            "turn": self.turn,
            "attempt": self.attempt,
            "chaos": self.chaos,
            "body": _parsed(self.raw_body) if self.body_size is None else _cut(self.raw_body, self.body_size),
            "headers": headers,
            "response": _outcome_json(self.outcome),
            "stream": self.stream(),
        }


def _parsed(raw: bytes) -> Any:
    """The request body as JSON when it is plain JSON, else as text: bodies are parsed only when read.

    Not plain: NaN and the like, which would make the journal itself invalid JSON; integers past
    Python's digit limit; nesting deeper than the encoders go (all of which the chat routes refuse).
    """
    if not raw:
        return None
    try:
        value = from_json(raw, allow_inf_nan=False)
    except ValueError:
        return raw.decode("utf-8", errors="replace")
    return value if plain_json(value) else raw.decode("utf-8", errors="replace")


def _cut(start: bytes, size: int) -> str:
    """A body too large to journal whole: its start as text, and a marker saying so."""
    kept = start.decode("utf-8", errors="replace")
    return f"{kept}… [mockgw: body of {size} bytes, cut to its first {len(start)} (--journal-body-bytes)]"


def _outcome_json(outcome: Reply | GatewayError | Drop | None) -> dict[str, Any] | None:
    if isinstance(outcome, Reply):
        content = [
            {"type": "text", "text": b.text}
            if isinstance(b, Text)
            else {"type": "tool_use", "id": b.id, "name": b.name, "input": b.input}
            for b in outcome.blocks
        ]
        return {
            "type": "reply",
            "stop_reason": outcome.stop_reason,
            "content": [*map(asdict, outcome.thinking), *content] if outcome.thinking else content,
            "usage": {
                "input_tokens": outcome.usage.input_tokens,
                "output_tokens": outcome.usage.output_tokens,
            },
        }
    if isinstance(outcome, GatewayError):
        return {"type": "error", "status": outcome.status, "kind": outcome.kind, "message": outcome.message}
    if isinstance(outcome, Drop):
        return {"type": "drop", "stall_ms": outcome.stall_ms}
    return None


class Journal:
    """The last `size` entries, each holding at most `body_bytes` of its request body."""

    def __init__(self, size: int, body_bytes: int) -> None:
        self.entries: deque[Entry] = deque(maxlen=size)
        self.body_bytes = body_bytes
        self._ids = itertools.count(1)

    def add(self, entry: Entry, report: Report | None) -> None:
        entry.id = next(self._ids)
        entry.report = report
        if len(entry.raw_body) > self.body_bytes:
            entry.body_size = len(entry.raw_body)
            entry.raw_body = entry.raw_body[: self.body_bytes]
        self.entries.append(entry)

    def clear(self) -> None:
        self.entries.clear()

    def select(self, path: str | None = None, scenario: str | None = None) -> list[dict[str, Any]]:
        return [
            e.to_json()
            for e in self.entries
            if (path is None or e.path == path) and (scenario is None or e.scenario == scenario)
        ]
