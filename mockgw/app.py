"""The ASGI shell: the two chat routes as plain ASGI, everything else on Starlette.

A chat request: read the body (the shell's only work), hand it to the exchange, hand the schedule
to the writer, and settle it (refunds and the journal entry, once) with the writer's report.

The chat routes are the hot path: they skip Starlette's router, request object and middleware
stack, which cost about as much as the rest of a request. The platform routes (platform.py), the
control plane (control.py) and 404/405s go through Starlette.
"""

from __future__ import annotations

import time

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from mockgw import control, exchange, platform
from mockgw.domain import ErrorKind, GatewayError
from mockgw.exchange import Inbound
from mockgw.ids import new_request_id
from mockgw.settings import Settings
from mockgw.state import Namespace, State
from mockgw.web import NAMESPACE_KEY, ClientGone, content_length, error_response, read_body, wire_for_path
from mockgw.wire import Wire
from mockgw.wire import anthropic as anthropic_wire
from mockgw.wire import openai as openai_wire
from mockgw.writer import write

NAMESPACE_PREFIX = "/ns/"
CHAT_ROUTES: dict[str, Wire] = {"/v1/messages": anthropic_wire, "/api/v1/chat/completions": openai_wire}


async def chat(ns: Namespace, wire: Wire, scope: Scope, receive: Receive, send: Send) -> None:
    arrived = time.monotonic()
    raw_headers = scope["headers"]
    body: bytes | GatewayError | None
    settings = ns.settings
    try:
        body = await read_body(
            receive, content_length(raw_headers), settings.max_body_bytes, settings.body_timeout_seconds
        )
    except GatewayError as err:
        body = err
    except ClientGone:
        body = None
    done = exchange.handle(ns, Inbound(wire, scope["path"], raw_headers, body))
    report = None if done.schedule is None else await write(done.schedule, receive, send, arrived)
    exchange.settle(ns, done, report)


def route_error(
    status: int, method: str, path: str, detail: str = "", headers: dict[str, str] | None = None
) -> Response:
    """404, 405 (with its allow header) and the like, in the envelope of the path's API family."""
    message = {
        404: f"{method} {path} does not exist on this gateway",
        405: f"{method} is not allowed on {path}",
    }.get(status, detail)
    if path.startswith("/api/oauth/"):
        message += "; use GET /api/v1/auth/me"
    kind: ErrorKind = "not_found" if status == 404 else "invalid_request"
    err = GatewayError(status, kind, message, headers=headers)
    return error_response(wire_for_path(path), err, new_request_id())


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    path, headers = request.scope["path"], dict(exc.headers or {})
    return route_error(exc.status_code, request.method, path, str(exc.detail), headers)


async def internal_error(request: Request, exc: Exception) -> Response:
    path = request.scope["path"]
    return error_response(wire_for_path(path), exchange.internal_error(exc, path), new_request_id())


class App:
    """The whole server: chat routes straight to the exchange, everything else to Starlette.

    A path that starts with /ns/NAME/ is served by that namespace, as if the prefix were not there
    (so a client's base URL carries it); any other path by the default namespace.
    """

    def __init__(self, state: State, rest: Starlette) -> None:
        self.state = state
        self.rest = rest

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.rest(scope, receive, send)
            return
        limit = self.state.settings.max_header_bytes
        if _header_bytes(scope["headers"]) > limit:
            message = f"request headers are larger than {limit} bytes, the most this server reads"
            err = GatewayError(431, "invalid_request", message)
            await error_response(wire_for_path(scope["path"]), err, new_request_id())(scope, receive, send)
            return
        ns = self.state.default
        if scope["path"].startswith(NAMESPACE_PREFIX):
            name, _, rest = scope["path"][len(NAMESPACE_PREFIX) :].partition("/")
            scope = {**scope, "path": "/" + rest}
            found = self.state.namespace(name)
            if found is None:
                await _no_namespace(name, scope["path"])(scope, receive, send)
                return
            ns = found
        wire = CHAT_ROUTES.get(scope["path"])
        if wire is None:
            scope[NAMESPACE_KEY] = ns
            await self.rest(scope, receive, send)
        elif scope["method"] == "POST":
            await chat(ns, wire, scope, receive, send)
        else:
            await route_error(405, scope["method"], scope["path"], headers={"allow": "POST"})(
                scope, receive, send
            )


def _header_bytes(headers: list[tuple[bytes, bytes]]) -> int:
    size = 0
    for k, v in headers:  # a plain loop: half of sum() over a generator, on every request
        size += len(k) + len(v)
    return size


def _no_namespace(name: str, path: str) -> Response:
    message = f"namespace {name!r} does not exist (it was dropped, expired, or never opened)"
    return error_response(wire_for_path(path), GatewayError(404, "not_found", message), new_request_id())


def create_app(settings: Settings | None = None, state: State | None = None) -> App:
    state = state or State(settings or Settings())
    routes = [*platform.routes(), Mount("/_mockgw", routes=control.routes(state))]
    rest = Starlette(routes=routes, exception_handlers={HTTPException: http_error, Exception: internal_error})
    return App(state, rest)
