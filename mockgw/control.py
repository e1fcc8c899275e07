"""The control plane under /_mockgw: JSON in, JSON out. The pytest fixture drives servers through it."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mockgw import __version__
from mockgw.accounts import KeySpec, PlanName
from mockgw.clock import MAX_OFFSET_YEARS, YEAR, iso
from mockgw.domain import GatewayError, bad_request
from mockgw.files import DocumentLimits, InvalidFile
from mockgw.scenario.engine import Candidate
from mockgw.scenario.loader import parse_text
from mockgw.settings import LOOPBACK_HOSTS, Settings
from mockgw.state import Namespace, State
from mockgw.validation import field_path
from mockgw.web import content_length, json_response, namespace_of, read_body

M = TypeVar("M", bound=BaseModel)


class ClockMove(BaseModel):
    model_config = ConfigDict(extra="forbid")
    advance_seconds: float = Field(allow_inf_nan=False, description="negative moves it back")


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


async def body_of(request: Request, limit: int | None = None) -> bytes:
    """Control bodies are held to the chat requests' size limit, or to a lower one."""
    settings = namespace_of(request).settings
    length = content_length(request.scope["headers"])
    limit = settings.max_body_bytes if limit is None else min(limit, settings.max_body_bytes)
    return await read_body(request.receive, length, limit, settings.body_timeout_seconds)


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


async def openapi_document(request: Request) -> Response:
    from mockgw import openapi  # built from every route's types: imported when first asked for, not at start

    return await openapi.endpoint(request)


async def scenarios(request: Request, ns: Namespace) -> Response:
    if request.method == "GET":
        listing = [
            {
                "name": c.scenario.name,
                "description": c.scenario.description,
                "match": c.scenario.match and c.scenario.match.model_dump(exclude_defaults=True),
                "turns": len(c.scenario.turns),
                "uploaded": c.scenario.name in ns.engine.uploaded,
            }
            for c in ns.engine.candidates()
        ]
        return json_response({"scenarios": listing, "active": ns.engine.active})
    limits = ns.settings.document_limits()
    text = (await body_of(request, limits.max_bytes)).decode("utf-8", errors="replace")
    try:  # in a worker thread: a document within the limits can still take seconds to read
        added = await run_in_threadpool(compile_upload, text, limits)
    except InvalidFile as exc:
        raise GatewayError(400, "invalid_request", "invalid scenario", problems=exc.problems) from None
    for candidate in added:
        ns.engine.upload(candidate)
    return json_response({"added": [c.scenario.name for c in added]}, 201)


_READING = threading.Semaphore(2)  # uploads read at once: one near the limits takes ~70 MB while it is built


def compile_upload(text: str, limits: DocumentLimits) -> list[Candidate]:
    """An uploaded document, parsed and compiled: run in a worker thread, never on the event loop."""
    with _READING:
        return [Candidate(s) for s in parse_text(text, "uploaded scenario", limits)]


async def clock(request: Request, ns: Namespace) -> Response:
    if request.method == "POST":
        seconds = (await body_as(request, ClockMove)).advance_seconds
        years = (ns.clock.offset + seconds) / YEAR
        if abs(years) > MAX_OFFSET_YEARS:
            raise bad_request(
                f"advance_seconds: {seconds:g} would put the clock {years:+.3g} years from real time; "
                f"mockgw keeps it within {MAX_OFFSET_YEARS} years (reset brings it back)"
            )
        ns.clock.advance(seconds)
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


# Bodies a web page can send cross-origin without a preflight; uploads say JSON or YAML (or nothing).
BODY_TYPES = frozenset(
    {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
)


def check_caller(request: Request, settings: Settings, public: bool = False) -> None:
    """Who may drive the control plane: the admin token's holder, and never a web page.

    - With an admin token set (always, beyond loopback, unless --open-control): Authorization: Bearer;
      public routes (health, for container health checks) need none.
    - No browser cross-site calls: a cross-site Sec-Fetch-Site, or an Origin other than the Host.
    - No bodies of the types a page can post without a preflight (text/plain, forms).
    - On loopback, only localhost Host names (and --allowed-hosts): a DNS-rebinding page has its own.
    """
    headers = request.headers
    if settings.admin_token is not None and not public:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(token.strip(), settings.admin_token):
            raise GatewayError(
                401, "authentication", "the control plane needs Authorization: Bearer <admin token>"
            )
    host = headers.get("host", "")
    if headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        raise GatewayError(403, "permission", "the control plane refuses calls from other sites' pages")
    origin = headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != host:
        raise GatewayError(403, "permission", f"the control plane refuses calls from pages of {origin}")
    ctype = headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method != "GET" and ctype and ctype not in BODY_TYPES:
        message = (
            f"content-type {ctype} is not accepted here; send JSON or YAML ({', '.join(sorted(BODY_TYPES))})"
        )
        raise GatewayError(415, "invalid_request", message)
    if settings.loopback and _hostname(host) not in LOOPBACK_HOSTS | set(settings.allowed_hosts):
        raise GatewayError(
            403, "permission", f"Host {host!r} is not served on loopback (DNS rebinding); see --allowed-hosts"
        )


def _hostname(host: str) -> str:
    return urlsplit("//" + host).hostname or ""


def guarded(handler: Handler, public: bool = False) -> Callable[[Request], Awaitable[Response]]:
    """The handler, given the request's namespace once the caller is let in; errors in the own envelope."""

    async def endpoint(request: Request) -> Response:
        try:
            ns = namespace_of(request)
            check_caller(request, ns.settings, public)
            return await handler(request, ns)
        except GatewayError as exc:  # {"error", "problems"?}
            body: dict[str, Any] = {"error": exc.message}
            if exc.problems:
                body["problems"] = exc.problems
            return json_response(body, exc.status)

    return endpoint


def routes(state: State) -> list[Route]:
    return [
        Route("/health", guarded(health, public=True), methods=["GET"]),
        Route("/reset", guarded(reset), methods=["POST"]),
        Route("/requests", guarded(requests), methods=["GET", "DELETE"]),
        Route("/scenario", guarded(active_scenario), methods=["PUT", "DELETE"]),
        Route("/scenarios", guarded(scenarios), methods=["GET", "POST"]),
        Route("/clock", guarded(clock), methods=["GET", "POST"]),
        Route("/keys", guarded(keys), methods=["POST"]),
        Route("/tokens", guarded(tokens), methods=["POST"]),
        *namespace_routes(state),
        Route("/openapi.json", openapi_document, methods=["GET"]),
    ]
