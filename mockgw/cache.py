"""The prompt cache: prefixes of prompts an account sent, kept for their TTL on the namespace's clock.

One algorithm for both formats, after Anthropic's prompt caching docs: a cache entry is a prefix of
the prompt (tools, system, messages, in that order) up to a block boundary. A request reads the
longest prefix still cached for its account and model, looked for at each breakpoint and up to
`lookback` block boundaries before it, and writes each breakpoint's prefix that was not read.
Prefixes shorter than the model's minimum are not cached. A hit refreshes the entry's TTL.

Anthropic: breakpoints are where the client put `cache_control` (TTL 5m or 1h).
OpenAI: caching is automatic; every block boundary is a breakpoint (so prompts that share a
system prompt share its cache), looked up as far back as the prompt goes, and hits count in steps
of 128 tokens ("Caching is available for prompts containing 1024 tokens or more, with cache hits
occurring in increments of 128 tokens", OpenAI prompt caching guide).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from mockgw.clock import Clock
from mockgw.domain import (
    CacheAsk,
    CachePoint,
    CacheUse,
    ChatRequest,
    Text,
    ToolResult,
    estimate_tokens,
)

MAX_ENTRIES = 4096  # per namespace; the least recently used go first
HOUR = 3600.0


class PromptCache:
    def __init__(self, clock: Clock, max_entries: int = MAX_ENTRIES) -> None:
        self.clock = clock
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple[str, bytes], tuple[float, float]] = OrderedDict()  # -> expiry, ttl

    def reset(self) -> None:
        self.entries.clear()

    def plan(self, account: str, request: ChatRequest, ask: CacheAsk, min_tokens: int) -> CacheUse | None:
        """What the cache does for this request, without changing it (`commit` does, for a reply)."""
        total = request.input_tokens()
        if ask.points is None and total < min_tokens:  # most requests: nothing to look up
            return None
        points = ask.points if ask.points is not None else _prompt_points(request, ask.ttl)
        marks = [i for i, p in enumerate(points) if p.ttl is not None and _tokens(p, total) >= min_tokens]
        if not marks:
            return None
        hit = self._longest_hit(account, points, marks, ask.lookback)
        read = _tokens(points[hit], total) if hit >= 0 else 0
        if ask.step > 1:
            read -= read % ask.step
        use = CacheUse(read=read)
        if hit >= 0:
            use.writes.append((points[hit].digest, self.entries[(account, points[hit].digest)][1]))
        done = read
        for m in marks:
            if m <= hit:
                continue
            p = points[m]
            grown = max(0, _tokens(p, total) - done)
            use.created += grown
            use.created_1h += grown if p.ttl and p.ttl >= HOUR else 0
            done += grown
            use.writes.append((p.digest, p.ttl or 0.0))
        return use

    def _longest_hit(self, account: str, points: list[CachePoint], marks: list[int], lookback: int) -> int:
        """The last point still cached within `lookback` points before a breakpoint; each looked at once."""
        now = self.clock.now()
        floor = len(points)  # points from here on have been looked at
        for m in reversed(marks):
            for j in range(min(m, floor - 1), max(-1, m - lookback - 1), -1):
                if self._live(account, points[j].digest, now):
                    return j
            floor = min(floor, max(0, m - lookback))
        return -1

    def commit(self, account: str, use: CacheUse) -> None:
        """The reply went out: its breakpoints' prefixes are cached, the one it read is refreshed."""
        now = self.clock.now()
        for digest, ttl in use.writes:
            key = (account, digest)
            self.entries[key] = (now + ttl, ttl)
            self.entries.move_to_end(key)
        while len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)

    def _live(self, account: str, digest: bytes, now: float) -> bool:
        entry = self.entries.get((account, digest))
        if entry is None:
            return False
        if entry[0] <= now:
            del self.entries[(account, digest)]
            return False
        return True


def _tokens(point: CachePoint, total: int) -> int:
    return min(estimate_tokens(point.chars), total)


def _prompt_points(request: ChatRequest, ttl: float) -> list[CachePoint]:
    """Every block boundary of the canonical prompt, each a breakpoint (automatic caching)."""
    h = hashlib.blake2b(request.model.encode(), digest_size=16)
    points: list[CachePoint] = []
    chars = 0

    def add(part: str, size: int) -> None:
        nonlocal chars
        h.update(part.encode() + b"\0")
        chars += size
        points.append(CachePoint(h.digest(), chars, ttl))

    for t in request.tools:
        add(
            f"tool {t.name}\0{t.description}\0{sorted(t.input_schema.items())}",
            len(t.name) + len(t.description),
        )
    if request.system:
        add("system " + request.system, len(request.system))
    for m in request.messages:
        for b in m.content:
            if isinstance(b, Text):
                add(f"{m.role} text {b.text}", len(b.text))
            elif isinstance(b, ToolResult):
                add(f"result {b.tool_use_id}\0{b.content}", len(b.content))
            else:
                add(f"call {b.id}\0{b.name}\0{b.input!r}", len(repr(b.input)))
    return points
