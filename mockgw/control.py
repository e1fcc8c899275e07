"""The control plane under /_mockgw: JSON in, JSON out. The pytest fixture drives servers through it."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mockgw import __version__, openapi
from mockgw.accounts import KeySpec, PlanName
from mockgw.clock import iso
from mockgw.domain import GatewayError, bad_request
from mockgw.files import InvalidFile
from mockgw.scenario.loader import parse_text
from mockgw.state import Namespace, State
from mockgw.validation import field_path
from mockgw.web import content_length, json_response, namespace_of, read_body

M = TypeVar("M", bound=BaseModel)


class ClockMove(BaseModel):
    model_config = ConfigDict(extra="forbid")
    advance_seconds: float


class ActiveScenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str | None = Field(None, description="mint for this key's account")
    plan: PlanName | None = Field(None, description="or for a new account on this plan")


class NamespaceRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(None, description="default: a generated ns-… name")
    label: str = Field("", max_length=300, description="shown in the listing, e.g. a test's node id")


async def body_of(request: Request) -> bytes:
    """Control bodies are held to the same size limit as chat requests."""
    limit = namespace_of(request).settings.max_body_bytes
    return await read_body(request.receive, content_length(request.scope["headers"]), limit)


async def body_as(request: Request, model: type[M]) -> M:
    try:
        return model.model_validate_json(await body_of(request) or b"{}")
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise bad_request(f"{field_path(err['loc']) or 'body'}: {err['msg']}") from None


def clock_json(ns: Namespace) -> dict[str, Any]:
    now = ns.clock.now()
    return {"now": now, "iso": iso(now), "offset_seconds": ns.clock.offset}


# --- one namespace's routes: /_mockgw/… for the default one, /ns/NAME/_mockgw/… for the others --------


async def health(request: Request, ns: Namespace) -> Response:
    body = {"status": "ok", "version": __version__, "namespace": ns.name, "scenarios": len(ns.engine.names())}
    return json_response(body)


async def reset(request: Request, ns: Namespace) -> Response:
    ns.reset()
    return json_response({"reset": True})


async def requests(request: Request, ns: Namespace) -> Response:
    if request.method == "DELETE":
        ns.journal.clear()
        return json_response({"requests": []})
    q = request.query_params
    return json_response({"requests": ns.journal.select(q.get("path"), q.get("scenario"))})


async def active_scenario(request: Request, ns: Namespace) -> Response:
    if request.method == "DELETE":
        ns.engine.active = None
        return json_response({"active": None})
    name = (await body_as(request, ActiveScenario)).name
    if ns.engine.find(name) is None:
        known = ", ".join(ns.engine.names())
        raise GatewayError(404, "not_found", f"unknown scenario {name!r}; known: {known}")
    ns.engine.active = name
    return json_response({"active": name})


async def scenarios(request: Request, ns: Namespace) -> Response:
    if request.method == "GET":
        listing = [
            {
                "name": c.scenario.name,
                "description": c.scenario.description,
                "matches": c.matchable,
                "turns": len(c.scenario.turns),
                "uploaded": c.scenario.name in ns.engine.uploaded,
            }
            for c in ns.engine.candidates()
        ]
        return json_response({"scenarios": listing, "active": ns.engine.active})
    text = (await body_of(request)).decode("utf-8", errors="replace")
    try:
        added = parse_text(text, "uploaded scenario")
    except InvalidFile as exc:
        raise GatewayError(400, "invalid_request", "invalid scenario", problems=exc.problems) from None
    for scenario in added:
        ns.engine.upload(scenario)
    return json_response({"added": [s.name for s in added]}, 201)


async def clock(request: Request, ns: Namespace) -> Response:
    if request.method == "POST":
        ns.clock.advance((await body_as(request, ClockMove)).advance_seconds)
    return json_response(clock_json(ns))


async def keys(request: Request, ns: Namespace) -> Response:
    account = ns.accounts.put_key(await body_as(request, KeySpec))
    return json_response(ns.accounts.profile(account) | {"key": account.key}, 201)


async def tokens(request: Request, ns: Namespace) -> Response:
    spec = await body_as(request, TokenRequest)
    if (spec.key is None) == (spec.plan is None):
        raise bad_request("give exactly one of key or plan")
    if spec.key is not None:
        if not spec.key.startswith("sk_"):
            raise bad_request("key: must be an sk_ key")
        account = ns.accounts.for_key(spec.key)
    else:
        account = ns.accounts.new_account(spec.plan or "pro")
    return json_response(ns.accounts.mint(account), 201)


# --- the server's namespaces: a global view for the person at the terminal ------------------------


def namespace_routes(state: State) -> list[Route]:
    def describe(ns: Namespace) -> dict[str, Any]:
        idle = time.monotonic() - ns.last_used
        return {"name": ns.name, "label": ns.label, "requests": len(ns.journal.entries), "idle_seconds": idle}

    async def namespaces(request: Request, ns: Namespace) -> Response:
        if request.method == "GET":
            state.expire_idle()
            listing = [describe(n) for n in [state.default, *state.namespaces.values()]]
            return json_response({"namespaces": listing})
        spec = await body_as(request, NamespaceRequest)
        opened = state.open(spec.name, spec.label)
        return json_response(describe(opened) | {"path": f"/ns/{opened.name}"}, 201)

    async def one_namespace(request: Request, ns: Namespace) -> Response:
        name = request.path_params["name"]
        if not state.drop(name):
            raise GatewayError(404, "not_found", f"namespace {name!r} does not exist")
        return json_response({"dropped": name})

    return [
        Route("/namespaces", guarded(namespaces), methods=["GET", "POST"]),
        Route("/namespaces/{name}", guarded(one_namespace), methods=["DELETE"]),
    ]


Handler = Callable[[Request, Namespace], Awaitable[Response]]


def guarded(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """The handler, given the request's namespace; its errors in the control plane's own envelope."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request, namespace_of(request))
        except GatewayError as exc:  # {"error", "problems"?}
            body: dict[str, Any] = {"error": exc.message}
            if exc.problems:
                body["problems"] = exc.problems
            return json_response(body, exc.status)

    return endpoint


def routes(state: State) -> list[Route]:
    return [
        Route("/health", guarded(health), methods=["GET"]),
        Route("/reset", guarded(reset), methods=["POST"]),
        Route("/requests", guarded(requests), methods=["GET", "DELETE"]),
        Route("/scenario", guarded(active_scenario), methods=["PUT", "DELETE"]),
        Route("/scenarios", guarded(scenarios), methods=["GET", "POST"]),
        Route("/clock", guarded(clock), methods=["GET", "POST"]),
        Route("/keys", guarded(keys), methods=["POST"]),
        Route("/tokens", guarded(tokens), methods=["POST"]),
        *namespace_routes(state),
        Route("/openapi.json", openapi.endpoint, methods=["GET"]),
    ]
