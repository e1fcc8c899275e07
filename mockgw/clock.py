"""The one clock every time-based rule reads: real time plus an offset that tests move."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from functools import lru_cache

YEAR = 365.25 * 86400
# How far the clock may be moved from real time: far enough for any expiry, window or month story,
# near enough that every date stays an ordinary one (datetime stops at the year 9999).
MAX_OFFSET_YEARS = 100


class Clock:
    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds

    def reset(self) -> None:
        self.offset = 0.0


@lru_cache(maxsize=4096)  # rate-limit reset times repeat while a window's oldest request stays
def iso(ts: float) -> str:
    """RFC 3339 in UTC, as the APIs write times: 2026-11-26T02:41:50.864696Z."""
    return datetime.fromtimestamp(ts, timezone.utc).isoformat().replace("+00:00", "Z")
