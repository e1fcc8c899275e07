"""The Docker image, built from the unmodified Dockerfile and run with rootful podman.

shared/tools/container-smoke.sh (beside the repo) installs podman, makes a stand-in python:3.12-slim
base once (cached in podman's storage), builds the image and checks HTTP, HEALTHCHECK and the
non-root user; it keeps the container (-k). This test then talks to that container with the official
SDKs, the control plane and the remote-mode pytest fixture, runs a second container with a scenario
folder and an accounts file mounted, and checks that the first one stops on SIGTERM.

One test function, so it runs once under xdist; runs on one machine take turns (a file lock).
Skipped when the script is missing, when not root, or with MOCKGW_SKIP_CONTAINER=1.
Cold (podman install, stand-in base image, build): about 1-2 min; warm: about 15 s.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SMOKE = REPO.parent / "shared" / "tools" / "container-smoke.sh"
IMAGE = "localhost/mockgw-container-test:latest"
LOCK = Path("/var/tmp/mockgw-container-test.lock")
MODEL = "qwen-coder-32b"
ADMIN = "container-admin-token"  # the image binds 0.0.0.0: its control plane needs a token
KEY = "sk_container_test"
SMOKE_TIMEOUT = 20 * 60  # generous for a slow Debian mirror on a cold machine; normally 1-2 min cold

MOUNTED_SCENARIO = """\
name: from-mounted-folder
description: served only when a folder is mounted at /scenarios
match:
  user_contains: ping the mounted folder
turns:
  - reply: pong from /scenarios
"""

ACCOUNTS = """\
unknown_keys: reject
keys:
  - key: sk_container_known
    plan: pro
    credits: 3
"""

# a downstream project's test file, run with `pytest --mockgw-url` against the container
DOWNSTREAM_TESTS = """
import os

import openai
import pytest


def test_remote_server_answers(mockgw):
    assert mockgw.url.startswith(os.environ["EXPECTED_MOCKGW_URL"] + "/ns/")
    reply = mockgw.anthropic_client().messages.create(
        model="qwen-coder-32b", max_tokens=64, messages=[{"role": "user", "content": "Say hello"}]
    )
    assert reply.content[0].text == "Hello! How can I help you today?"
    mockgw.assert_requests(1, path="/v1/messages")


@pytest.mark.mockgw(scenario="always-500")
def test_marker_and_reset(mockgw):
    client = mockgw.openai_client(max_retries=0)
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="qwen-coder-32b", messages=[{"role": "user", "content": "hi"}])
    mockgw.assert_requests(1)  # this test's namespace saw only its own request
"""


def _skip_reason() -> str | None:
    if os.environ.get("MOCKGW_SKIP_CONTAINER") == "1":
        return "MOCKGW_SKIP_CONTAINER=1"
    if not SMOKE.is_file():
        return f"container smoke script not found at {SMOKE}"
    if getattr(os, "geteuid", lambda: -1)() != 0:
        return "the container test needs root (rootful podman)"
    return None


def _say(message: str) -> None:
    print(f"[test_container] {message}", flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_smoke(port: int) -> tuple[int, str]:
    """container-smoke.sh -k, its log echoed as it goes (visible with -s) and returned."""
    cmd = ["bash", str(SMOKE), "-k", "-t", IMAGE, "-P", str(port), "-u", "/_mockgw/health"]
    cmd += ["-e", f"MOCKGW_ADMIN_TOKEN={ADMIN}", str(REPO)]
    _say(" ".join(cmd))
    proc = subprocess.Popen(
        cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    timer = threading.Timer(SMOKE_TIMEOUT, os.killpg, (proc.pid, signal.SIGKILL))
    timer.start()
    lines = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            print("  " + line, end="", flush=True)
            lines.append(line)
        return proc.wait(), "".join(lines)
    finally:
        timer.cancel()


def _podman(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    done = subprocess.run(["podman", *args], env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"podman {' '.join(args)} -> {done.returncode}\n{done.stderr}"
    return done.stdout.strip()


def _get(url: str, key: str | None = None) -> tuple[int, Any]:
    req = urllib.request.Request(url, headers={"authorization": f"Bearer {key}"} if key else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def _text(message: Any) -> str:
    """The text of an Anthropic SDK Message."""
    return "".join(block.text for block in message.content if block.type == "text")


def _wait_healthy(env: dict[str, str], cid: str, url: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            status, body = _get(url + "/_mockgw/health")
            if status == 200:
                return body  # type: ignore[no-any-return]
        except (OSError, ValueError):
            pass
        running = _podman(env, "inspect", "-f", "{{.State.Running}}", cid)
        if running != "true" or time.monotonic() > deadline:
            logs = subprocess.run(
                ["podman", "logs", "--tail", "30", cid], env=env, capture_output=True, text=True
            )
            pytest.fail(
                f"container {cid[:12]} never became healthy (running={running}):\n{logs.stdout}{logs.stderr}"
            )
        time.sleep(0.25)


def _check_image(env: dict[str, str]) -> None:
    info = json.loads(_podman(env, "image", "inspect", IMAGE))[0]
    config = info["Config"]
    env_vars = dict(v.split("=", 1) for v in config.get("Env", []))
    assert config.get("User") not in (None, "", "0", "root", "0:0"), config.get("User")
    assert "8080/tcp" in config.get("ExposedPorts", {})
    assert config.get("Cmd") == ["mockgw", "serve"]
    assert config.get("Entrypoint") in (None, [])
    assert env_vars.get("MOCKGW_HOST") == "0.0.0.0" and env_vars.get("MOCKGW_PORT") == "8080"
    healthcheck = info.get("Healthcheck") or config.get("Healthcheck") or {}  # podman: top level
    assert "_mockgw/health" in " ".join(healthcheck.get("Test", [])), healthcheck
    # httpx is not among them: it is a runtime dependency (mockgw record's upstream client)
    extras = _podman(
        env,
        *("run", "--rm", IMAGE, "python", "-c"),
        "import importlib.util as u; print(' '.join(m for m in "
        "('pytest', 'anthropic', 'openai', 'ruff', 'mypy') if u.find_spec(m)))",
    )
    assert extras == "", f"test extras in the image: {extras}"
    _say(f"image {IMAGE}: {info['Size'] / 1e6:.0f} MB, user {config['User']}, no test extras")


def _check_sdks_and_control_plane(url: str) -> None:
    import anthropic
    import openai

    reply = anthropic.Anthropic(api_key=KEY, base_url=url, max_retries=0).messages.create(
        model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Say hello"}]
    )
    assert _text(reply) == "Hello! How can I help you today?"

    client = openai.OpenAI(api_key=KEY, base_url=url + "/api/v1", max_retries=0)
    stream = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "Count to 5"}], stream=True
    )
    assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices) == "1\n2\n3\n4\n5"

    status, health = _get(url + "/_mockgw/health")
    assert status == 200 and health["status"] == "ok" and health["scenarios"] >= 20, health
    assert _get(url + "/_mockgw/requests")[0] == 401, "the control plane needs the admin token"
    status, journal = _get(url + "/_mockgw/requests", ADMIN)
    assert status == 200
    seen = [(e["path"], e["status"], e["scenario"]) for e in journal["requests"]]
    assert seen == [("/v1/messages", 200, "hello"), ("/api/v1/chat/completions", 200, "count-to-5")], seen


def _check_remote_fixture(url: str, tmp_path: Path) -> None:
    test_file = tmp_path / "test_downstream.py"
    test_file.write_text(textwrap.dedent(DOWNSTREAM_TESTS))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "MOCKGW_URL"))}
    env["EXPECTED_MOCKGW_URL"] = url
    env["MOCKGW_ADMIN_TOKEN"] = ADMIN  # what the plugin sends, as a CI job would set it
    _, before = _get(url + "/_mockgw/requests", ADMIN)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--mockgw-url", url, str(test_file)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "2 passed" in done.stdout, done.stdout + done.stderr
    # each test had a namespace of its own, dropped afterwards: the default one is as it was
    _, after = _get(url + "/_mockgw/requests", ADMIN)
    _, spaces = _get(url + "/_mockgw/namespaces", ADMIN)
    assert after == before and [n["name"] for n in spaces["namespaces"]] == ["default"], spaces


def _check_mounts(env: dict[str, str], tmp_path: Path, containers: list[str]) -> None:
    """A second container, with a scenario folder at /scenarios and an accounts file mounted."""
    import anthropic

    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    (scenarios / "mounted.yaml").write_text(MOUNTED_SCENARIO)
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(ACCOUNTS)
    for path, mode in ((scenarios, 0o755), (scenarios / "mounted.yaml", 0o644), (accounts, 0o644)):
        path.chmod(mode)  # readable by the image's non-root user
    port = _free_port()
    cid = _podman(
        env,
        *("run", "-d", "-p", f"127.0.0.1:{port}:8080"),
        *("-v", f"{scenarios}:/scenarios:ro", "-v", f"{accounts}:/config/accounts.yaml:ro"),
        *("-e", "MOCKGW_ACCOUNTS=/config/accounts.yaml", "-e", f"MOCKGW_ADMIN_TOKEN={ADMIN}", IMAGE),
    )
    containers.append(cid)
    url = f"http://127.0.0.1:{port}"
    health = _wait_healthy(env, cid, url)
    assert health["scenarios"] == 1, health
    _, listing = _get(url + "/_mockgw/scenarios", ADMIN)
    assert [s["name"] for s in listing["scenarios"]] == ["from-mounted-folder"], listing

    reply = anthropic.Anthropic(api_key="sk_container_known", base_url=url, max_retries=0).messages.create(
        model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Ping the mounted folder"}]
    )
    assert _text(reply) == "pong from /scenarios"
    status, me = _get(url + "/api/v1/auth/me", "sk_container_known")
    assert status == 200 and (me["plan"], me["credits"]) == ("pro", 2), me
    with pytest.raises(anthropic.AuthenticationError):
        anthropic.Anthropic(api_key=KEY, base_url=url, max_retries=0).messages.create(
            model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Ping the mounted folder"}]
        )
    _say(f"mounted /scenarios and accounts file served by {cid[:12]}")


@contextlib.contextmanager
def _one_run_at_a_time() -> Iterator[None]:
    """Runs of this test on one machine share the image tag and the smoke script's work folder."""
    import fcntl

    with LOCK.open("w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _say(f"waiting for another run of this test ({LOCK})")
            fcntl.flock(f, fcntl.LOCK_EX)
        yield


def _image_id(env: dict[str, str]) -> str | None:
    done = subprocess.run(
        ["podman", "image", "inspect", "-f", "{{.Id}}", IMAGE], env=env, capture_output=True
    )
    return done.stdout.decode().strip() or None if done.returncode == 0 else None


def test_container_image(tmp_path: Path) -> None:
    reason = _skip_reason()
    if reason:
        _say(f"skipped: {reason}")
        pytest.skip(reason)
    with _one_run_at_a_time():
        _test_container_image(tmp_path)


def _test_container_image(tmp_path: Path) -> None:
    t0 = time.monotonic()
    containers: list[str] = []
    env = dict(os.environ)
    old_image = _image_id(env) if shutil.which("podman") else None
    try:
        port = _free_port()
        rc, log = _run_smoke(port)
        # the kept container, also when the script failed after starting it
        containers += re.findall(r"container ([0-9a-f]{12}) on 127\.0\.0\.1", log)
        conf = re.search(r"CONTAINERS_CONF=(\S+)", log)
        if conf:
            env["CONTAINERS_CONF"] = conf.group(1)
        assert rc == 0, f"container-smoke.sh exited {rc}"
        assert "ALL CHECKS PASSED" in log and containers and conf
        kept = containers[0]
        _say(f"smoke script passed in {time.monotonic() - t0:.0f}s; container {kept} on port {port}")

        _check_image(env)
        url = f"http://127.0.0.1:{port}"
        _check_sdks_and_control_plane(url)
        _check_remote_fixture(url, tmp_path)
        _say("SDKs, control plane and the --mockgw-url fixture work against the container")

        _check_mounts(env, tmp_path, containers)

        started = time.monotonic()
        _podman(env, "stop", "-t", "10", kept, timeout=60)
        took = time.monotonic() - started
        state = json.loads(_podman(env, "inspect", kept))[0]["State"]
        assert took < 8 and state["ExitCode"] == 0, f"no clean stop on SIGTERM: {took:.1f}s, {state}"
        _say(f"stopped on SIGTERM in {took:.1f}s (exit code {state['ExitCode']})")
    finally:
        for cid in containers:
            subprocess.run(["podman", "rm", "-f", "-t", "0", cid], env=env, capture_output=True, timeout=60)
        if old_image and old_image != _image_id(env):  # a rebuild: drop the image it replaced
            subprocess.run(["podman", "rmi", old_image], env=env, capture_output=True, timeout=60)
        _say(f"done in {time.monotonic() - t0:.0f}s")
