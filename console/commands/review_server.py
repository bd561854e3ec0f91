"""`valuezone review … --server HOST:PORT`: search, report and verify against the team server."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from console.commands.team_options import open_client


def run_on_server(args: argparse.Namespace) -> int:
    command = args.review_command
    if command is None:
        from console.team.window import run_review_server

        return run_review_server(args)
    if command == "index":
        print("valuezone: the team server indexes records as they arrive; nothing to do.", file=sys.stderr)
        return 2
    if command == "search":
        if len(args.words) > 1 and Path(args.words[0]).is_dir():
            print("valuezone: with --server, give only the words (no ARCHIVE).", file=sys.stderr)
            return 2
        return asyncio.run(_search(args, " ".join(args.words)))
    if command == "campaign":
        from console.commands.campaign import run_campaign

        return asyncio.run(run_campaign(args))
    if command == "report":
        if args.archive_dir is not None:
            print("valuezone: with --server, give no ARCHIVE.", file=sys.stderr)
            return 2
        return _report(args)
    return asyncio.run(_verify(args))


async def _search(args: argparse.Namespace, query: str) -> int:
    from console.commands.review_output import print_hits
    from sessions.archive import fts_query
    from sessions.team.queries import hit_from_json

    if not fts_query(query):
        print("valuezone: the search has no words to look for.", file=sys.stderr)
        return 2
    async with await open_client(args) as client:
        answer = await client.request("search", query=query, limit=args.limit)
    return print_hits([hit_from_json(hit) for hit in answer["hits"]], as_json=args.json)


def _report(args: argparse.Namespace) -> int:
    from console.commands.review_filters import report_filters
    from console.commands.review_output import offscreen_without_display
    from sessions.team.queries import filters_to_json

    filters, query = filters_to_json(report_filters(args)), args.search.strip()

    async def fetch() -> dict[str, Any]:
        async with await open_client(args) as client:
            return await client.request("report", filters=filters, query=query)

    team = asyncio.run(fetch())
    offscreen_without_display()
    from console.app.runtime import create_application
    from console.review.charts import render_chart_pngs
    from sessions.team.report_html import render_team_html
    from sessions.team.reports import report_from_json

    create_application()
    page = render_team_html(team, render_chart_pngs(report_from_json(team["report"])))
    args.html.parent.mkdir(parents=True, exist_ok=True)
    args.html.write_text(page, encoding="utf-8")
    base = team["report"]
    print(f"{base['sessions']} sessions, {len(base['recurring'])} recurring items: wrote {args.html}")
    return 0


async def _verify(args: argparse.Namespace) -> int:
    """A local record against the server's anchors; a session id: the server's own copy verified."""
    folder = Path(args.record_dir)
    async with await open_client(args) as client:
        if folder.is_dir():
            return await _verify_local(client, folder, args.signers)
        answer = await client.request("record.verify", session_id=str(args.record_dir))
    for line in answer["lines"]:
        print(f"server copy: {line}", file=sys.stdout if answer["ok_record"] else sys.stderr)
    for anchor in answer["anchors"]:
        print(f"anchored {anchor['at'][:19].replace('T', ' ')}: {anchor['count']} events, {anchor['hash']}")
    return 0 if answer["ok_record"] else 1


async def _verify_local(client: Any, folder: Path, signers: Path | None) -> int:
    from console.commands.verify import print_report
    from sessions.errors import SupportError
    from sessions.recording.meta import EVENTS_FILE, SESSION_FILE
    from sessions.team.ingest import check_anchors, event_hashes

    status = print_report(folder, signers=signers)
    session_id = json.loads((folder / SESSION_FILE).read_bytes())["session_id"]
    answer = await client.request("record.anchors", session_id=session_id)
    anchors = [(a["count"], a["hash"], a["at"]) for a in answer["anchors"]]
    try:
        check_anchors(session_id, anchors, event_hashes((folder / EVENTS_FILE).read_bytes()))
    except SupportError as exc:
        print(f"{folder}: {exc.message.split(' It stays')[0]}", file=sys.stderr)
        return 1
    print(f"matches the {len(anchors)} head(s) the team server anchored")
    return status
