"""The `mockgw` command: serve the gateway, check scenario files, and drive a running server.

    mockgw serve | validate | schema            the server and its files
    mockgw record                               a proxy that writes the gateway's answers as scenarios
    mockgw reset | use | requests | list        a running server, through its control plane (--url)

Every serve option can also come from the environment as MOCKGW_<OPTION> (e.g. MOCKGW_PORT=9000,
MOCKGW_SCENARIOS=/scenarios:/more, MOCKGW_LENIENT=1); a flag on the command line wins. Each command
imports only what it needs, so the client commands start as fast as Python does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mockgw import __version__

if TYPE_CHECKING:
    from mockgw.client import MockgwClient

DEFAULT_URL = "http://127.0.0.1:8080"
EXIT_CONFIG = 2  # bad options or files: the same code argparse uses for a usage error


class Failure(Exception):
    """A one-line reason to stop, printed as `mockgw: <reason>`; code is the exit status."""

    def __init__(self, lines: str | list[str], code: int = 1) -> None:
        self.lines = [lines] if isinstance(lines, str) else lines
        super().__init__("\n".join(self.lines))
        self.code = code


# --- terminal output: colour and bold only when a person is looking ----------------------------


def _columns(stream: Any) -> int:
    try:
        return int(os.environ.get("COLUMNS") or os.get_terminal_size(stream.fileno()).columns)
    except (OSError, ValueError):
        return 0


class Style:
    def __init__(self, stream: Any = None) -> None:
        stream = stream or sys.stdout
        self.on = stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        self.width = _columns(stream) if self.on else 0

    def __call__(self, text: str, *codes: int) -> str:
        if not self.on or not codes:
            return text
        return f"\033[{';'.join(map(str, codes))}m{text}\033[0m"

    def bold(self, text: str) -> str:
        return self(text, 1)

    def dim(self, text: str) -> str:
        return self(text, 2)

    def status(self, text: str, status: int) -> str:
        colour = 32 if 200 <= status < 300 else 33 if 400 <= status < 500 else 31
        return self(text, colour)

    def fit(self, text: str, used: int) -> str:
        """Cut the last column to the terminal's width (on a terminal only: piped output stays whole)."""
        room = self.width - used
        return text if not self.width or len(text) <= room else text[: max(room - 1, 8)] + "…"


def table(header: list[str], rows: list[list[str]], style: Style) -> list[str]:
    """Columns padded to their widest cell, the last one cut to the terminal; `-` cells dimmed."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    used = sum(w + 2 for w in widths[:-1])
    lines = [style.bold("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())]
    for row in rows:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths[:-1], strict=True)] + [style.fit(row[-1], used)]
        lines.append("  ".join(style.dim(c) if c.strip() == "-" else c for c in cells))
    return lines


# --- the journal as a table --------------------------------------------------------------------

REQUEST_COLUMNS = ["ID", "TIME", "METHOD", "PATH", "STATUS", "SCENARIO", "TURN", "ATTEMPT"]
REQUEST_WIDTHS = [4, 12, 6, 24, 6, 18, 4, 7]  # --follow prints rows as they come, so widths are fixed


def _clock_text(epoch: float, today: str) -> str:
    from datetime import datetime

    moment = datetime.fromtimestamp(epoch)
    shown = moment.strftime("%H:%M:%S.%f")[:-3]
    day = moment.strftime("%Y-%m-%d")
    return shown if day == today else f"{day} {shown}"


def request_cells(entry: dict[str, Any], today: str) -> list[str]:
    response = entry.get("response") or {}
    status = "drop" if response.get("type") == "drop" else str(entry.get("status") or "-")
    return [
        str(entry["id"]),
        _clock_text(entry["time"], today),
        entry["method"],
        entry["path"],
        status,
        entry.get("scenario") or "-",
        "-" if entry.get("turn") is None else str(entry["turn"]),
        "-" if entry.get("attempt") is None else str(entry["attempt"]),
    ]


def _fixed(cells: list[str]) -> list[str]:
    pairs = zip(cells, REQUEST_WIDTHS, strict=True)
    return [c.rjust(w) if i == 0 else c.ljust(w) for i, (c, w) in enumerate(pairs)]


def request_line(entry: dict[str, Any], style: Style, today: str) -> str:
    cells = _fixed(request_cells(entry, today))
    cells[4] = style.status(cells[4], int(entry.get("status") or 0))
    return "  ".join(cells).rstrip()


def request_header(style: Style) -> str:
    return style.bold("  ".join(_fixed(REQUEST_COLUMNS)).rstrip())


# --- match rules in short ----------------------------------------------------------------------


def match_text(match: dict[str, Any] | None) -> str:
    """`user~"say hello" tools=read_file`: a scenario's match rules on one line; `-` for none."""
    if not match:
        return "-"
    parts = []
    if match.get("model"):
        models = match["model"] if isinstance(match["model"], list) else [match["model"]]
        parts.append("model=" + "|".join(models))
    if match.get("user_contains"):
        parts.append(f"user~{json.dumps(match['user_contains'])}")
    if match.get("user_regex"):
        parts.append(f"user=~/{match['user_regex']}/")
    if match.get("system_contains"):
        parts.append(f"system~{json.dumps(match['system_contains'])}")
    if match.get("tools"):
        parts.append("tools=" + ",".join(match["tools"]))
    return " ".join(parts) or "(any request)"


def one_line(text: str) -> str:
    return " ".join(text.split()) or "-"


# --- commands ----------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    # mockgw's models use no pydantic plugin, and looking for one reads the entry points of every
    # installed package before the first model is built: 30-40 ms of start-up in a test environment.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from mockgw.settings import ConfigError, Settings, resolve, unreadable_paths

    flags = {name: getattr(args, name, None) for name in Settings.model_fields}
    try:
        settings, labels = resolve(flags, os.environ)
    except ConfigError as exc:
        raise Failure(exc.problems, EXIT_CONFIG) from None
    if settings.record_missing:
        _prepare_recording(settings)
    problems = unreadable_paths(settings, labels)
    if problems:
        raise Failure(problems, EXIT_CONFIG)
    from mockgw.files import InvalidFile
    from mockgw.server import serve

    try:
        serve(settings)
    except InvalidFile as exc:
        raise Failure(exc.problems, EXIT_CONFIG) from None
    return 0


def _load(paths: list[Path]) -> list[Any]:
    from mockgw.files import InvalidFile
    from mockgw.scenario.loader import load_paths

    try:
        return load_paths(paths)
    except InvalidFile as exc:
        raise Failure(exc.problems) from None


def cmd_validate(args: argparse.Namespace) -> int:
    scenarios = _load(args.paths)
    print(f"ok: {len(scenarios)} scenario(s) in {', '.join(map(str, args.paths))}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from mockgw.scenario.model import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def client_for(args: argparse.Namespace) -> MockgwClient:
    from mockgw.client import MockgwClient

    return MockgwClient(args.url, admin_token=args.admin_token)


def cmd_reset(args: argparse.Namespace) -> int:
    client_for(args).reset()
    print("reset: journal, attempt counters, uploaded and active scenario, accounts and clock")
    return 0


def cmd_use(args: argparse.Namespace) -> int:
    if args.clear == (args.name is not None):
        raise Failure("give a scenario NAME or --clear", EXIT_CONFIG)
    client_for(args).use(args.name)
    if args.name is None:
        print("no active scenario: requests without x-mockgw-scenario go by match rules again")
    else:
        print(f"active scenario: {args.name} (for every request without x-mockgw-scenario)")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    style = Style()
    if args.scenarios or args.shipped:
        from mockgw.scenario.loader import shipped_dir

        paths = [*(args.scenarios or []), *([shipped_dir()] if args.shipped else [])]
        listing = [
            {"name": s.name, "description": s.description, "match": s.match and s.match.model_dump()}
            for s in _load(paths)
        ]
        active = None
    else:
        answer = client_for(args).call("GET", "/scenarios")
        listing, active = answer["scenarios"], answer.get("active")
    if not listing:
        print("no scenarios loaded")
        return 0
    rows = []
    for s in listing:
        marks = [m for m, on in (("active", s["name"] == active), ("uploaded", s.get("uploaded"))) if on]
        name = s["name"] + (f" ({', '.join(marks)})" if marks else "")
        rows.append([name, match_text(s["match"]), one_line(s.get("description", ""))])
    print("\n".join(table(["NAME", "MATCH", "DESCRIPTION"], rows, style)))
    return 0


def cmd_requests(args: argparse.Namespace) -> int:
    client = client_for(args)
    style = Style()
    today = time.strftime("%Y-%m-%d")
    entries = client.journal(args.path, args.scenario)
    if not args.follow:
        if args.json:
            print(json.dumps(entries, indent=2))
        elif not entries:
            print("no requests since the last reset")
        else:
            print(request_header(style))
            for e in entries:
                print(request_line(e, style, today))
        return 0
    return follow(client, args, entries, style, today)


def follow(
    client: MockgwClient, args: argparse.Namespace, entries: list[dict[str, Any]], style: Style, today: str
) -> int:
    """Print the journal, then every new request as it arrives (polling), until Ctrl-C."""

    def show(new: Iterable[dict[str, Any]]) -> None:
        for e in new:
            print(json.dumps(e) if args.json else request_line(e, style, today), flush=True)

    def note(text: str) -> None:
        if not args.json:
            print(style.dim(f"-- {text} --"), flush=True)

    if not args.json:
        print(request_header(style), flush=True)
    show(entries)
    last = max((e["id"] for e in entries), default=0)
    seen_present = bool(entries)
    try:
        while True:
            time.sleep(args.interval)
            entries = client.journal(args.path, args.scenario)
            ids = [e["id"] for e in entries]
            if ids and max(ids) < last:  # a restarted server numbers from 1 again
                note("the server restarted")
                last = 0
            elif seen_present and not any(i <= last for i in ids):
                note("journal cleared")  # a reset: what was shown is gone
            show(e for e in entries if e["id"] > last)
            seen_present = bool(ids)
            last = max([last, *ids])
    except KeyboardInterrupt:
        return 0


# --- the parser --------------------------------------------------------------------------------

# flag, metavar (None: a switch; ending in "...": repeatable), help. One per Settings field
# (tests/test_cli.py checks), written here so that the client commands never import pydantic.
SERVE_OPTIONS: list[tuple[str, str | None, str]] = [
    ("--host", "HOST", "address to listen on (default 127.0.0.1; 0.0.0.0 in a container)"),
    ("--port", "N", "port to listen on (default 8080; 0: any free port)"),
    ("--scenarios", "PATH...", "scenario file or folder, subfolders too (default: the shipped scenarios)"),
    ("--seed", "N", "seed for generated replies and faker placeholders (default 0)"),
    ("--accounts", "FILE", "accounts file (YAML/JSON): keys, plans, credits, statuses"),
    ("--lenient", None, "accept any credential and any model id, with no plan, rate or credit limits"),
    ("--validation", "{strict,loose}", "request contract: strict as the real APIs (default) or loose"),
    ("--strict", None, "unmatched requests get a 400 saying why, instead of a generated reply"),
    ("--watch", None, "reload scenario files when they change (an invalid change is refused)"),
    ("--tools-unsupported", "{ignore,reject}", "tools sent to a model without tool calling (default ignore)"),
    ("--require-anthropic-version", None, "400 when /v1/messages lacks the anthropic-version header"),
    ("--max-body-bytes", "N", "larger request bodies get a 413 (default 10 MiB)"),
    ("--journal-size", "N", "requests the journal keeps (default 1000)"),
    ("--journal-body-bytes", "N", "request body bytes a journal entry keeps (default 65536)"),
    ("--document-max-bytes", "N", "scenario/accounts file or upload size, aliases expanded (default 262144)"),
    ("--document-max-depth", "N", "nesting in those documents (default 64)"),
    ("--graceful-timeout", "SECONDS", "on SIGTERM, time open responses get to finish (default 5)"),
    ("--keep-alive-seconds", "SECONDS", "an idle keep-alive connection closes after (default 5)"),
    ("--event-loop", "{asyncio,uvloop}", "the server's event loop (default asyncio: fair under overload)"),
    ("--max-connections", "N", "connections and requests at once; more get a 503 (default 4096)"),
    ("--max-header-bytes", "N", "larger request headers get a 431 (default 32768)"),
    ("--body-timeout-seconds", "SECONDS", "a body still arriving after this gets a 408 (default 30)"),
    (
        "--header-timeout-seconds",
        "SECONDS",
        "close a connection whose request headers are not whole by then (default 10)",
    ),
    (
        "--admin-token",
        "TOKEN",
        "control-plane token (Bearer); made up and shown when binding beyond loopback",
    ),
    ("--open-control", None, "no control-plane token beyond loopback (unsafe)"),
    ("--allowed-hosts", "HOST...", "Host names the control plane answers besides localhost, on loopback"),
    ("--max-namespaces", "N", "namespaces open at once (default 1000)"),
    ("--namespace-idle-seconds", "SECONDS", "a namespace unused this long is dropped (default 900)"),
    # record on miss: forward what no scenario answers to the gateway, and record it (mockgw/record/)
    ("--record-missing", None, "forward requests no scenario answers to --upstream and record them"),
    ("--upstream", "URL", "the gateway to record from"),
    ("--upstream-key", "KEY", "sent upstream instead of the caller's credentials"),
    ("--recordings", "DIR", "where recordings are written (default: the first --scenarios folder)"),
    ("--record-timing", None, "record time to first token and the gaps between stream events"),
    ("--redact", "REGEX...", "never write what matches to a recording (keys and tokens never are)"),
]


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's own formatter imports shutil for the terminal width, a cost `mockgw serve` pays at start."""
    return argparse.HelpFormatter(prog, width=max(min(_columns(sys.stdout) or 80, 100) - 2, 40))


def _add_url(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--url",
        default=os.environ.get("MOCKGW_URL") or DEFAULT_URL,
        help=f"the running mockgw, or a namespace of it (default: $MOCKGW_URL, else {DEFAULT_URL})",
    )
    parser.add_argument(
        "--admin-token",
        default=os.environ.get("MOCKGW_ADMIN_TOKEN"),
        metavar="TOKEN",
        help="its control-plane token, when it asks for one (default: $MOCKGW_ADMIN_TOKEN)",
    )


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="mockgw",
        formatter_class=_help_formatter,
        description="Offline, scriptable fake of the AINative Studio chat gateway.",
        epilog="`mockgw COMMAND --help` describes each command.",
    )
    root.add_argument("--version", action="version", version=f"mockgw {__version__}")
    sub = root.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, run: Callable[[argparse.Namespace], int], summary: str, **kw: Any
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=summary,
            description=kw.pop("description", summary[:1].upper() + summary[1:] + "."),
            formatter_class=_help_formatter,
            **kw,
        )
        p.set_defaults(run=run)
        return p

    serve = command(
        "serve",
        cmd_serve,
        "serve the gateway",
        description="Serve the gateway: Anthropic Messages on /v1/messages, OpenAI Chat Completions on "
        "/api/v1/chat/completions, the control plane on /_mockgw.",
        epilog="Each option can also be set as MOCKGW_<OPTION> (MOCKGW_PORT=9000, MOCKGW_STRICT=1, "
        "MOCKGW_SCENARIOS=/a:/b); a flag wins. Switches take 1/0, true/false, yes/no or on/off.",
    )
    for flag, metavar, text in SERVE_OPTIONS:
        if metavar is None:
            serve.add_argument(flag, action="store_true", default=None, help=text)
        elif metavar.endswith("..."):
            serve.add_argument(flag, action="append", metavar=metavar[:-3], help=text + " (repeatable)")
        else:
            serve.add_argument(flag, metavar=metavar, help=text)

    _add_record_command(command)

    validate = command(
        "validate", cmd_validate, "check scenario files; exit 1 naming file, line and field of each problem"
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="scenario file or folder")

    command(
        "schema",
        cmd_schema,
        "print the JSON Schema of scenario files, for editors",
        description="Print the JSON Schema of scenario files, for editors: "
        "mockgw schema > mockgw-scenario.schema.json",
    )

    listing = command(
        "list",
        cmd_list,
        "list the running server's scenarios: name, match rules, description",
        description="List the scenarios the running server has loaded (files and uploads): name, match rules "
        "in short, description. With --scenarios or --shipped, list files instead, without a server.",
    )
    _add_url(listing)
    listing.add_argument(
        "--scenarios",
        action="append",
        type=Path,
        metavar="PATH",
        help="list these files/folders instead (repeatable)",
    )
    listing.add_argument(
        "--shipped", action="store_true", help="list the scenarios shipped with mockgw instead"
    )

    reset = command(
        "reset",
        cmd_reset,
        "reset the running server: journal, attempt counters, scenarios, accounts, clock",
    )
    _add_url(reset)

    use = command(
        "use",
        cmd_use,
        "serve a scenario to every request that names none (--clear: back to match rules)",
    )
    _add_url(use)
    use.add_argument(
        "name", nargs="?", metavar="NAME", help="a scenario the server has loaded (see mockgw list)"
    )
    use.add_argument("--clear", action="store_true", help="clear the active scenario")

    requests = command(
        "requests",
        cmd_requests,
        "show the running server's journal: what each request was and got",
        description="Show the running server's journal, oldest first: id, time, method, path, status, "
        "scenario, turn and attempt of each request.",
    )
    _add_url(requests)
    requests.add_argument(
        "-f", "--follow", action="store_true", help="keep printing new requests as they arrive"
    )
    requests.add_argument(
        "--json", action="store_true", help="JSON: a list, or one object a line with --follow"
    )
    requests.add_argument("--path", help="only requests to this path, e.g. /v1/messages")
    requests.add_argument("--scenario", metavar="NAME", help="only requests answered by this scenario")
    requests.add_argument(
        "--interval",
        type=float,
        default=0.5,
        metavar="SECONDS",
        help="how often --follow polls (default 0.5)",
    )
    return root


# --- record and replay: mockgw record, and serve --record-missing --------------------------------


def _add_record_command(command: Callable[..., argparse.ArgumentParser]) -> None:
    record = command(
        "record",
        cmd_record,
        "proxy to the gateway and write what it answers as scenario files, one per test",
        description="Proxy to the gateway and write what it answers as scenario files: one file per test "
        "(the x-mockgw-test-id header) or conversation. Replay them with mockgw serve --scenarios DIR.",
    )
    record.add_argument("--upstream", required=True, metavar="URL", help="the gateway's base URL")
    record.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder the files go to")
    record.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    record.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    record.add_argument(
        "--upstream-key",
        default=os.environ.get("MOCKGW_UPSTREAM_KEY"),
        metavar="KEY",
        help="sent upstream instead of the caller's credentials (default: $MOCKGW_UPSTREAM_KEY)",
    )
    record.add_argument("--timing", action="store_true", help="record time to first token and gaps")
    record.add_argument(
        "--redact", action="append", default=[], metavar="REGEX", help="never write what matches (repeatable)"
    )


def cmd_record(args: argparse.Namespace) -> int:
    from mockgw.record.proxy import serve_recording
    from mockgw.settings import ConfigError, resolve

    flags = {
        "host": args.host,
        "port": args.port,
        "upstream": args.upstream,
        "upstream_key": args.upstream_key,
        "recordings": args.out,
        "record_timing": args.timing or None,
        "redact": args.redact or None,
    }
    try:  # the same one-line config errors as serve's
        settings, _ = resolve(flags, os.environ)
    except ConfigError as exc:
        raise Failure(exc.problems, EXIT_CONFIG) from None
    serve_recording(settings)
    return 0


def _prepare_recording(settings: Any) -> None:
    """serve --record-missing: an upstream to record from, and the folder (made on the first run)."""
    from mockgw.record.missing import recordings_dir

    if not settings.upstream:
        raise Failure("--record-missing needs --upstream URL: the gateway to record from", EXIT_CONFIG)
    try:
        recordings_dir(settings).mkdir(parents=True, exist_ok=True)
    except (ValueError, OSError) as exc:
        raise Failure(str(exc), EXIT_CONFIG) from None


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not getattr(args, "run", None):
        p.print_help()
        return 0
    try:
        return args.run(args)
    except Failure as exc:
        for line in exc.lines:
            print(f"mockgw: {line}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:  # `mockgw requests | head`: the reader is gone, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # as the Python docs advise
        return 0
    except Exception as exc:
        from mockgw.client import ControlError

        if isinstance(exc, ControlError):
            print(f"mockgw: {exc.error}", file=sys.stderr)
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        if isinstance(exc, OSError) and getattr(args, "url", None):
            reason = exc.strerror or str(exc) or type(exc).__name__
            print(
                f"mockgw: no mockgw server at {args.url} ({reason}): start one with `mockgw serve`, "
                "or give --url / MOCKGW_URL",
                file=sys.stderr,
            )
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
