"""The bench request, the two loaders (wrk; the asyncio fallback) and the measurements made with them:
non-streamed throughput and latency, streamed replies/s, TTFB and total time, pacing.

The x-api-key of the requests changes every KEY_ROTATION requests (per wrk thread, or per
connection of the fallback loader): mockgw rate-limits per credential (5,000 requests/hour on the
enterprise plan, which the bench's accounts file gives every unknown key), and the bench measures
that default, faithful configuration rather than --lenient. See bench/README.md.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from http1 import (
    HOST,
    Timing,
    connection,
    dechunk,
    raw_request,
    read_events,
    read_head,
    run_async,
    timed_request,
)
from plan import Plan
from report import BenchError, Results, Row, log
from servers import LOAD_CPUS, Server, pinned

MODEL = "qwen-coder-32b"
KEY_PREFIX = "sk_bench"
KEY_ROTATION = 1000  # requests per key and load thread: far below the plan's hourly limit
PATHS = {"anthropic": "/v1/messages", "openai": "/api/v1/chat/completions"}
REF_STREAM_PATHS = {"anthropic": "/stream/v1/messages", "openai": "/stream/api/v1/chat/completions"}
FORMAT_HEADERS = {"anthropic": {"anthropic-version": "2023-06-01"}, "openai": {}}
BENCH_TEXT = "Say hello"  # the docs' quick start: matched by the shipped `hello` scenario
STREAM_DELTAS = 200
CHUNK = "abcdefg "  # 8 characters a delta


# --- the bench request -----------------------------------------------------------------------------


def chat_body(stream: bool) -> bytes:
    body: dict[str, Any] = {
        "model": MODEL,
        "max_tokens": 1024,
        "messages": [{"role": "user", "content": BENCH_TEXT}],
    }
    if stream:
        body["stream"] = True
    return json.dumps(body, separators=(",", ":")).encode()


def request_headers(fmt: str, scenario: str | None = None) -> dict[str, str]:
    headers = {"content-type": "application/json", **FORMAT_HEADERS[fmt]}
    if scenario:
        headers["x-mockgw-scenario"] = scenario
    return headers


class Keys:
    """Distinct credentials: a new one every KEY_ROTATION requests."""

    def __init__(self, run: str) -> None:
        self.run = run
        self.count = 0

    def next(self, lane: int = 0) -> str:
        self.count += 1
        return f"{KEY_PREFIX}_{self.run}_{lane}_{self.count // KEY_ROTATION}"


def scenario_yaml(name: str, deltas: int, ttft_ms: int = 0, delay_ms: int = 0) -> str:
    stream = f"{{chunk_chars: {len(CHUNK)}, ttft_ms: {ttft_ms}, delay_ms: {delay_ms}}}"
    return (
        f"name: {name}\n"
        f"description: bench - {deltas} text deltas of {len(CHUNK)} characters\n"
        "turns:\n"
        "  - reply:\n"
        "      content:\n"
        f'        - text: "{CHUNK * deltas}"\n'
        f"      stream: {stream}\n"
    )


def series(port: int, path: str, body: bytes, headers: dict[str, str], count: int, run: str) -> list[Timing]:
    """count requests one after the other on one connection, each timed."""
    keys = Keys(run)
    out = []
    with connection(port) as sock:
        for _ in range(count):
            t = timed_request(sock, raw_request(port, path, body, headers, keys.next()))
            if t.status != 200:
                raise BenchError(f"POST {path} -> {t.status}: {t.body[:300]!r}")
            out.append(t)
    return out


def capture_replies(port: int, folder: Path) -> dict[str, int]:
    """What mockgw answers to the bench requests: the reference sends the same bytes."""
    folder.mkdir(exist_ok=True)
    sizes = {}
    with connection(port) as sock:
        for fmt, path in PATHS.items():
            keys = Keys(f"capture{fmt}")
            plain = timed_request(
                sock, raw_request(port, path, chat_body(False), request_headers(fmt), keys.next())
            )
            streamed = timed_request(
                sock,
                raw_request(port, path, chat_body(True), request_headers(fmt, "bench-stream"), keys.next()),
            )
            for t in (plain, streamed):
                if t.status != 200:
                    raise BenchError(f"capture POST {path} -> {t.status}: {t.body[:300]!r}")
            sse = dechunk(streamed.body)
            deltas = sse.count(b'"text_delta"') + sse.count(b'"content":"' + CHUNK.encode())
            if deltas != STREAM_DELTAS:
                raise BenchError(f"bench-stream gave {deltas} text deltas on {fmt}, expected {STREAM_DELTAS}")
            (folder / f"{fmt}.json").write_bytes(plain.body)
            (folder / f"{fmt}.sse").write_bytes(sse)
            sizes[f"{fmt}.json"] = len(plain.body)
            sizes[f"{fmt}.sse"] = len(sse)
            sizes[f"{fmt}.sse events"] = sse.count(b"\n\n")
    return sizes


# --- the loaders -----------------------------------------------------------------------------------

WRK_SCRIPT = r"""-- generated by bench/load.py
local run, rotate = "%(run)s", %(rotate)d
local lanes = 0
function setup(thread)
  lanes = lanes + 1
  thread:set("lane", lanes)
end
wrk.method = "POST"
wrk.body = [==[%(body)s]==]
%(headers)s
local count, key_index, req = 0, -1, nil
function request()
  count = count + 1
  local k = math.floor(count / rotate)
  if k ~= key_index then  -- a fresh credential every `rotate` requests; the request text is cached
    key_index = k
    wrk.headers["x-api-key"] = "%(prefix)s_" .. run .. "_" .. lane .. "_" .. k
    req = wrk.format()
  end
  return req
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%%d,"duration_us":%%d,"bytes":%%d,"connect":%%d,"read":%%d,"write":%%d,' ..
    '"status":%%d,"timeout":%%d,"p50_us":%%d,"p99_us":%%d,"mean_us":%%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
"""


@dataclass
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    status_errors: int = 0
    socket_errors: int = 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def check(self, what: str) -> LoadResult:
        """Raise on non-2xx answers or no answer at all; warn on socket errors."""
        if self.status_errors:
            raise BenchError(f"{what}: {self.status_errors} non-2xx answers")
        if self.socket_errors:
            log(f"warning: {what}: {self.socket_errors} socket errors")
        if self.requests == 0:
            raise BenchError(f"{what}: no request completed")
        return self


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


@dataclass
class Loader:
    kind: str  # "wrk" or "python"
    workdir: Path
    runs: int = 0

    def describe(self) -> str:
        return (
            "wrk, 1 thread"
            if self.kind == "wrk"
            else "python asyncio fallback (figures bounded by the client)"
        )

    def run(
        self,
        port: int,
        path: str,
        body: bytes,
        headers: dict[str, str],
        connections: int,
        duration: float,
    ) -> LoadResult:
        self.runs += 1
        tag = f"r{self.runs}"
        if self.kind == "wrk":
            return self._wrk(port, path, body, headers, connections, duration, tag)
        return python_load(port, path, body, headers, connections, duration=duration, run=tag)

    def _wrk(
        self,
        port: int,
        path: str,
        body: bytes,
        headers: dict[str, str],
        conns: int,
        duration: float,
        tag: str,
    ) -> LoadResult:
        script = self.workdir / f"wrk-{tag}.lua"
        header_lines = "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in headers.items())
        script.write_text(
            WRK_SCRIPT
            % {
                "run": tag,
                "rotate": KEY_ROTATION,
                "body": body.decode(),
                "headers": header_lines,
                "prefix": KEY_PREFIX,
            }
        )
        cmd = ["wrk", "-t1", f"-c{conns}", f"-d{max(1, round(duration))}s", "--timeout", "10s"]
        cmd += ["-s", str(script), f"http://{HOST}:{port}{path}"]
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=duration + 60, preexec_fn=pinned(LOAD_CPUS)
        )
        line = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
        if proc.returncode != 0 or line is None:
            raise BenchError(f"wrk failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        r = json.loads(line.split(" ", 1)[1])
        return LoadResult(
            requests=r["requests"],
            seconds=r["duration_us"] / 1e6,
            p50_ms=r["p50_us"] / 1000,
            p99_ms=r["p99_us"] / 1000,
            status_errors=r["status"],
            socket_errors=r["connect"] + r["read"] + r["write"] + r["timeout"],
        )


def python_load(
    port: int,
    path: str,
    body: bytes,
    headers: dict[str, str],
    connections: int,
    duration: float | None = None,
    total: int | None = None,
    run: str = "py",
) -> LoadResult:
    """The fallback load loop: `connections` kept-alive connections, each one request at a time."""

    async def main() -> LoadResult:
        latencies: list[float] = []
        errors = {"status": 0, "socket": 0}
        sent = 0
        t_start = time.perf_counter()
        deadline = t_start + (duration or 1e9)

        async def lane(n: int) -> None:
            nonlocal sent
            keys = Keys(run)
            reader, writer = await asyncio.open_connection(HOST, port)
            try:
                while time.perf_counter() < deadline and (total is None or sent < total):
                    sent += 1
                    request = raw_request(port, path, body, headers, keys.next(n))
                    t = time.perf_counter()
                    writer.write(request)
                    status, length = await read_head(reader)
                    await read_events(reader, length)
                    latencies.append(time.perf_counter() - t)
                    if status >= 300:
                        errors["status"] += 1
            except (OSError, asyncio.IncompleteReadError):
                errors["socket"] += 1
            finally:
                writer.close()

        await asyncio.gather(*(lane(n) for n in range(connections)))
        seconds = time.perf_counter() - t_start
        latencies.sort()
        return LoadResult(
            requests=len(latencies),
            seconds=seconds,
            p50_ms=percentile(latencies, 50) * 1000,
            p99_ms=percentile(latencies, 99) * 1000,
            status_errors=errors["status"],
            socket_errors=errors["socket"],
        )

    return run_async(main())


# --- the measurements ------------------------------------------------------------------------------


@dataclass
class Round:
    """One server's share of a throughput cell: how long it waited for a CPU, and how long it ran."""

    result: LoadResult
    seconds: float
    cpu_wait: float
    cpu_time: float

    @property
    def cpu_wait_share(self) -> float:
        return self.cpu_wait / self.seconds if self.seconds else 0.0

    @property
    def cpu_us_per_request(self) -> float:
        """The server's own cost of a request: steadier than req/s on a machine shared with others."""
        return 1e6 * self.cpu_time / self.result.requests if self.result.requests else 0.0


def run_round(loader: Loader, server: Server, fmt: str, conns: int, seconds: float) -> Round:
    waited, ran, t0 = server.cpu_wait(), server.cpu_time(), time.perf_counter()
    r = loader.run(server.port, PATHS[fmt], chat_body(False), request_headers(fmt), conns, seconds)
    elapsed = time.perf_counter() - t0
    r.check(f"{server.name} {PATHS[fmt]} c={conns}")
    return Round(r, elapsed, server.cpu_wait() - waited, server.cpu_time() - ran)


def median_of(rounds: list[Round], pick: Callable[[LoadResult], float]) -> float:
    return statistics.median(pick(r.result) for r in rounds)


def measure_throughput(out: Results, plan: Plan, loader: Loader, mock: Server, ref: Server) -> None:
    """Each cell alternates the servers in rounds; each figure is the median over a server's rounds,
    so that one round hit by another process's CPU use does not make the row."""
    if plan.warmup:
        log(f"warm-up: {plan.warmup:g}s of load on the reference")
        for fmt, path in PATHS.items():
            loader.run(ref.port, path, chat_body(False), request_headers(fmt), 16, plan.warmup / 2)
    seconds = plan.duration / plan.rounds
    for fmt, path in PATHS.items():
        for conns in plan.connections:
            rounds: dict[str, list[Round]] = {"mockgw": [], "reference": []}
            for i in range(plan.rounds):  # alternating: drift in a shared machine hits both alike
                for server in (mock, ref):
                    log(f"non-streamed {path} c={conns} on {server.name}, round {i + 1} ({seconds:g}s)")
                    rounds[server.name].append(run_round(loader, server, fmt, conns, seconds))
                    if server is mock:
                        out.mockgw_requests += rounds["mockgw"][-1].result.requests
            cell = f"{fmt} c={conns}"
            out.extra[f"rounds {cell}"] = {
                name: [
                    {
                        "req/s": round(r.result.rps),
                        "p50_ms": r.result.p50_ms,
                        "p99_ms": r.result.p99_ms,
                        "cpu_wait_share": round(r.cpu_wait_share, 4),
                        "cpu_us_per_request": round(r.cpu_us_per_request, 1),
                    }
                    for r in v
                ]
                for name, v in rounds.items()
            }
            m, f = rounds["mockgw"], rounds["reference"]
            m_rps, f_rps = median_of(m, lambda r: r.rps), median_of(f, lambda r: r.rps)
            gated = conns in (16, 64)
            ratio = m_rps / f_rps if f_rps else 0.0
            out.add(
                Row(
                    f"non-streamed {fmt} c={conns}: req/s",
                    m_rps,
                    f_rps,
                    "req/s",
                    ">= 0.6x ref" if gated else "",
                    ratio >= 0.6 if gated else None,
                )
            )
            for label, pick in (("p50", lambda r: r.p50_ms), ("p99", lambda r: r.p99_ms)):
                out.add(Row(f"non-streamed {cell}: {label}", median_of(m, pick), median_of(f, pick), "ms"))
            cpu = {name: statistics.median(r.cpu_us_per_request for r in v) for name, v in rounds.items()}
            out.add(
                Row(f"non-streamed {cell}: server CPU per request", cpu["mockgw"], cpu["reference"], "us")
            )
            waits = {name: 100 * statistics.median(r.cpu_wait_share for r in v) for name, v in rounds.items()}
            out.add(
                Row(
                    f"non-streamed {cell}: server waiting for a CPU", waits["mockgw"], waits["reference"], "%"
                )
            )
            busy = [
                f"{name} round {i + 1}"
                for name, v in rounds.items()
                for i, r in enumerate(v)
                if r.cpu_wait_share > 0.02
            ]
            if busy:
                log(f"warning: {cell}: the server waited for a CPU more than 2% of {', '.join(busy)}")


def measure_streams(out: Results, plan: Plan, loader: Loader, mock: Server, ref: Server) -> None:
    conns = plan.stream_connections
    for fmt, path in PATHS.items():
        targets = {
            "mockgw": (mock.port, path, request_headers(fmt, "bench-stream")),
            "reference": (ref.port, REF_STREAM_PATHS[fmt], request_headers(fmt)),
        }
        results = {}
        for name, (port, p, headers) in targets.items():
            log(f"streamed {p} c={conns} on {name} ({plan.duration:g}s)")
            r = loader.run(port, p, chat_body(True), headers, conns, plan.duration)
            results[name] = r.check(f"{name} stream {p}")
            if name == "mockgw":
                out.mockgw_requests += r.requests
        m, f = results["mockgw"], results["reference"]
        ratio = m.rps / f.rps if f.rps else 0.0
        out.add(
            Row(
                f"streamed {fmt} ({STREAM_DELTAS} deltas) c={conns}: replies/s",
                m.rps,
                f.rps,
                "/s",
                ">= 4x ref",
                ratio >= 4,
            )
        )
        timings = {}
        for name, (port, p, headers) in targets.items():
            timings[name] = series(port, p, chat_body(True), headers, plan.ttfb_requests, f"ttfb{fmt}{name}")
            if name == "mockgw":
                out.mockgw_requests += plan.ttfb_requests
        pickers: tuple[tuple[str, Callable[[Timing], float]], ...] = (
            ("TTFB", lambda t: t.ttfb),
            ("total", lambda t: t.total),
        )
        for label, pick in pickers:
            values = {name: statistics.median(pick(t) for t in ts) * 1000 for name, ts in timings.items()}
            out.add(Row(f"streamed {fmt} c=1: {label} median", values["mockgw"], values["reference"], "ms"))


def idle_wake_ms(port: int, count: int) -> float:
    """Median TTFB of a plain request sent after 200 ms of quiet: what waking an idle server and
    client costs on this machine. A paced stream's first event comes after such a quiet spell too."""
    keys = Keys("idle")
    ttfbs = []
    with connection(port) as sock:
        for _ in range(count):
            time.sleep(0.2)
            request = raw_request(
                port, PATHS["anthropic"], chat_body(False), request_headers("anthropic"), keys.next()
            )
            ttfbs.append(timed_request(sock, request).ttfb * 1000)
    return statistics.median(ttfbs)


def measure_pacing(out: Results, plan: Plan, mock: Server) -> None:
    out.add(
        Row(
            "idle wake-up: plain request's TTFB after 200 ms quiet (median)",
            idle_wake_ms(mock.port, plan.paced_requests),
            unit="ms",
        )
    )
    mock.upload(scenario_yaml("bench-paced", 20, ttft_ms=200, delay_ms=20))
    for fmt, path in PATHS.items():
        log(f"paced stream (ttft 200 ms, 20 ms gaps) on {path}, {plan.paced_requests} requests")
        timings = series(
            mock.port,
            path,
            chat_body(True),
            request_headers(fmt, "bench-paced"),
            plan.paced_requests,
            f"pace{fmt}",
        )
        ttft = statistics.median(t.events[0] for t in timings) * 1000
        gaps = [(e2 - e1) * 1000 for t in timings for e1, e2 in zip(t.events, t.events[1:], strict=False)]
        gap = statistics.median(gaps)
        out.extra[f"paced_{fmt}"] = {
            "ttft_ms": [t.events[0] * 1000 for t in timings],
            "gap_p99_ms": percentile(gaps, 99),
        }
        out.add(
            Row(
                f"paced {fmt}: TTFT median (script: 200 ms)",
                ttft,
                unit="ms",
                target="200 ± 3 ms",
                met=abs(ttft - 200) <= 3,
            )
        )
        out.add(
            Row(
                f"paced {fmt}: inter-event gap median (script: 20 ms)",
                gap,
                unit="ms",
                target="20 ± 3 ms",
                met=abs(gap - 20) <= 3,
            )
        )
