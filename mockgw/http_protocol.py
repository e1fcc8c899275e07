"""The HTTP/1.1 connection: uvicorn's httptools protocol with two things uvicorn does not do, and its
keep-alive timer made cheaper (see HttpProtocol).

1. A deadline for a request's headers (slowloris). uvicorn's only connection timer is keep-alive: it
   runs between requests and any byte received cancels it, so a client sending its headers a byte
   every few seconds holds its connection, and a slot of --max-connections, forever.
2. A response's head can leave in one send with its body. uvicorn writes the status line and
   headers, then the body, each with its own send(): two TCP segments for every JSON reply, and on
   loopback a send costs the receiver's work as well.

Importing this module needs httptools (it ships with uvicorn[standard]); see server.http_protocol.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn._types import ASGI3Application
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

log = logging.getLogger("mockgw")


class HttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a header deadline, its keep-alive timer made lazy, and
    writes through a `HeadWithBody` transport.

    The header deadline: a connection whose request headers are not whole `header_timeout` seconds
    after it was accepted, or after its previous response ended, is closed. The behaviour modelled is
    nginx's `client_header_timeout` and Apache mod_reqtimeout's `RequestReadTimeout header=N` without
    `MinRate`: one deadline for the whole header block, which bytes trickling in do not extend.
    Headers whole in time stop it: the body has --body-timeout-seconds, and a response (a long
    stream) has none. Like nginx, the connection is closed without a response: see `_expired`.

    Keep-alive is uvicorn's: a connection that sends no byte for --keep-alive-seconds after a
    response is closed. uvicorn arms a timer for it on every response and cancels it on the next
    byte, which on asyncio's loop costs about 20k instructions a request (its heap of cancelled
    timers is ordered by Python comparisons). Here both deadlines are two numbers, set per request,
    and one timer per connection checks them when it fires, re-arming itself for the earliest one
    still ahead: a busy connection's timer fires once a timeout, not once a request.
    """

    header_timeout: float = 10.0
    _headers_due: float | None  # loop time the next header block must be whole by; None: whole
    _idle_due: float | None  # keep-alive: loop time a silent connection closes; None: a byte came
    _timer: asyncio.TimerHandle | None
    _out: HeadWithBody

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._out = HeadWithBody(transport)
        self.transport = self._out  # type: ignore[assignment]
        self._headers_due = self.loop.time() + self.header_timeout
        self._idle_due = None
        self._timer = self.loop.call_at(self._headers_due, self._check_deadlines)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
        super().connection_lost(exc)

    def _unset_keepalive_if_required(self) -> None:
        """uvicorn calls this when bytes arrive (and when the connection is lost)."""
        self._idle_due = None

    # Calls the base class by name: super() costs ~750 instructions a call.
    def on_headers_complete(self) -> None:
        self._headers_due = None
        HttpToolsProtocol.on_headers_complete(self)

    def on_response_complete(self) -> None:
        """uvicorn's own (0.45 to 0.54 have the same), its keep-alive timer replaced by the two deadlines."""
        self._out.release()  # a head held for a body uvicorn does not write: a HEAD request's
        self.server_state.total_requests += 1
        if self.transport.is_closing():
            return
        self._idle_due = None
        self.flow.resume_reading()
        if self.pipeline:  # the next request's headers are whole already
            cycle, app = self.pipeline.pop()
            self._start_asgi_task(cycle, app)
            return
        now = self.loop.time()
        self._idle_due = now + self.timeout_keep_alive
        self._headers_due = now + self.header_timeout
        due = min(self._idle_due, self._headers_due)
        if self._timer is None or self._timer.when() > due:
            self._arm(due)

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: ASGI3Application) -> None:
        """uvicorn's own, less its done-callback, which costs a loop turn's callback (about 8k
        instructions on asyncio) per request: the task takes itself out of the server's set.
        (uvicorn's reset_contextvars option, which mockgw does not set, is not applied.)"""
        self.tasks.add(self.loop.create_task(self._run_asgi(cycle, app)))

    async def _run_asgi(self, cycle: RequestResponseCycle, app: ASGI3Application) -> None:
        try:
            await cycle.run_asgi(app)
        finally:
            self.tasks.discard(asyncio.current_task())  # type: ignore[arg-type]

    def _arm(self, due: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self.loop.call_at(due, self._check_deadlines)

    def _check_deadlines(self) -> None:
        self._timer = None
        pending = [d for d in (self._idle_due, self._headers_due) if d is not None]
        if not pending:  # a request is being answered: its response's end sets the next deadlines
            return
        due = min(pending)
        if self.loop.time() >= due:
            self._expired()
        else:  # requests were answered since this timer was armed
            self._arm(due)

    def _expired(self) -> None:
        """Closed without a 408, as nginx does (it logs 408 and writes nothing): on an idle kept-alive
        connection a 408 written unasked races with the client's next request, which would read it as
        its own answer; before the request line is whole there is no path to pick the caller's error
        envelope from; and clients retry a closed connection as they retry a 408."""
        log.debug("mockgw: connection idle past keep-alive, or its request headers not whole: closed")
        if not self.transport.is_closing():
            self.transport.close()


class HeadWithBody:
    """The socket's transport, able to hold a response's head until its body is written.

    uvicorn writes a head and its body apart: two send()s and two TCP segments for every JSON reply.
    The writer, which knows when the body leaves at the same moment as the head, calls
    `hold_next_write` first; the head is then held and leaves in one send with the write after it.
    The protocol releases what is still held when the response is over (uvicorn writes no body for
    a HEAD request). Everything but write and close is the socket's transport's own.
    """

    __slots__ = ("_held", "_hold", "_transport")

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._hold = False
        self._held: bytes | None = None

    def hold_next_write(self) -> None:
        self._hold = True

    def write(self, data: bytes) -> None:
        if self._held is not None:
            data, self._held = self._held + data, None
        elif self._hold:
            self._hold, self._held = False, data
            return
        self._transport.write(data)

    def release(self) -> None:
        """Send what is held; the response is over."""
        self._hold = False
        if self._held is not None:
            held, self._held = self._held, None
            if not self._transport.is_closing():
                self._transport.write(held)

    def close(self) -> None:
        self.release()
        self._transport.close()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


def with_header_deadline(seconds: float) -> type[HttpProtocol]:
    """The protocol class for uvicorn.Config(http=...), which instantiates it with no room for options."""
    return type("HttpProtocol", (HttpProtocol,), {"header_timeout": seconds})
