"""A deadline for a request's headers, which uvicorn does not have (slowloris).

uvicorn's only connection timer is keep-alive: it runs between requests and any byte received cancels
it. A client that connects and sends nothing, or sends its headers a byte every few seconds, holds
its connection, and a slot of --max-connections, forever. This protocol gives each header block one
deadline, as nginx's `client_header_timeout` and Apache's mod_reqtimeout (`RequestReadTimeout
header=N` without `MinRate`) do.

Importing this module needs httptools (it ships with uvicorn[standard]); see server.http_protocol.
"""

from __future__ import annotations

import asyncio
import logging

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("mockgw")


class HeaderDeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing a connection whose request headers are not whole
    `header_timeout` seconds after it was accepted, or after its previous response ended.

    The behaviour modelled is nginx's `client_header_timeout` and Apache mod_reqtimeout's
    `RequestReadTimeout header=N` without `MinRate`: one deadline for the whole header block, which
    bytes trickling in do not extend. Headers whole in time stop it: the body has
    --body-timeout-seconds, and a response (a long stream) has no deadline. Like nginx, the
    connection is closed without a response: see `_header_deadline_passed`.

    Per request this costs arming one timer when a response ends and cancelling it when the next
    headers are whole; nothing runs per received chunk.
    """

    header_timeout: float = 10.0
    _header_deadline: asyncio.TimerHandle

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._header_deadline.cancel()
        super().connection_lost(exc)

    # The two per-request hooks call the base class by name: super() costs ~750 instructions a call.
    def on_headers_complete(self) -> None:
        self._header_deadline.cancel()  # a no-op for a pipelined request: no deadline was armed
        HttpToolsProtocol.on_headers_complete(self)

    def on_response_complete(self) -> None:
        HttpToolsProtocol.on_response_complete(self)
        # uvicorn arms keep-alive only when it now waits for the next request; a pipelined request
        # it started instead has its headers already.
        if self.timeout_keep_alive_task is not None:
            self._arm_header_deadline()

    def _arm_header_deadline(self) -> None:
        self._header_deadline = self.loop.call_later(self.header_timeout, self._header_deadline_passed)

    def _header_deadline_passed(self) -> None:
        """Closed without a 408, as nginx does (it logs 408 and writes nothing): on an idle kept-alive
        connection a 408 written unasked races with the client's next request, which would read it as
        its own answer; before the request line is whole there is no path to pick the caller's error
        envelope from; and clients retry a closed connection as they retry a 408."""
        log.debug("mockgw: request headers not whole after %ss: connection closed", self.header_timeout)
        self.transport.close()


def with_header_deadline(seconds: float) -> type[HeaderDeadlineProtocol]:
    """The protocol class for uvicorn.Config(http=...), which instantiates it with no room for options."""
    return type("HeaderDeadlineProtocol", (HeaderDeadlineProtocol,), {"header_timeout": seconds})
