"""`valuezone ssh [user@]host[:port] [-i KEYFILE] [--accept-new]`: open the console with that session."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "ssh",
        help="open the console connected to a device",
        description="Open the console with a session to [user@]host[:port]. Unknown host keys are shown "
        "for confirmation in the window, unless --accept-new trusts them on first use.",
    )
    parser.add_argument("destination", help="[user@]host[:port]")
    parser.add_argument("-i", dest="key_file", metavar="KEYFILE", help="private key file to log in with")
    parser.add_argument(
        "--accept-new",
        action="store_true",
        help="trust an unknown host key on first use (like StrictHostKeyChecking=accept-new)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sessions.ssh.target import Target

    Target.parse(args.destination, key_file=args.key_file)  # a bad address fails here, before any window
    from console.launch.windows import run_console

    return run_console(args.destination, key_file=args.key_file, accept_new=args.accept_new)
