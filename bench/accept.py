"""How long a new connection waits while many paced streams are open: server side or client side?

    .venv/bin/python bench/accept.py                  # 500 streams held for 20 s
    .venv/bin/python bench/accept.py --streams 500 --seconds 20 --json out.json

Starts `mockgw serve` as bench/soak.py does, then a holder process that keeps --streams paced
streams open (bench/soak.py's clients, no hang-ups, no faults), and measures from this process,
which does nothing else, twice a second:

- connect: the TCP handshake of a new connection (the kernel completes it from the listen backlog,
  before the server calls accept());
- first byte: from connect to the first byte of GET /_mockgw/health (the server's accept, read and
  answer);
- keep-alive: the same request on a connection opened before the load.

The holder measures the same health check from inside its own event loop, as bench/soak.py's probe
does, and how late its loop wakes from a 100 ms sleep (its lag). A slow answer seen only by the
holder's probe is the client's loop, not the server.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from soak import (
    CREDITS,
    HEALTH,
    HOST,
    SCENARIOS,
    Connection,
    Server,
    cpu_seconds,
    free_port,
    health,
    key,
    run_client,
)
from soak import Tally as SoakTally

LOOP_CHOICE = """
import uvicorn.config
_config = uvicorn.config.Config.__init__
def _with_loop(self, *args, **kwargs):
    kwargs["loop"] = "{loop}"
    _config(self, *args, **kwargs)
uvicorn.config.Config.__init__ = _with_loop
"""


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "n": len(ordered),
    }


# --- the holder: many paced streams, and the soak's kind of probe inside the same loop ---------------


async def hold(port: int, streams: int, seconds: float, hangup: float) -> dict[str, Any]:
    import soak

    soak.FAULTS = []  # only the paced reply
    tally = SoakTally()
    deadline = time.monotonic() + seconds
    lags: list[float] = []
    probes: list[float] = []

    async def lag() -> None:
        while time.monotonic() < deadline:
            started = time.monotonic()
            await asyncio.sleep(0.1)
            lags.append(time.monotonic() - started - 0.1)

    async def probe() -> None:
        await asyncio.sleep(2)
        while time.monotonic() < deadline - 1:
            conn = Connection(port)
            started = time.monotonic()
            if await health(conn):
                probes.append(time.monotonic() - started)
            conn.close()
            await asyncio.sleep(0.5)

    hangers = round(streams * hangup)  # these close each stream after a few events and reconnect
    clients = [run_client(port, c, c < hangers, deadline, 10**6, tally, 0) for c in range(streams)]
    await asyncio.gather(lag(), probe(), *clients)
    return {
        "requests": tally.requests,
        "outcomes": dict(tally.outcomes),
        "loop_lag": summary(lags),
        "health_from_the_holders_loop": summary(probes),
    }


# --- the idle prober --------------------------------------------------------------------------------


def timed_health(port: int) -> tuple[float, float]:
    """(connect, first byte) of GET /_mockgw/health on a new connection, in seconds."""
    started = time.monotonic()
    with socket.create_connection((HOST, port), timeout=60) as s:
        connected = time.monotonic()
        s.sendall(HEALTH)
        s.recv(1)
        first = time.monotonic()
    return connected - started, first - started


def health_sent_late(port: int, wait: float = 1.0) -> float:
    """First byte of a health check sent `wait` seconds after connecting: the server has had that long
    to accept the connection, so what is left is the time a request takes on it."""
    with socket.create_connection((HOST, port), timeout=60) as s:
        time.sleep(wait)
        started = time.monotonic()
        s.sendall(HEALTH)
        s.recv(1)
        return time.monotonic() - started


def kept_alive_health(s: socket.socket) -> float:
    started = time.monotonic()
    s.sendall(HEALTH)
    data = b""
    while b"\r\n\r\n" not in data:
        data += _received(s)
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
    while len(body) < length:
        body += _received(s)
    return time.monotonic() - started


def _received(s: socket.socket) -> bytes:
    data = s.recv(4096)
    if not data:
        raise ConnectionResetError("closed by the server")
    return data


def accept_queue(port: int) -> int | None:
    """The listening socket's accept queue now (ss: Recv-Q of the LISTEN line)."""
    try:
        out = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        return None
    return int(out.split()[1]) if out.split() else None


def waiting_for_cpu(pid: int) -> float:
    """Seconds the server's event loop thread has been runnable but not running (/proc/PID/schedstat)."""
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[1]) / 1e9


def listen_drops() -> dict[str, int]:
    """The kernel's counts of connections dropped at a full listen queue (this network namespace)."""
    lines = [line.split() for line in Path("/proc/net/netstat").read_text().splitlines()]
    names, values = next((a, b) for a, b in itertools.pairwise(lines) if a[0] == b[0] == "TcpExt:")
    found = dict(zip(names[1:], map(int, values[1:]), strict=True))
    return {k: found.get(k, 0) for k in ("ListenOverflows", "ListenDrops")}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--streams", type=int, default=500)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--server-loop", choices=["auto", "asyncio", "uvloop"], default="auto")
    p.add_argument("--hangup", type=float, default=0.0, help="share of streams hung up (new connections)")
    p.add_argument("--json", metavar="FILE")
    p.add_argument("--hold", type=int, metavar="PORT", help=argparse.SUPPRESS)  # the holder process
    args = p.parse_args()
    try:
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    except ImportError:
        pass
    if args.hold:
        print(json.dumps(asyncio.run(hold(args.hold, args.streams, args.seconds, args.hangup))))
        return 0

    if args.server_loop != "auto":  # the server as `mockgw serve` runs it, on another event loop
        import soak

        soak.PROBE = LOOP_CHOICE.format(loop=args.server_loop) + soak.PROBE
    with tempfile.TemporaryDirectory(prefix="mockgw-accept-") as tmp:
        server = Server(free_port(), 10_000, Path(tmp) / "server.log")
        try:
            server.wait_ready()
            with httpx.Client(base_url=server.url, timeout=30) as http:
                http.post("/_mockgw/scenarios", content=SCENARIOS.encode()).raise_for_status()
                for c in range(args.streams):
                    http.post("/_mockgw/keys", json={"key": key(c), "plan": "enterprise", "credits": CREDITS})
            idle = [timed_health(server.port) for _ in range(5)]
            kept = socket.create_connection((HOST, server.port))
            holder = subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--hold",
                    str(server.port),
                    "--streams",
                    str(args.streams),
                    "--seconds",
                    str(args.seconds),
                    "--hangup",
                    str(args.hangup),
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
            time.sleep(2)  # the streams open
            drops_before = listen_drops()
            connects, firsts, keeps, lates, queues = [], [], [], [], []
            cpu_before, started = cpu_seconds(server.proc.pid), time.monotonic()
            waited_before = waiting_for_cpu(server.proc.pid)
            deadline = time.monotonic() + args.seconds - 3
            while time.monotonic() < deadline:
                queues.append(accept_queue(server.port))
                c, f = timed_health(server.port)
                connects.append(c)
                firsts.append(f)
                try:
                    keeps.append(kept_alive_health(kept))
                except OSError:  # idle past --keep-alive-seconds while the other probes ran: closed
                    kept.close()
                    kept = socket.create_connection((HOST, server.port))
                lates.append(health_sent_late(server.port))
            took = time.monotonic() - started
            cpu_share = (cpu_seconds(server.proc.pid) - cpu_before) / took
            waited = (waiting_for_cpu(server.proc.pid) - waited_before) / took
            held = json.loads(holder.communicate(timeout=args.seconds + 60)[0])
            drops = {k: v - drops_before[k] for k, v in listen_drops().items()}
            kept.close()
        finally:
            server.stop()
    result = {
        "streams": args.streams,
        "hangup_share": args.hangup,
        "server_loop": args.server_loop,
        "load_average_at_start": os.getloadavg()[0],
        "idle_first_byte": summary([f for _, f in idle]),
        "under_load_from_an_idle_process": {
            "connect": summary(connects),
            "first_byte_new_connection": summary(firsts),
            "keep_alive": summary(keeps),
            "first_byte_sent_1s_after_connect": summary(lates),
            "server_cpu_share_of_one_core": round(cpu_share, 2),
            "server_share_of_time_waiting_for_a_cpu": round(waited, 2),
            "accept_queue_max": max((q for q in queues if q is not None), default=None),
            "listen_queue_drops": drops,
        },
        "holder": held,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
