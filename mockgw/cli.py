"""mockgw serve | record | validate | list | schema.

Every serve option can also come from the environment as MOCKGW_<OPTION> (e.g. MOCKGW_PORT=9000,
MOCKGW_SCENARIOS=/scenarios:/more, MOCKGW_LENIENT=1); a flag on the command line wins.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from mockgw.files import InvalidFile
from mockgw.scenario.loader import load_paths, shipped_dir
from mockgw.scenario.model import json_schema
from mockgw.settings import Settings

TRUE = {"1", "true", "yes", "on"}


def settings_from_env(environ: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, field in Settings.model_fields.items():
        raw = environ.get(f"MOCKGW_{name.upper()}")
        if raw is None or raw == "":
            continue
        if field.annotation is bool:
            values[name] = raw.strip().lower() in TRUE
        elif getattr(field.annotation, "__origin__", None) is list:  # scenarios, allowed_hosts
            values[name] = [p for p in raw.replace(",", os.pathsep).split(os.pathsep) if p]
        else:
            values[name] = raw
    return values


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mockgw", description="Offline fake of the AINative Studio chat gateway."
    )
    sub = p.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the gateway (options also read from MOCKGW_* variables)")
    serve.add_argument("--host", help="default 127.0.0.1")
    serve.add_argument("--port", type=int, help="default 8080")
    serve.add_argument(
        "--scenarios", action="append", metavar="PATH", help="scenario file or folder (repeatable)"
    )
    serve.add_argument("--seed", type=int, help="seed for generated replies (default 0)")
    serve.add_argument("--accounts", metavar="FILE", help="accounts file (YAML/JSON)")
    serve.add_argument("--lenient", action="store_true", default=None, help="accept any credential and model")
    serve.add_argument(
        "--validation",
        choices=["strict", "loose"],
        help="request contract: strict like the real APIs (default) or loose (types coerced, extras ignored)",
    )
    serve.add_argument("--strict", action="store_true", default=None, help="error on unmatched requests")
    serve.add_argument("--watch", action="store_true", default=None, help="reload scenario files on change")
    serve.add_argument("--tools-unsupported", choices=["ignore", "reject"])
    serve.add_argument("--require-anthropic-version", action="store_true", default=None)
    serve.add_argument("--max-body-bytes", type=int)
    serve.add_argument("--journal-size", type=int)
    serve.add_argument("--admin-token", help="control-plane token; generated when binding beyond loopback")
    serve.add_argument(
        "--open-control",
        action="store_true",
        default=None,
        help="no control-plane token beyond loopback (unsafe)",
    )
    serve.add_argument(
        "--allowed-hosts",
        action="append",
        metavar="HOST",
        help="Host names the control plane answers on loopback",
    )
    serve.add_argument(
        "--graceful-timeout", type=int, help="seconds open responses get on SIGTERM (default 5)"
    )
    serve.add_argument(
        "--keep-alive-seconds", type=int, help="idle keep-alive connections close after (default 5)"
    )
    serve.add_argument("--max-connections", type=int, help="connections and requests at once (default 4096)")
    serve.add_argument(
        "--max-header-bytes", type=int, help="larger request headers get a 431 (default 32768)"
    )
    serve.add_argument(
        "--body-timeout-seconds", type=float, help="a body still arriving after gets a 408 (default 30)"
    )
    serve.add_argument(
        "--journal-body-bytes", type=int, help="request body bytes kept per journal entry (65536)"
    )
    serve.add_argument(
        "--document-max-bytes", type=int, help="scenario/accounts file and upload size (262144)"
    )
    serve.add_argument("--document-max-depth", type=int, help="nesting in those documents (default 64)")
    serve.add_argument("--max-namespaces", type=int, help="namespaces open at once (default 1000)")
    serve.add_argument(
        "--namespace-idle-seconds", type=float, help="drop a namespace unused this long (default 900)"
    )
    _add_record_options(sub, serve)

    validate = sub.add_parser("validate", help="check scenario files; exit 1 on any problem")
    validate.add_argument("paths", nargs="+", type=Path)

    listing = sub.add_parser("list", help="list scenarios with their descriptions")
    listing.add_argument("--scenarios", action="append", type=Path, metavar="PATH")

    sub.add_parser("schema", help="print the scenario file JSON Schema")
    return p


# --- record and replay: mockgw record, and serve --record-missing --------------------------------


def _add_record_options(sub: Any, serve: argparse.ArgumentParser) -> None:
    rec = serve.add_argument_group("record on miss (forward what no scenario answers, and record it)")
    rec.add_argument("--record-missing", action="store_true", default=None, help="needs --upstream")
    rec.add_argument("--upstream", metavar="URL", help="the gateway to record from")
    rec.add_argument("--upstream-key", metavar="KEY", help="sent upstream instead of the caller's key")
    rec.add_argument("--recordings", metavar="DIR", help="default: the first --scenarios folder")
    rec.add_argument("--record-timing", action="store_true", default=None, help="record ttft and gaps")
    rec.add_argument("--redact", action="append", metavar="REGEX", help="never write what matches")

    record = sub.add_parser(
        "record", help="proxy to the gateway and write what it answers as scenario files, one per test"
    )
    record.add_argument("--upstream", required=True, metavar="URL", help="the gateway's base URL")
    record.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the files")
    record.add_argument("--host", default="127.0.0.1")
    record.add_argument("--port", type=int, default=8080)
    record.add_argument(
        "--upstream-key",
        default=os.environ.get("MOCKGW_UPSTREAM_KEY"),
        metavar="KEY",
        help="sent upstream instead of the caller's credentials; env MOCKGW_UPSTREAM_KEY",
    )
    record.add_argument("--timing", action="store_true", help="record time to first token and gaps")
    record.add_argument("--redact", action="append", default=[], metavar="REGEX", help="never write matches")


def _record(args: argparse.Namespace) -> int:
    from mockgw.record.proxy import serve_recording

    settings = Settings(
        host=args.host,
        port=args.port,
        upstream=args.upstream,
        upstream_key=args.upstream_key,
        recordings=args.out,
        record_timing=args.timing,
        redact=args.redact,
    )
    serve_recording(settings)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "record":
        return _record(args)
    if args.command == "serve":
        from mockgw.server import serve

        flags = {k: v for k, v in vars(args).items() if k != "command" and v is not None}
        serve(Settings(**(settings_from_env(dict(os.environ)) | flags)))
        return 0
    if args.command == "schema":
        print(json.dumps(json_schema(), indent=2))
        return 0
    from_env = [Path(p) for p in settings_from_env(dict(os.environ)).get("scenarios", [])]
    paths = args.paths if args.command == "validate" else (args.scenarios or from_env or [shipped_dir()])
    try:
        scenarios = load_paths(paths)
    except InvalidFile as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    if args.command == "validate":
        print(f"ok: {len(scenarios)} scenario(s) in {', '.join(map(str, paths))}")
    else:
        width = max((len(s.name) for s in scenarios), default=0)
        for s in scenarios:
            print(f"{s.name:<{width}}  {s.description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
