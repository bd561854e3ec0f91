"""`valuezone review campaign preview|open|list|show --server`: a lead's follow-up campaign, as text."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from console.commands.team_options import open_client


def _when(stamp: str) -> str:
    return stamp[:16].replace("T", " ")


def _print_preview(answer: dict[str, Any]) -> int:
    for s in answer["sessions"]:
        state = "  follow-up open" if s["followup_open"] else ""
        print(
            f"{_when(s['started'])}  {s['device']} ({s['host']})  {s['technician']}  {s['session_id']}{state}"
        )
    print(f"{len(answer['sessions'])} sessions, {len(answer['devices'])} customer devices", file=sys.stderr)
    return 0 if answer["sessions"] else 1


def _print_list(answer: dict[str, Any]) -> int:
    for c in answer["campaigns"]:
        done = f"{c['closed']}/{c['sessions']} closed"
        print(f"{c['id']:>4}  {c['label']}  due {c['due']}  {done}  ({c['created_by']}, {c['created'][:10]})")
    return 0


def _print_show(answer: dict[str, Any]) -> int:
    done = f"{answer['closed']}/{len(answer['members'])} closed"
    print(f"campaign {answer['campaign']}: {answer['label']} (due {answer['due']}), {done}")
    for m in answer["members"]:
        state = f"closed {m['closed'][:10]} by {m['closed_by']}: {m['note']}" if m["closed"] else "open"
        print(f"  {m['device']} ({m['host']})  {m['technician']}  {m['session_id']}  {state}")
    return 0


async def run_campaign(args: argparse.Namespace) -> int:
    from sessions.errors import SupportError

    action, what = args.action, args.what
    if action in ("preview", "open", "show") and not what:
        raise SupportError(f"`campaign {action}` needs the finding's label (or, for show, the campaign id).")
    if action == "show" and not what.isdigit():
        raise SupportError(f"{what!r} is not a campaign id.", "`campaign list` shows them.")
    async with await open_client(args) as client:
        if action == "preview":
            return _print_preview(
                await client.request("campaign.preview", label=what, since=args.since or "")
            )
        if action == "open":
            answer = await client.request(
                "campaign.open", label=what, due=args.due or "", note=args.note, since=args.since or ""
            )
            print(f"campaign {answer['campaign']}: {answer['sessions']} follow-ups opened, due {args.due}")
            return 0
        if action == "list":
            return _print_list(await client.request("campaign.list"))
        return _print_show(await client.request("campaign.show", campaign=int(what)))
