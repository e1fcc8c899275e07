"""The gateway's other routes: who am I, refresh a token, the credits balance, the model catalog.

Each answers in the envelope of its path's API family (/api/…: OpenAI; /v1/…: Anthropic) and
through the same identity rules as the chat routes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

from pydantic import Field, TypeAdapter, ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from typing_extensions import TypedDict

from mockgw.accounts import Account
from mockgw.catalog import MODELS, apply_model_rules
from mockgw.domain import GatewayError, bad_request
from mockgw.exchange import json_body, read_headers
from mockgw.ids import new_request_id
from mockgw.web import content_length, error_response, json_response, namespace_of, read_body, wire_for_path
from mockgw.wire import anthropic as anthropic_wire
from mockgw.wire import openai as openai_wire
from mockgw.wire.common import parse, validation_error

T = TypeVar("T")


class RefreshIn(TypedDict):
    refresh_token: str


REFRESH = TypeAdapter(RefreshIn)


class ModelsPage(TypedDict, total=False):
    """The query of GET /v1/models, as anthropic.types.ModelListParams has it."""

    limit: Annotated[int, Field(ge=1, le=1000)]
    after_id: str
    before_id: str


MODELS_PAGE = TypeAdapter(ModelsPage)


def page_of(ids: list[str], page: ModelsPage) -> tuple[list[str], bool]:
    """A page as Anthropic's list endpoints cut one: after_id reads forwards, before_id backwards."""
    limit = page.get("limit", 20)
    if "before_id" in page:
        if "after_id" in page:
            raise bad_request("give after_id or before_id, not both")
        end = _position(ids, page["before_id"], "before_id")
        start = max(0, end - limit)
        return ids[start:end], start > 0
    start = _position(ids, page["after_id"], "after_id") + 1 if "after_id" in page else 0
    return ids[start : start + limit], start + limit < len(ids)


def _position(ids: list[str], model_id: str, param: str) -> int:
    if model_id not in ids:
        raise bad_request(f"{param}: no model {model_id!r}", param=param)
    return ids.index(model_id)


def _query(request: Request, adapter: TypeAdapter[T]) -> T:
    """Query parameters as a TypedDict (numbers arrive as text, so this one is lax)."""
    try:
        return adapter.validate_python(dict(request.query_params))
    except ValidationError as exc:
        raise validation_error(exc) from None


def routes() -> list[Route]:
    def endpoint(compute: Callable[[Request], Awaitable[Any]]) -> Callable[[Request], Awaitable[Response]]:
        async def respond(request: Request) -> Response:
            request_id = new_request_id()
            wire = wire_for_path(request.scope["path"])
            try:
                return json_response(await compute(request), 200, wire.headers(request_id, None))
            except GatewayError as err:
                return error_response(wire, err, request_id)

        return respond

    def caller(request: Request) -> Account:
        return namespace_of(request).accounts.identify(read_headers(request.scope["headers"]))

    async def me(request: Request) -> Any:
        return namespace_of(request).accounts.profile(caller(request))

    async def balance(request: Request) -> Any:
        return namespace_of(request).accounts.balance(caller(request))

    async def openai_models(request: Request) -> Any:
        caller(request)
        return {"object": "list", "data": [openai_wire.encode_model(m) for m in MODELS.values()]}

    async def anthropic_models(request: Request) -> Any:
        caller(request)
        chosen, more = page_of(list(MODELS), _query(request, MODELS_PAGE))
        return {
            "data": [anthropic_wire.encode_model(MODELS[i]) for i in chosen],
            "has_more": more,
            "first_id": chosen[0] if chosen else None,
            "last_id": chosen[-1] if chosen else None,
        }

    async def anthropic_model(request: Request) -> Any:
        caller(request)
        model_id = request.path_params["model_id"]
        if model_id not in MODELS:
            raise GatewayError(404, "not_found", f"model: {model_id}")
        return anthropic_wire.encode_model(MODELS[model_id])

    async def count_tokens(request: Request) -> Any:
        """What usage.input_tokens would report for this request (before the prompt cache splits it):
        the same identity, contract and model rules as POST /v1/messages; not charged, not rate limited.
        """
        ns, settings = namespace_of(request), namespace_of(request).settings
        given = read_headers(request.scope["headers"])
        ns.accounts.identify(given)
        if settings.require_anthropic_version and "anthropic-version" not in given:
            raise bad_request("anthropic-version: header is required")
        limit, timeout = settings.max_body_bytes, settings.body_timeout_seconds
        raw = json_body(
            await read_body(request.receive, content_length(request.scope["headers"]), limit, timeout), given
        )
        chat = anthropic_wire.decode_count_tokens(raw, given, settings.validation == "loose")
        _, chat = apply_model_rules(chat, settings.lenient, settings.tools_unsupported)
        return {"input_tokens": chat.input_tokens()}

    async def refresh(request: Request) -> Any:
        ns = namespace_of(request)
        limit, timeout = ns.settings.max_body_bytes, ns.settings.body_timeout_seconds
        raw = await read_body(request.receive, content_length(request.scope["headers"]), limit, timeout)
        return ns.accounts.refresh(parse(REFRESH, raw)["refresh_token"])

    return [
        Route("/api/v1/models", endpoint(openai_models), methods=["GET"]),
        Route("/v1/models", endpoint(anthropic_models), methods=["GET"]),
        Route("/v1/models/{model_id:path}", endpoint(anthropic_model), methods=["GET"]),
        Route("/v1/messages/count_tokens", endpoint(count_tokens), methods=["POST"]),
        Route("/api/v1/auth/me", endpoint(me), methods=["GET"]),
        Route("/api/v1/auth/refresh", endpoint(refresh), methods=["POST"]),
        Route("/api/v1/public/credits/balance", endpoint(balance), methods=["GET"]),
    ]
