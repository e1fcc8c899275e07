"""Ids: one per request, and how a tool call's id reads on either wire format.

A request's id is `req_X`; its reply is `msg_X` or `chatcmpl-X`. A tool call scripted or generated as
`toolu_X` is `call_X` on the OpenAI endpoint and back: X is what identifies the call.
"""

from __future__ import annotations

import itertools
import os

_PREFIX = os.urandom(4).hex()
_COUNTER = itertools.count(int.from_bytes(os.urandom(3), "big"))
TOOL_ID_PREFIXES = ("toolu_", "call_")


def new_request_id() -> str:
    """req_ and 24 hex digits, unique per process: a random prefix and a counter (cheaper than urandom)."""
    return f"req_{_PREFIX}{next(_COUNTER):016x}"


def tool_call_key(tool_id: str) -> str:
    """The part of a tool id that names the call, whichever format's prefix it carries."""
    for prefix in TOOL_ID_PREFIXES:
        if tool_id.startswith(prefix):
            return tool_id[len(prefix) :]
    return tool_id
