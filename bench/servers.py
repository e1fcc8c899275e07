"""The servers under test: `mockgw serve` and the bare reference as pinned subprocesses, and mockgw
in-process (bench/inproc.py). Their control plane is reached through mockgw's own client."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from http1 import HOST
from plan import Plan
from report import BenchError, Results, Row, log

import mockgw
from mockgw.client import ControlError, MockgwClient

HERE = Path(__file__).resolve().parent
MOCKGW_SOURCE = Path(mockgw.__file__).resolve().parent  # the package `mockgw serve` runs


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


def pinning() -> str:
    if not SERVER_CPUS:
        return "no cpu pinning"
    return f"server on cpu {sorted(SERVER_CPUS)}, load on cpu {sorted(LOAD_CPUS)}"


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
    """A server subprocess on a loopback port; `client` is mockgw's control-plane client for it (the
    reference answers GET /_mockgw/health too, so both are started and awaited the same way)."""

    def __init__(self, name: str, argv: list[str], port: int, logdir: Path) -> None:
        self.name, self.argv, self.port = name, argv, port
        self.log_path = logdir / f"{name}-{port}.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.client = MockgwClient(f"http://{HOST}:{port}")

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
        while not self._healthy():
            if self.proc.poll() is not None:
                raise BenchError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
            if time.perf_counter() - t0 > timeout:
                raise BenchError(
                    f"{self.name} did not answer /_mockgw/health within {timeout}s:\n{self.log_tail()}"
                )
            time.sleep(0.002)
        return time.perf_counter() - t0

    def _healthy(self) -> bool:
        try:
            self.client.health()
            return True
        except (OSError, http.client.HTTPException, ValueError, ControlError):
            return False

    def stop(self) -> None:
        self.client.close()
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

    def rss_mb(self) -> float:
        return self.memory()["VmRSS"] / 1024

    def cpu_wait(self) -> float:
        """Seconds this server has spent runnable but not running: another process had its CPU.
        (Linux schedstat; 0 where there is none.)"""
        return self._schedstat(1)

    def cpu_time(self) -> float:
        """Seconds this server has run on a CPU (its main thread; Linux schedstat; 0 where there is none)."""
        return self._schedstat(0)

    def _schedstat(self, field: int) -> float:
        try:
            with open(f"/proc/{self.pid}/schedstat") as f:
                return int(f.read().split()[field]) / 1e9
        except (OSError, IndexError, ValueError):
            return 0.0

    def upload(self, yaml_text: str) -> None:
        try:
            self.client.add_scenario(yaml_text)
        except ControlError as exc:
            raise BenchError(f"scenario upload on {self.name}: {exc}") from None


@contextmanager
def running(server: Server) -> Iterator[Server]:
    try:
        server.start()
        yield server
    finally:
        server.stop()


def write_accounts(workdir: Path) -> Path:
    path = workdir / "accounts.yaml"
    path.write_text(
        "# every sk_bench_* key is unknown, so it gets the default plan\ndefault_plan: enterprise\n"
    )
    return path


def mockgw_server(name: str, accounts: Path, workdir: Path) -> Server:
    exe = Path(sys.executable).parent / "mockgw"
    found = str(exe) if exe.exists() else shutil.which("mockgw")
    if not found:
        raise BenchError("the mockgw console script is not installed (pip install -e .)")
    port = free_port()
    return Server(name, [found, "serve", "--port", str(port), "--accounts", str(accounts)], port, workdir)


def reference_server(name: str, replies: Path | None, workdir: Path) -> Server:
    port = free_port()
    argv = [sys.executable, str(HERE / "reference.py"), "--port", str(port)]
    return Server(name, argv + (["--replies", str(replies)] if replies else []), port, workdir)


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


# --- start-up measurements -------------------------------------------------------------------------


def measure_process_start(out: Results, plan: Plan, accounts: Path, replies: Path, workdir: Path) -> None:
    runs = plan.start_runs
    times: dict[str, list[float]] = {"mockgw": [], "reference": []}
    for _ in range(runs):
        for name in times:
            if name == "mockgw":
                server = mockgw_server(f"{name}-start", accounts, workdir)
            else:
                server = reference_server(f"{name}-start", replies, workdir)
            try:
                times[name].append(server.start() * 1000)
            finally:
                server.stop()
    med = {k: statistics.median(v) for k, v in times.items()}
    log(f"process start (ms): {times}")
    out.add(
        Row(
            f"process start -> first 200 /_mockgw/health (median of {runs})",
            med["mockgw"],
            med["reference"],
            "ms",
            "< 400 ms",
            med["mockgw"] < 400,
        )
    )


def measure_inprocess(out: Results, plan: Plan) -> None:
    runs = []
    for _ in range(plan.inproc_runs):
        proc = subprocess.run(
            [sys.executable, str(HERE / "inproc.py"), "--resets", str(plan.resets)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if proc.returncode != 0:
            raise BenchError(f"bench/inproc.py failed:\n{proc.stdout}\n{proc.stderr}")
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    out.extra["inprocess_runs"] = runs

    def med(pick: Callable[[dict[str, Any]], float]) -> float:
        return statistics.median(pick(r) for r in runs)

    late = sorted({m for r in runs for m in r["late_modules"]})
    if late:
        log(f"note: MockGateway.start() still imported {late}")
    start = med(lambda r: r["start_ms"])
    reset = med(lambda r: r["reset_ms"]["median"])
    out.add(
        Row(
            "in-process: import mockgw (+ uvicorn's lazy imports)",
            med(lambda r: r["import_ms"] + r["lazy_import_ms"]),
            unit="ms",
        )
    )
    out.add(
        Row(
            "in-process: MockGateway().start(), imports excluded",
            start,
            unit="ms",
            target="< 150 ms",
            met=start < 150,
        )
    )
    out.add(
        Row(
            f"per-test reset: gw.reset() median of {plan.resets}",
            reset,
            unit="ms",
            target="< 2 ms",
            met=reset < 2,
        )
    )
    out.add(
        Row(
            f"per-test reset: gw.reset() p99 of {plan.resets}",
            med(lambda r: r["reset_ms"]["p99"]),
            unit="ms",
        )
    )
