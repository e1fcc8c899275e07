"""Every knob of a mockgw server, in one model: CLI flags, MOCKGW_* variables and the Python API fill it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


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
