"""A small incremental server-sent-events parser: bytes in as they arrive, whole events out.

Enough of the SSE format for both chat APIs: `event:` and `data:` fields, comments, and LF or CRLF
line ends; an event is dispatched at the blank line that ends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True)
class Event:
    name: str  # the `event:` field; "message" when there is none (OpenAI's chunks)
    data: str


@dataclass(slots=True)
class SSEParser:
    _buffer: bytes = b""
    _name: str = ""
    _data: list[str] = field(default_factory=list)

    def feed(self, chunk: bytes) -> list[Event]:
        """The events this chunk completes (none while an event is still arriving)."""
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        events = []
        for raw in lines:
            line = raw.rstrip(b"\r").decode("utf-8", errors="replace")
            if not line:
                if self._data:
                    events.append(Event(self._name or "message", "\n".join(self._data)))
                self._name, self._data = "", []
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                self._name = value
            elif name == "data":
                self._data.append(value)
        return events
