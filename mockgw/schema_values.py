"""Values that validate against a JSON Schema: one generator for forced tool inputs and structured outputs.

Seeded by the caller's faker (the same request and --seed give the same value on both wire formats).
Covers what pydantic, `openai.pydantic_function_tool` and the Anthropic SDK's `transform_schema` emit:
`$ref`/`$defs`/`definitions` (recursive ones end at MAX_DEPTH), `anyOf`/`oneOf`, `allOf` (merged),
`enum`/`const`, `type` lists (nullable), `pattern` (mockgw/regex_text.py), `format`, string lengths,
numeric bounds and `multipleOf`, `minItems`/`maxItems`/`uniqueItems`/`prefixItems`, `required`,
`additionalProperties`, `minProperties`/`maxProperties`.

Every property is generated down to MAX_DEPTH; below it only what the schema requires (required
properties, minItems, a null or non-recursive branch), so a recursive model ends. Schemas come
from clients: each size they ask for is honoured only within MAX_ITEMS and MAX_CHARS, and the whole
value within a Budget of JSON characters (max_tokens, and MAX_OUTPUT_CHARS whatever max_tokens is).
"""

from __future__ import annotations

import ast
import math
import re
import uuid
from datetime import timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic_core import to_json

from mockgw.domain import plain_json
from mockgw.regex_text import text_for_pattern

if TYPE_CHECKING:
    from faker import Faker

MAX_DEPTH = 4  # nesting past which only what the schema requires is generated
HARD_DEPTH = 32  # nesting at which generation stops whatever the schema requires (a null is written)
MAX_ITEMS, MAX_CHARS = 8, 1000
MAX_OUTPUT_CHARS = 64 * 1024  # a generated value's JSON, however many tokens max_tokens allows
MAX_REF_HOPS = 64  # $refs and allOf parts followed for one value: a cycle that never nests ends here
MAX_NUMBER = 1e15


class Budget:
    """Characters of JSON a generated value may still take: a model's output stops at max_tokens.

    Once something does not fit, nothing more is written (cut is set), so what was generated is a
    prefix of the full value, closed to valid JSON, as a model cut short would have left it.
    """

    __slots__ = ("cut", "left")

    def __init__(self, chars: int) -> None:
        self.left, self.cut = chars, False

    def take(self, chars: int) -> bool:
        if self.cut or chars > self.left:
            self.cut = True
            return False
        self.left -= chars
        return True


NOTHING: Any = object()  # what a generator returns when not even a start of the value fits


def object_for(schema: Any, fake: Faker, budget: Budget | None = None) -> dict[str, Any]:
    """A tool's input: always an object, whatever the schema says."""
    schema = schema if isinstance(schema, dict) and schema else {"type": "object"}
    value = value_for(schema, fake, budget)
    return value if isinstance(value, dict) else {}


def value_for(schema: Any, fake: Faker, budget: Budget | None = None) -> Any:
    """A value for the schema (NOTHING when not even its start fits the budget)."""
    root = schema if isinstance(schema, dict) else {}
    return _Generator(root, fake, budget or Budget(MAX_OUTPUT_CHARS)).value(root, "", 0)


class _Generator:
    __slots__ = ("budget", "fake", "hops", "root")

    def __init__(self, root: dict[str, Any], fake: Faker, budget: Budget) -> None:
        self.root, self.fake, self.budget = root, fake, budget
        self.hops = 0

    def value(self, schema: Any, name: str, depth: int) -> Any:
        if self.budget.cut:
            return NOTHING
        self.hops = 0
        s = _with_hints(self.resolve(schema))
        if depth >= HARD_DEPTH:
            return self.leaf(None)
        for _ in range(MAX_REF_HOPS):  # a branch of an anyOf may be an anyOf, or the schema itself
            options = [o for o in _list(s, "anyOf") or _list(s, "oneOf") if isinstance(o, dict)]
            if not options:
                break
            rest = {k: v for k, v in s.items() if k not in ("anyOf", "oneOf")}
            s = _with_hints(_merge(rest, self.resolve(self.pick(options, depth))))
        if "const" in s and plain_json(s["const"]):
            return self.leaf(s["const"])
        enum = s.get("enum")
        if isinstance(enum, list):
            choices = [v for v in enum if plain_json(v)]
            if choices:
                return self.leaf(self.fake.random.choice(choices))
        kind = self.type_of(s, depth)
        if kind == "object":
            return self.object(s, depth)
        if kind == "array":
            return self.array(s, name, depth)
        if kind in ("integer", "number"):
            return self.leaf(_number(s, self.fake, kind == "integer"))
        if kind == "boolean":
            return self.leaf(self.fake.random.random() < 0.5)
        if kind == "null":
            return self.leaf(None)
        return self.string(s, name)

    # --- schemas ------------------------------------------------------------------------------------

    def resolve(self, schema: Any) -> dict[str, Any]:
        """The schema with its $ref followed (siblings of a $ref win) and its allOf merged in.

        hops counts the references and allOf parts followed for one value: a cycle of them (A is B,
        B is A; an allOf that holds its own schema) ends after MAX_REF_HOPS.
        """
        s = schema if isinstance(schema, dict) else {}
        while isinstance(s.get("$ref"), str):
            self.hops += 1
            siblings = {k: v for k, v in s.items() if k != "$ref"}
            s = siblings if self.hops > MAX_REF_HOPS else _merge(self.pointer(s["$ref"]), siblings)
        parts = s.get("allOf")
        if not isinstance(parts, list):
            return s
        merged = {k: v for k, v in s.items() if k != "allOf"}
        for part in parts:
            self.hops += 1
            if self.hops > MAX_REF_HOPS:
                break
            merged = _merge(merged, self.resolve(part))
        return merged

    def pointer(self, ref: str) -> dict[str, Any]:
        """A local reference, "#" or "#/$defs/Name"; any other reference stands for any value."""
        if not ref.startswith("#"):
            return {}
        node: Any = self.root
        for part in ref[1:].split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else {}

    def pick(self, options: list[dict[str, Any]], depth: int) -> dict[str, Any]:
        """A branch: past MAX_DEPTH a null or one with no $ref (so recursion ends), else a non-null one."""
        if depth >= MAX_DEPTH:
            nulls = [o for o in options if o.get("type") == "null"]
            ending = nulls or [o for o in options if "$ref" not in o] or options
            return ending[0]
        values = [o for o in options if o.get("type") != "null"] or options
        return self.fake.random.choice(values)

    def type_of(self, s: dict[str, Any], depth: int) -> str:
        t = s.get("type")
        if isinstance(t, list):
            kinds = [str(x) for x in t if isinstance(x, str)]
            real = [x for x in kinds if x != "null"]
            if not real or ("null" in kinds and depth >= MAX_DEPTH):
                return "null"
            return self.fake.random.choice(real)
        if isinstance(t, str):
            return t
        if any(k in s for k in ("properties", "required", "additionalProperties", "minProperties")):
            return "object"
        if any(k in s for k in ("items", "prefixItems", "minItems", "maxItems", "uniqueItems")):
            return "array"
        if any(k in s for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")):
            return "number"
        return "string"

    # --- values -------------------------------------------------------------------------------------

    def leaf(self, value: Any) -> Any:
        """The value if its JSON fits the budget; a string cut to what is left; else nothing."""
        if self.budget.take(len(to_json(value))):
            return value
        if isinstance(value, str) and self.budget.left >= 2:
            cut, self.budget.left = value[: self.budget.left - 2], 0
            return cut
        return NOTHING

    def object(self, s: dict[str, Any], depth: int) -> Any:
        if not self.budget.take(2):  # {}
            return NOTHING
        props: dict[str, Any] = s["properties"] if isinstance(s.get("properties"), dict) else {}
        required = [r for r in _list(s, "required") if isinstance(r, str)]
        extra = s.get("additionalProperties", True)
        keys = [k for k in props if k in required] if depth >= MAX_DEPTH else list(props)
        keys += [r for r in dict.fromkeys(required) if r not in props]
        wanted = _count(s, "minProperties", 0, 0)
        if not props and isinstance(extra, dict) and depth < MAX_DEPTH:
            wanted = max(wanted, 1)  # a dict[str, X]: an entry shows its shape
        wanted = min(wanted, _count(s, "maxProperties", MAX_ITEMS, 0))
        for k in (self.fake.word() for _ in range(MAX_ITEMS * 2)):
            if len(keys) >= wanted:
                break
            if k not in keys and (extra is not False or k in props):
                keys.append(k)
        out: dict[str, Any] = {}
        for k in keys:
            if not self.budget.take(len(to_json(k)) + 2):  # "k": and a comma
                break
            sub = props.get(k, extra if isinstance(extra, dict) else {})
            value = self.value(sub, k, depth + 1)
            if value is NOTHING:
                break
            out[k] = value
        return out

    def array(self, s: dict[str, Any], name: str, depth: int) -> Any:
        if not self.budget.take(2):  # []
            return NOTHING
        items = s.get("items")
        prefix = s.get("prefixItems", items if isinstance(items, list) else None)
        prefix = [p for p in prefix if isinstance(p, dict)] if isinstance(prefix, list) else []
        rest = items if isinstance(items, dict) else None if prefix or items is False else {"type": "string"}
        low = _count(s, "minItems", 0, 0)
        high = _count(s, "maxItems", MAX_ITEMS, low)
        some = max(self.fake.random.randint(1, 3), len(prefix))
        count = low if depth >= MAX_DEPTH else max(low, min(high, some))
        count = min(count, len(prefix)) if rest is None else count
        unique = s.get("uniqueItems") is True
        seen: set[bytes] = set()
        out: list[Any] = []
        for i in range(count):
            item = prefix[i] if i < len(prefix) else rest
            value = self.item(item, name, depth, seen if unique else None)
            if value is NOTHING:
                break
            out.append(value)
        return out

    def item(self, schema: Any, name: str, depth: int, seen: set[bytes] | None) -> Any:
        """An array item (and its comma); with uniqueItems, one unlike those seen, in at most three draws."""
        if not self.budget.take(1):
            return NOTHING
        left = self.budget.left
        for _ in range(3 if seen is not None else 1):
            value = self.value(schema, name, depth + 1)
            if value is NOTHING or seen is None:
                return value
            key = to_json(value)
            if key not in seen:
                seen.add(key)
                return value
            self.budget.left = left  # the repeat is not written
        return NOTHING

    def string(self, s: dict[str, Any], name: str) -> Any:
        low = _count(s, "minLength", 0, 0, MAX_CHARS)
        high = _count(s, "maxLength", MAX_CHARS, low, MAX_CHARS)
        pattern = s.get("pattern")
        text = text_for_pattern(pattern, self.fake.random, high) if isinstance(pattern, str) else None
        if text is None:
            fmt = s.get("format")
            make = FORMATS.get(fmt) if isinstance(fmt, str) else None
            text = make(self.fake) if make else _named_text(self.fake, name)
        return self.leaf(text.ljust(low, "x")[:high])


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Two schemas that must both hold (allOf, $ref siblings): properties and required add up."""
    merged = {**base, **over}
    if isinstance(base.get("properties"), dict) and isinstance(over.get("properties"), dict):
        merged["properties"] = {**base["properties"], **over["properties"]}
    if isinstance(base.get("required"), list) and isinstance(over.get("required"), list):
        merged["required"] = [*base["required"], *over["required"]]
    return merged


# The anthropic SDK's transform_schema (lib/_parse/_transform.py) moves what structured outputs do not
# support into the description, "…\n\n{minimum: 1, maximum: 9}", "so that the model *might* follow them";
# pydantic then checks them on the reply. A model reads them: so does mockgw.
MAX_HINTS_CHARS = 4000  # read for every value generated from the schema: a long one is not a hint
HINTS = (
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minItems",
    "maxItems",
    "uniqueItems",
    "prefixItems",
    "minProperties",
    "maxProperties",
)
_HINT = re.compile(r"(?:^|, )(" + "|".join(HINTS) + r"): (.*?)(?=, (?:" + "|".join(HINTS) + r"): |$)", re.S)


def _with_hints(s: dict[str, Any]) -> dict[str, Any]:
    """The schema with the constraints its description carries, in the anthropic SDK's words, added."""
    text = s.get("description")
    if not isinstance(text, str) or not text.endswith("}"):
        return s
    start = text.rfind("\n\n{") + 2 if "\n\n{" in text else 0
    if not text.startswith("{", start) or len(text) - start > MAX_HINTS_CHARS:
        return s
    hints = {key: _hint_value(key, raw) for key, raw in _HINT.findall(text[start + 1 : -1])}
    return {**hints, **s} if hints else s


def _hint_value(key: str, raw: str) -> Any:
    """A hint's value as the SDK wrote it, str(value): text for pattern and format, else a Python literal."""
    if key in ("pattern", "format"):
        return raw
    try:
        return ast.literal_eval(raw)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _list(s: dict[str, Any], key: str) -> list[Any]:
    value = s.get(key)
    return value if isinstance(value, list) else []


def _finite(s: dict[str, Any], key: str) -> float | None:
    value = s.get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value:  # NaN
        return None
    return float(max(-MAX_NUMBER, min(value, MAX_NUMBER)))  # clamped before float(): a long int overflows it


def _count(s: dict[str, Any], key: str, default: int, low: int, high: int = MAX_ITEMS) -> int:
    value = _finite(s, key)
    return int(min(max(low, default if value is None else value), high))


def _bounds(s: dict[str, Any]) -> tuple[float, float, bool, bool]:
    """minimum, maximum and whether each excludes itself (draft 4's boolean form and draft 6's numbers)."""
    low, high = _finite(s, "minimum"), _finite(s, "maximum")
    low_open = high_open = False
    ex_low, ex_high = _finite(s, "exclusiveMinimum"), _finite(s, "exclusiveMaximum")
    if s.get("exclusiveMinimum") is True:
        low_open = True
    elif ex_low is not None and (low is None or ex_low >= low):
        low, low_open = ex_low, True
    if s.get("exclusiveMaximum") is True:
        high_open = True
    elif ex_high is not None and (high is None or ex_high <= high):
        high, high_open = ex_high, True
    if low is None:
        low = 0.0 if high is None or high > 0 else high - 100
    if high is None:
        high = min(low + 100, MAX_NUMBER)
    return low, max(low, high), low_open, high_open


def _number(s: dict[str, Any], fake: Faker, integer: bool) -> int | float:
    low, high, low_open, high_open = _bounds(s)
    step = _finite(s, "multipleOf")
    if integer:
        lo = math.floor(low) + 1 if low_open and low == math.floor(low) else math.ceil(low)
        hi = math.ceil(high) - 1 if high_open and high == math.ceil(high) else math.floor(high)
        lo, hi = int(lo), int(max(lo, hi))
        found = _multiple(step, lo, hi, fake) if step and step > 0 else None
        if found is not None:
            return found
        return fake.random.randint(lo, hi)
    if step and step > 0:
        found = _multiple(step, low, high, fake, low_open, high_open)
        if found is not None:
            return found
    value = round(low + (high - low) * fake.random.random(), 2)
    if (value < low or (low_open and value == low)) or (value > high or (high_open and value == high)):
        value = (low + high) / 2
    return value


def _multiple(
    step: float, low: float, high: float, fake: Faker, low_open: bool = False, high_open: bool = False
) -> int | float | None:
    """A multiple of step within the bounds that reads back as one (0.1 * 3 does not), or None."""
    lowest, highest = low / step, high / step
    if not (math.isfinite(lowest) and math.isfinite(highest)) or max(abs(lowest), abs(highest)) > MAX_NUMBER:
        return None
    first, last = math.ceil(lowest), math.floor(highest)
    exact = Decimal(str(step))
    for _ in range(8):
        if first > last:
            return None
        k = fake.random.randint(first, min(last, first + 1000))
        value: int | float = int(k * exact) if exact == exact.to_integral_value() else float(k * exact)
        inside = (value > low or not low_open) and (value < high or not high_open) and low <= value <= high
        if inside and (isinstance(value, int) or (value / step) == int(value / step)):
            return value
    return 0 if low <= 0 <= high and not (low_open and low == 0) and not (high_open and high == 0) else None


def _named_text(fake: Faker, name: str) -> str:
    """A plain string, shaped by the property's name where a name says what it holds."""
    lname = name.lower()
    if "email" in lname:
        return str(fake.email())
    if "url" in lname:
        return str(fake.url())
    if "path" in lname or "file" in lname:
        return f"/tmp/{fake.word()}.txt"
    if "command" in lname:
        return f"ls -la /tmp/{fake.word()}"
    if lname in ("name", "title"):
        return str(fake.name()) if lname == "name" else str(fake.sentence(nb_words=3)).rstrip(".")
    if lname in ("answer", "description", "summary", "text", "content", "message", "reason", "explanation"):
        return str(fake.sentence())
    return str(fake.word())


def _uuid(fake: Faker) -> str:
    return str(uuid.UUID(int=fake.random.getrandbits(128), version=4))


def _duration(fake: Faker) -> str:
    return f"P{fake.random.randint(0, 30)}DT{fake.random.randint(0, 23)}H{fake.random.randint(0, 59)}M"


# RFC 3339 times carry their offset: JSON Schema's date-time and time, and what strict APIs send.
FORMATS: dict[str, Any] = {
    "date-time": lambda f: f.date_time(tzinfo=timezone.utc).isoformat(),
    "date": lambda f: f.date(),
    "time": lambda f: f"{f.time()}+00:00",
    "duration": _duration,
    "email": lambda f: f.email(),
    "idn-email": lambda f: f.email(),
    "uri": lambda f: f.url(),
    "url": lambda f: f.url(),
    "iri": lambda f: f.url(),
    "uri-reference": lambda f: f.uri_path(),
    "hostname": lambda f: f.hostname(),
    "idn-hostname": lambda f: f.hostname(),
    "ipv4": lambda f: f.ipv4(),
    "ipv6": lambda f: f.ipv6(),
    "uuid": _uuid,
    "password": lambda f: f.password(),
}
