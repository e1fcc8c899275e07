"""Run mockgw with uvicorn: in-process on a thread (tests, notebooks) or in the foreground (CLI)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import secrets
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import uvicorn

from mockgw.app import create_app
from mockgw.client import DEFAULT_KEY, MockgwClient
from mockgw.files import InvalidFile
from mockgw.scenario.loader import shipped_dir
from mockgw.settings import Settings
from mockgw.state import State, load_scenarios

log = logging.getLogger("mockgw")


def _uvicorn_config(app: Any, settings: Settings, log_level: str) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        http=http_protocol(settings),
        loop=settings.event_loop,
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        access_log=False,
        lifespan="off",
        ws="none",  # no websocket routes: skips importing the websockets package at start
        server_header=False,  # a gateway does not announce uvicorn; every header costs on every response
        proxy_headers=False,  # nothing here reads the client address
        timeout_graceful_shutdown=settings.graceful_timeout,
        timeout_keep_alive=settings.keep_alive_seconds,
        limit_concurrency=settings.max_connections,
    )


def http_protocol(settings: Settings) -> type[asyncio.Protocol] | str:
    """uvicorn's httptools protocol with a deadline for request headers; where httptools is not
    installed (no wheel for the platform), uvicorn's own choice (h11), which has none, and a warning."""
    try:
        from mockgw.http_protocol import with_header_deadline
    except ImportError as exc:
        log.warning(
            "mockgw: %s: --header-timeout-seconds is ignored, so a client sending its request headers "
            "slowly holds its connection",
            exc,
        )
        return "auto"
    return with_header_deadline(settings.header_timeout_seconds)


def serving_app(state: State) -> Any:
    """mockgw, or mockgw in front of the upstream when it records what no scenario answers."""
    app = create_app(state=state)
    if not state.settings.record_missing:
        return app
    from mockgw.record.missing import recording_app  # httpx is imported only by those who record

    return recording_app(app, state)


class GracefulServer(uvicorn.Server):
    """uvicorn, exiting 0 after a graceful stop on SIGTERM/SIGINT instead of re-raising the signal.

    On the signal it stops accepting, lets open responses finish within --graceful-timeout, then
    cancels the rest: the writer ends a cancelled stream with its API's error event.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


class MockGateway(MockgwClient):
    """An in-process mockgw on a free port, on its own thread.

    with MockGateway(scenarios=["my_scenarios/"], seed=1) as gw:
        client = gw.anthropic_client()
    """

    def __init__(
        self,
        scenarios: list[str | Path] | None = None,
        seed: int = 0,
        api_key: str = DEFAULT_KEY,
        **settings: Any,
    ) -> None:
        self.settings = Settings(scenarios=[Path(p) for p in scenarios or []], seed=seed, port=0, **settings)
        self.state = State(self.settings)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        super().__init__("http://127.0.0.1:0", api_key, self.settings.admin_token)

    def start(self) -> MockGateway:
        # IPPROTO_TCP named, not left 0: asyncio turns Nagle off (TCP_NODELAY) only on connections whose
        # socket says TCP, and with Nagle on, a response's body waits 40 ms for the ACK of its head.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.settings.host, 0))
        host, port = sock.getsockname()[:2]
        self.url = f"http://{host}:{port}"
        app = serving_app(self.state)
        self._server = uvicorn.Server(_uvicorn_config(app, self.settings, "warning"))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("mockgw did not start")
            time.sleep(0.001)
        return self

    def stop(self) -> None:
        self.close()
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> MockGateway:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _watch(settings: Settings, state: State) -> None:
    """Reload scenario files when they change; an invalid change keeps the last good set."""
    import watchfiles

    paths = settings.scenarios or [shipped_dir()]
    for _changes in watchfiles.watch(*paths):
        try:
            state.library.replace(load_scenarios(settings))
            log.warning("mockgw: scenarios reloaded (%d)", len(state.library.files))
        except InvalidFile as exc:
            log.warning("mockgw: scenario change refused, keeping the last good set:\n%s", exc)


def with_admin_token(settings: Settings) -> Settings:
    """Beyond loopback the control plane needs a token: the one given, or one made up and shown here."""
    if settings.admin_token is not None or settings.loopback:
        return settings
    if settings.open_control:
        log.warning(
            "mockgw: WARNING: the control plane on %s is open to anyone who can reach it (--open-control): "
            "they can read every request and change every answer",
            settings.host,
        )
        return settings
    token = secrets.token_urlsafe(24)
    log.warning(
        "mockgw: control plane token (Authorization: Bearer): %s\n"
        "        set MOCKGW_ADMIN_TOKEN (or --admin-token) to choose it; the pytest plugin reads it too",
        token,
    )
    return settings.model_copy(update={"admin_token": token})


def serve(settings: Settings) -> None:
    """The CLI's foreground server: stops gracefully on SIGTERM/SIGINT and exits 0.
    Raises InvalidFile, before listening, when a scenario or accounts file is missing or invalid."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = with_admin_token(settings)
    state = State(settings)
    app = serving_app(state)
    if settings.watch:
        threading.Thread(target=_watch, args=(settings, state), daemon=True).start()
    # Everything built so far lives as long as the process: keep the collector from rescanning it,
    # which otherwise shows up as tens of milliseconds at p99 under load.
    gc.freeze()
    names = [c.scenario.name for c in state.library.files]
    log.info("mockgw %s scenario(s): %s", len(names), ", ".join(names))
    run_foreground(app, settings)


def run_foreground(app: Any, settings: Settings) -> None:
    GracefulServer(_uvicorn_config(app, settings, "info")).run()
