"""mockgw's HTTP protocol: a header deadline (slowloris), and a response's head sent with its body.

A connection gets --header-timeout-seconds to deliver a whole header block, however it trickles.

The behaviour modelled is nginx's `client_header_timeout` (https://nginx.org/en/docs/http/
ngx_http_core_module.html#client_header_timeout; src/http/ngx_http_request.c arms it once and closes
with no response) and Apache's mod_reqtimeout `RequestReadTimeout header=N` without `MinRate`
(https://httpd.apache.org/docs/2.4/mod/mod_reqtimeout.html): one deadline from the accept (or from
the previous response), which bytes arriving do not extend; like nginx, the connection is closed
with no response. These run on real time: socket deadlines are not on the mockgw clock.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import sys
import time

import pytest
import uvicorn
from uvicorn.server import ServerState

from mockgw import MockGateway
from mockgw.app import create_app
from mockgw.http_protocol import HeadWithBody
from mockgw.server import http_protocol
from mockgw.settings import Settings

HI = [{"role": "user", "content": "hi"}]
BODY = json.dumps({"model": "qwen-coder-32b", "max_tokens": 8, "messages": HI}).encode()
HEADERS = (
    b"POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nx-api-key: sk_x\r\n"
    b"content-type: application/json\r\ncontent-length: " + str(len(BODY)).encode() + b"\r\n\r\n"
)


@pytest.fixture(scope="module")
def gw():
    with MockGateway(header_timeout_seconds=1) as gw:
        yield gw


def connect(gw: MockGateway) -> socket.socket:
    host, port = gw.url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)))


def seconds_until_closed(
    sock: socket.socket, trickle: bytes = b"", every: float = 0.3, give_up: float = 3
) -> tuple[float, int]:
    """Sends `trickle` a byte every `every` seconds until the server closes the connection; returns
    how long that took and how many bytes were sent. Fails if the server answers or waits give_up s."""
    start, sent = time.monotonic(), 0
    sock.settimeout(every)
    while time.monotonic() - start < give_up:
        try:
            if sent < len(trickle):
                sock.send(trickle[sent : sent + 1])
                sent += 1
            data = sock.recv(4096)
        except TimeoutError:
            continue
        except (BrokenPipeError, ConnectionResetError):
            data = b""
        assert data == b"", f"the server answered instead of closing: {data[:80]!r}"
        return time.monotonic() - start, sent
    raise AssertionError(f"the connection is still open after {give_up} s")


def read_response(sock: socket.socket) -> bytes:
    sock.settimeout(3)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        assert chunk, "the server closed the connection instead of answering"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(
        next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))[15:]
    )
    while len(body) < length:
        body += sock.recv(4096)
    return head


def test_a_connection_that_sends_nothing_is_closed_after_the_header_timeout(gw):
    with connect(gw) as sock:
        seconds, _ = seconds_until_closed(sock)
    assert 0.9 <= seconds < 2.5


def test_headers_trickling_in_do_not_extend_the_deadline(gw):
    """Slowloris: a byte every 0.3 s would hold the connection forever if each byte reset a timer."""
    with connect(gw) as sock:
        seconds, sent = seconds_until_closed(sock, trickle=HEADERS)
    assert 0.9 <= seconds < 2.5 and sent >= 3


def test_a_kept_alive_connection_whose_next_request_trickles_is_closed_too(gw):
    with connect(gw) as sock:
        sock.sendall(HEADERS + BODY)
        assert read_response(sock).startswith(b"HTTP/1.1 200")
        seconds, sent = seconds_until_closed(sock, trickle=HEADERS)
    assert 0.9 <= seconds < 2.5 and sent >= 3


def test_a_connection_kept_busy_past_the_header_timeout_stays_open(gw):
    """The deadline's one timer per connection re-arms for the deadline it finds: requests answered
    since it was armed keep the connection, however many timeouts it lives."""
    with connect(gw) as sock:
        start = time.monotonic()
        while time.monotonic() - start < 2.2:
            time.sleep(0.2)
            sock.sendall(HEADERS + BODY)
            assert read_response(sock).startswith(b"HTTP/1.1 200")
        seconds, _ = seconds_until_closed(sock)
    assert 0.9 <= seconds < 2.5


@pytest.fixture(scope="module")
def short_keep_alive():
    with MockGateway(keep_alive_seconds=1, header_timeout_seconds=3) as gw:
        yield gw


def test_a_connection_silent_after_its_response_is_closed_after_the_keep_alive(short_keep_alive):
    """uvicorn's keep-alive (--keep-alive-seconds), which mockgw checks with the header deadline's timer."""
    with connect(short_keep_alive) as sock:
        sock.sendall(HEADERS + BODY)
        assert read_response(sock).startswith(b"HTTP/1.1 200")
        seconds, _ = seconds_until_closed(sock, every=0.1)
    assert 0.9 <= seconds < 1.6


def test_a_byte_of_the_next_request_ends_the_keep_alive_but_not_the_header_deadline(short_keep_alive):
    with connect(short_keep_alive) as sock:
        sock.sendall(HEADERS + BODY)
        assert read_response(sock).startswith(b"HTTP/1.1 200")
        seconds, sent = seconds_until_closed(sock, trickle=HEADERS, every=0.3, give_up=5)
    assert 2.9 <= seconds < 3.6 and sent >= 9


def test_headers_in_time_are_answered_however_long_the_body_then_takes(gw):
    with connect(gw) as sock:
        sock.sendall(HEADERS)
        time.sleep(1.2)  # past the header deadline: the body has --body-timeout-seconds instead
        sock.sendall(BODY)
        assert read_response(sock).startswith(b"HTTP/1.1 200")


def test_an_sdk_request_gets_its_answer(gw):
    client = gw.anthropic_client(max_retries=0)
    assert client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI).content


def test_a_paced_stream_longer_than_the_header_timeout_completes(gw):
    stream = {"ttft_ms": 700, "delay_ms": 60, "chunk_chars": 4}
    gw.add_scenario(
        {"name": "paced", "turns": [{"reply": {"content": [{"text": "abcdefgh"}], "stream": stream}}]}
    )
    client = gw.anthropic_client(max_retries=0, default_headers={"x-mockgw-scenario": "paced"})
    start = time.monotonic()
    with client.messages.stream(model="qwen-coder-32b", max_tokens=8, messages=HI) as events:
        text = "".join(events.text_stream)
    assert text == "abcdefgh" and time.monotonic() - start > 1


def test_without_httptools_uvicorn_serves_with_its_own_protocol_and_says_so(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "mockgw.http_protocol", None)  # as if httptools were missing
    with caplog.at_level(logging.WARNING, logger="mockgw"):
        assert http_protocol(Settings()) == "auto"
    assert "--header-timeout-seconds is ignored" in caplog.text


class SocketTransport:
    """What HeadWithBody uses of the socket's transport, recording the writes."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str) -> None:
        return None

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


HEAD, JSON = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n", b"{}"


def test_a_held_head_leaves_in_one_send_with_the_write_after_it():
    """uvicorn writes a response's head and its body apart: two TCP segments, two sends."""
    sock = SocketTransport()
    transport = HeadWithBody(sock)  # type: ignore[arg-type]
    transport.hold_next_write()
    transport.write(HEAD)
    assert sock.writes == []
    transport.write(JSON)
    transport.write(b"more")
    assert sock.writes == [HEAD + JSON, b"more"]


def test_a_head_not_held_leaves_at_once():
    """A paced stream's head, whose first event is due later: the writer does not hold it."""
    sock = SocketTransport()
    transport = HeadWithBody(sock)  # type: ignore[arg-type]
    transport.write(HEAD)
    assert sock.writes == [HEAD]


def test_closing_sends_what_is_held_first():
    sock = SocketTransport()
    transport = HeadWithBody(sock)  # type: ignore[arg-type]
    transport.hold_next_write()
    transport.write(b"HTTP/1.1 400 Bad Request\r\n\r\n")
    transport.close()
    assert sock.writes == [b"HTTP/1.1 400 Bad Request\r\n\r\n"] and sock.closed


async def answered(request: bytes) -> list[bytes]:
    """Bytes in, bytes out through the protocol uvicorn is given, with no socket: the transport's writes."""
    config = uvicorn.Config(create_app(Settings()), http=http_protocol(Settings()), lifespan="off")
    config.load()
    protocol = config.http_protocol_class(config=config, server_state=ServerState(), app_state={})
    sock = SocketTransport()
    protocol.connection_made(sock)  # type: ignore[arg-type]
    protocol.data_received(request)
    while protocol.cycle is None or not protocol.cycle.response_complete:
        await asyncio.sleep(0)
    written = list(sock.writes)  # before the connection ends, which would send anything held
    protocol.connection_lost(None)
    return written


@pytest.mark.anyio
async def test_a_json_reply_leaves_the_protocol_in_one_write():
    """One chat request, one write holding the head and the body (uvicorn alone makes two)."""
    writes = await answered(HEADERS + BODY)
    assert len(writes) == 1
    head, _, body = writes[0].partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and json.loads(body)["type"] == "message"


@pytest.mark.anyio
async def test_a_head_request_gets_its_head_though_no_body_is_written():
    """RFC 9110 §9.3.2: HEAD is answered with the head alone; uvicorn writes no body for it, so a head
    held for the body is sent when the response is over."""
    writes = await answered(b"HEAD /v1/messages HTTP/1.1\r\nhost: x\r\n\r\n")
    assert len(writes) == 1 and writes[0].startswith(b"HTTP/1.1 405") and writes[0].endswith(b"\r\n\r\n")
