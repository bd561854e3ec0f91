"""`valuezone diagnose`: health checks on a device over SSH or by session code, or offline on saved output."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from console.commands.unpacking import add_unpack_option, verify_received
from sessions.diagnostics import CheckResult, Finding, Status, analyse_folder, exit_code
from sessions.diagnostics.profiles import profile_names
from sessions.diagnostics.recorded import start_run
from sessions.errors import SupportError
from sessions.paths import app_dirs

SCHEMA = "valuezone.diagnostics/1"
_COLOURS = {Status.OK: "32", Status.WARN: "33", Status.FAIL: "31", Status.ERROR: "35"}
_LABELS = {Status.OK: "OK", Status.WARN: "WARN", Status.FAIL: "FAIL", Status.ERROR: "ERROR"}


def _profile_name(text: str) -> str:
    """``auto``, a profile name, or a detected combination such as ``qnap-qts+zfs``."""
    names = profile_names()
    if text != "auto" and not all(part in names for part in text.split("+")):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a diagnostics profile: use auto or one of {', '.join(names)}"
        )
    return text


NO_CONNECTION = 4  # not a finding: nothing was checked (3 means checks ran but some could not)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "diagnose",
        help="run health checks on a device (RAID, disks, space, logs…)",
        description="Run the checks of a diagnostics profile on a device and print the findings. "
        "Exit code: 0 all ok, 1 a warning, 2 a failure, 3 only checks that could not run "
        "(a tool missing on the device), 4 no connection to the device.",
    )
    parser.add_argument("destination", nargs="?", help="[user@]host[:port] of the device")
    parser.add_argument(
        "--profile",
        default="auto",
        type=_profile_name,
        help=f"auto (detect from the device) or one of: {', '.join(profile_names())}",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the findings as JSON (docs/diagnostics.md)"
    )
    parser.add_argument(
        "--offline",
        metavar="DIR|BUNDLE",
        type=Path,
        help="re-analyse saved <check>.out files: a folder of them, an extracted bundle, or a bundle .tar.gz",
    )
    add_unpack_option(parser)  # for --offline BUNDLE
    parser.add_argument("--raw-dir", metavar="DIR", type=Path, help="where to save raw outputs")
    parser.add_argument("--code", help="session code read out by the customer (with --relay)")
    parser.add_argument(
        "--relay",
        metavar="HOST:PORT[,HOST:PORT…]",
        help="relay to join the session code through (several of one deployment: the first that answers)",
    )
    parser.add_argument("--user", default="", help="user on the device when joining by code")
    from sessions.ssh.terminal_prompt import add_connect_options

    add_connect_options(parser)
    parser.set_defaults(func=run)


def _offline_folder(args: argparse.Namespace, scratch: Path) -> Path:
    """The folder of .out files behind --offline: itself, a bundle's diagnostics/raw, or a checked .tar.gz."""
    path: Path = args.offline
    if path.is_file() and path.name.endswith((".tar.gz", ".tgz")):
        verify_received(path, args, extract_to=scratch)  # every hash checked before anything is read
        path = scratch
    raw = path / "diagnostics" / "raw"
    return raw if raw.is_dir() else path


def run(args: argparse.Namespace) -> int:
    if args.offline is not None:
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="vz-offline-") as scratch:
            folder = _offline_folder(args, Path(scratch))
            chosen = None if args.profile == "auto" else args.profile
            results = asyncio.run(analyse_folder(folder, chosen))
            profile = args.profile if args.profile != "auto" else "as saved"
            return _report(args, results, target=None, profile=profile, raw_dir=folder, started=started)
    if bool(args.code) != bool(args.relay):
        raise SupportError(
            "--code and --relay go together.", "Give both, e.g. --code 482913557 --relay relay:2222."
        )
    if not args.code and not args.destination:
        raise SupportError(
            "Say which device to check.", "Give [user@]host[:port], --code with --relay, or --offline DIR."
        )
    return asyncio.run(_live(args))


async def _live(args: argparse.Namespace) -> int:
    started = time.monotonic()
    where = args.destination or f"code {args.code}"
    raw_dir = args.raw_dir or _default_raw_dir(where)
    try:
        conn = await _connect(args)
    except SupportError as exc:
        print(f"valuezone: {exc}", file=sys.stderr)
        return NO_CONNECTION
    tty = sys.stdout.isatty() and not args.json
    try:
        if tty:
            print(f"Checking {where}…", flush=True)
        runner = await start_run(conn, args.profile, raw_dir=raw_dir)  # what the console's dock runs too
        done: dict[str, CheckResult] = {}
        async for result in runner.run():
            done[result.check] = result
            if tty:
                _print_check(result, sys.stdout, colour=True)
        results = [done[check] for check in runner.profile.ids()]
    finally:
        conn.close()
        with contextlib.suppress(Exception):
            await conn.wait_closed()
    return _report(
        args,
        results,
        target=where,
        profile=runner.profile.name,
        raw_dir=raw_dir,
        started=started,
        printed=tty,
    )


async def _connect(args: argparse.Namespace) -> Any:
    from sessions.ssh.client import connect
    from sessions.ssh.terminal_prompt import credentials_from_args, target_from_args, trust_from_args

    trust = trust_from_args(args)
    if args.code:
        from sessions.codes import parse
        from sessions.relay.client import JoinOptions, connect_by_code
        from sessions.relay.key_terminal import access_for_terminal
        from sessions.relay.relays import parse_relays
        from sessions.ssh.hostkeys import HostKeyTrust

        code = parse(args.code)  # a typo is caught before a key is made or a passphrase asked
        options = JoinOptions(
            trust=trust,
            user=args.user,
            credentials=credentials_from_args(args),
            key_access=access_for_terminal(create=True),  # the console's key, in the same place
            inner_trust=HostKeyTrust(  # the agent's key is new for every code: as the console does
                known_hosts=app_dirs().state / "code_known_hosts",
                read_user_known_hosts=False,
                accept_new=True,
            ),
        )
        return await connect_by_code(parse_relays(args.relay), code, options)
    target = target_from_args(args.destination, args)
    return await connect(target, trust=trust, credentials=credentials_from_args(args))


def _default_raw_dir(where: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", where)[:60]
    return app_dirs().data / "diagnostics" / f"{stamp}-{safe}" / "raw"


def _report(
    args: argparse.Namespace,
    results: list[CheckResult],
    *,
    target: str | None,
    profile: str,
    raw_dir: Path,
    started: float,
    printed: bool = False,
) -> int:
    findings = [f for r in results for f in r.findings]
    code = exit_code(findings)
    if args.json:
        document = to_json(results, target=target, profile=profile, raw_dir=raw_dir, exit_status=code)
        document["duration_s"] = round(time.monotonic() - started, 3)
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return code
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    if not printed:
        for result in results:
            _print_check(result, sys.stdout, colour=colour)
    counts = {s: sum(1 for f in findings if f.status is s) for s in Status}
    tally = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    print(f"\n{len(results)} checks, {tally}. Raw output: {raw_dir}")
    return code


def _print_check(result: CheckResult, out: TextIO, *, colour: bool) -> None:
    for item in result.findings:
        label = f"{_LABELS[item.status]:<5}"
        if colour:
            label = f"\x1b[{_COLOURS[item.status]};1m{label}\x1b[0m"
        out.write(f"{label}  {result.title:<30} {item.target:<14} {item.summary}\n")
        if item.status is not Status.OK:
            for line in item.evidence[:8]:
                out.write(f"{'':53}│ {line}\n")
    out.flush()


def to_json(
    results: list[CheckResult], *, target: str | None, profile: str, raw_dir: Path, exit_status: int
) -> dict[str, Any]:
    """The --json document (schema in docs/diagnostics.md)."""
    return {
        "schema": SCHEMA,
        "target": target,
        "profile": profile,
        "raw_dir": str(raw_dir),
        "exit_code": exit_status,
        "checks": [
            {
                "id": r.check,
                "title": r.title,
                "status": r.status.value,
                "duration_s": round(r.duration, 3),
                "findings": [f.to_dict() for f in r.findings],
            }
            for r in results
        ],
    }


def findings_from_json(document: dict[str, Any]) -> list[Finding]:
    """The findings of a --json document, for tools that read it back."""
    return [Finding.from_dict(f) for check in document["checks"] for f in check["findings"]]
