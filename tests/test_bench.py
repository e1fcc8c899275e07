"""bench/run.py --quick end to end: it runs, exits 0 and prints its table. No timing assertions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "bench" / "run.py"

ROWS = (
    "non-streamed anthropic c=16: req/s",
    "non-streamed openai c=16: p99",
    "streamed anthropic (200 deltas) c=16: replies/s",
    "streamed openai c=1: TTFB median",
    "process start -> first 200 /_mockgw/health",
    "in-process: MockGateway().start(), imports excluded",
    "per-test reset: gw.reset() median of 1000",
    "peak RSS (VmHWM) with 1000 concurrent streams",
    "RSS growth over the further batch",
    "paced anthropic: TTFT median",
    "paced openai: inter-event gap median",
)


def run_quick(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUN), "--quick", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )


def check_table(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr[-4000:]}"
    lines = proc.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("metric "))
    assert [cell.strip() for cell in lines[header].split("|")] == [
        "metric",
        "mockgw",
        "reference",
        "ratio",
        "target",
        "met",
    ]
    for row in ROWS:
        assert any(line.startswith(row) for line in lines[header:]), f"no row {row!r} in\n{proc.stdout}"
    assert "targets:" in lines[-1]


def test_quick_bench_prints_the_table(tmp_path: Path) -> None:
    """With wrk when it is installed, else on the asyncio fallback loader (CI without wrk)."""
    out = tmp_path / "bench.json"
    proc = run_quick("--json", str(out))
    check_table(proc)
    data = json.loads(out.read_text())
    assert data["quick"] is True
    assert data["loader"] == ("wrk" if shutil.which("wrk") else "python")
    metrics = [row["metric"] for row in data["rows"]]
    for row in ROWS:
        assert any(m.startswith(row) for m in metrics), row


@pytest.mark.skipif(
    shutil.which("wrk") is None, reason="no wrk: the test above already runs the fallback loader"
)
def test_quick_bench_fallback_loader() -> None:
    check_table(run_quick("--loader", "python"))
