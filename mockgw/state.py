"""Everything one mockgw server remembers: its namespaces, each an isolated tenant, over shared files.

A namespace holds a journal, the scenarios uploaded and in use, attempt counters, accounts with
their credits, rate windows and tokens, and a clock offset. Requests without one use the default
namespace. The settings and the scenario files (shipped or --scenarios) are shared by all.
"""

from __future__ import annotations

import re
import secrets
import time

from pydantic import TypeAdapter

from mockgw.accounts import Accounts, AccountsConfig
from mockgw.cache import PromptCache
from mockgw.clock import Clock
from mockgw.domain import GatewayError, bad_request
from mockgw.files import parse_document, read_text
from mockgw.journal import Journal
from mockgw.scenario.engine import Engine, Library
from mockgw.scenario.loader import load_paths, shipped_dir
from mockgw.scenario.model import Scenario
from mockgw.settings import Settings

NAMESPACE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def load_accounts(settings: Settings) -> AccountsConfig:
    path = settings.accounts
    if path is None:
        return AccountsConfig()
    return parse_document(read_text(path), str(path), TypeAdapter(AccountsConfig), settings.document_limits())


def load_scenarios(settings: Settings) -> list[Scenario]:
    return load_paths(settings.scenarios or [shipped_dir()], settings.document_limits())


class Namespace:
    """One isolated tenant of the server."""

    def __init__(self, name: str, settings: Settings, library: Library, accounts: AccountsConfig) -> None:
        self.name = name
        self.label = ""
        self.settings = settings
        self.clock = Clock()
        self.accounts = Accounts(accounts, self.clock, settings.lenient)
        self.engine = Engine(library, settings.seed, settings.strict)
        self.journal = Journal(settings.journal_size, settings.journal_body_bytes)
        self.cache = PromptCache(self.clock)
        self.last_used = time.monotonic()

    def reset(self) -> None:
        """Journal, attempt counters, uploaded and active scenarios, accounts, prompt cache and the clock."""
        self.journal.clear()
        self.cache.reset()
        self.engine.reset()
        self.clock.reset()
        self.accounts.reset()


class State:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.accounts_config = load_accounts(settings)
        self.library = Library(load_scenarios(settings))
        self.default = Namespace("default", settings, self.library, self.accounts_config)
        self.namespaces: dict[str, Namespace] = {}

    def reset(self) -> None:
        self.default.reset()

    def namespace(self, name: str) -> Namespace | None:
        """A namespace by name, marked as used now; None when there is none (or it expired).
        /ns/default/… is the default namespace, the one requests without /ns/ use."""
        if name == self.default.name:
            return self.default
        ns = self.namespaces.get(name)
        if ns is not None:
            ns.last_used = time.monotonic()
        return ns

    def open(self, name: str | None = None, label: str = "") -> Namespace:
        """A new namespace (a generated name when none is given), within --max-namespaces."""
        self.expire_idle()
        name = name or "ns-" + secrets.token_hex(6)
        if not NAMESPACE_NAME.match(name):
            raise bad_request(f"name: {name!r} is not a namespace name (letters, digits, . _ -; up to 64)")
        if name == self.default.name:
            message = (
                f"namespace {name!r} exists already: it is the server's own, used by requests without /ns/"
            )
            raise GatewayError(409, "invalid_request", message)
        if name in self.namespaces:
            raise GatewayError(409, "invalid_request", f"namespace {name!r} exists already")
        if len(self.namespaces) >= self.settings.max_namespaces:
            message = (
                f"{len(self.namespaces)} namespaces are open, the most this server keeps "
                "(--max-namespaces); drop unused ones with DELETE /_mockgw/namespaces/NAME"
            )
            raise GatewayError(429, "rate_limit", message)
        ns = Namespace(name, self.settings, self.library, self.accounts_config)
        ns.label = label
        self.namespaces[name] = ns
        return ns

    def drop(self, name: str) -> bool:
        """Whether a namespace of that name was dropped; the default one cannot be (reset it instead)."""
        if name == self.default.name:
            message = (
                f"namespace {name!r} is the server's own and cannot be dropped; POST /_mockgw/reset clears it"
            )
            raise GatewayError(409, "invalid_request", message)
        return self.namespaces.pop(name, None) is not None

    def expire_idle(self) -> None:
        """Drop namespaces unused for --namespace-idle-seconds (real time: their clocks may be moved)."""
        cutoff = time.monotonic() - self.settings.namespace_idle_seconds
        for name in [n for n, ns in self.namespaces.items() if ns.last_used < cutoff]:
            del self.namespaces[name]
