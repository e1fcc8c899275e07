"""The writer carries a schedule out on an ASGI connection, at its times, and reports what it sent."""

from __future__ import annotations

import asyncio
import time

from mockgw import schedule
from mockgw.domain import StreamShape
from mockgw.writer import write

FRAMES = [b"e0\n\n", b"e1\n\n", b"e2\n\n"]


class Connection:
    """A fake ASGI connection: records each message sent and when; the client may hang up."""

    def __init__(self, leaves_after: float | None = None) -> None:
        self.sent: list[tuple[float, dict]] = []
        self.start = time.monotonic()
        self.leaves_after = leaves_after

    async def send(self, message: dict) -> None:
        self.sent.append((time.monotonic() - self.start, message))

    async def receive(self) -> dict:
        if self.leaves_after is None:
            await asyncio.Event().wait()
        await asyncio.sleep(self.leaves_after or 0)
        return {"type": "http.disconnect"}


def run(s: schedule.Schedule, conn: Connection):
    return asyncio.run(write(s, conn.receive, conn.send, conn.start))


def test_an_unpaced_stream_goes_out_as_head_and_one_final_body_write():
    conn = Connection()
    report = run(schedule.stream([], FRAMES, StreamShape(), None), conn)
    kinds = [(m["type"], m.get("more_body")) for _, m in conn.sent]
    assert kinds == [("http.response.start", None), ("http.response.body", False)]
    assert (report.sent, report.ending, report.client_disconnected) == (3, "complete", False)


def test_paced_writes_are_never_early():
    conn = Connection()
    run(schedule.stream([], FRAMES, StreamShape(ttft_ms=60, delay_ms=30), None), conn)
    bodies = [t for t, m in conn.sent if m["type"] == "http.response.body"]
    assert all(t >= due - 0.0005 for t, due in zip(bodies, (0.06, 0.09, 0.12), strict=True)), bodies
    assert conn.sent[-1][1]["more_body"] is False


def test_a_client_that_leaves_mid_stream_is_reported_and_not_written_to():
    conn = Connection(leaves_after=0.05)
    report = run(schedule.stream([], FRAMES, StreamShape(ttft_ms=10, delay_ms=100), None), conn)
    assert (report.sent, report.ending, report.client_disconnected) == (1, "client_disconnected", True)


def test_a_json_reply_waits_for_its_time_to_first_token_before_the_head():
    conn = Connection()
    run(schedule.json_reply(200, [], b"{}", ttft_ms=50), conn)
    assert conn.sent[0][0] >= 0.0495 and conn.sent[0][1]["type"] == "http.response.start"
