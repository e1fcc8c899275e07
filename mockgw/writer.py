"""The one writer: carries out a schedule on an ASGI connection and reports what it sent.

It decides nothing: what to send, when, and how the response ends all come from the schedule.
It writes nothing but the response; the caller journals the report.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from starlette.types import Message, Receive, Send

from mockgw.schedule import Schedule


@dataclass(slots=True)  # not frozen: made on every request, and frozen costs 3x to build
class Report:
    sent: int  # SSE events written
    ending: str  # the schedule's ending, or "client_disconnected"
    client_disconnected: bool


async def sleep_until(deadline: float) -> None:
    """Sleep until time.monotonic() reaches deadline, to within half a millisecond.

    The event loop's timers are millisecond-grained and count from a clock cached once per loop
    turn, so one sleep can end a little early: check the real clock and sleep again if needed.
    """
    while (delay := deadline - time.monotonic()) > 0.0005:
        await asyncio.sleep(delay)


async def write(schedule: Schedule, receive: Receive, send: Send, arrived: float) -> Report:
    """arrived: time.monotonic() when the request arrived; the schedule's times count from it."""
    if schedule.ending == "drop":
        await sleep_until(arrived + schedule.end_at)
        await _drop(send)
        return Report(0, "drop", False)
    if schedule.head_at:
        await sleep_until(arrived + schedule.head_at)
    if schedule.writes and schedule.writes[0].at == schedule.head_at:
        _send_head_with_next_write(send)
    await send({"type": "http.response.start", "status": schedule.status, "headers": schedule.headers})
    gone = asyncio.Event() if schedule.watch_client else None
    watcher = asyncio.ensure_future(_watch_disconnect(receive, gone)) if gone is not None else None
    sent = [0]
    try:
        await _writes(schedule, send, arrived, gone, sent)
    except asyncio.CancelledError:  # the server is shutting down and its grace period is over
        if schedule.shutdown_frame is None:
            raise
        await send({"type": "http.response.body", "body": schedule.shutdown_frame, "more_body": False})
        return Report(sent[0], "shutdown", False)
    finally:
        if watcher is not None:
            watcher.cancel()
    if (gone is not None and gone.is_set()) or _client_left(send):
        return Report(sent[0], "client_disconnected", True)
    if schedule.ending == "disconnect":
        await _drop(send)
    elif not schedule.writes:
        await send({"type": "http.response.body", "body": b"", "more_body": False})
    return Report(sent[0], schedule.ending, False)


async def _writes(
    schedule: Schedule, send: Send, arrived: float, gone: asyncio.Event | None, sent: list[int]
) -> None:
    """The body writes, each at its time; the last one ends the body unless the connection drops.

    sent[0] counts the events written so far, for whoever stops this midway.
    """
    last = len(schedule.writes) - 1
    ends_body = schedule.ending != "disconnect"
    for i, w in enumerate(schedule.writes):
        if w.at:
            await sleep_until(arrived + w.at)
            if gone is not None and gone.is_set():
                return
        await send({"type": "http.response.body", "body": w.data, "more_body": not (ends_body and i == last)})
        sent[0] += w.events


async def _watch_disconnect(receive: Receive, gone: asyncio.Event) -> None:
    while True:
        message: Message = await receive()
        if message["type"] == "http.disconnect":
            gone.set()
            return


def _client_left(send: Send) -> bool:
    """Whether uvicorn saw the connection close: an unpaced stream's one write cannot tell otherwise."""
    return bool(getattr(getattr(send, "__self__", None), "disconnected", False))


def _transport(send: Send) -> Any:
    """uvicorn's send is a bound method of the request cycle, which holds the socket's transport."""
    return getattr(getattr(send, "__self__", None), "transport", None)


def _send_head_with_next_write(send: Send) -> None:
    """One send() and one TCP segment for the head and the first write, where the server's transport
    can hold a write (mockgw's HTTP protocol: http_protocol.HeadWithBody)."""
    hold = getattr(_transport(send), "hold_next_write", None)
    if hold is not None:
        hold()


def _close_transport(send: Send) -> bool:
    transport = _transport(send)
    if transport is None:
        return False
    transport.close()
    return True


async def _drop(send: Send) -> None:
    """Close the connection unanswered, which ASGI cannot express; the chat routes get the server's send."""
    if not _close_transport(send):
        raise ConnectionAbortedError("mockgw: scripted connection drop")
    await asyncio.sleep(0)  # let the server see the closed connection before the app returns
