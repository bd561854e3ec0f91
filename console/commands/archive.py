"""`valuezone archive`: push finished records to the team server; the outbox; retention and legal hold."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from console.commands.argtypes import count
from console.commands.team_options import add_server_options, open_client, server_target

# As the team server takes them (sessions/team/retention.py), so a typo is caught before anything is sent.
RETENTION_DAYS = count(1, 100_000, unit="days", word="forever")
AUDIT_LIMIT = count(1, 10_000, unit="lines")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "archive", help="the team server: push records, see the outbox, retention and legal hold"
    )
    sub = parser.add_subparsers(dest="archive_command", metavar="ACTION", required=True)
    push = sub.add_parser(
        "push",
        help="upload every finished record not yet on the team server (resumable, exactly once)",
        description="Records are verified by the server on arrival; a refused one stays in the outbox with "
        "the server's reason (`valuezone archive outbox`).",
    )
    push.add_argument(
        "archive_dir", metavar="ARCHIVE", type=Path, nargs="?", help="default: the recording.archive setting"
    )
    add_server_options(push, required=True)
    push.add_argument("--retry-refused", action="store_true", help="send refused records again")
    push.add_argument("--quiet", action="store_true", help="print only the summary")
    push.set_defaults(func=run_push)

    outbox = sub.add_parser("outbox", help="what is queued for, refused by and pushed to the team server")
    outbox.add_argument("--server", metavar="HOST:PORT", help="only this server")
    outbox.add_argument("--all", action="store_true", help="list pushed records too")
    outbox.set_defaults(func=run_outbox)

    retention = sub.add_parser(
        "retention", help="list, or set (admin) how many days a team's records are kept on the team server"
    )
    retention.add_argument("team", nargs="?", metavar="TEAM", help="a team name, or * for records of no team")
    retention.add_argument(
        "days",
        nargs="?",
        type=RETENTION_DAYS,
        metavar="DAYS",
        help=f"days to keep ({RETENTION_DAYS.range_text}), or `forever`",
    )
    add_server_options(retention, required=True)
    retention.set_defaults(func=run_admin)

    hold = sub.add_parser(
        "hold", help="place (or --release) a legal hold on a session: it is never purged (admin)"
    )
    hold.add_argument("session_id", metavar="SESSION")
    hold.add_argument("--reason", default="", help="the matter or case the hold is for (needed to place one)")
    hold.add_argument("--release", action="store_true", help="release the hold")
    add_server_options(hold, required=True)
    hold.set_defaults(func=run_admin)

    purge = sub.add_parser(
        "purge", help="purge records past their retention now (admin; the relay does it hourly)"
    )
    add_server_options(purge, required=True)
    purge.set_defaults(func=run_admin)

    audit = sub.add_parser("audit", help="who looked at or changed what on the team server (admin)")
    audit.add_argument("--session", default="", metavar="SESSION", help="only lines about this session")
    audit.add_argument(
        "--limit",
        type=AUDIT_LIMIT,
        default=200,
        metavar="N",
        help=f"the newest N lines ({AUDIT_LIMIT.range_text}; default 200)",
    )
    add_server_options(audit, required=True)
    audit.set_defaults(func=run_admin)


def _archive(path: Path | None) -> Path:
    if path is not None:
        return path
    from sessions.config import Settings
    from sessions.paths import app_dirs
    from sessions.recording import archive_root

    return archive_root(Settings.load(app_dirs().settings_file))


def run_push(args: argparse.Namespace) -> int:
    from sessions.errors import SupportError
    from sessions.team.outbox import PushOutbox
    from sessions.team.push import push_queued, scan

    archive = _archive(args.archive_dir)
    if not archive.is_dir():
        raise SupportError(
            f"The archive folder {archive} does not exist.", "Pass the folder that holds records."
        )
    server = server_target(args.server).host_port
    outbox = PushOutbox()
    try:
        report = scan(archive, outbox, server, retry_refused=args.retry_refused)

        def progress(stage: str, done: int, total: int) -> None:
            if not args.quiet and (done == total or done % 100 == 0):
                print(
                    f"\r{stage}: {done}/{total}",
                    end="\n" if done == total else "",
                    file=sys.stderr,
                    flush=True,
                )

        async def send() -> None:
            client = await open_client(args)
            try:
                await push_queued(client, outbox, server, report, progress)
            finally:
                await client.close()

        try:
            asyncio.run(send())
        except SupportError as exc:
            left = outbox.counts(server)["queued"]
            print(f"valuezone: {exc}", file=sys.stderr)
            print(
                f"{report.sent} pushed before that; {left} still queued: run the push again.", file=sys.stderr
            )
            return 2
        counts = outbox.counts(server)
        _print_report(report, counts)
    finally:
        outbox.close()
    return 1 if report.refused or counts["refused"] else 0


def _print_report(report: Any, counts: dict[str, int]) -> None:
    print(
        f"{report.stored} pushed, {report.extended} updated, {report.already} already on the server, "
        f"{len(report.refused)} refused, {len(report.unfinished)} not finished (skipped); "
        f"outbox: {counts['pushed']} pushed, {counts['refused']} refused in all"
    )
    for push in report.refused:
        print(f"refused: {push.folder}\n    {push.reason}\n    {push.hint}", file=sys.stderr)
    for folder in report.unreadable:
        print(f"not readable (no valid session.json): {folder}", file=sys.stderr)


def run_outbox(args: argparse.Namespace) -> int:
    from sessions.team.outbox import PushOutbox

    outbox = PushOutbox()
    try:
        items = outbox.items(server_target(args.server).host_port if args.server else "")
    finally:
        outbox.close()
    shown = [item for item in items if args.all or item.state != "pushed"]
    for item in shown:
        print(f"{item.state:8} {item.server}  {item.session_id}  {item.folder}")
        if item.reason:
            print(f"         {item.reason}\n         {item.hint}")
    pushed = sum(item.state == "pushed" for item in items)
    print(f"{len(items) - pushed} waiting or refused, {pushed} pushed", file=sys.stderr)
    return 1 if any(item.state == "refused" for item in items) else 0


def run_admin(args: argparse.Namespace) -> int:
    """retention / hold / purge / audit: one request each."""
    from sessions.errors import SupportError

    command = args.archive_command
    if command == "retention" and args.team and not args.days:
        raise SupportError("Give the days too: `archive retention TEAM DAYS` (or `forever`).")
    request = _admin_request(args)

    async def ask() -> dict[str, Any]:
        async with await open_client(args) as client:
            return await client.request(request.pop("op"), **request)

    answer = asyncio.run(ask())
    if command == "retention" and not args.team:
        for team in answer["teams"]:
            days = "forever" if team["days"] is None else f"{team['days']} days"
            print(f"{team['team']}: {days} (set by {team['updated_by']} {team['updated'][:10]})")
    elif command == "retention":
        print(f"{answer['team']}: " + ("forever" if answer["days"] is None else f"{answer['days']} days"))
    elif command == "hold":
        print(f"{answer['session_id']}: " + ("on legal hold" if answer["hold"] else "hold released"))
    elif command == "purge":
        if answer["busy"]:
            print("Another relay is purging right now; nothing done.")
        else:
            print(f"{answer['purged']} records purged, {answer['held']} past retention kept on legal hold")
    else:
        for line in answer["audit"]:
            print(f"{line['at'][:19].replace('T', ' ')}  {line['actor']} ({line['role']})  {line['action']}  "
                  f"{line['session_id']}  {line['detail']}")  # fmt: skip
    return 0


def _admin_request(args: argparse.Namespace) -> dict[str, Any]:
    command = args.archive_command
    if command == "retention":
        if not args.team:
            return {"op": "retention.list"}
        days = None if args.days == "forever" else args.days  # RETENTION_DAYS checked the number
        return {"op": "retention.set", "team": args.team, "days": days}
    if command == "hold":
        return {
            "op": "hold.set",
            "session_id": args.session_id,
            "hold": not args.release,
            "reason": args.reason,
        }
    if command == "purge":
        return {"op": "purge.run"}
    return {"op": "audit.list", "session_id": args.session, "limit": args.limit}
