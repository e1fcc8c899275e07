"""Read YAML or JSON documents into pydantic models, with errors that name file, line and field.

Used for scenario files and the accounts file alike. JSON is read by the YAML parser too, so both
get line numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

from mockgw.validation import is_union_member

T = TypeVar("T")
# libyaml's parser when PyYAML was built with it (the wheels are): several times faster, same marks
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class InvalidFile(Exception):
    """Every problem found, one line each: `path:line: where: what`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_text(path: Path) -> str:
    """A file's text, or InvalidFile saying why it cannot be read (missing, permissions, not UTF-8)."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidFile([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError as exc:
        raise InvalidFile([f"{path}: not UTF-8 text: {exc.reason} at byte {exc.start}"]) from None


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


def _compose(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once: the node tree (for line numbers) and the data built from it."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _syntax_error(exc: yaml.YAMLError, source: str) -> InvalidFile:
    """file:line of a syntax error. An unclosed quote is reported where the quote opens: the
    scanner only notices at the next quote or the end of the file, often many lines later."""
    problem = getattr(exc, "problem", None) or str(exc)
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    problem_mark = getattr(exc, "problem_mark", None)
    quote = context_mark is not None and "quoted scalar" in (context or "")
    mark = context_mark if quote else problem_mark
    what = problem
    if problem_mark is not None and mark is not problem_mark:
        what += f" on line {problem_mark.line + 1}"
    if context:
        what += f" ({context}" + (f" from line {context_mark.line + 1})" if context_mark else ")")
    where = f":{mark.line + 1}" if mark is not None else ""
    return InvalidFile([f"{source}{where}: not valid YAML/JSON: {what}"])


def parse_document(text: str, source: str, adapter: TypeAdapter[T] | Callable[[Any], TypeAdapter[T]]) -> T:
    """adapter: the model's TypeAdapter, or a function choosing one by the parsed data's shape."""
    try:
        node, data = _compose(text)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, source) from None
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
