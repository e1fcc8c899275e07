"""Forward to the real gateway and stream its answer back as it arrives; `mockgw record` serves this.

Each upstream chunk is written to the client the moment it arrives (httpx streaming, never buffered
into one write), and only then shown to the recorder, so recording adds nothing to the client's
time to first byte. The request goes upstream with the caller's credentials, or with
`--upstream-key` in their place; mockgw's own headers (x-mockgw-*) stay here.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from starlette.types import Receive, Scope, Send

from mockgw.app import CHAT_ROUTES, route_error
from mockgw.domain import GatewayError
from mockgw.ids import new_request_id
from mockgw.record.redact import Redactor
from mockgw.record.scenario import Recorded, Recorder, Seen
from mockgw.settings import Settings
from mockgw.web import ClientGone, content_length, error_response, read_body, wire_for_path
from mockgw.wire import Wire

log = logging.getLogger("mockgw")

# The account and model routes, and token counting: passed through unchanged, never recorded.
PASS_THROUGH = (
    "/api/v1/auth/",
    "/api/v1/public/credits/balance",
    "/api/v1/models",
    "/v1/models",
    "/v1/messages/count_tokens",
)
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "trailers"}
    | {"transfer-encoding", "upgrade"}
)
NOT_FORWARDED = HOP_BY_HOP | {"host", "content-length", "accept-encoding"}
NOT_RETURNED = HOP_BY_HOP | {"date", "server"}  # the server here sets its own
CREDENTIALS = (b"x-api-key", b"authorization")


def passes_through(path: str) -> bool:
    return any(path == p.rstrip("/") or path.startswith(p.rstrip("/") + "/") for p in PASS_THROUGH)


class Upstream:
    """The gateway recordings are made from, over one keep-alive client (used from one event loop).

    The client is made here, not on the first request: making one (its TLS context), and anyio's
    asyncio backend that httpx loads on its first request, each cost tens of milliseconds that
    would otherwise delay the first answer through the proxy.
    """

    def __init__(self, url: str, key: str | None = None) -> None:
        self.url = url.rstrip("/")
        self.key = key
        self.http = httpx.AsyncClient(timeout=httpx.Timeout(30.0, read=600.0))
        logging.getLogger("httpx").setLevel(logging.WARNING)  # the recorder logs one line per recording
        with contextlib.suppress(ImportError):
            importlib.import_module("anyio._backends._asyncio")

    def request_headers(self, raw: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        headers = [
            (k, v)
            for k, v in raw
            if k.lower().decode("latin-1") not in NOT_FORWARDED and not k.lower().startswith(b"x-mockgw-")
        ]
        if self.key:
            headers = [(k, v) for k, v in headers if k.lower() not in CREDENTIALS]
            headers.append((b"authorization", b"Bearer " + self.key.encode("latin-1")))
        return [*headers, (b"accept-encoding", b"identity")]  # the recorder reads what arrives

    async def forward(
        self, scope: Scope, path: str, body: bytes, receive: Receive, send: Send, seen: Seen | None = None
    ) -> None:
        """Send the request upstream and stream the answer back; what arrives is shown to `seen`."""
        query = scope.get("query_string", b"").decode("latin-1")
        url = self.url + path + (f"?{query}" if query else "")
        extensions = {"trace": _clock(seen)} if seen is not None else {}
        request = self.http.build_request(
            scope["method"],
            url,
            headers=self.request_headers(scope["headers"]),
            content=body,
            extensions=extensions,
        )
        try:
            response = await self.http.send(request, stream=True)
        except httpx.HTTPError as exc:
            message = f"mockgw record: the upstream {self.url} did not answer: {type(exc).__name__}: {exc}"
            err = GatewayError(502, "api_error", message)
            await error_response(wire_for_path(path), err, new_request_id())(scope, receive, send)
            return
        try:
            await self._relay(response, receive, send, seen)
        finally:
            await response.aclose()

    async def _relay(self, response: httpx.Response, receive: Receive, send: Send, seen: Seen | None) -> None:
        encoded = response.headers.get("content-encoding", "identity") != "identity"
        dropped = NOT_RETURNED | ({"content-encoding", "content-length"} if encoded else set())
        headers = [(k.lower(), v) for k, v in response.headers.raw if k.lower().decode() not in dropped]
        await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
        if seen is not None:
            seen.status = response.status_code
            seen.response_headers = {k.lower(): v for k, v in response.headers.items()}
            seen.stream = "text/event-stream" in response.headers.get("content-type", "")
        gone = asyncio.Event()
        watcher = asyncio.ensure_future(_watch_disconnect(receive, gone))
        try:
            chunks = response.aiter_bytes() if encoded else response.aiter_raw()
            async for chunk in chunks:
                arrived = time.monotonic()
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
                if seen is not None:
                    seen.observe(chunk, arrived)
                if gone.is_set():
                    break
            else:
                if seen is not None:
                    seen.complete = True
        except httpx.HTTPError as exc:  # the upstream cut the body short: so does the client's copy
            log.warning("mockgw record: the upstream's answer was cut short: %s", exc)
        finally:
            watcher.cancel()
        if seen is not None:
            seen.client_left = gone.is_set()
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def _clock(seen: Seen) -> Callable[[str, Any], Awaitable[None]]:
    """httpx's trace extension: the time to first token counts from when the request left, not from
    before the connection was made (a first request's TCP and TLS setup is not the gateway's)."""

    async def trace(event: str, info: Any) -> None:
        if event.endswith("send_request_headers.started"):
            seen.started = time.monotonic()

    return trace


async def _watch_disconnect(receive: Receive, gone: asyncio.Event) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
    gone.set()


async def read_or_answer(scope: Scope, receive: Receive, send: Send, settings: Settings) -> bytes | None:
    """The request body within the server's limits; None when it was answered (413, 408) or nobody is left."""
    try:
        return await read_body(
            receive, content_length(scope["headers"]), settings.max_body_bytes, settings.body_timeout_seconds
        )
    except GatewayError as err:
        await error_response(wire_for_path(scope["path"]), err, new_request_id())(scope, receive, send)
    except ClientGone:
        pass
    return None


def record_safely(recorder: Recorder, seen: Seen) -> Recorded | None:
    """Record what was seen; the client has its answer already, so a failure here is only logged."""
    if seen.client_left or seen.status == 0:
        return None
    try:
        recorded = recorder.record(seen)
    except Exception:
        log.exception("mockgw record: could not record a request; the client got its answer")
        return None
    if recorded is not None:
        log.info("mockgw record: %s turn %d -> %s", recorded.name, recorded.turn + 1, recorded.path)
    return recorded


def recorder_for(settings: Settings, out: Path, replace: bool) -> Recorder:
    """A recorder into out, with the settings' redaction patterns and timing (see Recorder: replace)."""
    redactor = Redactor(settings.redact)
    if settings.upstream_key:
        redactor.learn(settings.upstream_key)
    return Recorder(out, redactor, settings.record_timing, replace, settings.document_max_bytes)


class RecordProxy:
    """`mockgw record`: the chat routes forwarded and recorded, the account and model routes passed
    through, anything else a 404 as the gateway gives it."""

    def __init__(self, settings: Settings, upstream: Upstream, recorder: Recorder) -> None:
        self.settings = settings
        self.upstream = upstream
        self.recorder = recorder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        path, method = scope["path"], scope["method"]
        wire = CHAT_ROUTES.get(path)
        if wire is None and not passes_through(path):
            await route_error(404, method, path)(scope, receive, send)
            return
        body = await read_or_answer(scope, receive, send, self.settings)
        if body is None:
            return
        seen = self.seen(wire, scope, body) if wire is not None and method == "POST" else None
        await self.upstream.forward(scope, path, body, receive, send, seen)
        if seen is not None:
            record_safely(self.recorder, seen)

    def seen(self, wire: Wire, scope: Scope, body: bytes) -> Seen:
        self.recorder.redactor.learn_headers(scope["headers"])
        return Seen(wire, body, scope["headers"], time.monotonic())


def serve_recording(settings: Settings) -> None:
    """`mockgw record`: the proxy in the foreground until SIGTERM/SIGINT."""
    from mockgw.server import run_foreground

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    assert settings.upstream is not None and settings.recordings is not None
    recorder = recorder_for(settings, settings.recordings, replace=True)
    log.info("mockgw record: %s -> scenario files in %s", settings.upstream, recorder.out)
    upstream = Upstream(settings.upstream, settings.upstream_key)
    run_foreground(RecordProxy(settings, upstream, recorder), settings)
