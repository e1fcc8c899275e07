"""The schedule decides all timing: frames and a scripted shape in, timed writes and an ending out.

No server: each test builds a schedule from plain bytes and reads it back.
"""

from __future__ import annotations

from mockgw import schedule
from mockgw.domain import GatewayError, StreamShape

FRAMES = [b"e0\n\n", b"e1\n\n", b"e2\n\n", b"e3\n\n", b"e4\n\n"]
ERROR = b"event: error\n\n"


def test_an_unpaced_stream_is_one_write_of_every_event():
    s = schedule.stream([], FRAMES, StreamShape(), None)
    assert [(w.at, w.data, w.events) for w in s.writes] == [(0.0, b"".join(FRAMES), 5)]
    assert (s.status, s.ending, s.events, s.watch_client) == (200, "complete", 5, False)


def test_a_paced_stream_writes_each_event_at_ttft_plus_its_index_times_the_delay():
    s = schedule.stream([], FRAMES, StreamShape(ttft_ms=200, delay_ms=20), None)
    assert [round(w.at, 3) for w in s.writes] == [0.2, 0.22, 0.24, 0.26, 0.28]
    assert s.head_at == 0.0 and s.watch_client  # headers at once; the client is watched between writes


def test_error_after_cuts_the_stream_and_ends_it_with_the_error_event():
    shape = StreamShape(error_after=2, error=GatewayError(529, "overloaded", "Overloaded"))
    s = schedule.stream([], FRAMES, shape, ERROR)
    assert s.writes[0].data == FRAMES[0] + FRAMES[1] + ERROR
    assert (s.ending, s.events, s.writes[0].events) == ("error_event", 5, 3)


def test_disconnect_after_cuts_the_stream_and_drops_the_connection():
    s = schedule.stream([], FRAMES, StreamShape(disconnect_after=3), None)
    assert s.writes[0].data == b"".join(FRAMES[:3]) and s.ending == "disconnect"


def test_an_error_event_due_no_later_than_a_disconnect_wins():
    shape = StreamShape(error_after=2, disconnect_after=2)
    assert schedule.stream([], FRAMES, shape, ERROR).ending == "error_event"
    shape = StreamShape(error_after=3, disconnect_after=2)
    assert schedule.stream([], FRAMES, shape, ERROR).ending == "disconnect"


def test_a_cut_past_the_end_changes_nothing():
    s = schedule.stream([], FRAMES, StreamShape(error_after=9, disconnect_after=9), ERROR)
    assert s.ending == "complete" and s.writes[0].data == b"".join(FRAMES)


def test_a_burst_holds_every_event_until_the_last_one_is_due():
    s = schedule.stream([], FRAMES, StreamShape(ttft_ms=100, delay_ms=50, burst=True), None)
    assert [(round(w.at, 3), w.events) for w in s.writes] == [(0.3, 5)]


def test_a_json_reply_is_one_write_and_its_head_both_at_the_time_to_first_token():
    s = schedule.json_reply(200, [(b"request-id", b"req_1")], b'{"ok":true}', ttft_ms=150)
    assert (s.head_at, [(w.at, w.data) for w in s.writes]) == (0.15, [(0.15, b'{"ok":true}')])
    assert s.headers == [
        (b"content-type", b"application/json"),
        (b"content-length", b"11"),
        (b"request-id", b"req_1"),
    ]


def test_a_stall_is_a_dropped_connection_closed_after_the_stall():
    s = schedule.dropped(2000)
    assert (s.status, s.writes, s.ending, s.end_at) == (0, [], "drop", 2.0)
