"""Benchmark mockgw against a bare Starlette reference (bench/reference.py), in the same run.

    .venv/bin/python bench/run.py [--quick] [--json out.json] [--loader auto|wrk|python]

Starts `mockgw serve` and bench/reference.py as subprocesses on free loopback ports, measures
both, prints a table (mockgw, reference, ratio, target) and exits 0. Exit 1: a measurement went
wrong (non-2xx answers, streams that did not complete, a server that did not start). Exit 2: wrk
is missing (a full run needs it; `apt-get install -y wrk`).

Load comes from wrk (one thread, a generated Lua script for the POST body and headers). With
--quick and no wrk (CI), a small asyncio load loop in this file stands in, so the script is still
exercised end to end; its figures are bounded by the Python client and are marked as such.

The x-api-key of the requests changes every KEY_ROTATION requests (per wrk thread, or per
connection of the fallback loader): mockgw rate-limits per credential (5,000 requests/hour on the
enterprise plan, which the bench's accounts file gives every unknown key), and the bench measures
that default, faithful configuration rather than --lenient. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
HOST = "127.0.0.1"
MODEL = "qwen-coder-32b"
KEY_PREFIX = "sk_bench"
KEY_ROTATION = 1000  # requests per key and load thread: far below the plan's hourly limit
PATHS = {"anthropic": "/v1/messages", "openai": "/api/v1/chat/completions"}
REF_STREAM_PATHS = {"anthropic": "/stream/v1/messages", "openai": "/stream/api/v1/chat/completions"}
FORMAT_HEADERS = {"anthropic": {"anthropic-version": "2023-06-01"}, "openai": {}}
BENCH_TEXT = "Say hello"  # the docs' quick start: matched by the shipped `hello` scenario
STREAM_DELTAS = 200
CHUNK = "abcdefg "  # 8 characters a delta

INSTALL_WRK = """wrk is not installed; the full bench needs it:

    apt-get update && apt-get install -y wrk      # Debian/Ubuntu
    brew install wrk                              # macOS

(`--quick` runs without wrk, on a small asyncio load loop, for CI.)"""


@dataclass
class Plan:
    """How long and how much of each measurement; --quick shrinks everything."""

    quick: bool
    duration: float  # seconds per throughput cell and server
    rounds: int  # the cell's time is split into rounds that alternate mockgw and reference
    connections: tuple[int, ...]
    stream_connections: int
    warmup: float  # seconds of load before a server's first measured cell
    memory_batch: int  # requests per batch of the memory check
    ttfb_requests: int
    start_runs: int
    inproc_runs: int
    resets: int
    open_streams: int
    hold: dict[str, int]  # the stream shape that keeps open_streams open at once
    paced_requests: int

    @classmethod
    def make(cls, quick: bool) -> Plan:
        if quick:
            return cls(
                quick=True,
                duration=1,
                rounds=1,
                connections=(16,),
                stream_connections=16,
                warmup=0,
                memory_batch=400,
                ttfb_requests=10,
                start_runs=1,
                inproc_runs=1,
                resets=1000,
                open_streams=1000,
                hold={"ttft_ms": 700, "delay_ms": 50, "deltas": 4},
                paced_requests=1,
            )
        return cls(
            quick=False,
            duration=6,
            rounds=3,
            connections=(1, 16, 64),
            stream_connections=16,
            warmup=2,
            memory_batch=20_000,
            ttfb_requests=200,
            start_runs=5,
            inproc_runs=3,
            resets=1000,
            open_streams=1000,
            hold={"ttft_ms": 2000, "delay_ms": 100, "deltas": 20},
            paced_requests=10,
        )


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class BenchError(RuntimeError):
    """A measurement that went wrong (not a missed target)."""


# --- requests ------------------------------------------------------------------------------------


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


def raw_request(port: int, path: str, body: bytes, headers: dict[str, str], key: str) -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"host: {HOST}:{port}", f"x-api-key: {key}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"content-length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


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


# --- processes -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def cpus() -> tuple[set[int], set[int]]:
    """(server cpus, load cpus): one core for the server under test, the rest for the load."""
    try:
        mine = sorted(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return set(), set()
    if len(mine) < 2:
        return set(), set()
    return {mine[0]}, set(mine[1:])


SERVER_CPUS, LOAD_CPUS = cpus()


def pinned(cpu_set: set[int]) -> Callable[[], None] | None:
    if not cpu_set:
        return None
    return lambda: os.sched_setaffinity(0, cpu_set)


def http_ok(port: int, path: str = "/_mockgw/health") -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=1) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nhost: {HOST}\r\nconnection: close\r\n\r\n".encode())
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM ... of a process, in kB."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Vm"):
                name, value = line.split(":", 1)
                out[name] = int(value.split()[0])
    return out


class Server:
    def __init__(self, name: str, argv: list[str], port: int, logdir: Path) -> None:
        self.name, self.argv, self.port = name, argv, port
        self.log_path = logdir / f"{name}-{port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, timeout: float = 20) -> float:
        """Start, and return the seconds from spawning to the first 200 on /_mockgw/health."""
        with open(self.log_path, "ab") as logf:
            t0 = time.perf_counter()
            self.proc = subprocess.Popen(
                self.argv, stdout=logf, stderr=subprocess.STDOUT, preexec_fn=pinned(SERVER_CPUS)
            )
        while not http_ok(self.port):
            if self.proc.poll() is not None:
                raise BenchError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
            if time.perf_counter() - t0 > timeout:
                raise BenchError(
                    f"{self.name} did not answer /_mockgw/health within {timeout}s:\n{self.log_tail()}"
                )
            time.sleep(0.002)
        return time.perf_counter() - t0

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def memory(self) -> dict[str, int]:
        return proc_status(self.pid)


@contextmanager
def running(server: Server) -> Iterator[Server]:
    try:
        server.start()
        yield server
    finally:
        server.stop()


def mockgw_argv(port: int, accounts: Path) -> list[str]:
    exe = Path(sys.executable).parent / "mockgw"
    found = str(exe) if exe.exists() else shutil.which("mockgw")
    if not found:
        raise BenchError("the mockgw console script is not installed (pip install -e .)")
    return [found, "serve", "--port", str(port), "--accounts", str(accounts)]


def reference_argv(port: int, replies: Path | None) -> list[str]:
    argv = [sys.executable, str(HERE / "reference.py"), "--port", str(port)]
    return argv + (["--replies", str(replies)] if replies else [])


# --- one request, timed ----------------------------------------------------------------------------


@dataclass
class Timing:
    status: int
    ttfb: float  # seconds from sending to the first response byte
    events: list[float]  # seconds from sending to the end of each SSE event
    total: float  # seconds from sending to the last byte
    body: bytes


def _complete(buf: bytearray, head_end: int, length: int | None) -> bool:
    if length is not None:
        return len(buf) - head_end >= length
    return buf.endswith(b"\r\n0\r\n\r\n") or bytes(buf[head_end:]) == b"0\r\n\r\n"


def timed_request(sock: socket.socket, request: bytes) -> Timing:
    """Send one request on a kept-alive connection; time its first byte, SSE events and end."""
    t0 = time.perf_counter()
    sock.sendall(request)
    buf = bytearray()
    ttfb, head_end, length, scan, status = 0.0, -1, None, 0, 0
    events: list[float] = []
    while True:
        data = sock.recv(1 << 18)
        now = time.perf_counter() - t0
        if not data:
            raise BenchError("the server closed the connection mid-response")
        if not buf:
            ttfb = now
        buf += data
        if head_end < 0:
            i = buf.find(b"\r\n\r\n")
            if i < 0:
                continue
            head_end = scan = i + 4
            head = bytes(buf[:i]).decode("latin-1").lower()
            status = int(head[9:12])
            for line in head.split("\r\n")[1:]:
                if line.startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
        while (j := buf.find(b"\n\n", scan)) >= 0:
            events.append(now)
            scan = j + 2
        if _complete(buf, head_end, length):
            return Timing(status, ttfb, events, now, bytes(buf[head_end:]))


@contextmanager
def connection(port: int) -> Iterator[socket.socket]:
    sock = socket.create_connection((HOST, port), timeout=30)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        yield sock
    finally:
        sock.close()


def series(port: int, path: str, body: bytes, headers: dict[str, str], count: int, run: str) -> list[Timing]:
    keys = Keys(run)
    out = []
    with connection(port) as sock:
        for _ in range(count):
            t = timed_request(sock, raw_request(port, path, body, headers, keys.next()))
            if t.status != 200:
                raise BenchError(f"POST {path} -> {t.status}: {t.body[:300]!r}")
            out.append(t)
    return out


def dechunk(body: bytes) -> bytes:
    out, i = bytearray(), 0
    while True:
        j = body.index(b"\r\n", i)
        size = int(body[i:j], 16)
        if size == 0:
            return bytes(out)
        out += body[j + 2 : j + 2 + size]
        i = j + 2 + size + 2


def control(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers={"content-type": "application/json"} if body else {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def upload(port: int, yaml_text: str) -> None:
    status, answer = control(port, "POST", "/_mockgw/scenarios", yaml_text.encode())
    if status != 201:
        raise BenchError(f"scenario upload -> {status}: {answer[:500]!r}")


# --- load: wrk, or the asyncio fallback ------------------------------------------------------------

WRK_SCRIPT = r"""-- generated by bench/run.py
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


@dataclass
class Loader:
    kind: str  # "wrk" or "python"
    workdir: Path
    runs: int = 0

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


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, int]:
    """One HTTP/1.1 response: (status, SSE events in its body)."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    lower = head.lower()
    i = lower.find(b"content-length:")
    if i >= 0:
        length = int(lower[i + 15 : lower.index(b"\r\n", i)])
        body = await reader.readexactly(length)
        return status, body.count(b"\n\n")
    events = 0
    while True:
        size = int((await reader.readuntil(b"\r\n"))[:-2], 16)
        if size == 0:
            await reader.readexactly(2)
            return status, events
        events += (await reader.readexactly(size + 2)).count(b"\n\n")


def _event_loop() -> asyncio.AbstractEventLoop:
    try:
        import uvloop

        return uvloop.new_event_loop()
    except ImportError:
        return asyncio.new_event_loop()


def run_async(coro: Any) -> Any:
    """asyncio.run on uvloop when it is there (asyncio.Runner's loop_factory needs Python 3.11)."""
    loop = _event_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


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
                    status, _ = await _read_response(reader)
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


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


# --- the measurements ------------------------------------------------------------------------------


@dataclass
class Row:
    metric: str
    mockgw: float | None
    reference: float | None = None
    unit: str = ""
    target: str = ""
    met: bool | None = None  # None: no target
    ratio: float | None = None

    def __post_init__(self) -> None:
        if self.ratio is None and self.mockgw is not None and self.reference:
            self.ratio = self.mockgw / self.reference


@dataclass
class Bench:
    plan: Plan
    loader: Loader
    workdir: Path
    rows: list[Row] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    mockgw_requests: int = 0  # answered by the main mockgw process, for the memory rows

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def check(self, result: LoadResult, what: str) -> None:
        if result.status_errors:
            raise BenchError(f"{what}: {result.status_errors} non-2xx answers")
        if result.socket_errors:
            log(f"warning: {what}: {result.socket_errors} socket errors")
        if result.requests == 0:
            raise BenchError(f"{what}: no request completed")


def write_accounts(workdir: Path) -> Path:
    path = workdir / "accounts.yaml"
    path.write_text(
        "# every sk_bench_* key is unknown, so it gets the default plan\ndefault_plan: enterprise\n"
    )
    return path


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


def measure_throughput(b: Bench, mock: Server, ref: Server) -> None:
    plan = b.plan
    if plan.warmup:
        log(f"warm-up: {plan.warmup:g}s of load on the reference")
        for fmt, path in PATHS.items():
            b.loader.run(ref.port, path, chat_body(False), request_headers(fmt), 16, plan.warmup / 2)
    seconds = plan.duration / plan.rounds
    for fmt, path in PATHS.items():
        for conns in plan.connections:
            rounds: dict[str, list[LoadResult]] = {"mockgw": [], "reference": []}
            for i in range(plan.rounds):  # alternating: drift in a shared machine hits both alike
                for server in (mock, ref):
                    log(f"non-streamed {path} c={conns} on {server.name}, round {i + 1} ({seconds:g}s)")
                    r = b.loader.run(
                        server.port, path, chat_body(False), request_headers(fmt), conns, seconds
                    )
                    b.check(r, f"{server.name} {path} c={conns}")
                    rounds[server.name].append(r)
                    if server is mock:
                        b.mockgw_requests += r.requests
            b.extra[f"rounds {fmt} c={conns} req/s"] = {
                k: [round(r.rps) for r in v] for k, v in rounds.items()
            }
            m, f = median_round(rounds["mockgw"]), median_round(rounds["reference"])
            gated = conns in (16, 64)
            ratio = m.rps / f.rps if f.rps else 0.0
            b.add(
                Row(
                    f"non-streamed {fmt} c={conns}: req/s",
                    m.rps,
                    f.rps,
                    "req/s",
                    ">= 0.6x ref" if gated else "",
                    ratio >= 0.6 if gated else None,
                )
            )
            b.add(Row(f"non-streamed {fmt} c={conns}: p50", m.p50_ms, f.p50_ms, "ms"))
            b.add(Row(f"non-streamed {fmt} c={conns}: p99", m.p99_ms, f.p99_ms, "ms"))


def median_round(results: list[LoadResult]) -> LoadResult:
    return sorted(results, key=lambda r: r.rps)[len(results) // 2]


def measure_streams(b: Bench, mock: Server, ref: Server) -> None:
    plan = b.plan
    conns = plan.stream_connections
    for fmt, path in PATHS.items():
        targets = {
            "mockgw": (mock.port, path, request_headers(fmt, "bench-stream")),
            "reference": (ref.port, REF_STREAM_PATHS[fmt], request_headers(fmt)),
        }
        results = {}
        for name, (port, p, headers) in targets.items():
            log(f"streamed {p} c={conns} on {name} ({plan.duration:g}s)")
            r = b.loader.run(port, p, chat_body(True), headers, conns, plan.duration)
            b.check(r, f"{name} stream {p}")
            results[name] = r
            if name == "mockgw":
                b.mockgw_requests += r.requests
        m, f = results["mockgw"], results["reference"]
        ratio = m.rps / f.rps if f.rps else 0.0
        b.add(
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
                b.mockgw_requests += plan.ttfb_requests
        for label, pick in (("TTFB", lambda t: t.ttfb), ("total", lambda t: t.total)):
            values = {name: statistics.median(pick(t) for t in ts) * 1000 for name, ts in timings.items()}
            b.add(Row(f"streamed {fmt} c=1: {label} median", values["mockgw"], values["reference"], "ms"))


def measure_memory_batches(b: Bench, mock: Server) -> None:
    """RSS after a warm-up batch, and after a further batch of the same size: is memory flat?"""
    n = b.plan.memory_batch
    rss = []
    for batch in ("warm-up", "further"):
        log(f"memory: {batch} batch of {n} non-streamed requests on mockgw")
        for fmt, path in PATHS.items():
            r = python_load(
                mock.port,
                path,
                chat_body(False),
                request_headers(fmt),
                16,
                total=n // 2,
                run=f"mem{batch}{fmt}",
            )
            b.check(r, f"memory batch {path}")
            b.mockgw_requests += r.requests
        rss.append(mock.memory()["VmRSS"] / 1024)
    b.add(Row(f"RSS after warm-up ({n} requests)", rss[0], unit="MB"))
    b.add(Row(f"RSS after a further {n} requests", rss[1], unit="MB"))
    b.add(Row("RSS growth over the further batch", rss[1] - rss[0], unit="MB"))


def measure_process_start(b: Bench, accounts: Path, replies: Path) -> None:
    runs = b.plan.start_runs
    times: dict[str, list[float]] = {"mockgw": [], "reference": []}
    for _ in range(runs):
        for name in times:
            port = free_port()
            argv = mockgw_argv(port, accounts) if name == "mockgw" else reference_argv(port, replies)
            server = Server(f"{name}-start", argv, port, b.workdir)
            try:
                times[name].append(server.start() * 1000)
            finally:
                server.stop()
    med = {k: statistics.median(v) for k, v in times.items()}
    log(f"process start (ms): {times}")
    b.add(
        Row(
            f"process start -> first 200 /_mockgw/health (median of {runs})",
            med["mockgw"],
            med["reference"],
            "ms",
            "< 400 ms",
            med["mockgw"] < 400,
        )
    )


def measure_inprocess(b: Bench) -> None:
    runs = []
    for _ in range(b.plan.inproc_runs):
        proc = subprocess.run(
            [sys.executable, str(HERE / "inproc.py"), "--resets", str(b.plan.resets)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if proc.returncode != 0:
            raise BenchError(f"bench/inproc.py failed:\n{proc.stdout}\n{proc.stderr}")
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    b.extra["inprocess_runs"] = runs

    def med(pick: Callable[[dict[str, Any]], float]) -> float:
        return statistics.median(pick(r) for r in runs)

    late = sorted({m for r in runs for m in r["late_modules"]})
    if late:
        log(f"note: MockGateway.start() still imported {late}")
    start = med(lambda r: r["start_ms"])
    reset = med(lambda r: r["reset_ms"]["median"])
    b.add(
        Row(
            "in-process: import mockgw (+ uvicorn's lazy imports)",
            med(lambda r: r["import_ms"] + r["lazy_import_ms"]),
            unit="ms",
        )
    )
    b.add(
        Row(
            "in-process: MockGateway().start(), imports excluded",
            start,
            unit="ms",
            target="< 150 ms",
            met=start < 150,
        )
    )
    b.add(
        Row(
            f"per-test reset: gw.reset() median of {b.plan.resets}",
            reset,
            unit="ms",
            target="< 2 ms",
            met=reset < 2,
        )
    )
    b.add(
        Row(
            f"per-test reset: gw.reset() p99 of {b.plan.resets}",
            med(lambda r: r["reset_ms"]["p99"]),
            unit="ms",
        )
    )


def measure_open_streams(b: Bench, accounts: Path) -> None:
    """Peak RSS of a fresh mockgw holding open_streams streams open at once."""
    n, hold = b.plan.open_streams, b.plan.hold
    port = free_port()
    server = Server("mockgw-streams", mockgw_argv(port, accounts), port, b.workdir)
    with running(server):
        upload(port, scenario_yaml("bench-hold", hold["deltas"], hold["ttft_ms"], hold["delay_ms"]))
        idle = server.memory()["VmRSS"] / 1024
        log(f"{n} concurrent paced streams on a fresh mockgw (ttft {hold['ttft_ms']} ms)")
        result = _hold_streams(server, n, hold)
        hwm = server.memory()["VmHWM"] / 1024
    b.extra["open_streams"] = result
    if result["completed"] != n:
        raise BenchError(f"only {result['completed']} of {n} streams completed: {result['failures'][:3]}")
    if not result["all_open_at_once"]:
        log("warning: some streams ended before the last one opened; raise hold.ttft_ms")
    b.add(Row("RSS idle (fresh mockgw serve)", idle, unit="MB"))
    b.add(Row(f"RSS with {n} streams open at once (sampled)", result["rss_all_open_mb"], unit="MB"))
    b.add(
        Row(f"peak RSS (VmHWM) with {n} concurrent streams", hwm, unit="MB", target="< 120 MB", met=hwm < 120)
    )


def _hold_streams(server: Server, n: int, hold: dict[str, int]) -> dict[str, Any]:
    async def main() -> dict[str, Any]:
        opened = 0
        all_open = asyncio.Event()
        all_open_at = 0.0
        done_at: list[float] = []
        failures: list[str] = []
        rss_samples: list[float] = []

        async def one(i: int) -> None:
            nonlocal opened, all_open_at
            fmt = "anthropic" if i % 2 else "openai"
            req = raw_request(
                server.port,
                PATHS[fmt],
                chat_body(True),
                request_headers(fmt, "bench-hold"),
                f"{KEY_PREFIX}_hold_{i // 500}",
            )
            try:
                reader, writer = await asyncio.open_connection(HOST, server.port)
                writer.write(req)
                head = await reader.readuntil(b"\r\n\r\n")
                opened += 1
                if opened == n:
                    all_open_at = time.perf_counter()
                    all_open.set()
                status = int(head[9:12])
                events = 0
                while True:
                    size = int((await reader.readuntil(b"\r\n"))[:-2], 16)
                    if size == 0:
                        break
                    events += (await reader.readexactly(size + 2)).count(b"\n\n")
                done_at.append(time.perf_counter())
                writer.close()
                if status != 200 or events < hold["deltas"]:
                    failures.append(f"stream {i}: status {status}, {events} events")
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                failures.append(f"stream {i}: {type(exc).__name__}: {exc}")

        async def sample() -> None:
            await all_open.wait()
            rss_samples.append(server.memory()["VmRSS"] / 1024)

        sampler = asyncio.ensure_future(sample())
        tasks = []
        for i in range(n):
            tasks.append(asyncio.ensure_future(one(i)))
            if i % 100 == 99:
                await asyncio.sleep(0.01)  # let the server accept in batches
        await asyncio.gather(*tasks)
        sampler.cancel()
        return {
            "streams": n,
            "completed": n - len(failures),
            "failures": failures,
            "all_open_at_once": bool(done_at) and all_open.is_set() and all_open_at <= min(done_at),
            "rss_all_open_mb": rss_samples[0] if rss_samples else None,
        }

    return run_async(main())


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


def measure_pacing(b: Bench, mock: Server) -> None:
    b.add(
        Row(
            "idle wake-up: plain request's TTFB after 200 ms quiet (median)",
            idle_wake_ms(mock.port, b.plan.paced_requests),
            unit="ms",
        )
    )
    upload(mock.port, scenario_yaml("bench-paced", 20, ttft_ms=200, delay_ms=20))
    for fmt, path in PATHS.items():
        log(f"paced stream (ttft 200 ms, 20 ms gaps) on {path}, {b.plan.paced_requests} requests")
        timings = series(
            mock.port,
            path,
            chat_body(True),
            request_headers(fmt, "bench-paced"),
            b.plan.paced_requests,
            f"pace{fmt}",
        )
        ttft = statistics.median(t.events[0] for t in timings) * 1000
        gaps = [(e2 - e1) * 1000 for t in timings for e1, e2 in zip(t.events, t.events[1:], strict=False)]
        gap = statistics.median(gaps)
        b.extra[f"paced_{fmt}"] = {
            "ttft_ms": [t.events[0] * 1000 for t in timings],
            "gap_p99_ms": percentile(gaps, 99),
        }
        b.add(
            Row(
                f"paced {fmt}: TTFT median (script: 200 ms)",
                ttft,
                unit="ms",
                target="200 ± 3 ms",
                met=abs(ttft - 200) <= 3,
            )
        )
        b.add(
            Row(
                f"paced {fmt}: inter-event gap median (script: 20 ms)",
                gap,
                unit="ms",
                target="20 ± 3 ms",
                met=abs(gap - 20) <= 3,
            )
        )


# --- output ----------------------------------------------------------------------------------------


def fmt_value(v: float | None, unit: str) -> str:
    if v is None:
        return "-"
    if unit in ("req/s", "/s"):
        return f"{v:,.0f} {unit}"
    if abs(v) < 10:
        return f"{v:.2f} {unit}"
    return f"{v:,.1f} {unit}"


def table(b: Bench) -> str:
    header = ("metric", "mockgw", "reference", "ratio", "target", "met")
    lines = [header]
    for r in b.rows:
        met = "-" if r.met is None else ("yes" if r.met else "NO")
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        lines.append(
            (r.metric, fmt_value(r.mockgw, r.unit), fmt_value(r.reference, r.unit), ratio, r.target, met)
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        cells = [line[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(line[1:4], widths[1:4], strict=True)]
        cells += [line[4].ljust(widths[4]), line[5]]
        out.append(" | ".join(cells).rstrip())
        if n == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


def describe(b: Bench) -> str:
    plan = b.plan
    load = (
        "wrk, 1 thread"
        if b.loader.kind == "wrk"
        else "python asyncio fallback (figures bounded by the client)"
    )
    pin = (
        f"server on cpu {sorted(SERVER_CPUS)}, load on cpu {sorted(LOAD_CPUS)}"
        if SERVER_CPUS
        else "no cpu pinning"
    )
    mode = "quick" if plan.quick else "full"
    loadavg = b.extra.get("loadavg", {})
    busy = f"1-min load average {loadavg.get('start', '?')} at start, {loadavg.get('end', '?')} at end"
    return (
        f"mockgw bench ({mode}) at {b.extra.get('revision', '?')}: load {load};"
        f" {plan.duration:g}s a cell and server, in {plan.rounds} alternating round(s);"
        f" {pin}; {os.cpu_count()} cpus; {busy}"
    )


def raise_file_limit(wanted: int) -> None:
    """1,000 open streams need more descriptors than some shells allow; children inherit the limit."""
    try:
        import resource
    except ImportError:  # not POSIX
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        new = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))


def revision() -> str:
    """The commit measured, and whether mockgw/ had uncommitted changes."""
    root = HERE.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "mockgw"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (head or "unknown") + (" + uncommitted changes in mockgw/" if dirty else "")


def loadavg() -> str:
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="tiny durations (CI): exercises everything in ~15 s")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    p.add_argument(
        "--loader",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="auto: wrk when installed (required for a full run), else the asyncio fallback with --quick",
    )
    args = p.parse_args(argv)

    has_wrk = shutil.which("wrk") is not None
    kind = args.loader
    if kind == "auto":
        kind = "wrk" if has_wrk else "python"
    if (kind == "wrk" and not has_wrk) or (kind == "python" and args.loader == "auto" and not args.quick):
        print(INSTALL_WRK, file=sys.stderr)
        return 2
    if kind == "python" and not has_wrk:
        log("wrk not found: using the asyncio fallback load loop (install wrk for real figures)")

    raise_file_limit(2 * Plan.make(False).open_streams + 1000)
    if LOAD_CPUS:
        os.sched_setaffinity(0, LOAD_CPUS)
    plan = Plan.make(args.quick)
    t_begin = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mockgw-bench-") as tmp:
        workdir = Path(tmp)
        bench = Bench(plan, Loader(kind, workdir), workdir)
        bench.extra["loadavg"] = {"start": loadavg()}
        bench.extra["revision"] = revision()
        try:
            run_all(bench)
        except BenchError as exc:
            print(f"bench failed: {exc}", file=sys.stderr)
            return 1
    elapsed = time.perf_counter() - t_begin
    bench.extra["loadavg"]["end"] = loadavg()
    print(describe(bench))
    print(table(bench))
    missed = [r.metric for r in bench.rows if r.met is False]
    met = sum(1 for r in bench.rows if r.met)
    print(f"targets: {met} met, {len(missed)} missed; total bench time {elapsed:.1f}s")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "description": describe(bench),
                    "loader": kind,
                    "quick": plan.quick,
                    "seconds": elapsed,
                    "rows": [r.__dict__ for r in bench.rows],
                    "extra": bench.extra,
                },
                indent=2,
            )
        )
    return 0


def run_all(b: Bench) -> None:
    workdir = b.workdir
    accounts = write_accounts(workdir)
    replies = workdir / "replies"
    mport, rport = free_port(), free_port()
    mock = Server("mockgw", mockgw_argv(mport, accounts), mport, workdir)
    with running(mock):
        upload(mport, scenario_yaml("bench-stream", STREAM_DELTAS))
        b.extra["reply_bytes"] = capture_replies(mport, replies)
        ref = Server("reference", reference_argv(rport, replies), rport, workdir)
        with running(ref):
            b.extra["rss_start_mb"] = {
                "mockgw": mock.memory()["VmRSS"] / 1024,
                "reference": ref.memory()["VmRSS"] / 1024,
            }
            measure_memory_batches(b, mock)
            measure_throughput(b, mock, ref)
            measure_streams(b, mock, ref)
            b.extra["rss_end_mb"] = {
                "mockgw": mock.memory()["VmRSS"] / 1024,
                "reference": ref.memory()["VmRSS"] / 1024,
            }
            n = b.mockgw_requests
            b.add(
                Row(
                    f"RSS after all the load above ({n:,} requests, ~{n // KEY_ROTATION:,} keys)",
                    b.extra["rss_end_mb"]["mockgw"],
                    b.extra["rss_end_mb"]["reference"],
                    unit="MB",
                )
            )
        measure_pacing(b, mock)
    measure_process_start(b, accounts, replies)
    measure_inprocess(b)
    measure_open_streams(b, accounts)


if __name__ == "__main__":
    sys.exit(main())
