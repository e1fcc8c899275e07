"""Signatures of thinking blocks: mockgw's own, which it can check when a client sends a block back.

The real API signs each thinking block and answers 400 "messages.N.content.M: Invalid `signature` in
`thinking` block" when a block comes back changed (text or signature edited, or a signature that is
not Claude's). mockgw's signature is an HMAC of the thinking text, so a changed block is caught the
same way. A signature mockgw did not make (scripted in a scenario, recorded from the real API) is not
its to judge and is accepted, unless it is empty.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

_KEY = b"mockgw thinking signature v1"  # fixed: a conversation saved in one run verifies in the next
_MARK = b"mockgw1:"  # what makes a signature mockgw's (decoded); the HMAC follows it


def sign(thinking: str) -> str:
    return base64.b64encode(_MARK + _mac(thinking)).decode()


def valid(thinking: str, signature: str) -> bool:
    """Whether a thinking block sent back in a conversation may pass as the API's own."""
    if not signature:
        return False
    try:
        raw = base64.b64decode(signature, validate=True)
    except ValueError:
        return True  # not base64: not mockgw's
    if not raw.startswith(_MARK):
        return True
    return hmac.compare_digest(raw[len(_MARK) :], _mac(thinking))


def _mac(thinking: str) -> bytes:
    return hmac.new(_KEY, thinking.encode(), hashlib.sha256).digest()
