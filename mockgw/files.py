"""Read YAML or JSON documents into pydantic models, with errors that name file, line and field.

Used for scenario files, uploaded scenarios and the accounts file alike. JSON is read by the YAML
parser too, so both get line numbers. A document that would cost far more to read than its size
(too large, nested too deep, aliases of aliases, endless integers) is refused before it is built.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

from mockgw.validation import is_union_member, non_json_number

T = TypeVar("T")


class InvalidFile(Exception):
    """Every problem found, one line each: `path:line: where: what`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class DocumentLimits:
    """What one document may hold; the settings document_max_bytes and document_max_depth."""

    max_bytes: int = 256 * 1024  # the text; also how much its aliases may add once expanded
    max_depth: int = 64  # mappings and sequences inside each other


MAX_INT_CHARS = 100  # longer integers are refused: int() of long text is slow, and Python caps its digits


class _Refused(Exception):
    """A document over a limit, at a place in it."""

    def __init__(self, mark: Any, message: str) -> None:  # a yaml Mark, from either parser
        super().__init__(message)
        self.line = mark.line + 1 if mark else None
        self.message = message


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml's where PyYAML has it), refusing numbers a document cannot mean."""

    def construct_bounded_int(self, node: yaml.ScalarNode) -> int:
        if len(node.value) > MAX_INT_CHARS:
            message = f"integer of {len(node.value)} characters is too long (at most {MAX_INT_CHARS})"
            raise _Refused(node.start_mark, message)
        value: int = self.construct_yaml_int(node)
        return value

    def construct_finite_float(self, node: yaml.ScalarNode) -> float:
        value: float = self.construct_yaml_float(node)
        if not math.isfinite(value):
            raise _Refused(node.start_mark, f"{node.value[:40]} is not a finite number")
        return value


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_bounded_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_finite_float)


def _check_shape(text: str, limits: DocumentLimits) -> None:
    """Nesting depth and what aliases add, read off the parser's events before any node is built.

    Building is where a small document gets expensive: composing recurses once per level, and an
    alias of an alias of … stands for exponentially many values once anything walks the result.
    An alias adds the size of what it names (its scalars' lengths, plus one a value), counted
    without expanding anything.
    """
    sizes: dict[str, int] = {}  # anchor -> the size of the value it names, aliases expanded
    open_: list[list[Any]] = [[None, 0]]  # [anchor, size so far] of each open collection; [0]: the top
    added = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_) > limits.max_depth:
                message = f"nested deeper than {limits.max_depth} levels (--document-max-depth)"
                raise _Refused(event.start_mark, message)
            open_.append([event.anchor, 1])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, size = open_.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, len(event.value) + 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, size = None, sizes.get(event.anchor or "", 0)
            added += size
            if added > limits.max_bytes:
                message = (
                    f"aliases expand this document by more than {limits.max_bytes} bytes "
                    "(--document-max-bytes)"
                )
                raise _Refused(event.start_mark, message)
        else:
            continue
        if anchor is not None:
            sizes[anchor] = size
        open_[-1][1] += size


def _load(text: str, limits: DocumentLimits) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (for line numbers) and its data, from one parse."""
    _check_shape(text, limits)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


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


def parse_document(
    text: str,
    source: str,
    adapter: TypeAdapter[T] | Callable[[Any], TypeAdapter[T]],
    limits: DocumentLimits = DocumentLimits(),
) -> T:
    """adapter: the model's TypeAdapter, or a function choosing one by the parsed data's shape."""
    size = len(text.encode())
    if size > limits.max_bytes:
        limit = f"the {limits.max_bytes} a document may have (--document-max-bytes)"
        raise InvalidFile([f"{source}: {size} bytes is more than {limit}"])
    not_json = non_json_number(text)  # JSON but for a NaN: YAML would read the NaN as a string
    if not_json:
        raise InvalidFile([f"{source}: not valid JSON: {not_json}"])
    try:
        node, data = _load(text, limits)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, source) from None
    except _Refused as exc:
        at = f":{exc.line}" if exc.line else ""
        raise InvalidFile([f"{source}{at}: {exc.message}"]) from None
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
