"""The bench's chat-route client: raw HTTP/1.1 on kept-alive sockets, so that it can time the first
byte and each SSE event and costs the load next to nothing. (The control plane goes through
mockgw.client.MockgwClient, see servers.py.)"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from report import BenchError

HOST = "127.0.0.1"
T = TypeVar("T")


def raw_request(port: int, path: str, body: bytes, headers: dict[str, str], key: str) -> bytes:
    lines = [f"POST {path} HTTP/1.1", f"host: {HOST}:{port}", f"x-api-key: {key}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"content-length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


# --- blocking, timed -------------------------------------------------------------------------------


@dataclass
class Timing:
    status: int
    ttfb: float  # seconds from sending to the first response byte
    events: list[float]  # seconds from sending to the end of each SSE event
    total: float  # seconds from sending to the last byte
    body: bytes


def _complete(buf: bytearray, head_end: int, length: int | None) -> bool:
    if length is not None:
        return len(buf) - head_end >= length
    return buf.endswith(b"\r\n0\r\n\r\n") or bytes(buf[head_end:]) == b"0\r\n\r\n"


def timed_request(sock: socket.socket, request: bytes) -> Timing:
    """Send one request on a kept-alive connection; time its first byte, SSE events and end."""
    t0 = time.perf_counter()
    sock.sendall(request)
    buf = bytearray()
    ttfb, head_end, length, scan, status = 0.0, -1, None, 0, 0
    events: list[float] = []
    while True:
        data = sock.recv(1 << 18)
        now = time.perf_counter() - t0
        if not data:
            raise BenchError("the server closed the connection mid-response")
        if not buf:
            ttfb = now
        buf += data
        if head_end < 0:
            i = buf.find(b"\r\n\r\n")
            if i < 0:
                continue
            head_end = scan = i + 4
            head = bytes(buf[:i]).decode("latin-1").lower()
            status = int(head[9:12])
            for line in head.split("\r\n")[1:]:
                if line.startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
        while (j := buf.find(b"\n\n", scan)) >= 0:
            events.append(now)
            scan = j + 2
        if _complete(buf, head_end, length):
            return Timing(status, ttfb, events, now, bytes(buf[head_end:]))


@contextmanager
def connection(port: int) -> Iterator[socket.socket]:
    sock = socket.create_connection((HOST, port), timeout=30)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        yield sock
    finally:
        sock.close()


def dechunk(body: bytes) -> bytes:
    out, i = bytearray(), 0
    while True:
        j = body.index(b"\r\n", i)
        size = int(body[i:j], 16)
        if size == 0:
            return bytes(out)
        out += body[j + 2 : j + 2 + size]
        i = j + 2 + size + 2


# --- asyncio ---------------------------------------------------------------------------------------


async def read_head(reader: asyncio.StreamReader) -> tuple[int, int | None]:
    """A response's status line and headers: (status, content-length or None when chunked)."""
    head = (await reader.readuntil(b"\r\n\r\n")).lower()
    i = head.find(b"content-length:")
    length = int(head[i + 15 : head.index(b"\r\n", i)]) if i >= 0 else None
    return int(head[9:12]), length


async def read_events(reader: asyncio.StreamReader, length: int | None) -> int:
    """Read a response body to its end; the number of SSE events in it."""
    if length is not None:
        return (await reader.readexactly(length)).count(b"\n\n")
    events = 0
    while True:
        size = int((await reader.readuntil(b"\r\n"))[:-2], 16)
        if size == 0:
            await reader.readexactly(2)
            return events
        events += (await reader.readexactly(size + 2)).count(b"\n\n")


def _event_loop() -> asyncio.AbstractEventLoop:
    try:
        import uvloop

        return uvloop.new_event_loop()
    except ImportError:
        return asyncio.new_event_loop()


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run on uvloop when it is there (asyncio.Runner's loop_factory needs Python 3.11)."""
    loop = _event_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()
