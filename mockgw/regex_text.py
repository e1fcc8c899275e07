"""A string that a regular expression finds: JSON Schema's `pattern`, bounded in length and in work.

Walks the parse tree of Python's own regex parser (what `re` compiles from). The libraries that do
this (rstr's xeger, exrex) expand every `{n}` in full and nest repeats without a bound:
`(a{1000}){1000}` builds a million characters (exrex: 10 s) and `a{200,}` makes rstr raise. Here the
shortest match must fit `max_chars`, optional repeats are added only while they fit, and a step limit
ends patterns whose repeats expand to nothing, so a hostile pattern costs at most milliseconds.
What is not supported (conditionals, a pattern Python cannot parse, e.g. ECMA's `\\p{L}`) gives None.
Lookarounds are skipped, so a pattern that needs them may not match.
"""

from __future__ import annotations

import random
import re
import string
from typing import Any

try:
    import re._parser as sre_parse  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # Python < 3.11
    import sre_parse  # type: ignore[no-redef,unused-ignore]

MAX_STEPS = 20_000  # nodes visited for one pattern
EXTRA_REPEATS = 3  # an open-ended repeat (*, +, {2,}) adds at most this many beyond its minimum

_CATEGORIES = {
    "CATEGORY_DIGIT": string.digits,
    "CATEGORY_NOT_DIGIT": string.ascii_letters,
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": string.ascii_letters + string.digits,
    "CATEGORY_WORD": string.ascii_letters + string.digits + "_",
    "CATEGORY_NOT_WORD": " -.,:;!",
}
_PRINTABLE = string.ascii_letters + string.digits + " -_.,:;!@#/"


class _GiveUp(Exception):
    pass


def text_for_pattern(pattern: str, rng: random.Random, max_chars: int) -> str | None:
    """A string of at most max_chars in which re.search(pattern) finds a match; None if there is none."""
    try:
        parsed = sre_parse.parse(pattern)
        shortest = parsed.getwidth()[0]
    except (re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None
    if shortest > max_chars:
        return None
    walker = _Walker(rng, max_chars - shortest)
    try:
        return walker.seq(parsed)
    except (_GiveUp, RecursionError):
        return None


class _Walker:
    __slots__ = ("groups", "rng", "spare", "steps")

    def __init__(self, rng: random.Random, spare: int) -> None:
        self.rng, self.spare, self.steps = rng, spare, 0
        self.groups: dict[int, str] = {}

    def seq(self, items: Any) -> str:
        return "".join(self.node(op, arg) for op, arg in items)

    def node(self, op: Any, arg: Any) -> str:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise _GiveUp
        name = str(op)
        if name == "LITERAL":
            return chr(arg)
        if name == "NOT_LITERAL":
            return self.rng.choice(_PRINTABLE.replace(chr(arg), ""))
        if name == "ANY":
            return self.rng.choice(string.ascii_letters)
        if name == "IN":
            return self.one_of(arg)
        if name == "BRANCH":
            return self.branch(arg[1])
        if name == "SUBPATTERN":
            group, body = arg[0], arg[-1]
            text = self.seq(body)
            if group:
                self.groups[group] = text
            return text
        if name == "GROUPREF":
            return self.groups.get(arg, "")
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            return self.repeat(*arg)
        if name == "ATOMIC_GROUP":
            return self.seq(arg)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):  # anchors and lookarounds take no characters
            return ""
        raise _GiveUp  # GROUPREF_EXISTS and whatever a later Python adds

    def branch(self, options: Any) -> str:
        """One alternative; a longer one than the shortest is paid for from the spare characters."""
        widths = [o.getwidth()[0] for o in options]
        shortest = min(widths)
        fits = [(o, w) for o, w in zip(options, widths, strict=True) if w - shortest <= self.spare]
        chosen, width = self.rng.choice(fits)
        self.spare -= width - shortest
        return self.seq(chosen)

    def repeat(self, low: int, high: int, body: Any) -> str:
        shortest, longest = body.getwidth()
        if longest == 0:
            return ""
        if shortest == 0:  # the body can match nothing: repeats beyond a few may all be empty
            low = min(low, EXTRA_REPEATS)
        extra = 0
        if high > low:
            # each added repeat is paid from the spare characters by its longest possible width
            affordable = self.spare // longest if longest < sre_parse.MAXREPEAT else 0
            extra = self.rng.randint(0, min(high - low, EXTRA_REPEATS, affordable))
            self.spare -= extra * longest
        return "".join(self.seq(body) for _ in range(low + extra))

    def one_of(self, items: Any) -> str:
        negated = items and str(items[0][0]) == "NEGATE"
        if negated:
            choices = [c for c in _PRINTABLE if not _in_set(c, items[1:])]
            if not choices:
                raise _GiveUp
            return self.rng.choice(choices)
        op, arg = self.rng.choice(items)
        name = str(op)
        if name == "LITERAL":
            return chr(arg)
        if name == "RANGE":
            return chr(self.rng.randint(arg[0], arg[1]))
        if name == "CATEGORY":
            return self.rng.choice(_CATEGORIES.get(str(arg), string.ascii_letters))
        raise _GiveUp


def _in_set(ch: str, items: Any) -> bool:
    code = ord(ch)
    for op, arg in items:
        name = str(op)
        if name == "LITERAL" and code == arg:
            return True
        if name == "RANGE" and arg[0] <= code <= arg[1]:
            return True
        if name == "CATEGORY" and re.fullmatch(_CATEGORY_RE.get(str(arg), "(?!)"), ch):
            return True
    return False


_CATEGORY_RE = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
