"""Run mockgw with uvicorn: in-process on a thread (tests, notebooks) or in the foreground (CLI)."""

from __future__ import annotations

import gc
import logging
import socket
import threading
import time
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
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        access_log=False,
        lifespan="off",
        ws="none",  # no websocket routes: skips importing the websockets package at start
        server_header=False,  # a gateway does not announce uvicorn; every header costs on every response
        proxy_headers=False,  # nothing here reads the client address
        timeout_graceful_shutdown=1,
    )


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
        super().__init__("http://127.0.0.1:0", api_key)

    def start(self) -> MockGateway:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.settings.host, 0))
        host, port = sock.getsockname()[:2]
        self.url = f"http://{host}:{port}"
        self._server = uvicorn.Server(_uvicorn_config(create_app(state=self.state), self.settings, "warning"))
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
            state.engine.replace_files(load_scenarios(settings))
            log.warning("mockgw: scenarios reloaded (%d)", len(state.engine.files))
        except InvalidFile as exc:
            log.warning("mockgw: scenario change refused, keeping the last good set:\n%s", exc)


def serve(settings: Settings) -> None:
    """The CLI's foreground server: stops on SIGTERM/SIGINT (uvicorn's handlers).
    Raises InvalidFile, before listening, when a scenario or accounts file is missing or invalid."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    state = State(settings)
    if settings.watch:
        threading.Thread(target=_watch, args=(settings, state), daemon=True).start()
    # Everything built so far lives as long as the process: keep the collector from rescanning it,
    # which otherwise shows up as tens of milliseconds at p99 under load.
    gc.freeze()
    names = ", ".join(state.engine.names())
    log.info("mockgw %s scenario(s): %s", len(state.engine.names()), names)
    uvicorn.Server(_uvicorn_config(create_app(state=state), settings, "info")).run()
