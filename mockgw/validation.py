"""What every reader of bodies and documents shares: field paths people read, and JSON as RFC 8259 has it.

Field paths: pydantic error locations as `messages.0.content`, not union member names.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import from_json

_TYPE_NAMES = frozenset({"str", "int", "float", "bool", "dict", "list", "none"})


def is_union_member(part: Any) -> bool:
    """pydantic puts the member of a union it tried ("str", "list[...]", "function-after[...]") into loc."""
    return isinstance(part, str) and (part in _TYPE_NAMES or any(c in part for c in "[]'\""))


def field_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc if not is_union_member(p))


def non_json_number(text: bytes | str) -> str | None:
    """Why a text is not JSON when it is JSON but for a NaN, Infinity or -Infinity number; else None.

    RFC 8259 §6: "Numeric values that cannot be represented in the grammar below (such as Infinity
    and NaN) are not permitted." pydantic's parser (like Python's json module) reads them unless told
    not to. None also for a text that is not JSON for some other reason (its parser says why), or not
    JSON at all (YAML). A word search first, so the usual body is not parsed again.
    """
    if isinstance(text, bytes):  # find(): bytes' `in` first tries its operand as an integer (a TypeError)
        named = text.find(b"NaN") >= 0 or text.find(b"Infinity") >= 0
    else:
        named = "NaN" in text or "Infinity" in text
    if not named:
        return None
    try:
        from_json(text, allow_inf_nan=False)
    except ValueError as exc:
        try:
            from_json(text)
        except ValueError:
            return None
        return f"{exc} (NaN, Infinity and -Infinity are not JSON numbers)"
    return None
