"""Secrets never reach a recording: credentials the recorder saw, and anything matching the patterns.

A recording is meant to be committed. Every string written (reply text, tool inputs, error messages
and headers, descriptions) goes through `Redactor.redact`; the text a match rule must find again
goes through `Redactor.pattern`, which leaves a wildcard where a secret was, so the replay still
matches a request that carries it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

REDACTED = "[REDACTED]"

# Key and token shapes of the gateway and of the APIs it fronts, whoever they belong to.
DEFAULT_PATTERNS = (
    r"\bsk-ant-[A-Za-z0-9_-]{6,}",  # Anthropic keys
    r"\bsk_[A-Za-z0-9_-]{6,}",  # AINative keys
    r"\bsk-[A-Za-z0-9_-]{16,}",  # OpenAI-style keys
    r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*",  # JWTs (the gateway's platform tokens)
    r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+",
)

# Request headers whose values are secrets: learnt, so that they are redacted wherever they appear.
CREDENTIAL_HEADERS = frozenset({"x-api-key", "authorization", "proxy-authorization", "cookie", "api-key"})

_REGEX_SPECIAL = re.compile(r"([\\.^$*+?{}\[\]|()])")


def regex_literal(text: str) -> str:
    """text as a regex that matches it literally; unlike re.escape, spaces and dashes stay readable."""
    return _REGEX_SPECIAL.sub(r"\\\1", text)


class Redactor:
    def __init__(self, patterns: list[str] | tuple[str, ...] = ()) -> None:
        self._patterns = [re.compile(p) for p in (*DEFAULT_PATTERNS, *patterns)]
        self._known: set[str] = set()
        self._regexes = self._compile()

    def learn(self, secret: str) -> None:
        """A credential seen on the way through: it is redacted wherever it appears from now on."""
        secret = secret.strip()
        if len(secret) >= 4 and secret not in self._known:
            self._known.add(secret)
            self._regexes = self._compile()

    def learn_headers(self, headers: list[tuple[bytes, bytes]]) -> None:
        for name, value in headers:
            if name.lower().decode("latin-1") not in CREDENTIAL_HEADERS:
                continue
            text = value.decode("latin-1")
            self.learn(text)
            token = text.partition(" ")[2]
            if token:  # Bearer X, Basic X
                self.learn(token)
            for part in text.split(";"):  # cookie: a=1; b=2
                self.learn(part.partition("=")[2])

    def redact(self, value: Any) -> Any:
        """Every string in value (nested dicts and lists too) with its secrets replaced."""
        if isinstance(value, str):
            return self._rebuild(value, lambda piece: piece, REDACTED)
        if isinstance(value, dict):
            return {k: self.redact(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.redact(v) for v in value]
        return value

    def pattern(self, text: str) -> str:
        """A regex matching text exactly, with any secret in it left as a wildcard (never written)."""
        return self._rebuild(text, regex_literal, r"[\s\S]+?")

    def _rebuild(self, text: str, keep: Callable[[str], str], secret: str) -> str:
        """text with each secret replaced by `secret` and the rest passed through `keep`."""
        spans = sorted(m.span() for r in self._regexes for m in r.finditer(text) if m.end() > m.start())
        out, at = [], 0
        for start, end in spans:
            if end <= at:
                continue
            if start >= at:
                out += [keep(text[at:start]), secret]
            at = end
        out.append(keep(text[at:]))
        return "".join(out)

    def _compile(self) -> list[re.Pattern[str]]:
        known = sorted(self._known, key=len, reverse=True)  # the longest first: a key inside a header
        literal = [re.compile("|".join(re.escape(s) for s in known))] if known else []
        return literal + self._patterns
