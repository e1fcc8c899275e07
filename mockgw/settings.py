"""Every knob of a mockgw server, in one model: CLI flags, MOCKGW_* variables and the Python API fill it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from mockgw.files import DocumentLimits

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    port: int = 8080
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
    max_connections: int = Field(
        4096, ge=1, description="connections and requests at once; more get a 503 from the server"
    )
    max_header_bytes: int = Field(
        32 * 1024, ge=1024, description="request headers larger than this get a 431"
    )
    body_timeout_seconds: float = Field(
        30.0, gt=0, description="a request body still arriving after this gets a 408"
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

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK_HOSTS or self.host.startswith("127.")

    def document_limits(self) -> DocumentLimits:
        return DocumentLimits(self.document_max_bytes, self.document_max_depth)
