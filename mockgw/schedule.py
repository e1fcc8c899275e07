"""Where a reply's timing is decided: frames and a scripted shape in, a timed schedule out.

The wire modules encode (a JSON body, or a stream's SSE frames); this module alone decides when the
response head and each write leave, where a stream is cut (`error_after`, `disconnect_after`), and
how the response ends. The writer only carries a schedule out.

Times are seconds after the request arrived. A JSON reply is one write at its time to first token;
an unpaced stream is one write (clients parse a byte stream, not writes); a paced stream is one
write per event; `burst` holds every event back until the last one is due.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from mockgw.domain import StreamShape
from mockgw.wire.common import RawHeaders

# complete: the body ends normally; error_event: the same, after a provider error event;
# disconnect: the connection drops after the writes; drop: the connection closes with no response.
# (The writer reports two endings of its own: client_disconnected, and shutdown.)
Ending = Literal["complete", "error_event", "disconnect", "drop"]

JSON_HEADERS: RawHeaders = [(b"content-type", b"application/json")]
SSE_HEADERS: RawHeaders = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),
]


@dataclass(slots=True)  # not frozen: made on every request, and frozen costs 3x to build
class Write:
    at: float  # seconds after the request arrived
    data: bytes
    events: int  # SSE events in data (0 for a JSON body)


@dataclass(slots=True)
class Schedule:
    status: int  # 0 for a dropped connection: nothing is sent
    headers: RawHeaders
    writes: list[Write] = field(default_factory=list)
    ending: Ending = "complete"
    head_at: float = 0.0  # when the status line and headers leave
    end_at: float = 0.0  # when a dropped connection closes
    events: int = 0  # the events the stream had before any cut; 0 for JSON
    stream: bool = False
    shutdown_frame: bytes | None = None  # what ends a stream the server stops in the middle of

    @property
    def watch_client(self) -> bool:
        """Whether the writer waits between writes, so a client that leaves can be noticed."""
        return self.stream and any(w.at > 0 for w in self.writes)


def json_reply(status: int, headers: RawHeaders, body: bytes, ttft_ms: int = 0) -> Schedule:
    """A JSON body in one write; the time to first token holds the whole response."""
    at = ttft_ms / 1000
    head = [*JSON_HEADERS, (b"content-length", b"%d" % len(body)), *headers]
    return Schedule(status, head, [Write(at, body, 0)], head_at=at)


def dropped(stall_ms: int) -> Schedule:
    """No response: the connection is held stall_ms, then closed."""
    return Schedule(0, [], ending="drop", end_at=stall_ms / 1000)


def stream(
    headers: RawHeaders,
    frames: list[bytes],
    shape: StreamShape,
    error_frame: bytes | None,
    shutdown_frame: bytes | None = None,
) -> Schedule:
    """An SSE stream: the head at once, the events as the shape paces them, cut where it says."""
    sent, ending = _cut(frames, shape, error_frame)
    first, gap = shape.ttft_ms / 1000, shape.delay_ms / 1000
    if not (first or gap):
        writes = [Write(0.0, b"".join(sent), len(sent))] if sent else []
    elif shape.burst:
        writes = [Write(first + gap * (len(sent) - 1), b"".join(sent), len(sent))] if sent else []
    else:
        writes = [Write(first + gap * i, frame, 1) for i, frame in enumerate(sent)]
    return Schedule(
        200,
        SSE_HEADERS + headers,
        writes,
        ending,
        events=len(frames),
        stream=True,
        shutdown_frame=shutdown_frame,
    )


def _cut(frames: list[bytes], shape: StreamShape, error_frame: bytes | None) -> tuple[list[bytes], Ending]:
    """The frames that go out and how the stream ends; an error event wins a tie with a disconnect."""
    err_at = shape.error_after if error_frame is not None else None
    cut = shape.disconnect_after
    if err_at is not None and err_at < len(frames) and (cut is None or err_at <= cut):
        return [*frames[:err_at], error_frame], "error_event"  # type: ignore[list-item]
    if cut is not None and cut < len(frames):
        return frames[:cut], "disconnect"
    return frames, "complete"
