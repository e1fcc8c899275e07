"""Everything one mockgw server remembers, built from Settings, and how it goes back to its start."""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter

from mockgw.accounts import Accounts, AccountsConfig
from mockgw.clock import Clock
from mockgw.files import parse_document, read_text
from mockgw.journal import Journal
from mockgw.scenario.engine import Engine
from mockgw.scenario.loader import load_paths, shipped_dir
from mockgw.scenario.model import Scenario
from mockgw.settings import Settings


def load_accounts(path: Path | None) -> AccountsConfig:
    if path is None:
        return AccountsConfig()
    return parse_document(read_text(path), str(path), TypeAdapter(AccountsConfig))


def load_scenarios(settings: Settings) -> list[Scenario]:
    return load_paths(settings.scenarios or [shipped_dir()])


class State:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.clock = Clock()
        self.accounts = Accounts(load_accounts(settings.accounts), self.clock, settings.lenient)
        self.engine = Engine(load_scenarios(settings), settings.seed, settings.strict)
        self.journal = Journal(settings.journal_size)

    def reset(self) -> None:
        """Journal, attempt counters, uploaded and active scenarios, accounts and the clock."""
        self.journal.clear()
        self.engine.reset()
        self.clock.reset()
        self.accounts.reset()
