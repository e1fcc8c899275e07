"""Record-on-miss: mockgw answers what its scenarios answer; the rest is forwarded and recorded.

An ASGI wrapper in front of the ordinary app (`mockgw serve --record-missing --upstream URL`, and the
pytest fixture's `--mockgw-record`). For a chat request it decodes the body and asks the request's
namespace whether a script would answer it: a named or active scenario, or one whose match rules
pick it and that has the turn. If so the app answers as always; if not, the request goes upstream,
the answer is streamed back and written as a scenario file, and the files are loaded again so the
next identical request is replayed; except a client retrying a request that just got an error,
which goes upstream again (its retry story is being recorded). Recorded requests are journaled.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mockgw.app import CHAT_ROUTES, NAMESPACE_PREFIX, App
from mockgw.domain import ChatRequest
from mockgw.exchange import read_headers
from mockgw.files import InvalidFile
from mockgw.journal import Entry
from mockgw.record.proxy import Upstream, read_or_answer, record_safely, recorder_for
from mockgw.record.scenario import Recorded, Recorder, Seen, decode
from mockgw.scenario.engine import Script
from mockgw.scenario.loader import SUFFIXES
from mockgw.scenario.model import Outcome
from mockgw.settings import Settings
from mockgw.state import Namespace, State, load_scenarios
from mockgw.writer import Report

log = logging.getLogger("mockgw")


def recordings_dir(settings: Settings) -> Path:
    """--recordings, or else the first --scenarios folder."""
    if settings.recordings is not None:
        return settings.recordings
    folder = next((p for p in settings.scenarios if p.suffix not in SUFFIXES), None)
    if folder is None:
        raise ValueError(
            "--record-missing needs a folder to write to: --recordings DIR or a --scenarios folder"
        )
    return folder


def recording_app(app: App, state: State) -> ASGIApp:
    """mockgw in front of the upstream: what no scenario answers is forwarded and recorded."""
    settings = state.settings
    if not settings.upstream:
        raise ValueError("--record-missing needs --upstream URL: the gateway to record from")
    out = recordings_dir(settings)
    # Served from (serve --record-missing): what is there is replayed, new recordings are added to it
    # and loaded. Not served from (pytest --mockgw-record): everything unscripted is recorded afresh.
    served = any(out.resolve() in (p.resolve(), *p.resolve().parents) for p in settings.scenarios)
    recorder = recorder_for(settings, out, replace=not served)
    return RecordMissing(app, state, Upstream(settings.upstream, settings.upstream_key), recorder, served)


class RecordMissing:
    def __init__(self, app: App, state: State, upstream: Upstream, recorder: Recorder, reload: bool) -> None:
        self.app = app
        self.state = state
        self.upstream = upstream
        self.recorder = recorder
        self.reload = reload
        self._reloading = asyncio.Lock()  # one load at a time, each after its own write: the last has all

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        ns, path = self._route(scope["path"])
        wire = CHAT_ROUTES.get(path) if ns is not None else None
        if ns is None or wire is None:
            await self.app(scope, receive, send)
            return
        body = await read_or_answer(scope, receive, send, ns.settings)
        if body is None:
            return
        req = decode(wire, body, scope["headers"], ns.settings.validation == "loose")
        if req is None or (self._scripted(ns, scope, req) and not self.recorder.retrying(wire, body)):
            await self.app(scope, _replaying(body, receive), send)
            return
        arrived = ns.clock.now()
        self.recorder.redactor.learn_headers(scope["headers"])
        seen = Seen(wire, body, scope["headers"], time.monotonic())
        await self.upstream.forward(scope, path, body, receive, send, seen)
        recorded = record_safely(self.recorder, seen)
        self._journal(ns, Entry(arrived, "POST", path, scope["headers"], wire.NAME), seen, req, recorded)
        if recorded is not None and self.reload:
            await self._load_again()

    async def _load_again(self) -> None:
        """The scenario files again, read off the event loop, so the new recording replays from now on."""
        async with self._reloading:
            try:
                scenarios = await asyncio.to_thread(load_scenarios, self.state.settings)
            except InvalidFile as exc:
                log.error("mockgw record: the recordings no longer load, keeping the last good set:\n%s", exc)
                return
            self.state.library.replace(scenarios)

    def _route(self, path: str) -> tuple[Namespace | None, str]:
        """The request's namespace and its path within it, as the app reads them."""
        if not path.startswith(NAMESPACE_PREFIX):
            return self.state.default, path
        name, _, rest = path[len(NAMESPACE_PREFIX) :].partition("/")
        return self.state.namespace(name), "/" + rest

    @staticmethod
    def _scripted(ns: Namespace, scope: Scope, req: ChatRequest) -> bool:
        """Whether a scenario answers this request: named, active, or matched and scripting its turn."""
        given = read_headers(scope["headers"])
        if "x-mockgw-scenario" in given or ns.engine.active:
            return True
        found = ns.engine.matching(req, given.get("x-mockgw-test-id"))
        return found is not None and req.turn < len(found.scenario.turns)

    @staticmethod
    def _journal(
        ns: Namespace, entry: Entry, seen: Seen, req: ChatRequest, recorded: Recorded | None
    ) -> None:
        entry.status, entry.raw_body = seen.status, seen.body
        if recorded is not None:
            entry.scenario, entry.turn = recorded.name, recorded.turn + 1
            script = Script(Outcome.model_validate(recorded.outcome), recorded.name, recorded.turn)
            entry.outcome = script.play(req, ns.settings.seed)
        if seen.stream:
            entry.stream_events = len(seen.events)
        ending = "client_disconnected" if seen.client_left else "complete" if seen.complete else "disconnect"
        ns.journal.add(entry, Report(len(seen.events), ending, seen.client_left))


def _replaying(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body already read, then whatever the connection says next."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
