"""Where a server's latency tail under many connections comes from, counted on the server's own CPU
clock so that other processes on a shared machine do not count.

    .venv/bin/python bench/tail.py [--connections 64] [--seconds 6] [--rounds 3] [--format anthropic]

Runs `mockgw serve` (through mockgw.server.serve, so with its settings and gc.freeze()) and the
bare reference, each wrapped in an ASGI probe that records, for every chat response, the
connection and the server's CPU clock (time.thread_time), and for every garbage collection its
generation and CPU time. Loads each with wrk (the bench request, as bench/run.py sends it), in
alternating rounds, and prints, per server (median over rounds):

  wrk p50, p99          wall clock, as bench/run.py reports it: includes any time the server
                        process waited for a CPU that another process had
  server CPU p50, p99   the server's CPU time between two consecutive responses on one connection:
                        a request's latency as the server's own work makes it (the queue of the
                        other connections, garbage collection, everything the process ran)
  served between, max   responses the server sent between two on one connection: 2 x connections
                        at most when no connection is starved
  gc generation N       collections per 1,000 responses and CPU per collection
  waiting for a CPU     share of the rounds' wall time the server was runnable but not running

On an idle machine wrk's figures approach the CPU ones; the CPU figures hold on a busy one.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import statistics
import sys
import time
import urllib.request
from collections import defaultdict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ASGI = Callable[[Any, Any, Any], Awaitable[None]]
PROBE_PATH = "/_tail"
CHAT_PATHS = ("/v1/messages", "/api/v1/chat/completions")


class Probe:
    """ASGI wrapper: (connection, CPU clock) per chat response, (generation, CPU) per collection.
    GET /_tail hands over what was recorded since the last GET."""

    def __init__(self, app: ASGI) -> None:
        self.app = app
        self.responses: list[tuple[str, float]] = []
        self.collections: list[tuple[int, float]] = []
        self._gc_start = 0.0
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        now = time.thread_time()
        if phase == "start":
            self._gc_start = now
        else:
            self.collections.append((info["generation"], now - self._gc_start))

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == PROBE_PATH:
            body = json.dumps({"responses": self.responses, "collections": self.collections}).encode()
            self.responses, self.collections = [], []
            headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)
        if scope["type"] == "http" and scope["path"] in CHAT_PATHS:
            host, port = scope["client"]
            self.responses.append((f"{host}:{port}", time.thread_time()))


def serve_probed(name: str, port: int, accounts: Path | None) -> None:
    """The server side: run `name` with the probe around its app, in this process."""
    if name == "mockgw":
        import mockgw.server
        from mockgw.settings import Settings

        create_app = mockgw.server.create_app
        mockgw.server.create_app = lambda **kw: Probe(create_app(**kw))  # type: ignore[assignment]
        loop = os.environ.get("MOCKGW_EVENT_LOOP", "asyncio")  # as `mockgw serve` and the reference read it
        mockgw.server.serve(Settings(port=port, accounts=accounts, event_loop=loop))
    else:
        import reference

        reference.serve(Probe(reference.create_app(reference.default_replies())), "127.0.0.1", port)


# --- the driver --------------------------------------------------------------------------------------


def fetch_probe(port: int) -> dict[str, Any]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{PROBE_PATH}", timeout=30) as resp:
        return json.loads(resp.read())  # type: ignore[no-any-return]


def analyse(recorded: dict[str, Any]) -> dict[str, float]:
    by_conn: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, (conn, cpu) in enumerate(recorded["responses"]):
        by_conn[conn].append((i, cpu))
    cpu_ms, served = [], []
    for seq in by_conn.values():
        for (i0, c0), (i1, c1) in itertools.pairwise(seq):
            cpu_ms.append((c1 - c0) * 1000)
            served.append(i1 - i0)
    from load import percentile

    out = {
        "cpu p50": percentile(cpu_ms, 50),
        "cpu p99": percentile(cpu_ms, 99),
        "served max": float(max(served, default=0)),
    }
    responses = len(recorded["responses"]) or 1
    for gen in (0, 1, 2):
        pauses = [cpu * 1000 for g, cpu in recorded["collections"] if g == gen]
        out[f"gc{gen} per 1000"] = 1000 * len(pauses) / responses
        out[f"gc{gen} median"] = statistics.median(pauses) if pauses else 0.0
        out[f"gc{gen} max"] = max(pauses, default=0.0)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--seconds", type=int, default=6, help="per round and server")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--format", choices=("anthropic", "openai"), default="anthropic")
    p.add_argument("--serve", choices=("mockgw", "reference"), help=argparse.SUPPRESS)
    p.add_argument("--port", type=int, help=argparse.SUPPRESS)
    p.add_argument("--accounts", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.serve:
        serve_probed(args.serve, args.port, args.accounts)
        return 0

    import shutil
    import tempfile

    if shutil.which("wrk") is None:
        print("tail.py needs wrk: apt-get install -y wrk", file=sys.stderr)
        return 2
    from load import Loader, chat_body, request_headers
    from report import Row, log, table
    from servers import LOAD_CPUS, Server, free_port, running, write_accounts

    if LOAD_CPUS:
        os.sched_setaffinity(0, LOAD_CPUS)
    fmt, conns = args.format, args.connections
    results: dict[str, list[dict[str, float]]] = {"mockgw": [], "reference": []}
    with tempfile.TemporaryDirectory(prefix="mockgw-tail-") as tmp:
        workdir = Path(tmp)
        accounts = write_accounts(workdir)
        loader = Loader("wrk", workdir)
        probed = {}
        for name in results:
            port = free_port()
            argv = [
                sys.executable,
                __file__,
                "--serve",
                name,
                "--port",
                str(port),
                "--accounts",
                str(accounts),
            ]
            probed[name] = Server(f"{name}-probed", argv, port, workdir)
        with running(probed["mockgw"]) as mock, running(probed["reference"]) as ref:
            for server in (mock, ref):
                loader.run(server.port, "/v1/messages", chat_body(False), request_headers("anthropic"), 16, 2)
            for i in range(args.rounds):
                for server in (mock, ref):
                    log(f"{server.name}: c={conns} {fmt}, round {i + 1} ({args.seconds}s)")
                    fetch_probe(server.port)
                    waited, t0 = server.cpu_wait(), time.perf_counter()
                    path = "/v1/messages" if fmt == "anthropic" else "/api/v1/chat/completions"
                    r = loader.run(
                        server.port, path, chat_body(False), request_headers(fmt), conns, args.seconds
                    )
                    share = (server.cpu_wait() - waited) / (time.perf_counter() - t0)
                    figures = analyse(fetch_probe(server.port))
                    figures.update({"wrk p50": r.p50_ms, "wrk p99": r.p99_ms, "cpu wait": 100 * share})
                    results[server.name.split("-")[0]].append(figures)
    med = {
        name: {k: statistics.median(f[k] for f in rounds) for k in rounds[0]}
        for name, rounds in results.items()
    }

    def row(metric: str, key: str, unit: str) -> Row:
        return Row(metric, med["mockgw"][key], med["reference"][key], unit)

    rows = [
        row("wrk: p50", "wrk p50", "ms"),
        row("wrk: p99", "wrk p99", "ms"),
        row("server CPU between two responses on a connection: p50", "cpu p50", "ms"),
        row("server CPU between two responses on a connection: p99", "cpu p99", "ms"),
        Row(
            "server CPU: p99 / p50",
            med["mockgw"]["cpu p99"] / med["mockgw"]["cpu p50"],
            med["reference"]["cpu p99"] / med["reference"]["cpu p50"],
            "x",
        ),
        row(f"responses served between two on a connection: max (fair: <= {2 * conns})", "served max", ""),
    ]
    for gen in (0, 1, 2):
        rows.append(row(f"gc generation {gen}: collections per 1,000 responses", f"gc{gen} per 1000", ""))
        rows.append(row(f"gc generation {gen}: CPU per collection, median", f"gc{gen} median", "ms"))
        rows.append(row(f"gc generation {gen}: CPU per collection, max", f"gc{gen} max", "ms"))
    rows.append(row("server waiting for a CPU", "cpu wait", "%"))
    print(
        f"c={conns} {fmt}, {args.rounds} alternating round(s) of {args.seconds}s a server,"
        f" medians over rounds; 1-min load average {os.getloadavg()[0]:.2f}"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
