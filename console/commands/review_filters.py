"""The review report's filter options (`valuezone review report`, with or without --server)."""

from __future__ import annotations

import argparse
from typing import Any

from console.commands.argtypes import count, iso_date

OUTCOME_CHOICES = ("resolved", "workaround", "escalated", "not_resolved", "none")
SCORE = count(0, 10, unit="points")  # the customer survey's 0 to 10


def add_filters(parser: argparse.ArgumentParser) -> None:
    """The review window's filters and search box, as options."""
    since = "only sessions started on or after DATE (YYYY-MM-DD)"
    parser.add_argument("--since", metavar="DATE", type=iso_date, help=since)
    parser.add_argument("--until", metavar="DATE", type=iso_date, help="… and on or before DATE")
    parser.add_argument("--technician", metavar="NAME", default="", help="technician's name contains NAME")
    parser.add_argument("--device", metavar="NAME", default="", help="device name or host contains NAME")
    parser.add_argument("--outcome", choices=OUTCOME_CHOICES, default="", help="none: no outcome recorded")
    parser.add_argument("--platform", metavar="NAME", default="", help='device platform, e.g. "DSM 7.2"')
    parser.add_argument("--language", metavar="CODE", default="", help="customer language, e.g. ko")
    scale = f"{SCORE.range_text}"
    parser.add_argument("--min-score", metavar="N", type=SCORE, help=f"survey score ≥ N ({scale})")
    parser.add_argument("--max-score", metavar="N", type=SCORE, help=f"survey score ≤ N ({scale})")
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
