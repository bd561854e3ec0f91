"""`valuezone review`: the review window, and index / search / verify / report over an archive of records."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from console.commands.argtypes import count, iso_date
from console.commands.verify import add_options as add_verify_options

OUTCOME_CHOICES = ("resolved", "workaround", "escalated", "not_resolved", "none")


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
    parser.set_defaults(func=run)
    sub = parser.add_subparsers(dest="review_command", metavar="SUBCOMMAND")

    index = sub.add_parser("index", help="index new and changed records of ARCHIVE")
    index.add_argument("archive_dir", metavar="ARCHIVE", type=Path)
    index.add_argument("--quiet", action="store_true", help="print only the summary")

    search = sub.add_parser("search", help="find words in terminal text, chat, findings, summaries and notes")
    search.add_argument("archive_dir", metavar="ARCHIVE", type=Path)
    search.add_argument(
        "query", metavar="QUERY", help='words that must all occur; "quoted words" as a phrase'
    )
    search.add_argument("--json", action="store_true", help="print the hits as JSON")
    search.add_argument(
        "--limit", type=count(unit="hits"), default=50, help="at most this many hits (default 50)"
    )
    search.add_argument("--no-update", action="store_true", help="do not index new records first")

    verify = sub.add_parser(
        "verify",
        help="check one record against its archive's index anchor, lead annotations and tags included",
    )
    verify.add_argument("record_dir", metavar="RECORD", type=Path)
    add_verify_options(verify)

    report = sub.add_parser(
        "report",
        help="write the review report (recurring findings, CSAT, scores, …) as HTML",
        description="The report over the sessions the filters select, as the review window's "
        "File > Export report… writes it for the same filters.",
    )
    report.add_argument("archive_dir", metavar="ARCHIVE", type=Path)
    report.add_argument("--html", metavar="OUT", type=Path, required=True, help="the HTML file to write")
    _add_filters(report)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    """The review window's filters and search box, as options."""
    since = "only sessions started on or after DATE (YYYY-MM-DD)"
    parser.add_argument("--since", metavar="DATE", type=iso_date, help=since)
    parser.add_argument("--until", metavar="DATE", type=iso_date, help="… and on or before DATE")
    parser.add_argument("--technician", metavar="NAME", default="", help="technician's name contains NAME")
    parser.add_argument("--device", metavar="NAME", default="", help="device name or host contains NAME")
    parser.add_argument("--outcome", choices=OUTCOME_CHOICES, default="", help="none: no outcome recorded")
    parser.add_argument("--platform", metavar="NAME", default="", help='device platform, e.g. "DSM 7.2"')
    parser.add_argument("--language", metavar="CODE", default="", help="customer language, e.g. ko")
    parser.add_argument("--min-score", metavar="N", type=int, choices=range(11), help="survey score ≥ N")
    parser.add_argument("--max-score", metavar="N", type=int, choices=range(11), help="survey score ≤ N")
    escalated = parser.add_mutually_exclusive_group()
    escalated.add_argument("--escalated", action="store_const", const=True, help="only escalated sessions")
    escalated.add_argument(
        "--not-escalated", dest="escalated", action="store_const", const=False, help="only the others"
    )
    parser.add_argument("--search", metavar="WORDS", default="", help="sessions containing every word")


def report_filters(args: argparse.Namespace) -> Any:
    """The Filters the report options select."""
    from sessions.archive import Filters

    return Filters(
        since=args.since or "",
        until=args.until or "",
        technician=args.technician.strip(),
        device=args.device.strip(),
        outcome=args.outcome,
        min_score=args.min_score,
        max_score=args.max_score,
        customer_lang=args.language.strip(),
        escalated=args.escalated,
        platform=args.platform.strip(),
    )


def run(args: argparse.Namespace) -> int:
    command = args.review_command
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
    if as_json:
        print(json.dumps([hit.to_json() for hit in hits], ensure_ascii=False, indent=2))
        return 0 if hits else 1
    bold, plain = ("\x1b[1;33m", "\x1b[0m") if sys.stdout.isatty() else ("«", "»")
    for hit in hits:
        minutes, seconds = divmod(int(hit.t), 60)
        print(
            f"{hit.started[:16].replace('T', ' ')}  {hit.device}  {hit.technician}  "
            f"+{minutes}:{seconds:02d}  {hit.kind}  {hit.marked(bold, plain)}"
        )
        print(f"    {hit.folder}")
    if not hits:
        print("no matches", file=sys.stderr)
    return 0 if hits else 1


def _report(index: Any, filters: Any, text: str, out: Path) -> int:
    _offscreen_without_display()
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


def _offscreen_without_display() -> None:
    """Charts are drawn with Qt; on a machine without a display they are drawn offscreen."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _open_window(args: argparse.Namespace) -> int:
    from console.review.window import run_review

    return run_review(args.archive, args.index_db)
