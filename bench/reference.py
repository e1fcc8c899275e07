"""The bare Starlette reference that bench/run.py measures mockgw against.

Same server stack as `mockgw serve` (uvicorn on the same event loop, httptools, access log off, lifespan off),
and nothing else: no parsing, no accounts, no scenarios, no journal.

    POST /v1/messages                  fixed Anthropic JSON reply
    POST /api/v1/chat/completions      fixed OpenAI JSON reply
    POST /stream/v1/messages           Anthropic SSE stream, one event per write
    POST /stream/api/v1/chat/completions  OpenAI SSE stream, one event per write
    GET  /_mockgw/health               {"status": "ok"}, so the bench can wait for it like for mockgw

The streams are a StreamingResponse over an async generator that yields one SSE event at a time:
the textbook way to stream from Starlette. Each handler reads the request body (as mockgw must)
but does not parse it.

With --replies DIR the replies are the files DIR/anthropic.json, DIR/openai.json,
DIR/anthropic.sse and DIR/openai.sse (bench/run.py writes there what mockgw answered to the bench
requests, so both servers send the same bytes); without it, built-in replies of the same shape
(200 text deltas of 8 characters) are used.

    .venv/bin/python bench/reference.py --port 8090 [--replies DIR]
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

JSON = "application/json"
SSE = "text/event-stream; charset=utf-8"
DELTAS = 200
CHUNK = "abcdefg "  # 8 characters


def _dumps(obj: object) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


def default_replies() -> dict[str, bytes]:
    """Replies shaped like the gateway's, for running the reference on its own."""
    usage = {"input_tokens": 3, "output_tokens": 400}
    anthropic = {
        "id": "msg_000000000000000000000000",
        "type": "message",
        "role": "assistant",
        "model": "qwen-coder-32b",
        "content": [{"type": "text", "text": "Hello! How can I help you today?"}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": usage,
    }
    openai = {
        "id": "chatcmpl-000000000000000000000000",
        "object": "chat.completion",
        "created": 0,
        "model": "qwen-coder-32b",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "Hello! How can I help you today?"},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 3, "completion_tokens": 8, "total_tokens": 11},
    }

    def event(name: str, data: object) -> bytes:
        return b"event: " + name.encode() + b"\ndata: " + _dumps(data) + b"\n\n"

    shell = anthropic | {"content": [], "stop_reason": None}
    a_events = [
        event("message_start", {"type": "message_start", "message": shell}),
        event(
            "content_block_start",
            {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        ),
        event("ping", {"type": "ping"}),
        *(
            event(
                "content_block_delta",
                {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": CHUNK}},
            )
            for _ in range(DELTAS)
        ),
        event("content_block_stop", {"type": "content_block_stop", "index": 0}),
        event(
            "message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": usage}
        ),
        event("message_stop", {"type": "message_stop"}),
    ]
    base = {"id": openai["id"], "object": "chat.completion.chunk", "created": 0, "model": "qwen-coder-32b"}

    def chunk(delta: dict[str, object], finish: str | None = None) -> bytes:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return b"data: " + _dumps(base | {"choices": [choice]}) + b"\n\n"

    o_events = [
        chunk({"role": "assistant", "content": ""}),
        *(chunk({"content": CHUNK}) for _ in range(DELTAS)),
        chunk({}, "stop"),
        b"data: [DONE]\n\n",
    ]
    return {
        "anthropic.json": _dumps(anthropic),
        "openai.json": _dumps(openai),
        "anthropic.sse": b"".join(a_events),
        "openai.sse": b"".join(o_events),
    }


def split_events(stream: bytes) -> list[bytes]:
    """An SSE body as its events, each with its blank-line terminator."""
    return [part + b"\n\n" for part in stream.split(b"\n\n") if part]


def load_replies(folder: Path | None) -> dict[str, bytes]:
    replies = default_replies()
    if folder is not None:
        for name in replies:
            replies[name] = (folder / name).read_bytes()
    return replies


def create_app(replies: dict[str, bytes]) -> Starlette:
    anthropic_json, openai_json = replies["anthropic.json"], replies["openai.json"]
    anthropic_events = split_events(replies["anthropic.sse"])
    openai_events = split_events(replies["openai.sse"])

    async def messages(request: Request) -> Response:
        await request.body()
        return Response(anthropic_json, media_type=JSON)

    async def chat_completions(request: Request) -> Response:
        await request.body()
        return Response(openai_json, media_type=JSON)

    def streamer(events: list[bytes]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            await request.body()

            async def one_event_per_write() -> AsyncIterator[bytes]:
                for e in events:
                    yield e

            return StreamingResponse(
                one_event_per_write(), media_type=SSE, headers={"cache-control": "no-cache"}
            )

        return endpoint

    async def health(request: Request) -> Response:
        return Response(b'{"status":"ok"}', media_type=JSON)

    return Starlette(
        routes=[
            Route("/v1/messages", messages, methods=["POST"]),
            Route("/api/v1/chat/completions", chat_completions, methods=["POST"]),
            Route("/stream/v1/messages", streamer(anthropic_events), methods=["POST"]),
            Route("/stream/api/v1/chat/completions", streamer(openai_events), methods=["POST"]),
            Route("/_mockgw/health", health, methods=["GET"]),
        ]
    )


def serve(app: Callable[..., Awaitable[None]], host: str, port: int) -> None:
    """uvicorn as `mockgw serve` runs it: its event loop (MOCKGW_EVENT_LOOP, default asyncio, read here
    without importing mockgw: the start-up row times a bare app), httptools, no access log, no lifespan."""
    uvicorn.run(
        app,
        host=host,
        port=port,
        loop=os.environ.get("MOCKGW_EVENT_LOOP", "asyncio"),
        http="httptools",
        access_log=False,
        log_level="warning",
        lifespan="off",
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8090)
    p.add_argument(
        "--replies", type=Path, help="folder with anthropic.json, openai.json, anthropic.sse, openai.sse"
    )
    args = p.parse_args()
    serve(create_app(load_replies(args.replies)), args.host, args.port)


if __name__ == "__main__":
    main()
