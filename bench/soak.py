"""Soak: many concurrent streams on both formats, with faults and hang-ups, for a fixed time.

    .venv/bin/python bench/soak.py                       # 500 streams for 60 s
    .venv/bin/python bench/soak.py --seconds 10 --streams 100 --json out.json

Starts `mockgw serve` on a free loopback port (with a probe route, below), uploads the soak's
scenarios through the control plane, gives each client its own enterprise key, and runs `--streams`
clients at once until `--seconds` have passed. Each client loops: a streamed request in either
format, mostly a paced reply (`soak-stream`), sometimes a scripted fault (429 with retry-after, 503
model loading, a 200 stream cut by an error event, a connection dropped unanswered). A share of the
clients (`--hangup`) close every stream after a few events.

Then it reports: requests; answers and errors by kind; unscripted 5xx (any 5xx a scenario did not
ask for, seen by the client or in the journal); the server's open asyncio tasks and sockets after
the load, against before; its RSS before, peak and after; its CPU time; how long a health check takes
during the load on a new connection and on a kept-alive one; and whether the credit ledger is exact:
for every key, the balance drop equals the credits the journal says were charged.

The probe: the server runs as `mockgw serve` does (mockgw.cli.main) in a Python that first wraps the
app so that `GET /_soak/tasks` answers the event loop's task count; nothing else changes. Loopback
only; every loop is bounded by the deadline and by --max-requests.

Exit status: 0 the soak ran and found nothing wrong; 1 it found unscripted 5xx, unexpected errors,
or an inexact ledger; 2 the server did not start.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from mockgw.catalog import MODELS

HOST = "127.0.0.1"
CREDITS = 1_000_000_000  # per key: no soak runs out
# (scenario, share of requests): everything else gets the paced reply
FAULTS = [("soak-429", 0.04), ("soak-503", 0.04), ("soak-error-event", 0.04), ("soak-drop", 0.04)]
SOAK_MODELS = [
    "qwen-coder-32b",
    "claude-3-5-haiku",
    "claude-sonnet-4.5",
    "claude-opus-4",
]  # 1, 2, 5, 10 credits
TEXT = "The soak keeps this stream open for a while, one small delta at a time, on both wire formats. " * 2

SCENARIOS = f"""
- name: soak-stream
  description: a paced reply of about 16 events over 0.4 s
  turns:
    - reply:
        content: [{{text: {json.dumps(TEXT)}}}]
        stream: {{ttft_ms: 50, delay_ms: 25, chunk_chars: 14}}
- name: soak-429
  turns: [{{fault: {{status: 429, message: "soak: slow down", headers: {{retry-after: "1"}}}}}}]
- name: soak-503
  turns: [{{fault: model_loading}}]
- name: soak-error-event
  turns:
    - reply:
        content: [{{text: {json.dumps(TEXT)}}}]
        stream: {{ttft_ms: 20, delay_ms: 20, chunk_chars: 14, error_after: 4}}
- name: soak-drop
  turns: [{{fault: {{connection: close}}}}]
"""
# what the client must see for each scenario; anything else is an unexpected error
EXPECTED = {
    "soak-stream": "complete",
    "soak-429": "status 429",
    "soak-503": "status 503",
    "soak-error-event": "error event",
    "soak-drop": "dropped",
}

PROBE = """
import asyncio, sys
import mockgw.server
from mockgw.cli import main

make_app = mockgw.server.create_app

def create_app(*args, **kwargs):
    app = make_app(*args, **kwargs)

    async def probed(scope, receive, send):
        if scope["type"] == "http" and scope["path"] == "/_soak/tasks":
            body = b'{"tasks": %d}' % len(asyncio.all_tasks())
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return probed

mockgw.server.create_app = create_app
sys.exit(main(["serve", *sys.argv[1:]]))
"""


# --- the server -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM, … from /proc/PID/status, in kB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if value.strip().endswith("kB"):
            out[name] = int(value.split()[0])
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sockets(pid: int) -> int:
    """Open sockets of the process (the listening one included)."""
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
        except OSError:
            continue  # closed while we looked
    return count


class Server:
    def __init__(self, port: int, journal_size: int, log: Path) -> None:
        self.port = port
        self.url = f"http://{HOST}:{port}"
        argv = ["--host", HOST, "--port", str(port), "--journal-size", str(journal_size)]
        self.log = log
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", PROBE, *argv],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )

    def wait_ready(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if httpx.get(self.url + "/_mockgw/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        raise SystemExit(f"soak: mockgw did not start:\n{self.log.read_text()[-3000:]}")

    def tasks(self) -> int | None:
        r = httpx.get(self.url + "/_soak/tasks", timeout=5)
        return r.json()["tasks"] if r.status_code == 200 else None  # None: the probe is not there

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def tracebacks(self) -> int:
        return self.log.read_text(errors="replace").count("Traceback")


# --- the clients ----------------------------------------------------------------------------------


@dataclass
class Tally:
    requests: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)  # what the client saw, by kind
    unexpected: Counter[str] = field(default_factory=Counter)  # outcomes its scenario does not explain
    unscripted_5xx: int = 0
    examples: list[str] = field(default_factory=list)


def pick(rng: random.Random) -> str:
    roll = rng.random()
    for name, share in FAULTS:
        if roll < share:
            return name
        roll -= share
    return "soak-stream"


class Connection:
    """One keep-alive HTTP/1.1 connection on raw asyncio streams: a fraction of an HTTP library's CPU
    per event, so the load is the server's and not the client's."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def send(self, request: bytes) -> asyncio.StreamReader:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        self.writer.write(request)
        return self.reader

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def request_bytes(client: int, n: int, scenario: str, rng: random.Random) -> bytes:
    path = rng.choice(["/v1/messages", "/api/v1/chat/completions"])  # the same body suits both formats
    payload = {
        "model": rng.choice(SOAK_MODELS),
        "max_tokens": 256,
        "stream": True,
        "messages": [{"role": "user", "content": f"soak {n}"}],
    }
    data = json.dumps(payload).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nhost: {HOST}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(data)}\r\nx-api-key: {key(client)}\r\nx-mockgw-scenario: {scenario}\r\n"
        f"x-soak-client: {client}\r\n\r\n"
    )
    return head.encode() + data


async def read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]] | None:
    """Status and headers; None when the connection closed before a status line."""
    status_line = await reader.readline()
    if not status_line:
        return None
    headers = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers


async def sse_lines(reader: asyncio.StreamReader) -> AsyncIterator[str]:
    """The lines of a chunked SSE body, to its last chunk."""
    pending = b""
    while True:
        size = int((await reader.readline()).split(b";")[0] or b"0", 16)
        chunk = await reader.readexactly(size + 2)  # the chunk and its CRLF
        if size == 0:
            return
        pending += chunk[:-2]
        *lines, pending = pending.split(b"\n")
        for line in lines:
            yield line.decode()


async def one_request(
    conn: Connection, client: int, n: int, hang_up: bool, rng: random.Random
) -> tuple[str, str]:
    """One streamed request: (the scenario asked for, what the client saw)."""
    scenario = pick(rng)
    try:
        reader = await conn.send(request_bytes(client, n, scenario, rng))
        head = await read_head(reader)
        if head is None:
            conn.close()
            return scenario, "dropped"
        status, headers = head
        if status != 200:
            await reader.readexactly(int(headers.get("content-length", "0")))
            return scenario, f"status {status}"
        seen, events, stop_after = "incomplete stream", 0, rng.randint(1, 6) if hang_up else None
        async for line in sse_lines(reader):
            if line.startswith("event: error") or line.startswith('data: {"error"'):
                seen = "error event"
            elif line.startswith("data: "):
                events += 1
                if line == "data: [DONE]" or '"message_stop"' in line:
                    seen = "complete"
                if stop_after is not None and events >= stop_after and seen == "incomplete stream":
                    conn.close()  # hang up mid-stream
                    return scenario, "hung up"
        return scenario, seen
    except (asyncio.IncompleteReadError, ConnectionError) as exc:
        conn.close()
        return scenario, f"cut: {type(exc).__name__}"


def key(client: int) -> str:
    return f"sk_soak_{client:04d}"


async def run_client(
    port: int, client: int, hang_up: bool, deadline: float, max_requests: int, tally: Tally, seed: int
) -> None:
    rng = random.Random(seed * 100_003 + client)
    conn = Connection(port)
    n = 0
    try:
        while time.monotonic() < deadline and n < max_requests:
            n += 1
            try:
                scenario, seen = await asyncio.wait_for(one_request(conn, client, n, hang_up, rng), 30)
            except asyncio.TimeoutError:
                conn.close()
                scenario, seen = "?", "timeout"
            tally.requests += 1
            tally.outcomes[seen] += 1
            if seen.startswith("status 5") and scenario != "soak-503":
                tally.unscripted_5xx += 1
            if seen != EXPECTED.get(scenario) and not (hang_up and seen == "hung up"):
                tally.unexpected[f"{scenario}: {seen}"] += 1
                if len(tally.examples) < 10:
                    tally.examples.append(f"client {client} request {n}: {scenario} -> {seen}")
    finally:
        conn.close()


HEALTH = f"GET /_mockgw/health HTTP/1.1\r\nhost: {HOST}\r\n\r\n".encode()


async def probe(port: int, kind: str, probes: dict[str, list[float]]) -> None:
    """Once a second during the load: how long GET /_mockgw/health takes on a new connection (accept
    included), or on one kept alive since before the load."""
    kept = Connection(port) if kind == "keep-alive" else None
    try:
        if kept is not None:
            await health(kept)  # opened before the clients start
        while True:
            await asyncio.sleep(1)
            conn = kept or Connection(port)
            started = time.monotonic()
            if await health(conn):
                probes[kind].append(time.monotonic() - started)
            if conn is not kept:
                conn.close()
    finally:
        if kept is not None:
            kept.close()


async def health(conn: Connection) -> bool:
    reader = await conn.send(HEALTH)
    head = await read_head(reader)
    if head is None:
        return False
    await reader.readexactly(int(head[1].get("content-length", "0")))
    return True


async def load(port: int, streams: int, hangup: float, seconds: float, max_requests: int, seed: int) -> Tally:
    """Each client sends one request at a time on its own keep-alive connection, until the deadline."""
    tally = Tally()
    hangers = round(streams * hangup)
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *(run_client(port, c, c < hangers, deadline, max_requests, tally, seed) for c in range(streams))
    )
    await asyncio.sleep(0.1)  # let the closed transports go
    return tally


# --- the ledger -----------------------------------------------------------------------------------


def charged(entry: dict[str, Any]) -> int:
    """Credits the request was charged, by the one rule in mockgw/exchange.py `settle`: only a reply
    delivered whole; an error answer, a dropped connection (status 0), and a stream cut by an error
    event, a disconnect, its client leaving or a shutdown are refunded."""
    stream = entry["stream"]
    if entry["status"] != 200 or (stream is not None and stream["ending"] != "complete"):
        return 0
    model = entry["body"]["model"]
    return MODELS[model].credits_per_request


def ledger(server: Server, streams: int) -> dict[str, Any]:
    journal = httpx.get(server.url + "/_mockgw/requests", timeout=120).json()["requests"]
    by_client: Counter[int] = Counter()
    for entry in journal:
        by_client[int(entry["headers"]["x-soak-client"])] += charged(entry)
    overflowed = bool(journal) and journal[0]["id"] != 1
    drops, mismatches = {}, []
    with httpx.Client(base_url=server.url, timeout=10) as http:
        for c in range(streams):
            balance = http.get("/api/v1/public/credits/balance", headers={"x-api-key": key(c)}).json()
            drops[c] = CREDITS - balance["balance"]
            if drops[c] != by_client[c]:
                mismatches.append(f"{key(c)}: balance dropped {drops[c]}, journal charged {by_client[c]}")
    statuses = Counter(e["status"] for e in journal)
    return {
        "journal_entries": len(journal),
        "journal_overflowed": overflowed,
        "journal_statuses": {str(k): v for k, v in sorted(statuses.items())},
        "journal_unscripted_5xx": sum(
            1 for e in journal if e["status"] >= 500 and e["scenario"] != "soak-503"
        ),
        "credits_charged_per_journal": sum(by_client.values()),
        "balance_drop": sum(drops.values()),
        "exact": not mismatches and not overflowed,
        "mismatches": mismatches[:10],
    }


# --- the run --------------------------------------------------------------------------------------


def settle(server: Server, baseline_tasks: int | None, baseline_sockets: int, timeout: float = 10) -> None:
    """Give the server a moment to finish what the clients left (bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.tasks() == baseline_tasks and sockets(server.proc.pid) <= baseline_sockets:
            return
        time.sleep(0.2)


def soak(args: argparse.Namespace) -> dict[str, Any]:
    journal_size = max(10_000, int(args.seconds * args.streams * 20))  # more than the clients can send
    with tempfile.TemporaryDirectory(prefix="mockgw-soak-") as tmp:
        server = Server(free_port(), journal_size, Path(tmp) / "server.log")
        try:
            server.wait_ready()
            with httpx.Client(base_url=server.url, timeout=30) as http:
                http.post("/_mockgw/scenarios", content=SCENARIOS.encode()).raise_for_status()
                for c in range(args.streams):
                    spec = {"key": key(c), "plan": "enterprise", "credits": CREDITS}
                    http.post("/_mockgw/keys", json=spec).raise_for_status()
            pid = server.proc.pid
            before = {"rss_kb": proc_status(pid)["VmRSS"], "tasks": server.tasks(), "sockets": sockets(pid)}
            peak_rss = [before["rss_kb"]]

            probes: dict[str, list[float]] = {"new connection": [], "keep-alive": []}

            async def sampled() -> Tally:
                async def sample() -> None:
                    while True:
                        peak_rss.append(proc_status(pid)["VmRSS"])
                        await asyncio.sleep(0.25)

                tasks = [asyncio.ensure_future(sample())]
                tasks += [asyncio.ensure_future(probe(server.port, kind, probes)) for kind in probes]
                await asyncio.sleep(0.2)  # the kept-alive probe connects before the load
                try:
                    return await load(
                        server.port, args.streams, args.hangup, args.seconds, args.max_requests, args.seed
                    )
                finally:
                    for task in tasks:
                        task.cancel()

            cpu_before, started = cpu_seconds(pid), time.monotonic()
            tally = asyncio.run(sampled())
            took, cpu = time.monotonic() - started, cpu_seconds(pid) - cpu_before
            settle(server, before["tasks"], before["sockets"])
            status = proc_status(pid)
            after = {"rss_kb": status["VmRSS"], "tasks": server.tasks(), "sockets": sockets(pid)}
            books = ledger(server, args.streams)
            tracebacks = server.tracebacks()
        finally:
            server.stop()
    return {
        "seconds": round(took, 1),
        "streams": args.streams,
        "hangup_share": args.hangup,
        "requests": tally.requests,
        "requests_per_second": round(tally.requests / took),
        "outcomes": dict(tally.outcomes.most_common()),
        "unexpected": dict(tally.unexpected.most_common()),
        "unexpected_examples": tally.examples,
        "unscripted_5xx_seen_by_clients": tally.unscripted_5xx,
        "server_tracebacks": tracebacks,
        "server_cpu_seconds": round(cpu, 1),
        "health_during_load_seconds": {
            kind: {"median": round(statistics.median(v), 3), "max": round(max(v), 3), "probes": len(v)}
            for kind, v in probes.items()
            if v
        },
        "tasks": {"before": before["tasks"], "after": after["tasks"]},
        "sockets": {"before": before["sockets"], "after": after["sockets"]},
        "rss_mb": {
            "before": round(before["rss_kb"] / 1024, 1),
            "peak": round(max(max(peak_rss), status["VmHWM"]) / 1024, 1),
            "after": round(after["rss_kb"] / 1024, 1),
        },
        "ledger": books,
    }


def verdict(result: dict[str, Any]) -> list[str]:
    """What the soak found wrong (empty: nothing)."""
    books = result["ledger"]
    problems = []
    if result["unscripted_5xx_seen_by_clients"] or books["journal_unscripted_5xx"]:
        problems.append("unscripted 5xx")
    if result["unexpected"]:
        problems.append(f"unexpected outcomes: {result['unexpected']}")
    if not books["exact"]:
        problems.append(
            "the credit ledger is not exact"
            + (" (journal overflowed)" if books["journal_overflowed"] else "")
        )
    return problems


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seconds", type=float, default=60, help="how long the clients run (default 60)")
    p.add_argument("--streams", type=int, default=500, help="concurrent streaming clients (default 500)")
    p.add_argument("--hangup", type=float, default=0.2, help="share of clients that hang up mid-stream")
    p.add_argument("--max-requests", type=int, default=100_000, help="per client, a bound on the loop")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = p.parse_args()
    try:
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    except ImportError:
        pass
    result = soak(args)
    problems = verdict(result)
    result["problems"] = problems
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
