"""The `valuezone` command: no argument opens the console; subcommands live in console/commands/.

Every module in console.commands with a `register(subparsers)` function adds its subcommand, so a
capability brings its own command without editing this file. Modules import Qt lazily: `valuezone
relay` and `valuezone agent` run on machines with no display.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import console.commands
from sessions import __version__
from sessions.errors import SupportError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="valuezone",
        description="Remote-support console. With no command, opens the console window.",
    )
    parser.add_argument("--version", action="version", version=f"valuezone {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start offscreen, open the main window, close it, exit 0",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(console.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"console.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `valuezone` script; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.self_test:
            from console.launch.windows import self_test

            return self_test()
        if args.command is None:
            from console.launch.windows import run_console

            return run_console()
        return int(args.func(args) or 0)
    except SupportError as exc:
        print(f"valuezone: {exc}", file=sys.stderr)
        return 1
    except ModuleNotFoundError as exc:  # a window on the headless install (pyproject: the `gui` extra)
        from console.launch.gui_missing import GUI_MODULES, gui_missing_error

        if (exc.name or "").split(".")[0] not in GUI_MODULES:
            raise
        print(f"valuezone: {gui_missing_error([exc.name or ''])}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
