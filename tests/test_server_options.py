"""Server settings a user turns on: lenient mode, the tools policy, stalls, watch, refusing bad files."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import anthropic
import httpx
import openai
import pytest

from mockgw import MockGateway
from mockgw.settings import Settings

HI = [{"role": "user", "content": "hi"}]
TOOL = {"name": "read_file", "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}}}


def test_lenient_mode_accepts_any_credential_and_model():
    with MockGateway(lenient=True, api_key="My API Key") as gw:
        reply = gw.anthropic_client().messages.create(model="claude-opus-5-5", max_tokens=8, messages=HI)
        assert reply.model == "claude-opus-5-5"
        completion = gw.openai_client(api_key="sk-ant-whatever").chat.completions.create(
            model="gpt-6-astra", messages=HI, max_completion_tokens=0
        )
        assert completion.choices[0].finish_reason == "length"


def test_tools_sent_to_a_model_without_tool_calling_are_dropped(mockgw):
    reply = mockgw.anthropic_client().messages.create(
        model="gemma-2b", max_tokens=64, tools=[TOOL], tool_choice={"type": "any"}, messages=HI
    )
    assert [b.type for b in reply.content] == ["text"] and reply.stop_reason == "end_turn"


def test_tools_policy_reject_refuses_them():
    with (
        MockGateway(tools_unsupported="reject") as gw,
        pytest.raises(
            openai.BadRequestError, match="model deepseek-r1-distill-qwen-7b does not support tool calling"
        ),
    ):
        gw.openai_client().chat.completions.create(
            model="deepseek-r1-distill-qwen-7b",
            messages=HI,
            tools=[{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}],
        )


def test_stalled_connection_times_the_client_out(mockgw):
    mockgw.add_scenario({"name": "stall", "turns": [{"fault": {"connection": "stall", "ms": 2000}}]})
    client = mockgw.anthropic_client(
        max_retries=0, timeout=0.3, default_headers={"x-mockgw-scenario": "stall"}
    )
    with pytest.raises(anthropic.APITimeoutError):
        client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)
    entry = journaled_once_over(mockgw)  # the journal records a request when its response is over
    assert entry["response"] == {"type": "drop", "stall_ms": 2000}


def test_journal_records_a_client_that_went_away_mid_stream(mockgw):
    body = {"model": "qwen-coder-32b", "max_tokens": 64, "stream": True, "messages": HI}
    headers = {"x-api-key": mockgw.api_key, "x-mockgw-scenario": "slow-stream"}
    with httpx.stream("POST", mockgw.url + "/v1/messages", json=body, headers=headers) as resp:
        next(resp.iter_raw())  # the first event, then hang up
    stream = journaled_once_over(mockgw)["stream"]
    assert stream["client_disconnected"] and stream["ending"] == "client_disconnected"
    assert 0 < stream["sent"] < stream["events"]


def journaled_once_over(mockgw, timeout: float = 5.0) -> dict:
    """The one request's journal entry, which appears when the server is done with it."""
    deadline = time.monotonic() + timeout
    while not mockgw.requests:
        assert time.monotonic() < deadline, "the request was never journaled"
        time.sleep(0.02)
    return mockgw.last_request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "mockgw.cli", "serve", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_serve_refuses_to_start_with_an_invalid_scenario_file(tmp_path):
    (tmp_path / "bad.yaml").write_text("name: bad\nturns: []\n")
    proc = _serve("--port", str(_free_port()), "--scenarios", str(tmp_path))
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert f"{tmp_path}/bad.yaml:2: turns: List should have at least 1 item" in err.decode()


def test_watch_reloads_changed_files_and_keeps_the_last_good_set(tmp_path):
    scenario = tmp_path / "greet.yaml"
    scenario.write_text("name: greet\nturns:\n  - reply: one\n")
    port = _free_port()
    proc = _serve("--port", str(port), "--scenarios", str(tmp_path), "--watch")
    url = f"http://127.0.0.1:{port}/_mockgw/scenarios"

    def names() -> list[str]:
        return [s["name"] for s in httpx.get(url).json()["scenarios"]]

    def wait_for(expected: list[str]) -> None:
        deadline = time.monotonic() + 15
        while True:
            try:
                if names() == expected:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"scenarios never became {expected}"
            time.sleep(0.05)

    try:
        wait_for(["greet"])
        scenario.write_text("name: hello-again\nturns:\n  - reply: two\n")
        wait_for(["hello-again"])
        scenario.write_text("name: broken\nturns: oops\n")
        time.sleep(1)  # give the watcher time to see (and refuse) the change
        assert names() == ["hello-again"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_every_serve_option_reads_from_the_environment():
    from mockgw.settings import resolve

    env = {
        "MOCKGW_PORT": "9000",
        "MOCKGW_HOST": "0.0.0.0",
        "MOCKGW_SCENARIOS": "/scenarios:/more,/extra",
        "MOCKGW_SEED": "7",
        "MOCKGW_LENIENT": "1",
        "MOCKGW_STRICT": "yes",
        "MOCKGW_WATCH": "0",
        "MOCKGW_TOOLS_UNSUPPORTED": "reject",
        "MOCKGW_MAX_BODY_BYTES": "1024",
        "MOCKGW_JOURNAL_SIZE": "5",
        "MOCKGW_REQUIRE_ANTHROPIC_VERSION": "true",
        "MOCKGW_ACCOUNTS": "/config/accounts.yaml",
        "MOCKGW_MAX_NAMESPACES": "50",
        "MOCKGW_NAMESPACE_IDLE_SECONDS": "60",
        "MOCKGW_VALIDATION": "loose",
        "MOCKGW_ADMIN_TOKEN": "t0ken",
        "MOCKGW_OPEN_CONTROL": "0",
        "MOCKGW_ALLOWED_HOSTS": "mockgw,gateway.test",
        "MOCKGW_GRACEFUL_TIMEOUT": "3",
        "MOCKGW_KEEP_ALIVE_SECONDS": "7",
        "MOCKGW_EVENT_LOOP": "uvloop",
        "MOCKGW_MAX_CONNECTIONS": "100",
        "MOCKGW_MAX_HEADER_BYTES": "4096",
        "MOCKGW_BODY_TIMEOUT_SECONDS": "2.5",
        "MOCKGW_HEADER_TIMEOUT_SECONDS": "4",
        "MOCKGW_JOURNAL_BODY_BYTES": "100",
        "MOCKGW_DOCUMENT_MAX_BYTES": "2048",
        "MOCKGW_DOCUMENT_MAX_DEPTH": "8",
        "MOCKGW_RECORD_MISSING": "1",
        "MOCKGW_UPSTREAM": "https://gateway.example",
        "MOCKGW_UPSTREAM_KEY": "sk_upstream",
        "MOCKGW_RECORDINGS": "/recordings",
        "MOCKGW_RECORD_TIMING": "yes",
        "MOCKGW_REDACT": r"ACME-\d+",
    }
    settings, _ = resolve({}, env)
    assert {f"MOCKGW_{name.upper()}" for name in Settings.model_fields} == set(env)
    assert (settings.port, settings.host, settings.seed, settings.journal_size) == (9000, "0.0.0.0", 7, 5)
    assert (settings.max_namespaces, settings.namespace_idle_seconds) == (50, 60.0)
    assert (settings.admin_token, settings.allowed_hosts, settings.body_timeout_seconds) == (
        "t0ken",
        ["mockgw", "gateway.test"],
        2.5,
    )
    assert (settings.journal_body_bytes, settings.document_max_bytes) == (100, 2048)
    assert (settings.document_max_depth, settings.header_timeout_seconds) == (8, 4.0)
    assert [str(p) for p in settings.scenarios] == ["/scenarios", "/more", "/extra"]
    assert settings.lenient and settings.strict and not settings.watch and settings.require_anthropic_version
    assert settings.validation == "loose" and settings.event_loop == "uvloop"
    assert settings.record_missing and settings.record_timing and settings.redact == [r"ACME-\d+"]
    assert (settings.upstream, settings.upstream_key, str(settings.recordings)) == (
        "https://gateway.example",
        "sk_upstream",
        "/recordings",
    )


def test_scripted_timing_is_never_early(mockgw):
    stream = {"ttft_ms": 150, "delay_ms": 40, "chunk_chars": 4}
    mockgw.add_scenario(
        {"name": "paced", "turns": [{"reply": {"content": [{"text": "abcdefgh"}], "stream": stream}}]}
    )
    client = mockgw.anthropic_client(default_headers={"x-mockgw-scenario": "paced"})
    start = time.monotonic()
    client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)
    assert time.monotonic() - start >= 0.149, "a JSON reply waits for its first token too"
    start, texts = time.monotonic(), []
    with client.messages.stream(model="qwen-coder-32b", max_tokens=8, messages=HI) as events:
        texts = [time.monotonic() - start for _ in events.text_stream]
    # events: message_start, content_block_start, ping, then the deltas "abcd" and "efgh" (events 3, 4),
    # each due at ttft + index * delay after the request; a late one may shorten the gap after it
    due = [0.15 + i * 0.04 - 0.001 for i in (3, 4)]
    assert len(texts) == 2 and all(t >= d for t, d in zip(texts, due, strict=True)), (texts, due)


def test_an_internal_error_is_a_500_in_the_callers_format_and_the_server_keeps_serving():
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    with MockGateway() as gw:
        decide = gw.state.default.engine.decide
        gw.state.default.engine.decide = broken  # type: ignore[method-assign]
        with pytest.raises(
            anthropic.InternalServerError, match=r"mockgw internal error \(RuntimeError: boom\)"
        ):
            gw.anthropic_client(max_retries=0).messages.create(
                model="qwen-coder-32b", max_tokens=8, messages=HI
            )
        with pytest.raises(openai.InternalServerError, match=r"mockgw internal error \(RuntimeError: boom\)"):
            gw.openai_client(max_retries=0).chat.completions.create(model="qwen-coder-32b", messages=HI)
        assert [e["status"] for e in gw.requests] == [500, 500]
        assert gw.state.default.accounts.for_key(gw.api_key).credits == 50_000, "a 500 of ours is not charged"
        gw.state.default.engine.decide = decide  # type: ignore[method-assign]
        reply = gw.anthropic_client().messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)
        assert reply.role == "assistant"


def test_a_flag_wins_over_the_environment():
    from mockgw.settings import resolve

    settings, labels = resolve(
        {"port": "9001", "strict": None}, {"MOCKGW_PORT": "9000", "MOCKGW_STRICT": "1"}
    )
    assert settings.port == 9001 and settings.strict
    assert labels == {"port": "--port 9001", "strict": "MOCKGW_STRICT=1"}


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("1", True),
        ("TRUE", True),
        ("Yes", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("NO", False),
        ("off", False),
    ],
)
def test_switches_in_the_environment_are_strict_booleans(word, value):
    from mockgw.settings import resolve

    assert resolve({}, {"MOCKGW_STRICT": word})[0].strict is value


def _refused(*args: str, env: dict[str, str] | None = None) -> list[str]:
    """`mockgw serve` that must refuse to start: exit 2, no traceback; the lines it printed."""
    proc = subprocess.run(
        [sys.executable, "-m", "mockgw.cli", "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("MOCKGW_")} | (env or {}),
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stderr.splitlines()


@pytest.mark.parametrize(
    ("args", "env", "line"),
    [
        ((), {"MOCKGW_PORT": "abc"}, "mockgw: MOCKGW_PORT=abc: Input should be a valid integer"),
        (("--port", "abc"), {}, "mockgw: --port abc: Input should be a valid integer"),
        (("--port", "70000"), {}, "mockgw: --port 70000: Input should be less than or equal to 65535"),
        ((), {"MOCKGW_STRICT": "maybe"}, "mockgw: MOCKGW_STRICT=maybe: expected a boolean: 1/0, true/false"),
        ((), {"MOCKGW_JOURNAL_SIZE": "0"}, "mockgw: MOCKGW_JOURNAL_SIZE=0: Input should be greater than"),
        (("--tools-unsupported", "drop"), {}, "mockgw: --tools-unsupported drop: Input should be 'ignore'"),
        (("--accounts", "/no/such.yaml"), {}, "mockgw: --accounts /no/such.yaml: no such file"),
        ((), {"MOCKGW_ACCOUNTS": "/tmp"}, "mockgw: MOCKGW_ACCOUNTS=/tmp: is a folder, not a file"),
        (("--scenarios", "/no/such"), {}, "mockgw: --scenarios /no/such: no such file or folder"),
        ((), {"MOCKGW_SCENARIOS": "/no/such"}, "mockgw: MOCKGW_SCENARIOS=/no/such: /no/such: no such file"),
        (("--redact", "("), {}, "mockgw: --redact (: Value error, '(' is not a regular expression"),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_option_and_value(args, env, line):
    lines = _refused(*args, env=env)
    assert len(lines) == 1 and lines[0].startswith(line), lines


def test_an_unreadable_mounted_file_is_named(tmp_path, monkeypatch, capsys):
    """As in a container whose volume belongs to another uid. Simulated: these tests may run as root,
    who can read everything."""
    from pathlib import Path

    from mockgw.cli import main

    accounts = tmp_path / "accounts.yaml"
    accounts.write_text("default_plan: pro\n")
    secret = tmp_path / "scenarios" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text("name: secret\nturns:\n  - reply: hi\n")
    access, read_text = os.access, Path.read_text
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != accounts and access(path, mode))

    def unreadable(path: Path, *args, **kwargs):
        if path == secret:
            raise PermissionError(13, "Permission denied", str(path))
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", unreadable)
    assert main(["serve", "--accounts", str(accounts)]) == 2
    assert capsys.readouterr().err == (
        f"mockgw: --accounts {accounts}: permission denied: the file cannot be read by this user\n"
    )
    assert main(["serve", "--scenarios", str(secret.parent)]) == 2
    assert capsys.readouterr().err == f"mockgw: {secret}: cannot read: Permission denied\n"


def test_serving_imports_only_what_serving_needs():
    """Start-up time is mostly imports: tokens (jwt), websockets, faker wait until something needs them."""
    code = (
        "import sys\n"
        "from mockgw.app import create_app\n"
        "from mockgw.server import _uvicorn_config\n"
        "from mockgw.settings import Settings\n"
        "from mockgw.state import State\n"
        "settings = Settings(port=0)\n"
        "_uvicorn_config(create_app(state=State(settings)), settings, 'warning').load()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'jwt', 'websockets', 'faker', 'jsonschema'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_the_server_answers_on_either_event_loop(loop):
    """asyncio is the default (README, Under load: it keeps accepting new connections under overload);
    uvloop is one option away."""
    with MockGateway(event_loop=loop) as gw:
        assert gw._server is not None and gw._server.config.loop == loop
        reply = gw.anthropic_client().messages.create(
            model="qwen-coder-32b", max_tokens=16, messages=[{"role": "user", "content": "Say hello"}]
        )
        assert reply.content[0].text == "Hello! How can I help you today?"
    assert Settings().event_loop == "asyncio"


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_in_process_connections_send_without_waiting_for_acks(loop):
    """TCP_NODELAY on the server's side of each connection. asyncio sets it only where the socket says
    IPPROTO_TCP (asyncio/base_events.py `_set_nodelay`); without it, Nagle's algorithm holds a
    response's body until the client ACKs its head, 40 ms of delayed ACK on every request."""
    with MockGateway(event_loop=loop) as gw:
        gw.health()  # a kept-alive connection, open on the server
        assert gw._server is not None
        [connection] = gw._server.server_state.connections
        sock = connection.transport.get_extra_info("socket")
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
