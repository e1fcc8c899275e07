"""The official SDKs' own request suites pass against `mockgw serve --lenient`: clients no one here wrote.

Each suite comes from its SDK's source distribution on PyPI, the same version as the one installed
(it tests the installed package), and runs unchanged in a subprocess with TEST_API_BASE_URL set:
anthropic's tests/api_resources/test_messages.py (create, stream and count_tokens) and openai's
tests/api_resources/chat/test_completions.py -k create.
The sdists are kept in .cache/sdk-suites; what a suite's conftest imports is in the `test` extra and
installed here only when missing. Network: PyPI only, and only on the first run.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import os
import re
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import httpx
import pytest

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "sdk-suites"
# What the suites' conftest files and their `-p` plugins import (module -> requirement); aiohttp for
# the suites' aiohttp client variant.
SUITE_DEPS = {
    "pytest_asyncio": "pytest-asyncio",
    "inline_snapshot": "inline-snapshot",
    "http_snapshot": "http-snapshot[httpx]==0.1.9",
    "aiohttp": "aiohttp",
    "rich": "rich",
    "xdist": "pytest-xdist",
}


@dataclass(frozen=True)
class Suite:
    package: str
    path: str
    select: tuple[str, ...]
    base_path: str  # TEST_API_BASE_URL is the server root plus this


SUITES = [
    Suite("anthropic", "tests/api_resources/test_messages.py", (), ""),
    Suite("openai", "tests/api_resources/chat/test_completions.py", ("-k", "create"), "/api/v1"),
]


@contextlib.contextmanager
def cache_lock() -> Iterator[None]:
    """xdist workers share the cache and the venv: one of them downloads or installs at a time."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def sdist(package: str) -> Path:
    """The source tree of the installed version of `package`, downloaded once."""
    wanted = f"{package}-{version(package)}"
    tree = CACHE / wanted
    if not tree.is_dir():
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            pip = [sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check"]
            subprocess.run(
                [*pip, "--no-binary", ":all:", "--no-deps", f"{package}=={version(package)}", "-d", tmp],
                check=True,
            )
            with tarfile.open(next(Path(tmp).glob(f"{wanted}.tar.gz"))) as archive:
                safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
                archive.extractall(tmp, **safe)  # type: ignore[arg-type]
            (Path(tmp) / wanted).rename(tree)
    return tree


def install_missing_deps() -> None:
    missing = [req for module, req in SUITE_DEPS.items() if importlib.util.find_spec(module) is None]
    if missing:
        pip = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, *missing], check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def mockgw_serve(*flags: str) -> Iterator[str]:
    """`mockgw serve` as a user starts it, in its own process; yields its root URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mockgw.cli", "serve", "--port", str(port), *flags],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:  # a process starting up: real time, not the mockgw clock
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(url + "/_mockgw/health").status_code == 200:
                    break
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            assert time.monotonic() < deadline, "mockgw serve did not come up"
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(10)


def counts(summary: str) -> dict[str, int]:
    """pytest's last line, "45 passed, 20 deselected in 22.5s", as numbers."""
    return {
        word: int(n) for n, word in re.findall(r"(\d+) (passed|failed|errors?|skipped|deselected)", summary)
    }


@pytest.mark.parametrize("suite", SUITES, ids=[s.package for s in SUITES])
def test_official_sdk_suite_passes_against_mockgw_serve_lenient(suite: Suite) -> None:
    with cache_lock():
        tree = sdist(suite.package)
        install_missing_deps()
    with mockgw_serve("--lenient") as url:
        run = subprocess.run(
            # the suite's own pytest configuration, minus the worker pool (-n 0) and mockgw's own plugin
            [sys.executable, "-m", "pytest", suite.path, *suite.select, "-q", "-n", "0"]
            + ["-p", "no:mockgw", "-p", "no:cacheprovider"],
            cwd=tree,
            env=os.environ | {"TEST_API_BASE_URL": url + suite.base_path},
            capture_output=True,
            text=True,
            timeout=600,
        )
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-2000:]
    found = counts(summary)
    print(f"{suite.package} {version(suite.package)} {suite.path} {' '.join(suite.select)}: {found}")
    failures = "\n".join(line for line in run.stdout.splitlines() if line.startswith(("FAILED", "ERROR")))
    assert run.returncode == 0 and found.get("passed", 0) > 0, f"{summary}\n{failures}"
    assert not found.get("skipped"), summary  # every variant ran, the aiohttp one included
