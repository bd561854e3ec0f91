"""`valuezone review`: the review window, and index / search / verify / report over an archive of records,
or over the team server's records (`--server HOST:PORT`, no ARCHIVE then)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from console.commands.argtypes import count, iso_date
from console.commands.review_filters import add_filters, report_filters
from console.commands.review_output import offscreen_without_display, print_hits
from console.commands.verify import add_options as add_verify_options

SEARCH_LIMIT = count(1, 1_000, unit="hits")  # as the team server (sessions/team/review_ops.py)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "review",
        help="review recorded sessions: window, index, search, verify, report",
        description="With no subcommand, opens the review window over the archive.",
    )
    parser.add_argument(
        "--archive", type=Path, help="the archive folder (default: the recording.archive setting)"
    )
    parser.add_argument(
        "--index-db", type=Path, help="the index file (default: one per archive in the data folder)"
    )
    from console.commands.team_options import add_server_options

    add_server_options(parser)
    parser.set_defaults(func=run)
    sub = parser.add_subparsers(dest="review_command", metavar="SUBCOMMAND")

    index = sub.add_parser("index", help="index new and changed records of ARCHIVE")
    index.add_argument("archive_dir", metavar="ARCHIVE", type=Path)
    index.add_argument("--quiet", action="store_true", help="print only the summary")

    search = sub.add_parser("search", help="find words in terminal text, chat, findings, summaries and notes")
    search.add_argument(
        "words",
        nargs="+",
        metavar="[ARCHIVE] QUERY",
        help='the archive folder (not with --server), then words that must all occur; "quoted words" '
        "as a phrase",
    )
    add_server_options(search, nested=True)
    search.add_argument("--json", action="store_true", help="print the hits as JSON")
    search.add_argument(
        "--limit",
        type=SEARCH_LIMIT,
        default=50,
        metavar="N",
        help=f"at most this many hits ({SEARCH_LIMIT.range_text}; default 50)",
    )
    search.add_argument("--no-update", action="store_true", help="do not index new records first")

    verify = sub.add_parser(
        "verify",
        help="check one record against its archive's index anchor, lead annotations and tags included; "
        "with --server, against the anchors the team server took",
    )
    verify.add_argument(
        "record_dir", metavar="RECORD", type=Path, help="a record folder; with --server, or a session id"
    )
    add_verify_options(verify)
    add_server_options(verify, nested=True)

    report = sub.add_parser(
        "report",
        help="write the review report (recurring findings, CSAT, scores, …) as HTML",
        description="The report over the sessions the filters select, as the review window's "
        "File > Export report… writes it for the same filters.",
    )
    _add_campaign(sub)
    report.add_argument("archive_dir", metavar="ARCHIVE", type=Path, nargs="?", help="not with --server")
    report.add_argument("--html", metavar="OUT", type=Path, required=True, help="the HTML file to write")
    add_filters(report)
    add_server_options(report, nested=True)


def _add_campaign(sub: Any) -> None:
    from console.commands.team_options import add_server_options

    campaign = sub.add_parser(
        "campaign",
        help="leads: follow up every session a recurring finding hit, at once (team server only)",
        description='From a recurring finding of the report (e.g. "md degraded on DSM 7.2"): list every '
        "session and customer device it affected, open a follow-up on all of them, track them to closed.",
    )
    campaign.add_argument("action", choices=("preview", "open", "list", "show"))
    campaign.add_argument(
        "what", nargs="?", default="", metavar="LABEL|ID", help="the finding, or a campaign id"
    )
    campaign.add_argument(
        "--due", default=None, metavar="DATE", type=iso_date, help="when the follow-ups are due (open)"
    )
    campaign.add_argument("--note", default="", help="what to tell the customers (open)")
    campaign.add_argument(
        "--since", default=None, metavar="DATE", type=iso_date, help="only sessions since DATE (YYYY-MM-DD)"
    )
    add_server_options(campaign, nested=True)


def run(args: argparse.Namespace) -> int:
    command = args.review_command
    if getattr(args, "server", None):
        from console.commands.review_server import run_on_server

        return run_on_server(args)
    if command == "campaign":
        print("valuezone: campaigns live on the team server: add --server HOST:PORT.", file=sys.stderr)
        return 2
    if command == "search":
        if len(args.words) < 2:
            print("valuezone: give the archive folder and the words: review search ARCHIVE QUERY "
                  "(or --server HOST:PORT QUERY).", file=sys.stderr)  # fmt: skip
            return 2
        args.archive_dir, args.query = Path(args.words[0]), " ".join(args.words[1:])
    if command == "report" and args.archive_dir is None:
        print("valuezone: give the archive folder (or --server HOST:PORT).", file=sys.stderr)
        return 2
    if command == "verify":
        from console.commands.verify import print_report

        index = args.index or args.index_db or _default_index(args.record_dir)
        return print_report(args.record_dir, index=index, signers=args.signers, message=args.seal_message)
    if command is None:
        return _open_window(args)
    from sessions.archive import open_index

    with open_index(args.archive_dir, args.index_db) as index:
        if command == "index":
            return _index(index, quiet=args.quiet)
        if command == "search":
            if not args.no_update:
                index.update()
            _skipped(index)
            return _search(index, args.query, limit=args.limit, as_json=args.json)
        index.update()
        _skipped(index)
        return _report(index, report_filters(args), args.search.strip(), args.html)


def _default_index(record: Path) -> Path | None:
    """The index of the archive holding *record* (ARCHIVE/YYYY/MM/DD/<record>), when there is one."""
    from sessions.archive import default_index_path

    parents = Path(record).resolve().parents
    if len(parents) < 4:
        return None
    path = default_index_path(parents[3])
    return path if path.is_file() else None


def _skipped(index: Any) -> None:
    """Name every record left out because it failed verification (one line each, on stderr)."""
    for problem in index.failed():
        print(f"skipped, failed verification: {problem}", file=sys.stderr)


def _index(index: Any, *, quiet: bool) -> int:
    quiet = quiet or not sys.stderr.isatty()  # the running count is for a person watching, not a log

    def progress(done: int, total: int) -> None:
        if not quiet and (done % 500 == 0 or done == total):
            print(f"\r{done}/{total} records", end="", file=sys.stderr, flush=True)

    stats = index.update(progress=progress)
    if not quiet and stats.added + stats.updated + stats.unchanged:
        print(file=sys.stderr)
    print(
        f"{stats.added} added, {stats.updated} updated, {stats.removed} removed, {stats.unchanged} unchanged "
        f"in {stats.seconds:.1f} s; index: {index.path}"
    )
    for problem in stats.failed:
        print(f"failed verification: {problem}", file=sys.stderr)
    return 1 if stats.failed else 0


def _search(index: Any, query: str, *, limit: int, as_json: bool) -> int:
    from sessions.archive import fts_query, pinpoint, search

    if not fts_query(query):
        print("valuezone: the search has no words to look for.", file=sys.stderr)
        return 2
    hits = pinpoint(index.archive, search(index, query, limit=limit), query)
    return print_hits(hits, as_json=as_json)


def _report(index: Any, filters: Any, text: str, out: Path) -> int:
    offscreen_without_display()
    from console.app.runtime import create_application, load_settings
    from console.review.export import report_page
    from sessions.archive import build_report, save_page
    from sessions.identity import Identity

    create_application()
    identity = Identity.from_settings(load_settings())
    report = build_report(index, filters, text, prepared_by=identity.label() if identity.name else "")
    save_page(report_page(report), out)
    print(f"{report.sessions} sessions, {len(report.recurring)} recurring items: wrote {out}")
    return 0


def _open_window(args: argparse.Namespace) -> int:
    from console.review.window import run_review

    return run_review(args.archive, args.index_db)
