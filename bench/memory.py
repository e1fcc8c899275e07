"""Memory: mockgw's RSS over two equal batches of requests, and its peak with 1,000 streams open at once."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from http1 import HOST, raw_request, read_events, read_head, run_async
from load import KEY_PREFIX, PATHS, chat_body, python_load, request_headers, scenario_yaml
from plan import Plan
from report import BenchError, Results, Row, log
from servers import Server, mockgw_server, running


def measure_memory_batches(out: Results, plan: Plan, mock: Server) -> None:
    """RSS after a warm-up batch, and after a further batch of the same size: is memory flat?"""
    n = plan.memory_batch
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
            out.mockgw_requests += r.check(f"memory batch {path}").requests
        rss.append(mock.rss_mb())
    out.add(Row(f"RSS after warm-up ({n} requests)", rss[0], unit="MB"))
    out.add(Row(f"RSS after a further {n} requests", rss[1], unit="MB"))
    out.add(Row("RSS growth over the further batch", rss[1] - rss[0], unit="MB"))


def measure_open_streams(out: Results, plan: Plan, accounts: Path, workdir: Path) -> None:
    """Peak RSS of a fresh mockgw holding open_streams streams open at once."""
    n, hold = plan.open_streams, plan.hold
    with running(mockgw_server("mockgw-streams", accounts, workdir)) as server:
        server.upload(scenario_yaml("bench-hold", hold["deltas"], hold["ttft_ms"], hold["delay_ms"]))
        idle = server.rss_mb()
        log(f"{n} concurrent paced streams on a fresh mockgw (ttft {hold['ttft_ms']} ms)")
        result = run_async(hold_streams(server, n, hold["deltas"]))
        hwm = server.memory()["VmHWM"] / 1024
    out.extra["open_streams"] = result
    if result["completed"] != n:
        raise BenchError(f"only {result['completed']} of {n} streams completed: {result['failures'][:3]}")
    if not result["all_open_at_once"]:
        log("warning: some streams ended before the last one opened; raise hold.ttft_ms")
    out.add(Row("RSS idle (fresh mockgw serve)", idle, unit="MB"))
    out.add(Row(f"RSS with {n} streams open at once (sampled)", result["rss_all_open_mb"], unit="MB"))
    out.add(
        Row(f"peak RSS (VmHWM) with {n} concurrent streams", hwm, unit="MB", target="< 120 MB", met=hwm < 120)
    )


async def hold_streams(server: Server, n: int, deltas: int) -> dict[str, Any]:
    """n paced `bench-hold` streams, half per endpoint; RSS sampled once all n have their headers."""
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
            status, length = await read_head(reader)
            opened += 1
            if opened == n:
                all_open_at = time.perf_counter()
                all_open.set()
            events = await read_events(reader, length)
            done_at.append(time.perf_counter())
            writer.close()
            if status != 200 or events < deltas:
                failures.append(f"stream {i}: status {status}, {events} events")
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            failures.append(f"stream {i}: {type(exc).__name__}: {exc}")

    async def sample() -> None:
        await all_open.wait()
        rss_samples.append(server.rss_mb())

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
