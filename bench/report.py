"""What the bench tells: progress on stderr, the rows it measured, the table and the --json file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class BenchError(RuntimeError):
    """A measurement that went wrong (not a missed target)."""


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
class Results:
    rows: list[Row] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # raw figures, for --json
    mockgw_requests: int = 0  # answered by the main mockgw process, for the memory rows

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row


def fmt_value(v: float | None, unit: str) -> str:
    if v is None:
        return "-"
    if unit in ("req/s", "/s"):
        return f"{v:,.0f} {unit}"
    if abs(v) < 10:
        return f"{v:.2f} {unit}"
    return f"{v:,.1f} {unit}"


def table(rows: list[Row]) -> str:
    header = ("metric", "mockgw", "reference", "ratio", "target", "met")
    lines = [header]
    for r in rows:
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


def summary(rows: list[Row], seconds: float) -> str:
    missed = sum(1 for r in rows if r.met is False)
    met = sum(1 for r in rows if r.met)
    return f"targets: {met} met, {missed} missed; total bench time {seconds:.1f}s"


def describe(mode: str, load: str, duration: float, rounds: int, pinning: str, extra: dict[str, Any]) -> str:
    """The table's first line: what was measured, how, and how busy the machine was."""
    loadavg = extra.get("loadavg", {})
    busy = f"1-min load average {loadavg.get('start', '?')} at start, {loadavg.get('end', '?')} at end"
    return (
        f"mockgw bench ({mode}) at {extra.get('revision', '?')}: load {load};"
        f" {duration:g}s a cell and server, in {rounds} alternating round(s);"
        f" {pinning}; {os.cpu_count()} cpus; {busy}"
    )


def revision(root: Path) -> str:
    """The commit measured, and whether mockgw/ had uncommitted changes."""
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


def write_json(
    path: Path, results: Results, description: str, loader: str, quick: bool, seconds: float
) -> None:
    path.write_text(
        json.dumps(
            {
                "description": description,
                "loader": loader,
                "quick": quick,
                "seconds": seconds,
                "rows": [r.__dict__ for r in results.rows],
                "extra": results.extra,
            },
            indent=2,
        )
    )
