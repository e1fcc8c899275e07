"""Read scenario files (YAML or JSON) into Scenario models, with errors that name file, line and field."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from mockgw.files import DocumentLimits, InvalidFile, parse_document, read_text
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
    """The scenario files under these files and folders (subfolders too), sorted within each folder."""
    files: list[Path] = []
    problems: list[str] = []

    def unlistable(exc: OSError) -> None:
        problems.append(f"{exc.filename}: cannot list the folder: {exc.strerror}")

    for p in paths:
        if p.is_dir():
            found = [
                Path(root) / name
                for root, _dirs, names in os.walk(p, onerror=unlistable)
                for name in names
                if name.endswith(SUFFIXES)
            ]
            files.extend(sorted(f for f in found if f.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            problems.append(f"{p}: no such file or folder")
    if problems:
        raise InvalidFile(problems)
    return files


def load_paths(paths: list[Path], limits: DocumentLimits = DocumentLimits()) -> list[Scenario]:  # noqa: B008
    """All scenarios under the given files and folders, in file order; every problem at once."""
    problems: list[str] = []
    scenarios: list[Scenario] = []
    seen: dict[str, str] = {}
    for f in scenario_files(paths):
        try:
            found = parse_text(read_text(f), str(f), limits)
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
