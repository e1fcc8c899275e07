"""The gateway's account routes from its docs page: who am I, refresh a token, the credits balance.

They speak the OpenAI family's envelope (they live under /api/) and answer through the same
identity rules as the chat routes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import TypeAdapter
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from typing_extensions import TypedDict

from mockgw.accounts import Account
from mockgw.domain import GatewayError
from mockgw.exchange import read_headers
from mockgw.ids import new_request_id
from mockgw.web import content_length, error_response, json_response, namespace_of, read_body
from mockgw.wire import openai as openai_wire
from mockgw.wire.common import parse


class RefreshIn(TypedDict):
    refresh_token: str


REFRESH = TypeAdapter(RefreshIn)


def routes() -> list[Route]:
    def endpoint(compute: Callable[[Request], Awaitable[Any]]) -> Callable[[Request], Awaitable[Response]]:
        async def respond(request: Request) -> Response:
            request_id = new_request_id()
            try:
                return json_response(await compute(request), 200, openai_wire.headers(request_id, None))
            except GatewayError as err:
                return error_response(openai_wire, err, request_id)

        return respond

    def caller(request: Request) -> Account:
        return namespace_of(request).accounts.identify(read_headers(request.scope["headers"]))

    async def me(request: Request) -> Any:
        return namespace_of(request).accounts.profile(caller(request))

    async def balance(request: Request) -> Any:
        return namespace_of(request).accounts.balance(caller(request))

    async def refresh(request: Request) -> Any:
        ns = namespace_of(request)
        limit, timeout = ns.settings.max_body_bytes, ns.settings.body_timeout_seconds
        raw = await read_body(request.receive, content_length(request.scope["headers"]), limit, timeout)
        return ns.accounts.refresh(parse(REFRESH, raw)["refresh_token"])

    return [
        Route("/api/v1/auth/me", endpoint(me), methods=["GET"]),
        Route("/api/v1/auth/refresh", endpoint(refresh), methods=["POST"]),
        Route("/api/v1/public/credits/balance", endpoint(balance), methods=["GET"]),
    ]
