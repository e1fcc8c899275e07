"""How long and how much each measurement runs: the full plan, and the tiny one of --quick."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Plan:
    quick: bool
    duration: float  # seconds per throughput cell and server
    rounds: int  # the cell's time is split into rounds that alternate mockgw and reference
    connections: tuple[int, ...]
    stream_connections: int
    warmup: float  # seconds of load before a server's first measured cell
    memory_batch: int  # requests per batch of the memory check
    ttfb_requests: int
    start_runs: int
    inproc_runs: int
    resets: int
    open_streams: int
    hold: dict[str, int]  # the stream shape that keeps open_streams open at once
    paced_requests: int

    @classmethod
    def make(cls, quick: bool) -> Plan:
        if quick:
            return cls(
                quick=True,
                duration=1,
                rounds=1,
                connections=(16,),
                stream_connections=16,
                warmup=0,
                memory_batch=400,
                ttfb_requests=10,
                start_runs=1,
                inproc_runs=1,
                resets=1000,
                open_streams=1000,
                hold={"ttft_ms": 700, "delay_ms": 50, "deltas": 4},
                paced_requests=1,
            )
        return cls(
            quick=False,
            duration=6,
            rounds=3,
            connections=(1, 16, 64),
            stream_connections=16,
            warmup=2,
            memory_batch=20_000,
            ttfb_requests=200,
            start_runs=5,
            inproc_runs=3,
            resets=1000,
            open_streams=1000,
            hold={"ttft_ms": 2000, "delay_ms": 100, "deltas": 20},
            paced_requests=10,
        )
