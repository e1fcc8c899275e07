"""The `mockgw` command at a terminal: help, and driving a running server (reset, use, requests, list)."""

from __future__ import annotations

import json
import os
import pty
import select
import socket
import subprocess
import sys

import httpx
import pytest

from mockgw.cli import parser

HI = {"model": "qwen-coder-32b", "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}]}


def mockgw_cli(*args: str, url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MOCKGW_URL"}
    if url:
        env["MOCKGW_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "mockgw.cli", *args], capture_output=True, text=True, timeout=60, env=env
    )


def ask(gw) -> int:
    return httpx.post(gw.url + "/v1/messages", json=HI, headers={"x-api-key": gw.api_key}).status_code


def test_bare_mockgw_prints_help_and_succeeds():
    result = mockgw_cli()
    assert result.returncode == 0
    for command in ("serve", "validate", "schema", "list", "reset", "use", "requests"):
        assert command in result.stdout


def test_version():
    from mockgw import __version__

    assert mockgw_cli("--version").stdout.strip() == f"mockgw {__version__}"


def test_every_command_and_option_has_help_text():
    root = parser()
    commands = next(a for a in root._actions if a.dest == "command").choices
    missing = [
        f"{name} {action.option_strings or action.dest}"
        for name, command in commands.items()
        for action in command._actions
        if not action.help or not command.description
    ]
    assert not missing


def test_serve_has_a_flag_for_every_setting():
    from mockgw.cli import SERVE_OPTIONS
    from mockgw.settings import Settings, flag_name

    assert sorted(flag for flag, _, _ in SERVE_OPTIONS) == sorted(map(flag_name, Settings.model_fields))


def test_a_503_story_twice_with_a_reset_between(mockgw):
    """What the README's "At a terminal" shows: the attempt counters start over after a reset."""
    assert mockgw_cli("use", "model-loading", url=mockgw.url).returncode == 0
    assert [ask(mockgw), ask(mockgw)] == [503, 503]
    assert mockgw_cli("reset", url=mockgw.url).returncode == 0
    assert mockgw.requests == [] and mockgw.call("GET", "/scenarios")["active"] is None
    assert mockgw_cli("use", "model-loading", url=mockgw.url).returncode == 0
    assert ask(mockgw) == 503
    table = mockgw_cli("requests", url=mockgw.url).stdout.splitlines()
    assert table[0].split() == ["ID", "TIME", "METHOD", "PATH", "STATUS", "SCENARIO", "TURN", "ATTEMPT"]
    assert len(table) == 2 and table[1].split()[2:6] == ["POST", "/v1/messages", "503", "model-loading"]
    assert "\033[" not in "\n".join(table), "plain text when piped"


def test_use_clear_goes_back_to_match_rules(mockgw):
    mockgw_cli("use", "always-500", url=mockgw.url)
    assert ask(mockgw) == 500
    result = mockgw_cli("use", "--clear", url=mockgw.url)
    assert result.returncode == 0 and ask(mockgw) == 200


def test_requests_json_is_the_journal(mockgw):
    ask(mockgw)
    entries = json.loads(mockgw_cli("requests", "--json", url=mockgw.url).stdout)
    assert entries == mockgw.requests


def test_requests_follow_prints_requests_as_they_come(mockgw):
    cmd = [sys.executable, "-m", "mockgw.cli", "requests", "--follow", "--interval", "0.05", "--json"]
    proc = subprocess.Popen(cmd + ["--url", mockgw.url], stdout=subprocess.PIPE, text=True)
    try:
        ask(mockgw)
        first = json.loads(proc.stdout.readline())
        mockgw.reset()
        ask(mockgw)
        second = json.loads(proc.stdout.readline())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert (first["path"], second["path"]) == ("/v1/messages", "/v1/messages")
    assert second["id"] > first["id"]


def test_list_shows_what_the_server_has_loaded(mockgw):
    mockgw.add_scenario({"name": "weather", "description": "Sunny.\nAlways.", "turns": [{"reply": "Sun"}]})
    mockgw.use("hello")
    lines = mockgw_cli("list", url=mockgw.url).stdout.splitlines()
    assert lines[0].split() == ["NAME", "MATCH", "DESCRIPTION"]
    assert lines[1].split()[:2] == ["weather", "(uploaded)"] and lines[1].endswith("Sunny. Always.")
    hello = next(line for line in lines if line.startswith("hello (active)"))
    assert 'user~"say hello"' in hello, "the server lists each scenario's match rules"
    assert len(lines) == 1 + len(mockgw.scenarios())


def test_list_files_without_a_server():
    lines = mockgw_cli("list", "--shipped").stdout.splitlines()
    hello = next(line for line in lines if line.startswith("hello "))
    assert 'user~"say hello"' in hello and "quick start" in hello
    fib = next(line for line in lines if line.startswith("fibonacci-memo "))
    assert "user=~/(?i)fibonacci function|add memoization/" in fib
    assert next(line for line in lines if line.startswith("always-500 ")).split()[1] == "-"


def test_colour_only_on_a_terminal(mockgw):
    ask(mockgw)
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mockgw.cli", "requests", "--url", mockgw.url],
        stdout=terminal,
        env={k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")},
    )
    os.close(terminal)
    proc.wait(timeout=30)
    output = b""
    while select.select([controller], [], [], 0.5)[0]:
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(controller)
    assert b"\033[1m  ID  TIME" in output and b"\033[32m200" in output, output


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("command", [["reset"], ["use", "hello"], ["requests"], ["list"]])
def test_no_server_is_one_line_and_exit_1(command):
    url = f"http://127.0.0.1:{_closed_port()}"
    result = mockgw_cli(*command, "--url", url)
    assert result.returncode == 1
    assert result.stderr.startswith(f"mockgw: no mockgw server at {url} (Connection refused)")
    assert len(result.stderr.splitlines()) == 1


def test_control_plane_refusal_is_one_line_and_exit_1(mockgw):
    result = mockgw_cli("use", "no-such-scenario", url=mockgw.url)
    assert result.returncode == 1
    assert result.stderr.startswith("mockgw: unknown scenario 'no-such-scenario'; known: always-500, ")
    assert len(result.stderr.splitlines()) == 1


def test_client_commands_do_not_import_the_server_stack():
    code = (
        "import sys, mockgw.cli, mockgw.client; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pydantic', 'yaml', 'starlette', 'uvicorn', 'faker', 'jwt', 'http'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
