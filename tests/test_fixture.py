"""The pytest plugin as a downstream project meets it: pip install mockgw, then use the fixture."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest

from mockgw import MockGateway

pytest_plugins = ["pytester"]

DOWNSTREAM = """
import anthropic
import pytest


def test_hello_with_the_anthropic_sdk(mockgw):
    client = anthropic.Anthropic(api_key=mockgw.api_key, base_url=mockgw.url)
    message = client.messages.create(
        model="qwen-coder-32b", max_tokens=64, messages=[{"role": "user", "content": "Say hello"}]
    )
    assert message.content[0].text.startswith("Hello")
    mockgw.assert_requests(1, path="/v1/messages")


@pytest.mark.mockgw(scenario="tool-read-file")
def test_marker_picks_the_scenario(mockgw):
    reply = mockgw.openai_client().chat.completions.create(
        model="qwen-coder-32b",
        messages=[{"role": "user", "content": "read it"}],
        tools=[{"type": "function", "function": {"name": "read_file", "parameters": {"type": "object"}}}],
    )
    assert reply.choices[0].message.tool_calls[0].function.name == "read_file"
    assert mockgw.last_request["scenario"] == "tool-read-file"
"""

FAILING = """
def test_expects_two_requests(mockgw):
    mockgw.anthropic_client().messages.create(
        model="qwen-coder-32b", max_tokens=8, messages=[{"role": "user", "content": "Say hello"}]
    )
    mockgw.assert_requests(2)


def test_body_differs(mockgw):
    mockgw.openai_client().chat.completions.create(model="qwen-7b", messages=[{"role": "user", "content": "x"}])
    mockgw.assert_last_body({"model": "qwen-coder-32b"})
"""

# Each test would break the other if state leaked: scenario, journal, clock, credits, attempts.
ISOLATION = """
import anthropic
import pytest

HI = [{"role": "user", "content": "hi"}]


@pytest.mark.parametrize("run", range(4))
def test_state_is_fresh(mockgw, run):
    assert mockgw.requests == []
    assert abs(mockgw.call("GET", "/clock")["offset_seconds"]) == 0
    assert [s["name"] for s in mockgw.scenarios() if s["uploaded"]] == []
    client = mockgw.anthropic_client(max_retries=0)
    reply = client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)
    assert reply.content[0].text != "leaked", "active scenario leaked from another test"
    with pytest.raises(anthropic.RateLimitError):  # attempt 0 of rate-limited, in every test
        client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI,
                               extra_headers={"x-mockgw-scenario": "rate-limited"})
    balance = client.get("/api/v1/public/credits/balance", cast_to=object)
    assert balance["balance"] == 50_000 - 1
    # now dirty everything for whichever test runs next
    mockgw.add_scenario({"name": "leak", "turns": [{"reply": "leaked"}]})
    mockgw.use("leak")
    mockgw.advance_clock(3600 * 24 * 40)
    mockgw.set_key(mockgw.api_key, plan="pro", credits=1)
"""


def test_downstream_project_passes(pytester):
    pytester.makepyfile(test_downstream=DOWNSTREAM)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_failures_explain_themselves(pytester):
    pytester.makepyfile(test_failing=FAILING)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "*AssertionError: expected 2 request(s) , mockgw received 1:*",
            "*#1 POST /v1/messages -> 200 scenario=hello turn=1*",
            "*last request body differs:*",
            '*-  "model": "qwen-coder-32b"*',
            '*+  "model": "qwen-7b"*',
        ]
    )


def test_tests_do_not_leak_into_each_other(pytester):
    pytester.makepyfile(test_isolation=ISOLATION)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=4)


def test_tests_do_not_leak_under_xdist(pytester):
    pytester.makepyfile(test_isolation=ISOLATION)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2")
    result.assert_outcomes(passed=4)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served_mockgw():
    """A separately started `mockgw serve`, as a docker service would be."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mockgw.cli", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            if httpx.get(url + "/_mockgw/health").status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()
        time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


REMOTE = """
def test_each_test_has_a_namespace_of_the_given_server(mockgw, pytestconfig):
    assert mockgw.url.startswith(pytestconfig.getoption("--mockgw-url") + "/ns/")
"""


def test_remote_mode_against_mockgw_serve(pytester, served_mockgw):
    pytester.makepyfile(test_downstream=DOWNSTREAM, test_isolation=ISOLATION, test_remote=REMOTE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--mockgw-url={served_mockgw}")
    result.assert_outcomes(passed=7)
    assert_left_as_found(served_mockgw)


def assert_left_as_found(url: str) -> None:
    """Every test's namespace was dropped, and the default namespace saw nothing."""
    listing = httpx.get(url + "/_mockgw/namespaces").json()["namespaces"]
    assert [(n["name"], n["requests"]) for n in listing] == [("default", 0)]


def test_python_api_without_pytest(tmp_path):
    (tmp_path / "greet.yaml").write_text(
        "name: greet\nmatch: {user_contains: hi}\nturns:\n  - reply: Hi, {{ faker.first_name }}!\n"
    )
    with MockGateway(scenarios=[tmp_path], seed=3) as gw:
        reply = gw.anthropic_client().messages.create(
            model="qwen-coder-32b", max_tokens=32, messages=[{"role": "user", "content": "hi"}]
        )
        assert reply.content[0].text.startswith("Hi, ") and gw.last_request["scenario"] == "greet"
        assert [s["name"] for s in gw.scenarios()] == ["greet"]
    host, port = gw.url.removeprefix("http://").split(":")
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, int(port)), timeout=2)


@pytest.mark.mockgw(env=True)
def test_env_marker_points_applications_at_the_server(mockgw):
    import os

    import anthropic

    assert os.environ["AINATIVE_API_KEY"] == mockgw.api_key
    client = anthropic.Anthropic()  # reads ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY
    assert client.messages.create(
        model="qwen-coder-32b", max_tokens=8, messages=[{"role": "user", "content": "x"}]
    )


LAZY = """
import sys


def test_nothing_heavy_is_imported_before_a_test_asks_for_the_fixture():
    loaded = {m for m in sys.modules if m.split(".")[0] in ("mockgw", "starlette", "uvicorn")}
    assert loaded == {"mockgw", "mockgw.client", "mockgw.pytest_plugin"}


def test_the_fixture_brings_the_server(mockgw):
    assert "mockgw.server" in sys.modules
"""


def test_the_plugin_imports_the_server_only_for_a_test_that_uses_it(pytester):
    """An installed mockgw costs a project's pytest runs nothing until a test uses the fixture."""
    pytester.makepyfile(test_lazy=LAZY)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
