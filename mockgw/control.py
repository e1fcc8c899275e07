"""The control plane under /_mockgw: JSON in, JSON out. The pytest fixture drives servers through it."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mockgw import __version__
from mockgw.accounts import KeySpec, PlanName
from mockgw.clock import iso
from mockgw.domain import GatewayError, bad_request
from mockgw.files import InvalidFile
from mockgw.scenario.loader import parse_text
from mockgw.state import State
from mockgw.validation import field_path
from mockgw.web import content_length, json_response, read_body

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


def routes(state: State) -> list[Route]:
    async def body_of(request: Request) -> bytes:
        """Control bodies are held to the same size limit as chat requests."""
        limit = state.settings.max_body_bytes
        return await read_body(request.receive, content_length(request.scope["headers"]), limit)

    async def body_as(request: Request, model: type[M]) -> M:
        try:
            return model.model_validate_json(await body_of(request) or b"{}")
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            raise bad_request(f"{field_path(err['loc']) or 'body'}: {err['msg']}") from None

    def clock_json() -> dict[str, Any]:
        now = state.clock.now()
        return {"now": now, "iso": iso(now), "offset_seconds": state.clock.offset}

    async def health(request: Request) -> Response:
        return json_response({"status": "ok", "version": __version__, "scenarios": len(state.engine.names())})

    async def reset(request: Request) -> Response:
        state.reset()
        return json_response({"reset": True})

    async def requests(request: Request) -> Response:
        if request.method == "DELETE":
            state.journal.clear()
            return json_response({"requests": []})
        q = request.query_params
        entries = state.journal.select(q.get("path"), q.get("scenario"))
        return json_response({"requests": entries})

    async def active_scenario(request: Request) -> Response:
        if request.method == "DELETE":
            state.engine.active = None
            return json_response({"active": None})
        name = (await body_as(request, ActiveScenario)).name
        if state.engine.find(name) is None:
            known = ", ".join(state.engine.names())
            raise GatewayError(404, "not_found", f"unknown scenario {name!r}; known: {known}")
        state.engine.active = name
        return json_response({"active": name})

    async def scenarios(request: Request) -> Response:
        if request.method == "GET":
            listing = [
                {
                    "name": c.scenario.name,
                    "description": c.scenario.description,
                    "matches": c.matchable,
                    "turns": len(c.scenario.turns),
                    "uploaded": c.scenario.name in state.engine.uploaded,
                }
                for c in state.engine.candidates()
            ]
            return json_response({"scenarios": listing, "active": state.engine.active})
        text = (await body_of(request)).decode("utf-8", errors="replace")
        try:
            added = parse_text(text, "uploaded scenario")
        except InvalidFile as exc:
            raise GatewayError(400, "invalid_request", "invalid scenario", problems=exc.problems) from None
        for s in added:
            state.engine.upload(s)
        return json_response({"added": [s.name for s in added]}, 201)

    async def clock(request: Request) -> Response:
        if request.method == "POST":
            state.clock.advance((await body_as(request, ClockMove)).advance_seconds)
        return json_response(clock_json())

    async def keys(request: Request) -> Response:
        account = state.accounts.put_key(await body_as(request, KeySpec))
        return json_response(state.accounts.profile(account) | {"key": account.key}, 201)

    async def tokens(request: Request) -> Response:
        spec = await body_as(request, TokenRequest)
        if (spec.key is None) == (spec.plan is None):
            raise bad_request("give exactly one of key or plan")
        if spec.key is not None:
            if not spec.key.startswith("sk_"):
                raise bad_request("key: must be an sk_ key")
            account = state.accounts.for_key(spec.key)
        else:
            account = state.accounts.new_account(spec.plan or "pro")
        return json_response(state.accounts.mint(account), 201)

    def guarded(handler: Any) -> Any:
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request)
            except GatewayError as exc:  # the control plane's own envelope: {"error", "problems"?}
                body: dict[str, Any] = {"error": exc.message}
                if exc.problems:
                    body["problems"] = exc.problems
                return json_response(body, exc.status)

        return endpoint

    return [
        Route("/health", guarded(health), methods=["GET"]),
        Route("/reset", guarded(reset), methods=["POST"]),
        Route("/requests", guarded(requests), methods=["GET", "DELETE"]),
        Route("/scenario", guarded(active_scenario), methods=["PUT", "DELETE"]),
        Route("/scenarios", guarded(scenarios), methods=["GET", "POST"]),
        Route("/clock", guarded(clock), methods=["GET", "POST"]),
        Route("/keys", guarded(keys), methods=["POST"]),
        Route("/tokens", guarded(tokens), methods=["POST"]),
    ]
