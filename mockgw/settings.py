"""Every knob of a mockgw server, in one model: CLI flags, MOCKGW_* variables and the Python API fill it.

`resolve` reads the flags and the environment into Settings and turns every mistake into one line that
names the option and the value (`MOCKGW_PORT=abc: ...`, `--journal-size 0: ...`): the CLI prints those
lines and exits 2 instead of showing a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

if TYPE_CHECKING:
    from mockgw.files import DocumentLimits

BOOLEANS = {
    "1": True,
    "true": True,
    "yes": True,
    "on": True,
    "0": False,
    "false": False,
    "no": False,
    "off": False,
}

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    seed: int = Field(0, description="seed for generated replies and faker placeholders")
    scenarios: list[Path] = Field(
        default_factory=list, description="files/folders; none: the shipped scenarios"
    )
    accounts: Path | None = Field(None, description="accounts file (YAML/JSON)")
    lenient: bool = Field(False, description="accept any credential and any model id")
    validation: Literal["strict", "loose"] = Field(
        "strict",
        description="request contract: strict as the real APIs; loose coerces types, ignores unknown fields",
    )
    strict: bool = Field(False, description="unmatched requests get an error instead of a generated reply")
    watch: bool = Field(False, description="reload scenario files when they change")
    tools_unsupported: Literal["ignore", "reject"] = "ignore"
    require_anthropic_version: bool = False
    max_body_bytes: int = Field(10 * 1024 * 1024, ge=1)
    journal_size: int = Field(1000, ge=1)
    graceful_timeout: int = Field(
        5, ge=0, description="on SIGTERM, seconds open responses get to finish before streams are cut"
    )
    keep_alive_seconds: int = Field(5, ge=1, description="an idle keep-alive connection is closed after")
    event_loop: Literal["asyncio", "uvloop"] = Field(
        "asyncio",
        description="the server's event loop: asyncio (Python's own) is fair to every connection; uvloop "
        "is faster with a few connections, has a long tail with many and under overload can leave new "
        "ones unaccepted for seconds",
    )
    max_connections: int = Field(
        4096, ge=1, description="connections and requests at once; more get a 503 from the server"
    )
    max_header_bytes: int = Field(
        32 * 1024, ge=1024, description="request headers larger than this get a 431"
    )
    body_timeout_seconds: float = Field(
        30.0, gt=0, description="a request body still arriving after this gets a 408"
    )
    header_timeout_seconds: float = Field(
        10.0,
        ge=1,
        description="a connection whose request headers are not whole this long after it opened, "
        "or after its previous response, is closed",
    )
    admin_token: str | None = Field(
        None,
        description="control-plane token (Authorization: Bearer); generated when binding beyond loopback",
    )
    open_control: bool = Field(
        False, description="serve the control plane without a token on a non-loopback address (unsafe)"
    )
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Host names the control plane answers besides localhost, on loopback",
    )
    journal_body_bytes: int = Field(
        64 * 1024, ge=0, description="request bodies are journaled up to this size, then cut with a marker"
    )
    document_max_bytes: int = Field(
        256 * 1024,
        ge=1,
        description="a scenario or accounts document (file or upload), and what its YAML aliases may add",
    )
    document_max_depth: int = Field(64, ge=1, description="mappings and sequences nested in a document")
    max_namespaces: int = Field(
        1000, ge=0, description="namespaces open at once (see POST /_mockgw/namespaces)"
    )
    namespace_idle_seconds: float = Field(
        900.0, gt=0, description="a namespace unused this long (real time) is dropped"
    )
    # Recording (mockgw serve --record-missing, mockgw record, pytest --mockgw-record): see mockgw/record/.
    upstream: str | None = Field(None, description="the gateway recordings are made from (its base URL)")
    upstream_key: str | None = Field(
        None, description="the key sent upstream in place of the caller's credentials"
    )
    record_missing: bool = Field(
        False, description="forward requests no scenario answers to the upstream, and record them"
    )
    recordings: Path | None = Field(
        None, description="folder recordings are written to; default: the first --scenarios folder"
    )
    record_timing: bool = Field(False, description="record time to first token and gaps between events")
    redact: list[str] = Field(
        default_factory=list, description="regexes whose matches are never written to a recording"
    )

    @field_validator("redact")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        import re

        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{pattern!r} is not a regular expression: {exc}") from None
        return patterns

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK_HOSTS or self.host.startswith("127.")

    def document_limits(self) -> DocumentLimits:
        from mockgw.files import DocumentLimits  # yaml stays out of what the settings import

        return DocumentLimits(self.document_max_bytes, self.document_max_depth)


class ConfigError(Exception):
    """Bad configuration, one line per problem, each naming the option and its value."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def env_name(field: str) -> str:
    return f"MOCKGW_{field.upper()}"


def flag_name(field: str) -> str:
    return "--" + field.replace("_", "-")


def _split_list(raw: str) -> list[str]:
    """`a:b,c`: `:` (os.pathsep) or `,` between items."""
    return [p for p in raw.replace(",", os.pathsep).split(os.pathsep) if p]


def _from_env(environ: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """Values, the label of each (`MOCKGW_PORT=abc`), and the problems found before validation."""
    values: dict[str, Any] = {}
    labels: dict[str, str] = {}
    problems: list[str] = []
    for name, field in Settings.model_fields.items():
        raw = environ.get(env_name(name))
        if raw is None or raw == "":
            continue
        labels[name] = f"{env_name(name)}={raw}"
        if field.annotation is bool:
            word = raw.strip().lower()
            if word not in BOOLEANS:
                problems.append(f"{labels[name]}: expected a boolean: 1/0, true/false, yes/no or on/off")
                continue
            values[name] = BOOLEANS[word]
        elif getattr(field.annotation, "__origin__", None) is list:  # scenarios, allowed_hosts
            values[name] = _split_list(raw)
        else:
            values[name] = raw
    return values, labels, problems


def resolve(flags: Mapping[str, Any], environ: Mapping[str, str]) -> tuple[Settings, dict[str, str]]:
    """Settings from MOCKGW_* variables, overridden by flags (None: not given); and where each value
    came from. Raises ConfigError naming every bad option."""
    values, labels, problems = _from_env(environ)
    for name, value in flags.items():
        if value is not None:
            values[name] = value
            shown = " ".join(map(str, value)) if isinstance(value, list) else value
            labels[name] = flag_name(name) if value is True else f"{flag_name(name)} {shown}"
    try:
        settings = Settings(**values)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            name = str(err["loc"][0]) if err["loc"] else ""
            problems.append(f"{labels.get(name, name)}: {err['msg']}")
        raise ConfigError(problems) from None
    if problems:
        raise ConfigError(problems)
    return settings, labels


def unreadable_paths(settings: Settings, labels: Mapping[str, str]) -> list[str]:
    """The accounts file and scenario paths that do not exist or cannot be read (e.g. a volume mounted
    with the wrong owner), one line each naming the option."""
    problems = []
    if settings.accounts is not None:
        problem = _unreadable(settings.accounts, folder_ok=False)
        if problem:
            problems.append(f"{labels.get('accounts', 'accounts')}: {problem}")
    for path in settings.scenarios:
        problem = _unreadable(path, folder_ok=True)
        if problem:
            given = labels.get("scenarios", "")
            where = f"{given}: {path}" if given.startswith("MOCKGW_") else f"--scenarios {path}"
            problems.append(f"{where}: {problem}")
    return problems


def _unreadable(path: Path, folder_ok: bool) -> str | None:
    if not path.exists():
        return "no such file" if not folder_ok else "no such file or folder"
    if path.is_dir():
        if not folder_ok:
            return "is a folder, not a file"
        if not os.access(path, os.R_OK | os.X_OK):
            return "permission denied: the folder cannot be listed by this user"
    elif not os.access(path, os.R_OK):
        return "permission denied: the file cannot be read by this user"
    return None
