"""The ASGI app: the two chat routes, the platform routes, and /_mockgw (control.py).

A chat request flows one way: identity -> wire decode -> model rules -> account gate -> script
-> wire encode -> writer, and the journal records each step's result.

The chat routes are the hot path and are plain ASGI: they skip Starlette's router, request object
and middleware stack, which cost about as much as the rest of a request. Everything else (the
platform routes, the control plane, 404s) goes through Starlette.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from typing import Any

from pydantic import TypeAdapter
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.types import Receive, Scope, Send
from typing_extensions import TypedDict

from mockgw import control
from mockgw.accounts import Account
from mockgw.catalog import check_request
from mockgw.domain import ChatRequest, Drop, GatewayError, RateLimit, Reply, bad_request
from mockgw.journal import Entry
from mockgw.settings import Settings
from mockgw.state import State
from mockgw.wire import Wire
from mockgw.wire import anthropic as anthropic_wire
from mockgw.wire import openai as openai_wire
from mockgw.wire.common import RawHeaders, dumps, parse
from mockgw.writer import DropResponse, JSONBytes, SSEResponse, raw_headers, sleep_until

log = logging.getLogger("mockgw")
CHAT_ROUTES: dict[str, Wire] = {"/v1/messages": anthropic_wire, "/api/v1/chat/completions": openai_wire}

_ID_PREFIX = os.urandom(4).hex()
_ID_COUNTER = itertools.count(int.from_bytes(os.urandom(3), "big"))


def _new_id() -> str:
    """24 hex digits, unique per process: a random prefix and a counter (cheaper than urandom per id)."""
    return f"{_ID_PREFIX}{next(_ID_COUNTER):016x}"


def wire_for_path(path: str) -> Wire:
    """Errors outside the chat routes take the envelope of the API family the path belongs to."""
    return openai_wire if path.startswith("/api/") else anthropic_wire


def json_response(body: Any, status: int, headers: RawHeaders) -> Response:
    return JSONBytes(dumps(body), status, headers)


def error_response(wire: Wire, err: GatewayError, request_id: str, rate: RateLimit | None = None) -> Response:
    headers = wire.headers(request_id, err.rate or rate) + raw_headers(err.headers)
    return json_response(wire.error_body(err, request_id), err.status, headers)


class ClientGone(Exception):
    """The client disconnected before its request body arrived."""


def too_large(size: int | str, limit: int) -> GatewayError:
    return GatewayError(413, f"request body of {size} bytes exceeds the limit of {limit} bytes")


async def read_body(receive: Receive, headers: dict[str, str], settings: Settings) -> bytes:
    """The raw body, within the size limit and of a JSON content type (or none)."""
    limit = settings.max_body_bytes
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(declared, limit)
    ctype = headers.get("content-type", "")
    if ctype and "json" not in ctype.split(";")[0].lower():
        raise bad_request(f"content-type must be application/json, got {ctype!r}")
    parts, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone
        part, more = message.get("body", b""), message.get("more_body", False)
        size += len(part)
        if size > limit:
            raise too_large(f"over {size}", limit)
        parts.append(part)
    if not size:
        raise bad_request("request body is empty; send a JSON object")
    return parts[0] if len(parts) == 1 else b"".join(parts)


READ_HEADERS = frozenset(
    {
        b"x-api-key",
        b"authorization",
        b"content-type",
        b"content-length",
        b"anthropic-version",
        b"anthropic-beta",
        b"x-mockgw-scenario",
        b"x-mockgw-strict",
    }
)


def header_dict(scope: Scope) -> dict[str, str]:
    """The headers mockgw reads, in one pass (SDKs send a dozen more); the journal keeps them all."""
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"] if k in READ_HEADERS}


class RefreshIn(TypedDict):
    refresh_token: str


REFRESH = TypeAdapter(RefreshIn)


class Gateway:
    """The request handlers, bound to one State."""

    def __init__(self, state: State) -> None:
        self.state = state

    async def chat(self, scope: Scope, receive: Receive, send: Send, wire: Wire) -> None:
        """A chat route, as plain ASGI; an unexpected exception still answers in the caller's format."""
        arrived = time.monotonic()
        try:
            response, ttft_ms = await self._answer(scope, receive, wire, arrived)
        except ClientGone:
            return
        if ttft_ms:  # time to first token holds a JSON reply too; streams pace themselves
            await sleep_until(arrived + ttft_ms / 1000)
        await response(scope, receive, send)

    async def _answer(
        self, scope: Scope, receive: Receive, wire: Wire, arrived: float
    ) -> tuple[Response, int]:
        """The response, and how long a JSON reply waits before it goes out."""
        state = self.state
        request_id = "req_" + _new_id()
        entry = state.journal.begin(state.clock.now(), "POST", scope["path"], scope["headers"])
        entry.format = wire.NAME
        account: Account | None = None
        charged, rate = 0, None
        given = header_dict(scope)
        try:
            account = state.accounts.identify(given)
            entry.raw_body = await read_body(receive, given, state.settings)
            needs_version = wire is anthropic_wire and state.settings.require_anthropic_version
            if needs_version and "anthropic-version" not in given:
                raise bad_request("anthropic-version: header is required")
            chat = wire.decode(entry.raw_body, given, state.settings.validation == "loose")
            model = check_request(chat, state.settings.lenient, state.settings.tools_unsupported)
            charged, rate = state.accounts.admit(account, model)
            decision = state.engine.decide(
                chat,
                account.id,
                given.get("x-mockgw-scenario"),
                given.get("x-mockgw-strict", "").lower() in ("1", "true", "yes"),
            )
            entry.scenario, entry.turn, entry.attempt, entry.chaos = (
                decision.scenario,
                decision.turn,
                decision.attempt,
                decision.chaos,
            )
            result = decision.result
            entry.outcome = result
            if isinstance(result, GatewayError):
                raise result
            if isinstance(result, Drop):
                state.accounts.refund(account, charged)
                return DropResponse(result.stall_ms), 0
            entry.status = 200
            response = self._reply(wire, chat, result, request_id, rate, entry, arrived)
            return response, 0 if chat.stream else result.shape.ttft_ms
        except ClientGone:
            raise
        except Exception as exc:  # a bug of ours is a 500 in the caller's format, and is not charged
            err = exc if isinstance(exc, GatewayError) else internal_error_of(exc, scope["path"])
            if account is not None and charged:
                state.accounts.refund(account, charged)
            entry.status = err.status
            entry.outcome = err
            return error_response(wire, err, request_id, rate), 0

    def _reply(
        self,
        wire: Wire,
        chat: ChatRequest,
        reply: Reply,
        request_id: str,
        rate: RateLimit | None,
        entry: Entry,
        arrived: float,
    ) -> Response:
        reply_id = wire.ID_PREFIX + request_id[4:]  # req_X answers with msg_X / chatcmpl-X
        created = int(entry.time)
        shape = reply.shape
        headers = wire.headers(request_id, rate)
        if chat.stream:
            frames = wire.encode_stream(reply, chat, reply_id, created)
            error_frame = wire.stream_error_event(shape.error, request_id) if shape.error else None
            entry.stream = {}
            return SSEResponse(frames, shape, error_frame, headers, entry.stream, arrived)
        return json_response(wire.encode(reply, chat, reply_id, created), 200, headers)

    # --- the platform routes of the docs page ---------------------------------------------------

    async def _platform(self, request: Request, answer: Any) -> Response:
        request_id = "req_" + _new_id()
        try:
            return json_response(await answer(), 200, openai_wire.headers(request_id, None))
        except GatewayError as err:
            return error_response(openai_wire, err, request_id)

    async def me(self, request: Request) -> Response:
        async def answer() -> Any:
            return self.state.accounts.profile(self.state.accounts.identify(header_dict(request.scope)))

        return await self._platform(request, answer)

    async def balance(self, request: Request) -> Response:
        async def answer() -> Any:
            return self.state.accounts.balance(self.state.accounts.identify(header_dict(request.scope)))

        return await self._platform(request, answer)

    async def refresh(self, request: Request) -> Response:
        async def answer() -> Any:
            raw = await read_body(request.receive, header_dict(request.scope), self.state.settings)
            return self.state.accounts.refresh(parse(REFRESH, raw)["refresh_token"])

        return await self._platform(request, answer)


def route_error(
    status: int, method: str, path: str, detail: str = "", headers: dict[str, str] | None = None
) -> Response:
    """404, 405 (with its allow header) and the like, in the envelope of the path's API family."""
    request_id = "req_" + _new_id()
    message = {
        404: f"{method} {path} does not exist on this gateway",
        405: f"{method} is not allowed on {path}",
    }.get(status, detail)
    if path.startswith("/api/oauth/"):
        message += "; use GET /api/v1/auth/me"
    return error_response(wire_for_path(path), GatewayError(status, message, headers=headers), request_id)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    path, headers = request.scope["path"], dict(exc.headers or {})
    return route_error(exc.status_code, request.method, path, str(exc.detail), headers)


def internal_error_of(exc: Exception, path: str) -> GatewayError:
    log.error("mockgw: internal error on %s", path, exc_info=exc)
    return GatewayError(500, f"mockgw internal error ({type(exc).__name__}: {exc}); please report it")


async def internal_error(request: Request, exc: Exception) -> Response:
    path = request.scope["path"]
    return error_response(wire_for_path(path), internal_error_of(exc, path), "req_" + _new_id())


class App:
    """The whole server: chat routes straight to the Gateway, everything else to Starlette."""

    def __init__(self, gateway: Gateway, rest: Starlette) -> None:
        self.gateway = gateway
        self.rest = rest

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        wire = CHAT_ROUTES.get(scope["path"]) if scope["type"] == "http" else None
        if wire is None:
            await self.rest(scope, receive, send)
        elif scope["method"] == "POST":
            await self.gateway.chat(scope, receive, send, wire)
        else:
            await route_error(405, scope["method"], scope["path"], headers={"allow": "POST"})(
                scope, receive, send
            )


def create_app(settings: Settings | None = None, state: State | None = None) -> App:
    state = state or State(settings or Settings())
    gw = Gateway(state)
    routes = [
        Route("/api/v1/auth/me", gw.me, methods=["GET"]),
        Route("/api/v1/auth/refresh", gw.refresh, methods=["POST"]),
        Route("/api/v1/public/credits/balance", gw.balance, methods=["GET"]),
        Mount("/_mockgw", routes=control.routes(state)),
    ]
    rest = Starlette(routes=routes, exception_handlers={HTTPException: http_error, Exception: internal_error})
    return App(gw, rest)
