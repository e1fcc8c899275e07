"""Read YAML or JSON documents into pydantic models, with errors that name file, line and field.

Used for scenario files and the accounts file alike. JSON is read by the YAML parser too, so both
get line numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

from mockgw.validation import is_union_member

T = TypeVar("T")


class InvalidFile(Exception):
    """Every problem found, one line each: `path:line: where: what`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _lines(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _lines(value, (*path, key.value), out)
            out[path + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, (*path, i), out)


def _where(loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> tuple[int, str]:
    """Map a pydantic error location onto the document: the deepest real path, and its line."""
    path: tuple[Any, ...] = ()
    for part in loc:
        if path + (part,) in lines:
            path = (*path, part)
        elif is_union_member(part) or (isinstance(part, str) and part[:1].isupper()):
            continue  # a union member's name or a tagged union's tag (Text, ToolUse), not a field
        else:
            return lines.get(path, 1), ".".join(map(str, (*path, part)))
    return lines.get(path, 1), ".".join(map(str, path)) or "(top)"


def parse_document(text: str, source: str, adapter: TypeAdapter[T] | Callable[[Any], TypeAdapter[T]]) -> T:
    """adapter: the model's TypeAdapter, or a function choosing one by the parsed data's shape."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}" if mark else ""
        raise InvalidFile([f"{source}{at}: not valid YAML/JSON: {getattr(exc, 'problem', exc)}"]) from None
    if node is None:
        raise InvalidFile([f"{source}: empty document"])
    lines: dict[tuple[Any, ...], int] = {}
    _lines(node, (), lines)
    try:
        chosen = adapter if isinstance(adapter, TypeAdapter) else adapter(data)
        return chosen.validate_python(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            line, where = _where(err["loc"], lines)
            problems.append(f"{source}:{line}: {where}: {err['msg']}")
        raise InvalidFile(list(dict.fromkeys(problems))) from None
