"""One module per wire format. Each offers the same functions (see `Wire`); none knows scenarios."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from mockgw.domain import ChatRequest, GatewayError, RateLimit, Reply
from mockgw.wire.common import RawHeaders, dumps, raw_headers


class Wire(Protocol):
    NAME: str
    ID_PREFIX: str
    VERSION_HEADER: str | None  # the API-version header a client must send when the server requires it

    def decode(self, raw: bytes, headers: Mapping[str, str], loose: bool) -> ChatRequest:
        """The body as the API's contract reads it (strict unless `loose`); a 400 when it breaks it."""
        ...

    def encode(self, reply: Reply, request: ChatRequest, reply_id: str, created: int) -> dict[str, Any]: ...
    def encode_stream(
        self, reply: Reply, request: ChatRequest, reply_id: str, created: int
    ) -> list[bytes]: ...
    def headers(self, request_id: str, rate: RateLimit | None) -> RawHeaders: ...
    def error_body(self, err: GatewayError, request_id: str) -> dict[str, Any]: ...
    def stream_error_event(self, err: GatewayError, request_id: str) -> bytes: ...


def render_error(
    wire: Wire, err: GatewayError, request_id: str, rate: RateLimit | None = None
) -> tuple[int, RawHeaders, bytes]:
    """The one place a GatewayError becomes a response: status, the API's headers, its envelope."""
    headers = wire.headers(request_id, err.rate or rate) + raw_headers(err.headers)
    return err.status, headers, dumps(wire.error_body(err, request_id))
