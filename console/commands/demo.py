"""`valuezone demo`: a whole support session on this one machine, with no set-up."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from console.commands.argtypes import language, seconds
from sessions.agent.catalogue import languages, normalize


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "demo",
        help="a full tour on this machine: relay, customer agent and console joined by code",
        description="Start a relay on 127.0.0.1, an agent for this machine with the customer's window, and "
        "open the console already joined by code. Files go to a temporary folder (or --home).",
    )
    parser.add_argument("--home", type=Path, help="keep the demo's files here instead of a temporary folder")
    parser.add_argument(
        "--lang",
        default="ko",
        type=language(languages(), normalize),
        help="the demo customer's language (default: ko)",
    )
    parser.add_argument(
        "--quit-after",
        type=seconds(zero=True),
        default=0,
        metavar="SECONDS",
        help="close by itself after SECONDS",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    home = args.home or Path(tempfile.mkdtemp(prefix="valuezone-demo-"))
    os.environ["VALUEZONE_HOME"] = str(home)
    print(f"valuezone demo: files in {home}")
    from console.launch.windows import run_demo

    return run_demo(home, customer_lang=args.lang, quit_after=args.quit_after)
