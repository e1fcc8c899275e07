"""In-process start and per-test reset cost, measured in a fresh interpreter (bench/run.py runs it).

Prints one JSON object:
  import_ms         `from mockgw import MockGateway` (starlette, uvicorn, pydantic, yaml, ...)
  lazy_import_ms    the modules uvicorn imports on its first start (its event loop, httptools protocol, ...),
                    imported up front here so that start_ms counts no imports
  start_ms          MockGateway() + .start(): settings, shipped scenarios, accounts, app, the server
                    thread, until uvicorn reports started
  late_modules      modules that start() still imported (should be empty)
  reset_ms          median, p99 and mean of gw.reset() (POST /_mockgw/reset on a kept-alive connection)
  stop_ms           gw.stop()

    .venv/bin/python bench/inproc.py [--resets 1000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--resets", type=int, default=1000)
    args = p.parse_args()

    t = time.perf_counter()
    from mockgw import MockGateway  # `import mockgw` alone is lazy: this imports the server stack

    import_ms = (time.perf_counter() - t) * 1000

    # uvicorn chooses and imports its event loop, HTTP and websocket implementations when a Config
    # is loaded; load a throwaway one so that the timed start below imports nothing.
    t = time.perf_counter()
    import uvicorn

    async def _noop(scope: object, receive: object, send: object) -> None:
        pass

    from mockgw.settings import Settings

    config = uvicorn.Config(_noop, lifespan="off", log_level="warning", loop=Settings().event_loop)
    config.load()
    config.get_loop_factory()
    import concurrent.futures.thread  # noqa: F401  (asyncio's default executor, used by the server thread)
    import gc  # noqa: F401

    import mockgw.http_protocol  # noqa: F401  (the HTTP protocol mockgw gives uvicorn)

    lazy_import_ms = (time.perf_counter() - t) * 1000

    before = set(sys.modules)
    t = time.perf_counter()
    gw = MockGateway().start()
    start_ms = (time.perf_counter() - t) * 1000
    late_modules = sorted(set(sys.modules) - before)

    gw.health()  # opens the client's kept-alive connection, as the first test of a session does
    times = []
    for _ in range(args.resets):
        t = time.perf_counter()
        gw.reset()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()

    t = time.perf_counter()
    gw.stop()
    stop_ms = (time.perf_counter() - t) * 1000

    print(
        json.dumps(
            {
                "import_ms": import_ms,
                "lazy_import_ms": lazy_import_ms,
                "start_ms": start_ms,
                "late_modules": late_modules,
                "reset_ms": {
                    "median": statistics.median(times),
                    "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
                    "mean": statistics.fmean(times),
                    "calls": len(times),
                },
                "stop_ms": stop_ms,
            }
        )
    )


if __name__ == "__main__":
    main()
