"""The one writer: sends a reply's frames to the client with the scripted pacing and faults.

Wire modules turn a reply into a list of SSE frames (data); this module decides when and how
they leave, so time-to-first-token, delays, bursts, disconnects and error events behave the same
on both formats. Unpaced streams go out in a single write: clients parse a byte stream.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from mockgw.domain import StreamShape
from mockgw.wire.common import RawHeaders

SSE_HEADERS: RawHeaders = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),
]


def raw_headers(headers: dict[str, str]) -> RawHeaders:
    """Headers given as text (scripted faults' retry-after, …); names are lower-cased as ASGI wants."""
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


class JSONBytes(Response):
    """An encoded JSON body with its headers, built with no more work than the bytes need."""

    def __init__(self, body: bytes, status: int, headers: RawHeaders) -> None:
        self.status_code = status
        self.body = body
        self.background = None
        self.raw_headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        self.raw_headers += headers


async def sleep_until(deadline: float) -> None:
    """Sleep until time.monotonic() reaches deadline, to within half a millisecond.

    The event loop's timers are millisecond-grained and count from a clock cached once per loop
    turn, so one sleep can end a little early: check the real clock and sleep again if needed.
    """
    while (delay := deadline - time.monotonic()) > 0.0005:
        await asyncio.sleep(delay)


def _close_transport(send: Send) -> bool:
    """uvicorn's send is a bound method of the request cycle, which holds the socket's transport."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:
        return False
    transport.close()
    return True


async def _drop(send: Send) -> None:
    """Close the connection unanswered, which ASGI cannot express; the chat routes get the server's send."""
    if not _close_transport(send):
        raise ConnectionAbortedError("mockgw: scripted connection drop")
    await asyncio.sleep(0)  # let the server see the closed connection before the app returns


class DropResponse(Response):
    """Hold the connection stall_ms, then close it without answering."""

    def __init__(self, stall_ms: int) -> None:
        super().__init__()
        self.stall_ms = stall_ms

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.stall_ms:
            await asyncio.sleep(self.stall_ms / 1000)
        await _drop(send)


async def _watch_disconnect(receive: Receive, gone: asyncio.Event) -> None:
    while True:
        message: Message = await receive()
        if message["type"] == "http.disconnect":
            gone.set()
            return


class SSEResponse(Response):
    def __init__(
        self,
        frames: list[bytes],
        shape: StreamShape,
        error_frame: bytes | None,
        headers: RawHeaders,
        report: dict[str, Any],
        start: float,
    ) -> None:
        """start: time.monotonic() when the request arrived, which the scripted timing counts from."""
        # No super().__init__: it would add content-length: 0; streams go out chunked.
        self.status_code = 200
        self.background = None
        self.raw_headers = SSE_HEADERS + headers
        self.report = report
        self.shape = shape
        self.start = start
        self.frames, self.ending = self._cut(frames, shape, error_frame)
        report.update(events=len(frames), sent=0, ending=self.ending, client_disconnected=False)

    @staticmethod
    def _cut(frames: list[bytes], shape: StreamShape, error_frame: bytes | None) -> tuple[list[bytes], str]:
        err_at = shape.error_after if shape.error_after is not None and error_frame else None
        cut = shape.disconnect_after
        if err_at is not None and err_at < len(frames) and (cut is None or err_at <= cut):
            return [*frames[:err_at], error_frame], "error_event"  # type: ignore[list-item]
        if cut is not None and cut < len(frames):
            return frames[:cut], "disconnect"
        return frames, "complete"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        ended = False
        if self.shape.paced:
            await self._paced(receive, send, self.shape)
        else:  # one write; unless a drop follows, it also ends the response
            ended = self.ending != "disconnect"
            await self._write(send, b"".join(self.frames), len(self.frames), last=ended)
        if self.ending == "disconnect":
            await _drop(send)
        elif not ended and not self.report["client_disconnected"]:
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _write(self, send: Send, data: bytes, count: int, last: bool = False) -> None:
        await send({"type": "http.response.body", "body": data, "more_body": not last})
        self.report["sent"] += count

    async def _paced(self, receive: Receive, send: Send, shape: StreamShape) -> None:
        gone = asyncio.Event()
        watcher = asyncio.ensure_future(_watch_disconnect(receive, gone))
        try:
            if "sse_burst" in shape.quirks:  # the gateway's buffering: all of it at once, at the end
                await sleep_until(
                    self.start + (shape.ttft_ms + shape.delay_ms * (len(self.frames) - 1)) / 1000
                )
                await self._write(send, b"".join(self.frames), len(self.frames))
                return
            for i, frame in enumerate(self.frames):
                await sleep_until(self.start + (shape.ttft_ms + i * shape.delay_ms) / 1000)
                if gone.is_set():
                    self.report.update(client_disconnected=True, ending="client_disconnected")
                    return
                await self._write(send, frame, 1)
        finally:
            watcher.cancel()
