"""What every route shares: a body read within the limit, JSON answers, errors in the caller's envelope."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from mockgw import schedule
from mockgw.domain import GatewayError
from mockgw.schedule import Schedule
from mockgw.wire import Wire, render_error
from mockgw.wire import anthropic as anthropic_wire
from mockgw.wire import openai as openai_wire
from mockgw.wire.common import RawHeaders, dumps
from mockgw.writer import write

if TYPE_CHECKING:
    from mockgw.state import Namespace


NAMESPACE_KEY = "mockgw.namespace"  # where the shell puts a request's namespace in the ASGI scope


def namespace_of(request: Request) -> Namespace:
    """The namespace the ASGI shell chose for this request (the default, or /ns/NAME/…)."""
    ns: Namespace = request.scope[NAMESPACE_KEY]
    return ns


class ClientGone(Exception):
    """The client disconnected before its request body arrived."""


def too_large(size: int | str, limit: int) -> GatewayError:
    return GatewayError(
        413, "request_too_large", f"request body of {size} bytes exceeds the limit of {limit} bytes"
    )


async def read_body(receive: Receive, content_length: str | None, limit: int, timeout: float) -> bytes:
    """The raw body; a 413 as soon as it is declared or read past the limit (the rest is not read).

    A body that comes in parts must be whole within timeout seconds of its first part, or it is a
    408 (a body that never ends would hold the connection). A body in one part, the usual case,
    is read with no timer.
    """
    if content_length and content_length.isdigit() and int(content_length) > limit:
        raise too_large(content_length, limit)
    parts, size, more = [], 0, True
    deadline = 0.0
    while more:
        message = await receive() if not deadline else await _before(receive(), deadline, timeout)
        deadline = deadline or time.monotonic() + timeout
        if message["type"] == "http.disconnect":
            raise ClientGone
        part, more = message.get("body", b""), message.get("more_body", False)
        size += len(part)
        if size > limit:
            raise too_large(f"over {size}", limit)
        parts.append(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


async def _before(message: Awaitable[Message], deadline: float, timeout: float) -> Message:
    try:
        return await asyncio.wait_for(message, max(0.0, deadline - time.monotonic()))
    except asyncio.TimeoutError:
        raise GatewayError(408, "timeout", f"request body still incomplete after {timeout:g}s") from None


def content_length(raw_headers: list[tuple[bytes, bytes]]) -> str | None:
    for k, v in raw_headers:  # a plain loop: a third of next() over a generator, on every request
        if k == b"content-length":
            return v.decode("latin-1")
    return None


class Answer(Response):
    """A schedule as a Starlette response: the routes off the chat hot path answer through the same writer."""

    def __init__(self, answer: Schedule) -> None:  # no super().__init__: the schedule holds it all
        self.schedule = answer
        self.background = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await write(self.schedule, receive, send, time.monotonic())


def json_response(body: Any, status: int = 200, headers: RawHeaders | None = None) -> Response:
    return Answer(schedule.json_reply(status, headers or [], dumps(body)))


def wire_for_path(path: str) -> Wire:
    """Errors outside the chat routes take the envelope of the API family the path belongs to."""
    return openai_wire if path.startswith("/api/") else anthropic_wire


def error_response(wire: Wire, err: GatewayError, request_id: str) -> Response:
    return Answer(schedule.json_reply(*render_error(wire, err, request_id)))
