"""The HTTP/1.1 connection: uvicorn's httptools protocol with two things uvicorn does not do.

1. A deadline for a request's headers (slowloris). uvicorn's only connection timer is keep-alive: it
   runs between requests and any byte received cancels it, so a client sending its headers a byte
   every few seconds holds its connection, and a slot of --max-connections, forever.
2. A response's head and the body write that follows it in the same event-loop turn leave in one
   send. uvicorn writes the status line and headers, then the body, each with its own send(): two
   TCP segments for every JSON reply, and on loopback a send costs the receiver's work as well.

Importing this module needs httptools (it ships with uvicorn[standard]); see server.http_protocol.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("mockgw")


class HttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing a connection whose request headers are not whole
    `header_timeout` seconds after it was accepted, or after its previous response ended, and
    writing through a `HeadWithBody` transport.

    The deadline modelled is nginx's `client_header_timeout` and Apache mod_reqtimeout's
    `RequestReadTimeout header=N` without `MinRate`: one deadline for the whole header block, which
    bytes trickling in do not extend. Headers whole in time stop it: the body has
    --body-timeout-seconds, and a response (a long stream) has none. Like nginx, the connection is
    closed without a response: see `_header_deadline_passed`.

    Per request the deadline costs two attribute writes: one timer per connection checks it lazily,
    re-arming itself for the deadline it finds, so a busy connection's timer fires once a timeout.
    """

    header_timeout: float = 10.0
    _headers_due: float | None  # loop time the next header block must be whole by; None: whole
    _deadline_timer: asyncio.TimerHandle | None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.transport = HeadWithBody(transport, self.loop)  # type: ignore[assignment]
        self._headers_due = self.loop.time() + self.header_timeout
        self._deadline_timer = self.loop.call_at(self._headers_due, self._check_header_deadline)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline_timer is not None:
            self._deadline_timer.cancel()
        super().connection_lost(exc)

    # The two per-request hooks call the base class by name: super() costs ~750 instructions a call.
    def on_headers_complete(self) -> None:
        self._headers_due = None
        HttpToolsProtocol.on_headers_complete(self)

    def on_response_complete(self) -> None:
        HttpToolsProtocol.on_response_complete(self)
        # uvicorn arms keep-alive only when it now waits for the next request; a pipelined request
        # it started instead has its headers already.
        if self.timeout_keep_alive_task is not None:
            self._headers_due = self.loop.time() + self.header_timeout
            if self._deadline_timer is None:
                self._deadline_timer = self.loop.call_at(self._headers_due, self._check_header_deadline)

    def _check_header_deadline(self) -> None:
        due = self._headers_due
        if due is None:  # a request is being answered; its response's end sets the next deadline
            self._deadline_timer = None
        elif self.loop.time() < due:  # requests were answered since this timer was armed
            self._deadline_timer = self.loop.call_at(due, self._check_header_deadline)
        else:
            self._deadline_timer = None
            self._header_deadline_passed()

    def _header_deadline_passed(self) -> None:
        """Closed without a 408, as nginx does (it logs 408 and writes nothing): on an idle kept-alive
        connection a 408 written unasked races with the client's next request, which would read it as
        its own answer; before the request line is whole there is no path to pick the caller's error
        envelope from; and clients retry a closed connection as they retry a 408."""
        log.debug("mockgw: request headers not whole after %ss: connection closed", self.header_timeout)
        self.transport.close()


class HeadWithBody:
    """A transport that holds a write made when nothing else is pending until the next write or the
    end of the event-loop turn, whichever comes first, and sends them together.

    uvicorn writes a response's head and body separately; held, they leave in one send() and one TCP
    segment. The head of a stream whose first event is due later still leaves in the same loop turn,
    so a client sees no difference in timing. Everything but write and close is the socket's
    transport's own.
    """

    __slots__ = ("_held", "_loop", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._held: bytes | None = None

    def write(self, data: bytes) -> None:
        held = self._held
        if held is None:
            self._held = data
            self._loop.call_soon(self._flush)
        else:
            self._held = None
            self._transport.write(held + data)

    def _flush(self) -> None:
        held, self._held = self._held, None
        if held is not None and not self._transport.is_closing():
            self._transport.write(held)

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + len(self._held or b"")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


def with_header_deadline(seconds: float) -> type[HttpProtocol]:
    """The protocol class for uvicorn.Config(http=...), which instantiates it with no room for options."""
    return type("HttpProtocol", (HttpProtocol,), {"header_timeout": seconds})
