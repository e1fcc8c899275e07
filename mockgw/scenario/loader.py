"""Read scenario files (YAML or JSON) into Scenario models, with errors that name file, line and field."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from mockgw.files import DocumentLimits, InvalidFile, parse_document
from mockgw.scenario.model import Scenario

SUFFIXES = (".yaml", ".yml", ".json")
_one: TypeAdapter[Any] = TypeAdapter(Scenario)
_many: TypeAdapter[Any] = TypeAdapter(list[Scenario])


def shipped_dir() -> Path:
    """The shipped scenarios: the repository's scenarios/ folder, installed as mockgw.shipped_scenarios."""
    return Path(str(resources.files("mockgw.shipped_scenarios")))


def parse_text(text: str, source: str, limits: DocumentLimits = DocumentLimits()) -> list[Scenario]:  # noqa: B008
    """A document holds one scenario (a mapping) or a list of them."""
    parsed = parse_document(text, source, lambda data: _many if isinstance(data, list) else _one, limits)
    return parsed if isinstance(parsed, list) else [parsed]


def scenario_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.suffix in SUFFIXES and f.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            raise InvalidFile([f"{p}: no such file or folder"])
    return files


def load_paths(paths: list[Path], limits: DocumentLimits = DocumentLimits()) -> list[Scenario]:  # noqa: B008
    """All scenarios under the given files and folders, in file order; every problem at once."""
    problems: list[str] = []
    scenarios: list[Scenario] = []
    seen: dict[str, str] = {}
    for f in scenario_files(paths):
        try:
            found = parse_text(f.read_text(encoding="utf-8"), str(f), limits)
        except InvalidFile as exc:
            problems.extend(exc.problems)
            continue
        for s in found:
            if s.name in seen:
                problems.append(f"{f}: scenario name {s.name!r} is already used in {seen[s.name]}")
            seen[s.name] = str(f)
            scenarios.append(s)
    if problems:
        raise InvalidFile(problems)
    return scenarios
