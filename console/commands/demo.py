"""`valuezone demo`: a whole support session on this one machine, with no set-up."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from console.commands.argtypes import language, seconds
from sessions.agent.catalogue import languages, normalize

QUIT_AFTER = seconds(0, 86_400)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "demo",
        help="a full tour on this machine: relay, customer agent and console joined by code",
        description="Start a relay on 127.0.0.1, an agent for this machine with the customer's window, and "
        "open the console already joined by code. Files go to --home, else VALUEZONE_HOME/demo when "
        "VALUEZONE_HOME is set, else a temporary folder.",
    )
    parser.add_argument(
        "--home",
        type=Path,
        help="keep the demo's files here (default: VALUEZONE_HOME/demo, or a temporary folder)",
    )
    parser.add_argument(
        "--lang",
        default="ko",
        type=language(languages(), normalize),
        help="the demo customer's language (default: ko)",
    )
    parser.add_argument(
        "--quit-after",
        type=QUIT_AFTER,
        default=0,
        metavar="SECONDS",
        help=f"close by itself after SECONDS ({QUIT_AFTER.range_text}; default 0: stay open)",
    )
    parser.set_defaults(func=run)


def demo_home(given: Path | None) -> Path:
    """--home; else a `demo` folder under VALUEZONE_HOME when it is set (its real settings stay as they
    are); else a new temporary folder."""
    if given is not None:
        return given
    if os.environ.get("VALUEZONE_HOME"):
        return Path(os.environ["VALUEZONE_HOME"]) / "demo"
    return Path(tempfile.mkdtemp(prefix="valuezone-demo-"))


def run(args: argparse.Namespace) -> int:
    home = demo_home(args.home)
    home.mkdir(parents=True, exist_ok=True)
    os.environ["VALUEZONE_HOME"] = str(home)
    print(f"valuezone demo: files in {home}")
    from console.launch.windows import run_demo

    return run_demo(home, customer_lang=args.lang, quit_after=args.quit_after)
