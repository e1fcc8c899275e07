"""Every code block in README.md that claims to run is run here, taken from the README itself.

By language: a python block that defines test functions runs as a downstream project's test module
(the mockgw plugin, as installed); any other python block runs as a script; an sh block runs in bash
against a live server (its curl calls, which must get a 2xx unless they print the status themselves,
and its `mockgw` commands); a YAML block is checked as a scenario
file (by the validator and by the JSON Schema of `mockgw schema`) or as an accounts file. The README's
`http://127.0.0.1:8080` becomes the test server's URL. A block that is not meant to run says so on
the line before it, `<!-- not-run: why -->`; any other block fails test_every_block_runs_or_says_why_not.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import TypeAdapter

from mockgw.accounts import AccountsConfig
from mockgw.files import parse_document
from mockgw.scenario.loader import parse_text
from mockgw.scenario.model import json_schema
from mockgw.settings import Settings, env_name

pytest_plugins = ["pytester"]

README = Path(__file__).resolve().parent.parent / "README.md"
README_URL = re.compile(r"(http://)?(127\.0\.0\.1|localhost):8080")
FENCE = re.compile(r"^(?P<indent>\s*)```(?P<lang>[\w-]*)\s*$")
NOT_RUN = re.compile(r"^\s*<!-- not-run: (?P<why>\S.*?) -->\s*$")


@dataclass
class Block:
    line: int  # of the opening fence, 1-based
    lang: str
    code: str
    not_run: str | None  # the reason given in <!-- not-run: ... -->

    @property
    def kind(self) -> str | None:
        """How this block is run; None: it cannot be."""
        if self.lang == "python":
            return "pytest" if re.search(r"^def test_", self.code, re.M) else "script"
        if self.lang in ("sh", "bash", "shell") and re.search(r"^\s*(curl|mockgw)\b", self.code, re.M):
            return "sh"
        if self.lang in ("yaml", "yml", "json"):
            data = yaml.safe_load(self.code)
            if isinstance(data, list) or (isinstance(data, dict) and "turns" in data):
                return "scenario"
            if isinstance(data, dict) and set(data) <= set(AccountsConfig.model_fields):
                return "accounts"
        return None

    def __str__(self) -> str:
        return f"README.md:{self.line} ({self.lang or 'no language'})"


def readme_blocks() -> list[Block]:
    lines = README.read_text(encoding="utf-8").splitlines()
    blocks, i = [], 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, start = opening["indent"], i
        i += 1
        while not re.match(rf"^{indent}```\s*$", lines[i]):
            i += 1
        code = "\n".join(line[len(indent) :] for line in lines[start + 1 : i]) + "\n"
        before = next((lines[j] for j in range(start - 1, -1, -1) if lines[j].strip()), "")
        marker = NOT_RUN.match(before)
        blocks.append(Block(start + 1, opening["lang"], code, marker["why"] if marker else None))
        i += 1
    return blocks


BLOCKS = readme_blocks()


def of_kind(kind: str) -> list[Any]:
    return [pytest.param(b, id=f"line{b.line}") for b in BLOCKS if b.not_run is None and b.kind == kind]


def test_every_block_runs_or_says_why_not():
    unrunnable = [str(b) for b in BLOCKS if b.not_run is None and b.kind is None]
    assert not unrunnable, f"mark these <!-- not-run: why --> or make them runnable: {unrunnable}"
    assert len([b for b in BLOCKS if b.not_run is None]) >= 8, "the README's examples are being run"


@pytest.mark.parametrize("block", of_kind("script"))
def test_python_block_runs(block: Block, mockgw, tmp_path):
    code = README_URL.sub(mockgw.url, block.code)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{block} failed:\n{result.stderr}"


@pytest.mark.parametrize("block", of_kind("pytest"))
def test_python_test_module_passes(block: Block, pytester):
    pytester.makepyfile(test_from_readme=block.code)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    tests = len(re.findall(r"^def test_", block.code, re.M))
    result.assert_outcomes(passed=tests)


# A curl that does not print the status itself (-w) must get a 2xx: a snippet the server refuses is wrong.
STRICT_CURL = """
curl() {
  case " $* " in
    *" -w "* | *" --write-out "*) command curl "$@" ;;
    *) command curl --fail-with-body "$@" ;;
  esac
}
"""


@pytest.mark.parametrize("block", of_kind("sh"))
def test_shell_block_runs_against_a_live_server(block: Block, mockgw, tmp_path):
    env = os.environ | {
        "MOCKGW_URL": mockgw.url,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",  # this `mockgw`
    }
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", STRICT_CURL + README_URL.sub(mockgw.url, block.code)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"{block} failed:\n{result.stdout}\n{result.stderr}"
    assert result.stdout.strip(), f"{block} printed nothing"


@pytest.mark.parametrize("block", of_kind("scenario"))
def test_scenario_block_is_valid_for_the_validator_and_the_schema(block: Block):
    parse_text(block.code, str(block))
    jsonschema.validate(yaml.safe_load(block.code), json_schema())


@pytest.mark.parametrize("block", of_kind("accounts"))
def test_accounts_block_is_a_valid_accounts_file(block: Block):
    parse_document(
        block.code, str(block), TypeAdapter(AccountsConfig)
    )  # as `mockgw serve --accounts` reads it


def test_every_serve_option_is_in_the_configuration_table():
    readme = README.read_text(encoding="utf-8")
    missing = [env_name(name) for name in Settings.model_fields if f"`{env_name(name)}`" not in readme]
    assert not missing
