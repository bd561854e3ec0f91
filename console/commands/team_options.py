"""Options every command that talks to the team server shares: --server HOST:PORT, -i KEY, --accept-new."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_server_options(
    parser: argparse.ArgumentParser, *, required: bool = False, nested: bool = False
) -> None:
    """--server, -i and --accept-new. *nested*: on a subcommand whose parent has them too (no defaults
    here, so a value given before the subcommand's name is kept)."""
    keep: dict[str, Any] = {"default": argparse.SUPPRESS} if nested else {}
    parser.add_argument(
        "--server",
        metavar="HOST:PORT",
        required=required,
        help="the team server: your relay (port 2222 when not given), or your relays R1,R2 "
        "(the first that answers)",
        **keep,
    )
    parser.add_argument(
        "-i",
        dest="key_file",
        metavar="KEY",
        type=Path,
        help="technician key (default: the console's own; opened from the ssh-agent, the keyring, or asked)",
        **(keep or {"default": None}),
    )
    parser.add_argument(
        "--accept-new",
        action="store_true",
        help="trust the relay's host key on first use; a changed key is refused",
        **keep,
    )


def server_target(spec: str) -> Any:
    """`host` or `host:port` (default port 2222) as a Target; of a list `r1,r2`, the first (the
    deployment's name, which keys the push outbox)."""
    from sessions.team.client import server_target as parse

    return parse(spec)


async def open_client(args: argparse.Namespace) -> Any:
    """A connected TeamClient for --server, -i and --accept-new (host keys asked on a terminal)."""
    from sessions.relay.key_terminal import access_for_terminal
    from sessions.ssh.terminal_prompt import trust_from_args
    from sessions.team.client import TeamClient, server_targets

    return await TeamClient.connect(
        server_targets(args.server),
        trust=trust_from_args(args),
        key_access=access_for_terminal(args.key_file),
    )
