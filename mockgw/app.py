"""The Starlette app: gateway routes, the platform routes, and /_mockgw (control.py).

A chat request flows one way: identity -> wire decode -> model rules -> account gate -> script
-> wire encode -> writer, and the journal records each step's result.
"""

from __future__ import annotations

import asyncio
import itertools
import os
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route

from mockgw import control
from mockgw.accounts import Account
from mockgw.catalog import check_request
from mockgw.domain import ChatRequest, Drop, GatewayError, Reply, bad_request
from mockgw.journal import Entry
from mockgw.settings import Settings
from mockgw.state import State
from mockgw.wire import Wire
from mockgw.wire import anthropic as anthropic_wire
from mockgw.wire import openai as openai_wire
from mockgw.wire.common import Lenient, dumps, parse
from mockgw.writer import ConnectionDropper, DropResponse, JSONBytes, SSEResponse

_ID_PREFIX = os.urandom(4).hex()
_ID_COUNTER = itertools.count(int.from_bytes(os.urandom(3), "big"))


def _new_id() -> str:
    """24 hex digits, unique per process: a random prefix and a counter (cheaper than urandom per id)."""
    return f"{_ID_PREFIX}{next(_ID_COUNTER):016x}"


def wire_for_path(path: str) -> Wire:
    """Errors outside the chat routes take the envelope of the API family the path belongs to."""
    return openai_wire if path.startswith("/api/") else anthropic_wire


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return JSONBytes(dumps(body), status, headers or {})


def error_response(wire: Wire, err: GatewayError, request_id: str, headers: dict[str, str]) -> Response:
    body = wire.error_body(err, request_id)
    return json_response(body, err.status, headers | err.headers)


def _ids(request_id: str) -> dict[str, str]:
    return {"request-id": request_id, "x-request-id": request_id}


async def read_body(request: Request, headers: dict[str, str], settings: Settings) -> bytes:
    """The raw body, within the size limit and of a JSON content type (or none)."""
    limit = settings.max_body_bytes
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise GatewayError(413, f"request body of {declared} bytes exceeds the limit of {limit} bytes")
    ctype = headers.get("content-type", "")
    if ctype and "json" not in ctype.split(";")[0].lower():
        raise bad_request(f"content-type must be application/json, got {ctype!r}")
    raw = await request.body()
    if len(raw) > limit:
        raise GatewayError(413, f"request body of {len(raw)} bytes exceeds the limit of {limit} bytes")
    if not raw:
        raise bad_request("request body is empty; send a JSON object")
    return raw


def header_dict(request: Request) -> dict[str, str]:
    """One pass over the raw headers; every lookup after that is a dict hit."""
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in request.scope["headers"]}


class RefreshIn(Lenient):
    refresh_token: str


class Gateway:
    """The request handlers, bound to one State."""

    def __init__(self, state: State) -> None:
        self.state = state

    async def chat(self, request: Request, wire: Wire) -> Response:
        state = self.state
        request_id = "req_" + _new_id()
        headers = _ids(request_id)
        entry = state.journal.begin(
            state.clock.now(), request.method, request.scope["path"], request.scope["headers"]
        )
        entry.format = wire.NAME
        account: Account | None = None
        charged = 0
        given = header_dict(request)
        try:
            account = state.accounts.identify(given)
            entry.raw_body = await read_body(request, given, state.settings)
            needs_version = wire is anthropic_wire and state.settings.require_anthropic_version
            if needs_version and "anthropic-version" not in given:
                raise bad_request("anthropic-version: header is required")
            chat = wire.decode(entry.raw_body)
            model = check_request(chat, state.settings.lenient, state.settings.tools_unsupported)
            charged, rate_headers = state.accounts.admit(account, model)
            headers.update(rate_headers)
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
                return DropResponse(result.stall_ms)
            entry.status = 200
            return await self._reply(wire, chat, result, request_id, headers, entry)
        except GatewayError as err:
            if account is not None and charged:
                state.accounts.refund(account, charged)
            entry.status = err.status
            entry.outcome = err
            return error_response(wire, err, request_id, headers)

    async def _reply(
        self,
        wire: Wire,
        chat: ChatRequest,
        reply: Reply,
        request_id: str,
        headers: dict[str, str],
        entry: Entry,
    ) -> Response:
        reply_id = wire.ID_PREFIX + _new_id()
        created = int(self.state.clock.now())
        shape = reply.shape
        if chat.stream:
            frames = wire.encode_stream(reply, chat, reply_id, created)
            error_frame = wire.stream_error_event(shape.error, request_id) if shape.error else None
            entry.stream = {}
            return SSEResponse(frames, shape, error_frame, headers, entry.stream)
        if shape.ttft_ms:
            await asyncio.sleep(shape.ttft_ms / 1000)
        return json_response(wire.encode(reply, chat, reply_id, created), 200, headers)

    async def messages(self, request: Request) -> Response:
        return await self.chat(request, anthropic_wire)

    async def chat_completions(self, request: Request) -> Response:
        return await self.chat(request, openai_wire)

    # --- the platform routes of the docs page ---------------------------------------------------

    async def _platform(self, request: Request, answer: Any) -> Response:
        request_id = "req_" + _new_id()
        try:
            return json_response(await answer(), 200, _ids(request_id))
        except GatewayError as err:
            return error_response(openai_wire, err, request_id, _ids(request_id))

    async def me(self, request: Request) -> Response:
        async def answer() -> Any:
            return self.state.accounts.profile(self.state.accounts.identify(header_dict(request)))

        return await self._platform(request, answer)

    async def balance(self, request: Request) -> Response:
        async def answer() -> Any:
            return self.state.accounts.balance(self.state.accounts.identify(header_dict(request)))

        return await self._platform(request, answer)

    async def refresh(self, request: Request) -> Response:
        async def answer() -> Any:
            raw = await read_body(request, header_dict(request), self.state.settings)
            return self.state.accounts.refresh(parse(RefreshIn, raw).refresh_token)

        return await self._platform(request, answer)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    request_id = "req_" + _new_id()
    path, method = request.scope["path"], request.method
    message = {
        404: f"{method} {path} does not exist on this gateway",
        405: f"{method} is not allowed on {path}",
    }.get(exc.status_code, str(exc.detail))
    if path.startswith("/api/oauth/"):
        message += "; use GET /api/v1/auth/me"
    err = GatewayError(exc.status_code, message)
    return error_response(wire_for_path(path), err, request_id, _ids(request_id))


async def internal_error(request: Request, exc: Exception) -> Response:
    request_id = "req_" + _new_id()
    err = GatewayError(500, f"mockgw internal error ({type(exc).__name__}: {exc}); please report it")
    return error_response(wire_for_path(request.scope["path"]), err, request_id, _ids(request_id))


def create_app(settings: Settings | None = None, state: State | None = None) -> ConnectionDropper:
    state = state or State(settings or Settings())
    gw = Gateway(state)
    routes = [
        Route("/v1/messages", gw.messages, methods=["POST"]),
        Route("/api/v1/chat/completions", gw.chat_completions, methods=["POST"]),
        Route("/api/v1/auth/me", gw.me, methods=["GET"]),
        Route("/api/v1/auth/refresh", gw.refresh, methods=["POST"]),
        Route("/api/v1/public/credits/balance", gw.balance, methods=["GET"]),
        Mount("/_mockgw", routes=control.routes(state)),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error, Exception: internal_error})
    return ConnectionDropper(app)
