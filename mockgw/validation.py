"""Pydantic error locations as the field paths people read: `messages.0.content`, not union member names."""

from __future__ import annotations

from typing import Any

_TYPE_NAMES = frozenset({"str", "int", "float", "bool", "dict", "list", "none"})


def is_union_member(part: Any) -> bool:
    """pydantic puts the member of a union it tried ("str", "list[...]", "function-after[...]") into loc."""
    return isinstance(part, str) and (part in _TYPE_NAMES or any(c in part for c in "[]'\""))


def field_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc if not is_union_member(p))
