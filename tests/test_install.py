"""The wheel `make wheel` builds is what `pip install /path/to/mockgw` or a git URL installs:
it must carry the shipped scenarios, the `mockgw` command and the pytest plugin's entry point."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from mockgw import __version__
from mockgw.scenario.loader import scenario_files, shipped_dir

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_carries_scenarios_command_and_plugin(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("mockgw-*.whl")
    assert wheel.name == f"mockgw-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        entry_points = z.read(f"mockgw-{__version__}.dist-info/entry_points.txt").decode()
    shipped = {f.name for f in scenario_files([shipped_dir()])}
    assert shipped and shipped <= {Path(n).name for n in names}, "the shipped scenarios are package data"
    assert "mockgw/py.typed" in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
    assert "mockgw = mockgw.cli:main" in entry_points
    assert "[pytest11]\nmockgw = mockgw.pytest_plugin" in entry_points
