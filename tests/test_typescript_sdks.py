"""The official TypeScript SDKs (@anthropic-ai/sdk, openai from npm) against the live mockgw.

tests/ts/check.mjs does the checking and prints `ok NAME` / `FAIL NAME: reason` per check. The SDKs are
installed once per lock file into <repo>/.cache/ts-sdk/<hash>/ (npm's own download cache is
<repo>/.cache/npm); an install holds a file lock and builds in a temporary folder that is renamed into
place, so xdist workers never install into the same folder at once and never see a half-done install.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from mockgw.client import MockgwClient

REPO = Path(__file__).resolve().parents[1]
TS_DIR = REPO / "tests" / "ts"
CACHE = REPO / ".cache" / "ts-sdk"
NPM_CACHE = REPO / ".cache" / "npm"
MARKER = ".mockgw-installed"
INSTALL_TIMEOUT_S = 300
CHECK_TIMEOUT_S = 120


def _tools() -> tuple[str, str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    missing = [name for name, path in (("node", node), ("npm", npm)) if path is None]
    if missing:
        pytest.skip(f"TypeScript SDK check needs Node.js: {' and '.join(missing)} not found on PATH")
    assert node and npm
    return node, npm


def _lock_key() -> str:
    digest = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        path = TS_DIR / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"-") + b"\0")
    return digest.hexdigest()[:16]


def _run(cmd: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run to completion: (exit code, stdout followed by stderr)."""
    try:
        proc = subprocess.run(
            cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        partial = [
            s.decode(errors="replace") if isinstance(s, bytes) else s or "" for s in (exc.stdout, exc.stderr)
        ]
        pytest.fail(
            f"{' '.join(cmd)} did not finish within {timeout} s; output so far:\n" + "\n".join(partial)
        )
    stderr = "\n--- stderr ---\n" + proc.stderr if proc.stderr.strip() else ""
    return proc.returncode, proc.stdout + stderr


def _install(npm: str) -> Path:
    """<repo>/.cache/ts-sdk/<hash of package.json + lock>/ with node_modules, installed at most once."""
    target = CACHE / _lock_key()
    if not (target / MARKER).exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        with open(CACHE / f"{target.name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not (target / MARKER).exists():  # another worker may have finished meanwhile
                _install_locked(npm, target)
    # The scripts are not part of the key (editing one must not reinstall): refresh them atomically each run.
    for script in TS_DIR.glob("*.mjs"):
        fd, tmp = tempfile.mkstemp(dir=target, prefix=f".{script.stem}-", suffix=".mjs")
        with os.fdopen(fd, "wb") as fh:
            fh.write(script.read_bytes())
        os.chmod(tmp, 0o644)  # mkstemp makes it private
        os.replace(tmp, target / script.name)
    return target


def _install_locked(npm: str, target: Path) -> None:
    for stale in CACHE.glob(f".{target.name}-*"):  # left by an install that was killed
        shutil.rmtree(stale, ignore_errors=True)
    shutil.rmtree(target, ignore_errors=True)  # a folder without the marker is unfinished
    build = Path(tempfile.mkdtemp(dir=CACHE, prefix=f".{target.name}-"))
    build.chmod(0o755)  # mkdtemp makes it private
    try:
        shutil.copy2(TS_DIR / "package.json", build)
        has_lock = (TS_DIR / "package-lock.json").exists()
        if has_lock:
            shutil.copy2(TS_DIR / "package-lock.json", build)
        command = "ci" if has_lock else "install"
        flags = [
            "--no-audit",
            "--no-fund",
            "--engine-strict=false",
            "--loglevel=error",
            f"--cache={NPM_CACHE}",
        ]
        code, output = _run([npm, command, *flags], build, INSTALL_TIMEOUT_S)
        assert code == 0, f"npm {command} of tests/ts failed with exit code {code}:\n{output}"
        (build / MARKER).write_text(f"npm {command}\n")
        os.rename(build, target)
    finally:
        shutil.rmtree(build, ignore_errors=True)  # gone already after a successful rename


def _child_env(url: str, key: str) -> dict[str, str]:
    """The SDKs read ANTHROPIC_*/OPENAI_* (base URL, custom headers, auth token): keep ours out of it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "OPENAI_"))}
    env.update(MOCKGW_URL=url, MOCKGW_KEY=key, NO_COLOR="1")
    return env


def _user_agent(entry: dict[str, Any]) -> str:
    return next((v for k, v in entry["headers"].items() if k.lower() == "user-agent"), "")


def test_typescript_sdks_against_mockgw(mockgw: MockgwClient) -> None:
    node, npm = _tools()
    workdir = _install(npm)

    code, output = _run([node, "check.mjs"], workdir, CHECK_TIMEOUT_S, _child_env(mockgw.url, mockgw.api_key))
    assert code == 0, f"node check.mjs exited with {code}:\n{output}"
    print(output)  # shown with -s / -rP: the per-check lines and the fault diagnostics
    lines = output.splitlines()
    assert any(line.endswith(" passed, 0 failed") for line in lines), f"no summary line:\n{output}"

    journal = mockgw.requests
    by_path: dict[str, list[dict[str, Any]]] = {}
    for entry in journal:
        by_path.setdefault(entry["path"], []).append(entry)
    for path, agent in (("/v1/messages", "Anthropic/JS"), ("/api/v1/chat/completions", "OpenAI/JS")):
        entries = by_path.get(path, [])
        assert entries, f"mockgw saw no request on {path}; it saw {sorted(by_path)}"
        strangers = {_user_agent(e) for e in entries if agent not in _user_agent(e)}
        assert not strangers, f"requests on {path} without a {agent} user-agent: {strangers}"
        scenarios = {e["scenario"] for e in entries}
        for name in ("tool-read-file", "stream-disconnect", "stream-error-event", "sse-burst"):
            assert name in scenarios, f"no {name} request on {path}; scenarios seen: {scenarios}"
        assert 401 in {e["status"] for e in entries}, f"no 401 (sk-ant- key) on {path}"
