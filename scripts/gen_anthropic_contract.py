"""Write mockgw/wire/anthropic_contract.py: the Messages API request contract, from the anthropic SDK.

The SDK's request types (`anthropic.types.MessageCreateParams` and, for requests that name a beta,
`anthropic.types.beta.MessageCreateParams`) are the inventory of what the real API accepts. This script
transcribes them into TypedDicts that mockgw validates with pydantic in strict mode, so mockgw does not
depend on the SDK at run time and its contract changes only when this is run again:

    .venv/bin/python scripts/gen_anthropic_contract.py   (or: make contract)

What the SDK types cannot say and the real API enforces is in RULES below, each with its source.
"""

from __future__ import annotations

import keyword
import subprocess
import sys
import typing
from collections.abc import Callable, Iterable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pydantic
import typing_extensions as te

OUT = Path(__file__).resolve().parent.parent / "mockgw" / "wire" / "anthropic_contract.py"
BETA_OUT = OUT.with_name("anthropic_beta_contract.py")

# (TypedDict, field) -> annotation: rules the real API enforces beyond the SDK's types.
RULES: dict[tuple[str, str], str | Callable[[Writer, Any], str]] = {
    # tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$' (observed API errors)
    ("ToolParam", "name"): 'Annotated[str, Field(pattern=r"^[a-zA-Z0-9_-]{1,128}$")]',
    ("BetaToolParam", "name"): 'Annotated[str, Field(pattern=r"^[a-zA-Z0-9_-]{1,128}$")]',
    # tools.0.custom.input_schema.type: Field required / Input should be 'object' (observed API errors);
    # the SDK also allows any dict here, the API does not.
    ("ToolParam", "input_schema"): lambda w, t: f"Annotated[{w.name(_members(t)[0])}, Open()]",
    ("BetaToolParam", "input_schema"): lambda w, t: f"Annotated[{w.name(_members(t)[0])}, Open()]",
    # max_tokens 0 "populates the prompt cache without generating a response" (MessageCreateParams)
    ("MessageCreateParams", "max_tokens"): "Annotated[int, Field(ge=0)]",
    ("BetaMessageCreateParams", "max_tokens"): "Annotated[int, Field(ge=0)]",
    # thinking.enabled.budget_tokens: Input should be greater than or equal to 1024 (API reference)
    ("ThinkingConfigEnabledParam", "budget_tokens"): "Annotated[int, Field(ge=1024)]",
    ("BetaThinkingConfigEnabledParam", "budget_tokens"): "Annotated[int, Field(ge=1024)]",
}
# Fields of the request that are not in MessageCreateParams: the gateway's docs page documents
# temperature (0.0-2.0, wider than Anthropic's 0-1) and top_p; top_k is Anthropic's (API version 2023-06-01).
SAMPLING = {
    "temperature": "Annotated[float, Field(ge=0.0, le=2.0)]",
    "top_p": "Annotated[float, Field(ge=0.0, le=1.0)]",
    "top_k": "Annotated[int, Field(ge=0)]",
}
# Required by the Messages API, optional on the gateway: its docs page's parameter table gives
# max_tokens a default of 4096 on both formats.
GATEWAY_OPTIONAL = frozenset(
    {("MessageCreateParams", "max_tokens"), ("BetaMessageCreateParams", "max_tokens")}
)
HEADER_PARAMS = frozenset({"user_profile_id", "workspace_id", "betas"})  # the SDK sends these as headers
ALONE_TAGGED = {"CacheControlEphemeralParam", "BetaCacheControlEphemeralParam"}  # cache_control.ephemeral.ttl
MAX_MESSAGES = 100_000  # "There is a limit of 100,000 messages in a single request." (MessageCreateParams)

LISTS = {list, Iterable, Sequence, typing.List, typing.Iterable, typing.Sequence}  # noqa: UP006


def _strip(t: Any) -> Any:
    while get_origin(t) in (te.Annotated, te.Required, te.NotRequired, typing.Annotated):
        t = get_args(t)[0]
    return t


def _members(t: Any) -> list[Any]:
    t = _strip(t)
    if get_origin(t) is Union:
        return [m for a in get_args(t) for m in _members(a)]
    return [t]


KIND_ORDER = ["str", "number", "bool", "object", "list"]  # the last is what a value of no kind is told


def _kind(t: Any) -> str:
    """The JSON type a member accepts."""
    if t is str or (get_origin(t) is Literal and all(isinstance(a, str) for a in get_args(t))):
        return "str"
    if t is bool:
        return "bool"
    if t in (int, float):
        return "number"
    if get_origin(t) in LISTS or getattr(t, "__name__", "") == "SequenceNotStr":
        return "list"
    if te.is_typeddict(t) or get_origin(t) in (dict, typing.Dict) or t is dict:  # noqa: UP006
        return "object"
    raise TypeError(f"no JSON kind for {t!r}")


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, pydantic.BaseModel)


def _required(cls: Any) -> set[str]:
    """The required keys, read from the annotations (`__required_keys__` misses string annotations)."""
    hints = get_type_hints(cls, include_extras=True)
    marked = {k: get_origin(h) for k, h in hints.items()}
    return {k for k, o in marked.items() if o is te.Required or (o is not te.NotRequired and cls.__total__)}


def _tag(cls: Any, key: str = "type") -> tuple[tuple[str, ...], bool]:
    """The literal values of a TypedDict's `type` (or `role`), and whether the key is required."""
    hints = get_type_hints(cls, include_extras=True)
    if key not in hints:
        return (), False
    values = [m for m in _members(hints[key]) if m is not type(None)]
    if len(values) == 1 and get_origin(values[0]) is Literal:
        return get_args(values[0]), key in _required(cls)
    return (), False


class Writer:
    """One module of the contract; a later one imports what an earlier one already has (`shared`)."""

    def __init__(self, shared: Writer | None = None) -> None:
        self.names: dict[Any, str] = {}  # TypedDict class -> name in the output
        self.classes: list[str] = []
        self.unions: dict[str, str] = {}  # rendered union -> alias name
        self.aliases: list[str] = []
        self.default_tags: dict[Any, str] = shared.default_tags if shared else {}  # tag when left out
        self.shared = shared
        self.imported: set[str] = set()
        self.merged: set[str] = set()  # the merged message TypedDicts emitted

    def name(self, cls: Any) -> str:
        if self.shared and cls in self.shared.names:
            self.imported.add(self.shared.names[cls])
            return self.shared.names[cls]
        if cls not in self.names:
            name = cls.__name__
            if ".beta." in cls.__module__ and not name.startswith("Beta"):
                name = "Beta" + name
            assert name not in self.names.values(), f"two TypedDicts named {name}"
            self.names[cls] = name
            self.emit(cls, name)
        return self.names[cls]

    def emit(
        self, cls: Any, name: str, skip: frozenset[str] = frozenset(), extra: dict[str, str] | None = None
    ) -> None:
        hints = get_type_hints(cls, include_extras=True)
        if "type" in hints:  # the tag first, as the API declares it: its error comes first
            hints = {"type": hints.pop("type")} | hints
        fields: dict[str, str] = {}
        for field, t in hints.items():
            if field in skip:
                continue
            rule = RULES.get((name, field))
            rendered = rule(self, t) if callable(rule) else rule or self.render(t, f"{name}.{field}")
            if field == "type" and cls in self.default_tags:
                rendered = f'Literal["{self.default_tags[cls]}"]'
            required = field in _required(cls) or (field == "type" and cls in self.default_tags)
            required = required and (name, field) not in GATEWAY_OPTIONAL
            fields[field] = f"Required[{rendered}]" if required else rendered
        fields |= extra or {}
        if any(keyword.iskeyword(f) for f in fields):  # e.g. "from": only the call syntax can say it
            items = "".join(f'"{f}": {t}, ' for f, t in fields.items())
            typed = f'TypedDict("{name}", {{{items}}}, total=False)'
            self.classes.append(f"{name} = {typed}\nwith_config(STRICT)({name})")
        else:
            head = ["@with_config(STRICT)", f"class {name}(TypedDict, total=False):"]
            self.classes.append("\n".join([*head, *(f"    {f}: {t}" for f, t in fields.items())]))

    def render(self, t: Any, where: str) -> str:
        t = _strip(t)
        origin = get_origin(t)
        if t is type(None):
            return "None"
        if t in (str, int, float, bool):
            return t.__name__
        if t is object or t is Any:
            return "Any"
        if origin is Literal:
            return f"Literal[{', '.join(repr(a) for a in get_args(t))}]"
        if origin in LISTS or getattr(t, "__name__", "") == "SequenceNotStr":
            return f"list[{self.render(get_args(t)[0], where)}]"
        if origin in (dict, typing.Dict):  # noqa: UP006
            return "dict[str, Any]"
        if te.is_typeddict(t):
            name = self.name(t)
            return f'Annotated[{name}, OneTag("ephemeral")]' if name in ALONE_TAGGED else name
        if origin is Union:
            return self.union(t, where)
        raise TypeError(f"{where}: cannot transcribe {t!r}")

    def union(self, t: Any, where: str) -> str:
        members = _members(t)
        nullable = type(None) in members
        # Response blocks (the SDK lets a Message's content be sent back) have a request twin per tag;
        # file inputs (bytes, paths) are SDK conveniences that go out as strings.
        kept = [m for m in members if m is not type(None) and not _is_model(m) and m is not Any]
        kept = [
            m
            for m in kept
            if not (isinstance(m, type) and issubclass(m, bytes)) and "PathLike" not in repr(m)
        ]
        kept = [m for m in kept if getattr(m, "__name__", "") not in ("IO", "Base64FileInput")]
        kept = [m for m in kept if not (get_origin(m) is typing.IO or "typing.IO" in repr(m))]
        body = self.choice(kept, where)
        return f"{body} | None" if nullable else body

    def choice(self, kept: list[Any], where: str) -> str:
        groups: dict[str, list[Any]] = {}
        for m in kept:
            groups.setdefault(_kind(m), []).append(m)
        if len(groups) == 1:
            ((kind, members),) = groups.items()
            return self.group(kind, members, where)
        order = sorted(groups, key=KIND_ORDER.index)
        branches = [f'Annotated[{self.group(k, groups[k], where)}, Tag("{k}")]' for k in order]
        kinds = ", ".join(f'"{k}"' for k in order)
        return f"Annotated[{' | '.join(branches)}, by_kind({kinds})]"

    def group(self, kind: str, members: list[Any], where: str) -> str:
        """Members of one JSON kind: several objects are told apart by their `type`."""
        if len(members) == 1:
            return self.render(members[0], where)
        if kind == "str":
            if str in members:
                return "str"  # e.g. ModelParam: the known ids, or any string
            return f"Literal[{', '.join(repr(a) for m in members for a in get_args(m))}]"
        if kind == "number":
            return "float"
        if kind == "object" and all(te.is_typeddict(m) for m in members):
            tags = [_tag(m) for m in members]
            every = [t for tag, _ in tags for t in tag]
            if all(tag for tag, _ in tags) and len(set(every)) == len(every):
                return self.tagged(members, tags, where)
        raise TypeError(f"{where}: no way to discriminate {members!r}")

    def tagged(self, kept: list[Any], tags: list[tuple[tuple[str, ...], bool]], where: str) -> str:
        """A union of blocks told apart by `type`, members sorted by tag as the API lists them in errors."""
        defaults = [tag[0] for tag, required in tags if not required]
        assert len(defaults) <= 1, f"{where}: several members may leave out their type"
        for member, (tag, required) in zip(kept, tags, strict=True):
            if not required:
                known = self.default_tags.get(member) == tag[0]
                assert known or member not in self.names, (
                    f"{where}: {member} emitted before its tag was known"
                )
                self.default_tags[member] = tag[0]
        ordered = sorted(zip(kept, tags, strict=True), key=lambda mt: mt[1][0])
        names = [self.name(m) for m, _ in ordered]
        rendered = " | ".join(names)
        if rendered not in self.unions:
            owner, field = where.split(".")
            alias = owner.removesuffix("Param") + "".join(p.title() for p in field.split("_"))
            while alias in self.unions.values():
                alias += "_"
            self.unions[rendered] = alias
            marks = 'Field(discriminator="type")' + (f', DefaultTag("{defaults[0]}")' if defaults else "")
            self.aliases.append(f"{alias} = Annotated[{rendered}, {marks}]")
        return self.unions[rendered]

    def root(self, base: Any, name: str, message: str, extra: dict[str, str] | None = None) -> None:
        """The request itself: MessageCreateParams, with the message roles merged into one TypedDict
        (emitted once, for the first root that has it); `extra`: fields the SDK type lacks.
        """
        hints = get_type_hints(base, include_extras=True)
        if message not in self.merged:
            self.merged.add(message)
            roles = _members(get_args(_strip(hints["messages"]))[0])
            user = roles[0]
            role_values = [_tag(m, "role")[0][0] for m in roles]
            content = self.render(get_type_hints(user, include_extras=True)["content"], f"{message}.content")
            self.classes.append(
                "@with_config(STRICT)\n"
                f"class {message}(TypedDict):\n"
                f"    role: Literal[{', '.join(repr(r) for r in role_values)}]\n"
                f"    content: {content}"
            )
        RULES[(name, "messages")] = f"Annotated[list[{message}], Field(max_length={MAX_MESSAGES})]"
        self.emit(base, name, skip=HEADER_PARAMS, extra=extra)

    def source(self, doc: str, adapters: dict[str, str]) -> str:
        """The module: `adapters` maps each TypeAdapter's name to the root TypedDict it validates."""
        sdk = version("anthropic")
        imports = ""
        if self.imported:
            imports = f"from mockgw.wire.anthropic_contract import {', '.join(sorted(self.imported))}\n"
        head = f'''"""{doc}

Transcribed from anthropic=={sdk}'s request types. Do not edit: run scripts/gen_anthropic_contract.py
(make contract).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, Tag, TypeAdapter, with_config
from typing_extensions import Required, TypedDict

{imports}from mockgw.wire.contract import STRICT, DefaultTag, OneTag, Open, by_kind

SDK_VERSION = "{sdk}"
'''
        return "\n\n".join(
            [
                head,
                *self.classes,
                "\n".join(self.aliases),
                "\n" + "".join(f"{a} = TypeAdapter({r})\n" for a, r in adapters.items()),
            ]
        )


def main(argv: list[str]) -> int:
    """Writes the two modules of the contract to mockgw/wire/, or to the folder given (a test compares)."""
    from anthropic.types import message_count_tokens_params as count_tokens
    from anthropic.types import message_create_params as standard
    from anthropic.types.beta import message_create_params as beta

    folder = Path(argv[0]) if argv else OUT.parent
    request = Writer()
    create_extra = {"stream": "bool"} | SAMPLING
    request.root(standard.MessageCreateParamsBase, "MessageCreateParams", "Message", create_extra)
    request.root(count_tokens.MessageCountTokensParams, "MessageCountTokensParams", "Message")
    betas = Writer(shared=request)
    betas.root(beta.MessageCreateParamsBase, "BetaMessageCreateParams", "BetaMessage", create_extra)
    doc = (
        "The Anthropic Messages request contract: `MessageCreateParams`, validated by `REQUEST`, and\n"
        "`MessageCountTokensParams` (POST /v1/messages/count_tokens; its TypeAdapter is built on first use)."
    )
    beta_doc = (
        "The request that names a beta in `anthropic-beta`: `BetaMessageCreateParams`, validated by\n"
        "`BETA_REQUEST`. Imported on the first such request: building it costs as much as the standard one."
    )
    outputs = {
        folder / OUT.name: request.source(doc, {"REQUEST": "MessageCreateParams"}),
        folder / BETA_OUT.name: betas.source(beta_doc, {"BETA_REQUEST": "BetaMessageCreateParams"}),
    }
    config = OUT.parents[2] / "pyproject.toml"
    ruff = [sys.executable, "-m", "ruff", "format", "-q", "--config", str(config)]
    for out, source in outputs.items():
        out.write_text(source)
        subprocess.run([*ruff, str(out)], check=True)
    count = len(request.classes) + len(betas.classes)
    print(f"wrote {', '.join(map(str, outputs))} ({count} TypedDicts) from anthropic=={version('anthropic')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
