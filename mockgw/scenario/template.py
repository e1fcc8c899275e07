"""Placeholders in scripted text: {{ last_user }}, {{ tool_result }}, {{ model }}, {{ faker.name }} ….

A minimal substitution, no expressions: a name is looked up, never evaluated.
"""

from __future__ import annotations

import inspect
import re
from functools import lru_cache
from typing import Any

from mockgw.domain import ChatRequest
from mockgw.generate import request_seed, seeded_faker

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")
REQUEST_VALUES = {
    "last_user": "text of the last user message",
    "tool_result": "content of the last tool_result the client sent (joined when several)",
    "model": "the model id of the request",
    "system": "the system prompt",
    "turn": "the turn number, 1 for the first assistant turn",
}
# Names that stand for fixed text: how a text shows a placeholder as written (recordings use it).
LITERALS = {"open_braces": "{{"}

_NOT_TEXT = {"binary", "tar", "zip", "image", "json_bytes", "xml", "enum"}  # bytes, or extra packages


@lru_cache(maxsize=1)
def faker_methods() -> frozenset[str]:
    """faker providers' public methods: the only things {{ faker.X }} may call (with no arguments)."""
    fake = seeded_faker(0)
    names = {n for p in fake.get_providers() for n in dir(p) if not n.startswith("_")}
    return frozenset(n for n in names - _NOT_TEXT if _callable_bare(getattr(fake, n, None)))


def _callable_bare(fn: object) -> bool:
    if not callable(fn):
        return False
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params)


def check_template(text: str) -> str:
    for name in PLACEHOLDER.findall(text):
        if name in REQUEST_VALUES or name in LITERALS:
            continue
        if name.startswith("faker.") and name[6:] in faker_methods():
            continue
        raise ValueError(
            f"unknown placeholder {{{{ {name} }}}}; "
            f"known: {sorted(REQUEST_VALUES | LITERALS)} and faker.<provider method>"
        )
    return text


def literal(text: str) -> str:
    """text that renders as itself: each placeholder-shaped {{ x }} in it opens with {{ open_braces }}."""
    return PLACEHOLDER.sub(lambda m: "{{ open_braces }}" + m.group(0)[2:], text)


class Placeholders:
    """The values of one request's placeholders, each computed only when a template asks for it."""

    def __init__(self, request: ChatRequest, seed: int) -> None:
        self.request = request
        self.seed = seed
        self._fake: Any = None  # seeding faker costs; only templates that use it pay

    def __call__(self, name: str) -> str:
        req = self.request
        if name.startswith("faker."):
            if self._fake is None:
                self._fake = seeded_faker(request_seed(req, self.seed))
            return str(getattr(self._fake, name[6:])())
        if name == "last_user":
            return req.last_user_text()
        if name == "tool_result":
            return "\n".join(r.content for r in req.last_tool_results())
        if name == "model":
            return req.model
        if name == "system":
            return req.system
        if name in LITERALS:
            return LITERALS[name]
        return str(req.turn + 1)  # "turn": check_template admits no other name


def render(text: str, values: Placeholders | None) -> str:
    """values is None only for text known to hold no placeholder (a reply prepared at load time)."""
    if values is None or "{{" not in text:
        return text
    return PLACEHOLDER.sub(lambda m: values(m.group(1)), text)
