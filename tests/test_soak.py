"""bench/soak.py, short: 100 streams for 10 s with faults and hang-ups leave no unscripted 5xx and an exact ledger."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_short_soak_has_no_unscripted_5xx_and_an_exact_credit_ledger(tmp_path: Path) -> None:
    out = tmp_path / "soak.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "soak.py"),
            "--seconds",
            "10",
            "--streams",
            "100",
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    assert out.exists(), f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr[-3000:]}"
    result = json.loads(out.read_text())
    assert result["requests"] > 100, result
    assert {"complete", "hung up", "status 429", "status 503", "error event", "dropped"} <= set(
        result["outcomes"]
    )
    assert result["unscripted_5xx_seen_by_clients"] == 0 and result["ledger"]["journal_unscripted_5xx"] == 0
    assert result["ledger"]["exact"], result["ledger"]
    assert result["ledger"]["balance_drop"] > 0
    assert result["problems"] == [] and proc.returncode == 0, result
