"""Placeholders in scripted text: {{ last_user }}, {{ tool_result }}, {{ model }}, {{ faker.name }} ….

A minimal substitution, no expressions: a name is looked up, never evaluated.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from functools import lru_cache

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")
REQUEST_VALUES = {
    "last_user": "text of the last user message",
    "tool_result": "content of the last tool_result the client sent (joined when several)",
    "model": "the model id of the request",
    "system": "the system prompt",
    "turn": "the turn number, 1 for the first assistant turn",
}

_NOT_TEXT = {"binary", "tar", "zip", "image", "json_bytes", "xml", "enum"}  # bytes, or extra packages


@lru_cache(maxsize=1)
def faker_methods() -> frozenset[str]:
    """faker providers' public methods: the only things {{ faker.X }} may call (with no arguments)."""
    from mockgw.generate import seeded_faker

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
        if name in REQUEST_VALUES:
            continue
        if name.startswith("faker.") and name[6:] in faker_methods():
            continue
        raise ValueError(
            f"unknown placeholder {{{{ {name} }}}}; "
            f"known: {sorted(REQUEST_VALUES)} and faker.<provider method>"
        )
    return text


def render(text: str, values: dict[str, str], fake: Callable[[str], object]) -> str:
    if "{{" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        return str(fake(name[6:])) if name.startswith("faker.") else values[name]

    return PLACEHOLDER.sub(one, text)
