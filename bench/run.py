"""Benchmark mockgw against a bare Starlette reference (bench/reference.py), in the same run.

    .venv/bin/python bench/run.py [--quick] [--json out.json] [--loader auto|wrk|python]

Starts `mockgw serve` and bench/reference.py as subprocesses on free loopback ports, measures
both, prints a table (mockgw, reference, ratio, target) and exits 0. Exit 1: a measurement went
wrong (non-2xx answers, streams that did not complete, a server that did not start). Exit 2: wrk
is missing (a full run needs it; `apt-get install -y wrk`).

Load comes from wrk (one thread, a generated Lua script for the POST body and headers). With
--quick and no wrk (CI), a small asyncio load loop stands in, so the script is still exercised
end to end; its figures are bounded by the Python client and are marked as such.

The modules beside this file, one concern each: plan.py (durations), servers.py (the servers under
test, start-up and in-process rows), http1.py (the raw client of the chat routes), load.py (the
bench request, wrk and the fallback loader, throughput, latency, streams, pacing), memory.py
(RSS rows), report.py (rows, table, --json). See bench/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import load
import memory
import report
import servers
from plan import Plan
from report import BenchError, Results, Row, log

INSTALL_WRK = """wrk is not installed; the full bench needs it:

    apt-get update && apt-get install -y wrk      # Debian/Ubuntu
    brew install wrk                              # macOS

(`--quick` runs without wrk, on a small asyncio load loop, for CI.)"""


def run_all(out: Results, plan: Plan, loader: load.Loader, workdir: Path) -> None:
    accounts = servers.write_accounts(workdir)
    replies = workdir / "replies"
    with servers.running(servers.mockgw_server("mockgw", accounts, workdir)) as mock:
        mock.upload(load.scenario_yaml("bench-stream", load.STREAM_DELTAS))
        out.extra["reply_bytes"] = load.capture_replies(mock.port, replies)
        with servers.running(servers.reference_server("reference", replies, workdir)) as ref:
            out.extra["rss_start_mb"] = {"mockgw": mock.rss_mb(), "reference": ref.rss_mb()}
            memory.measure_memory_batches(out, plan, mock)
            load.measure_throughput(out, plan, loader, mock, ref)
            load.measure_streams(out, plan, loader, mock, ref)
            out.extra["rss_end_mb"] = {"mockgw": mock.rss_mb(), "reference": ref.rss_mb()}
            n = out.mockgw_requests
            out.add(
                Row(
                    f"RSS after all the load above ({n:,} requests, ~{n // load.KEY_ROTATION:,} keys)",
                    out.extra["rss_end_mb"]["mockgw"],
                    out.extra["rss_end_mb"]["reference"],
                    unit="MB",
                )
            )
        load.measure_pacing(out, plan, mock)
    servers.measure_process_start(out, plan, accounts, replies, workdir)
    servers.measure_inprocess(out, plan)
    memory.measure_open_streams(out, plan, accounts, workdir)


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

    servers.raise_file_limit(2 * Plan.make(False).open_streams + 1000)
    if servers.LOAD_CPUS:
        os.sched_setaffinity(0, servers.LOAD_CPUS)
    plan = Plan.make(args.quick)
    out = Results()
    out.extra["loadavg"] = {"start": report.loadavg()}
    out.extra["revision"] = report.revision(servers.MOCKGW_SOURCE.parent)  # the mockgw under test
    # Installed packages come with their bytecode; an editable mockgw in a PYTHONDONTWRITEBYTECODE
    # environment would be compiled from source at every start, which the start-up rows are not about.
    compileall.compile_dir(servers.MOCKGW_SOURCE, quiet=1)
    t_begin = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mockgw-bench-") as tmp:
        workdir = Path(tmp)
        loader = load.Loader(kind, workdir)
        try:
            run_all(out, plan, loader, workdir)
        except BenchError as exc:
            print(f"bench failed: {exc}", file=sys.stderr)
            return 1
    elapsed = time.perf_counter() - t_begin
    out.extra["loadavg"]["end"] = report.loadavg()
    mode = "quick" if plan.quick else "full"
    description = report.describe(
        mode, loader.describe(), plan.duration, plan.rounds, servers.pinning(), out.extra
    )
    print(description)
    print(report.table(out.rows))
    print(report.summary(out.rows, elapsed))
    if args.json:
        report.write_json(args.json, out, description, kind, plan.quick, elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
