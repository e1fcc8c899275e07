"""One chat request decided, with no ASGI in it: headers and body in, a schedule and a journal entry out.

The steps, in order: identity -> body -> wire decode -> model rules -> account gate -> script ->
wire encode -> schedule. A step that refuses raises a GatewayError; the script returns its faults
as outcomes. Either way the error becomes the caller's envelope here, in `_error`, and nowhere else;
a bug of ours becomes a 500 in the same envelope.

Money has one rule, applied in `settle` once the writer has reported: the gate's charge stands
only for a reply delivered whole; an error, a dropped connection, a stream cut by a scripted error
event or disconnect, a client that left early and a server shutdown are all refunded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from mockgw import schedule
from mockgw.accounts import Account
from mockgw.catalog import apply_model_rules
from mockgw.domain import ChatRequest, Drop, GatewayError, RateLimit, Reply, bad_request
from mockgw.ids import new_request_id
from mockgw.journal import Entry
from mockgw.schedule import Schedule
from mockgw.state import Namespace
from mockgw.wire import Wire, render_error
from mockgw.wire.common import dumps
from mockgw.writer import Report

log = logging.getLogger("mockgw")

# The request headers mockgw reads (SDKs send a dozen more; the journal keeps them all).
READ_HEADERS = frozenset(
    {
        b"x-api-key",
        b"authorization",
        b"content-type",
        b"anthropic-version",
        b"anthropic-beta",
        b"x-mockgw-scenario",
        b"x-mockgw-strict",
        b"x-mockgw-test-id",
    }
)
TRUE = frozenset({"1", "true", "yes", "on"})
SHUTTING_DOWN = GatewayError(503, "overloaded", "the gateway is shutting down; this stream was cut short")


@dataclass(slots=True)
class Inbound:
    wire: Wire
    path: str
    raw_headers: list[tuple[bytes, bytes]]
    body: bytes | GatewayError | None  # GatewayError: why it could not be read; None: the client left


@dataclass(slots=True)
class Charge:
    """What the account gate took, so that an answer other than a whole reply gives it back."""

    account: Account | None = None
    credits: int = 0
    rate: RateLimit | None = None


@dataclass(slots=True)
class Exchange:
    schedule: Schedule | None  # None: nobody is left to answer
    entry: Entry  # what the journal records, once the writer has reported
    charge: Charge


def read_headers(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """The headers mockgw reads, decoded in one pass."""
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in raw if k in READ_HEADERS}


def internal_error(exc: Exception, path: str) -> GatewayError:
    log.error("mockgw: internal error on %s", path, exc_info=exc)
    message = f"mockgw internal error ({type(exc).__name__}: {exc}); please report it"
    return GatewayError(500, "api_error", message)


def handle(ns: Namespace, inbound: Inbound) -> Exchange:
    wire = inbound.wire
    entry = Entry(ns.clock.now(), "POST", inbound.path, inbound.raw_headers, wire.NAME)
    charge = Charge()
    if inbound.body is None:
        return Exchange(None, entry, charge)
    request_id = new_request_id()
    try:
        answer = _decide(ns, inbound, request_id, entry, charge)
    except GatewayError as err:
        answer = _error(wire, _detached(err), request_id, charge.rate, entry)
    except Exception as exc:
        answer = _error(wire, _detached(internal_error(exc, inbound.path)), request_id, charge.rate, entry)
    return Exchange(answer, entry, charge)


def _detached(err: GatewayError) -> GatewayError:
    """The error without its traceback and the exceptions it was raised from. The journal keeps it,
    and a traceback's frames hold the request (entry -> error -> frame -> entry): a reference cycle per
    refused request, which the garbage collector found in pauses of up to 300 ms under a stream of 429s.
    """
    err.__traceback__ = err.__context__ = err.__cause__ = None
    return err


def settle(ns: Namespace, done: Exchange, report: Report | None) -> None:
    """The request is over: refund what was not a whole reply, then journal it, once."""
    whole = done.entry.status == 200 and report is not None and report.ending == "complete"
    if done.charge.account is not None and not whole:
        ns.accounts.refund(done.charge.account, done.charge.credits)
    ns.journal.add(done.entry, report)


def _decide(ns: Namespace, inbound: Inbound, request_id: str, entry: Entry, charge: Charge) -> Schedule:
    wire, settings = inbound.wire, ns.settings
    given = read_headers(inbound.raw_headers)
    account = ns.accounts.identify(given)
    entry.raw_body = json_body(inbound.body, given)
    if settings.require_anthropic_version and wire.VERSION_HEADER and wire.VERSION_HEADER not in given:
        raise bad_request(f"{wire.VERSION_HEADER}: header is required")
    chat = wire.decode(entry.raw_body, given, settings.validation == "loose")
    model, chat = apply_model_rules(chat, settings.lenient, settings.tools_unsupported)
    charge.credits, charge.rate = ns.accounts.admit(account, model)
    charge.account = account
    if chat.cache is not None:
        chat.cached = ns.cache.plan(account.id, chat, chat.cache, model.min_cache_tokens)
    strict = given.get("x-mockgw-strict", "").lower() in TRUE
    decision = ns.engine.decide(
        chat, account.id, given.get("x-mockgw-scenario"), strict, given.get("x-mockgw-test-id")
    )
    entry.scenario, entry.turn, entry.attempt, entry.chaos = (
        decision.scenario,
        decision.turn,
        decision.attempt,
        decision.chaos,
    )
    result = decision.result
    if isinstance(result, GatewayError):
        return _error(wire, result, request_id, charge.rate, entry)
    entry.outcome = result
    if isinstance(result, Drop):
        return schedule.dropped(result.stall_ms)
    entry.status = 200
    if chat.cached is not None:
        ns.cache.commit(account.id, chat.cached)
    return _reply(wire, chat, result, request_id, charge.rate, entry)


def json_body(body: bytes | GatewayError | None, headers: dict[str, str]) -> bytes:
    if isinstance(body, GatewayError):
        raise body
    ctype = headers.get("content-type", "")
    if ctype and "json" not in ctype.split(";")[0].lower():
        raise bad_request(f"content-type must be application/json, got {ctype!r}")
    if not body:
        raise bad_request("request body is empty; send a JSON object")
    return body


def _reply(
    wire: Wire, chat: ChatRequest, reply: Reply, request_id: str, rate: RateLimit | None, entry: Entry
) -> Schedule:
    reply_id = wire.ID_PREFIX + request_id[4:]  # req_X answers with msg_X / chatcmpl-X
    created = int(entry.time)
    headers = wire.headers(request_id, rate)
    shape = reply.shape
    if not chat.stream:
        return schedule.json_reply(
            200, headers, dumps(wire.encode(reply, chat, reply_id, created)), shape.ttft_ms
        )
    frames = wire.encode_stream(reply, chat, reply_id, created)
    error_frame = wire.stream_error_event(shape.error, request_id) if shape.error else None
    shutdown_frame = wire.stream_error_event(SHUTTING_DOWN, request_id)
    answer = schedule.stream(headers, frames, shape, error_frame, shutdown_frame)
    entry.stream_events = answer.events
    return answer


def _error(wire: Wire, err: GatewayError, request_id: str, rate: RateLimit | None, entry: Entry) -> Schedule:
    entry.status, entry.outcome = err.status, err
    return schedule.json_reply(*render_error(wire, err, request_id, rate))
