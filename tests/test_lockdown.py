"""Locked down: who may drive the control plane, one refund rule, limits, and a graceful stop."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time

import anthropic
import httpx
import openai
import pytest

from mockgw import MockGateway
from mockgw.client import ControlError, MockgwClient

HI = [{"role": "user", "content": "hi"}]


@pytest.fixture(scope="module")
def locked():
    with MockGateway(admin_token="s3cret") as gw:
        yield gw


def test_with_an_admin_token_the_control_plane_answers_only_its_holder(locked):
    assert locked.health()["status"] == "ok"  # the client sends it
    assert httpx.post(locked.url + "/_mockgw/reset").status_code == 401
    wrong = {"authorization": "Bearer nope"}
    assert httpx.get(locked.url + "/_mockgw/requests", headers=wrong).status_code == 401
    assert locked.anthropic_client().messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)


def test_a_namespace_opened_with_the_token_carries_it(locked):
    ns = locked.open_namespace()
    assert ns.requests == [] and ns.admin_token == "s3cret"
    assert httpx.get(ns.url + "/_mockgw/requests").status_code == 401
    locked.drop_namespace(ns.namespace)


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"sec-fetch-site": "cross-site"},
        {"content-type": "text/plain"},
        {"content-type": "application/x-www-form-urlencoded"},
        {"host": "evil.example"},  # a DNS-rebinding page reaches 127.0.0.1 under its own name
    ],
    ids=["other-origin", "cross-site-fetch", "text-plain", "form", "rebound-host"],
)
def test_web_pages_cannot_drive_the_control_plane(mockgw, headers):
    response = httpx.post(mockgw.url + "/_mockgw/reset", headers=headers, content=b"{}")
    assert response.status_code in (403, 415), response.text
    assert "error" in response.json()


def test_json_and_yaml_uploads_and_same_origin_calls_still_work(mockgw):
    yaml = b"name: y\nturns:\n  - reply: hi\n"
    response = httpx.post(
        mockgw.url + "/_mockgw/scenarios", content=yaml, headers={"content-type": "application/yaml"}
    )
    assert response.status_code == 201
    same = {"origin": mockgw.url, "sec-fetch-site": "same-origin", "host": mockgw.url.removeprefix("http://")}
    assert httpx.post(mockgw.url + "/_mockgw/reset", headers=same).status_code == 200


def test_beyond_loopback_a_token_is_made_up_and_shown_when_none_is_given():
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mockgw.cli", "serve", "--host", "0.0.0.0", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        token = ""
        while not token:
            line = proc.stderr.readline()
            assert line, "the server stopped without showing a token"
            if "control plane token" in line:
                token = line.rsplit(" ", 1)[-1].strip()
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url)
        assert httpx.get(url + "/_mockgw/requests").status_code == 401
        assert httpx.get(url + "/_mockgw/health").status_code == 200  # health checks need no token
        assert MockgwClient(url, admin_token=token).requests == []
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_reset_voids_platform_tokens(mockgw):
    token = mockgw.mint_token()["access_token"]
    client = mockgw.anthropic_client(api_key=token, max_retries=0)
    assert client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)
    mockgw.reset()
    with pytest.raises(anthropic.AuthenticationError, match="invalid platform token"):
        client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)


def test_credential_like_headers_are_redacted_in_the_journal(mockgw):
    secrets = {
        "api-key": "sk_abcdefghijkl",
        "x-goog-api-key": "AIzaSECRETSECRET",
        "x-auth-token": "tok_123456789",
    }
    mockgw.anthropic_client(default_headers=secrets).messages.create(
        model="qwen-coder-32b", max_tokens=8, messages=HI
    )
    journaled = mockgw.last_request["headers"]
    for name, value in secrets.items():
        assert value not in journaled[name] and journaled[name].endswith("…")


@pytest.mark.parametrize(
    "scenario", ["stream-error-event", "stream-disconnect", "always-500", "connection-drop"]
)
def test_only_a_reply_delivered_whole_is_charged(mockgw, scenario):
    """The one refund rule: an error, a drop, or a stream cut by an error event or disconnect costs nothing."""
    client = mockgw.anthropic_client(max_retries=0, default_headers={"x-mockgw-scenario": scenario})
    with pytest.raises(Exception):  # noqa: B017 - each fault raises its own class; the balance is the point
        with client.messages.stream(model="qwen-coder-32b", max_tokens=64, messages=HI) as stream:
            stream.until_done()
    balance = client.get("/api/v1/public/credits/balance", cast_to=object)
    assert balance["used"] == 0, mockgw.requests


def test_a_whole_stream_is_charged(mockgw):
    client = mockgw.openai_client()
    for _ in client.chat.completions.create(model="qwen-coder-32b", messages=HI, stream=True):
        pass
    balance = client.get("/public/credits/balance", cast_to=object)
    assert balance["used"] == 1


def test_oversized_headers_get_a_431_in_the_callers_format():
    with MockGateway(max_header_bytes=2048) as gw:
        client = gw.openai_client(max_retries=0, default_headers={"x-padding": "x" * 4096})
        with pytest.raises(openai.APIStatusError, match="request headers are larger than 2048 bytes") as info:
            client.chat.completions.create(model="qwen-coder-32b", messages=HI)
        assert info.value.status_code == 431


def test_a_body_that_never_ends_gets_a_408():
    with MockGateway(body_timeout_seconds=0.3) as gw:
        host, port = gw.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port))) as sock:
            sock.sendall(
                b"POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nx-api-key: sk_x\r\n"
                b"content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n1\r\n{\r\n"
            )
            sock.settimeout(5)
            assert sock.recv(4096).startswith(b"HTTP/1.1 408")


def test_sigterm_lets_open_streams_finish_then_cuts_the_rest_with_an_error_event_and_exits_0(tmp_path):
    (tmp_path / "slow.yaml").write_text(
        "name: slow\nturns:\n  - reply:\n      content: [{text: abcdefghijklmnopqrstuvwxyz}]\n"
        "      stream: {delay_ms: 400, chunk_chars: 2}\n"
    )
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mockgw.cli",
            "serve",
            "--port",
            str(port),
            "--scenarios",
            str(tmp_path),
            "--graceful-timeout",
            "1",
        ],
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    _wait_until_up(url)
    body = {"model": "qwen-coder-32b", "max_tokens": 64, "stream": True, "messages": HI}
    headers = {"x-api-key": "sk_t", "x-mockgw-scenario": "slow"}
    with httpx.stream("POST", url + "/v1/messages", json=body, headers=headers) as response:
        chunks = response.iter_raw()
        next(chunks)
        proc.send_signal(signal.SIGTERM)
        rest = b"".join(chunks)
    assert b"event: error" in rest and b"shutting down" in rest and not rest.endswith(b"message_stop\n\n")
    assert proc.wait(timeout=10) == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/_mockgw/health")
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise AssertionError("the server did not start")


def test_control_errors_name_the_problem(locked):
    with pytest.raises(ControlError, match="401.*Bearer"):
        MockgwClient(locked.url).reset()
