"""`valuezone key`: the technician's relay key — show it, make a new one, add it to the ssh-agent."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from console.commands.argtypes import count

LIFETIME = count(1, 604_800, unit="seconds")  # a week: an unlocked key left longer is forgotten, not meant


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "key",
        help="your technician key for relays: show it, make a new one, add it to ssh-agent",
        description="The technician key that logs you in to relays (the console and `diagnose --code` "
        "share it). Without an action: where it is, how it is protected, and its public key line.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("show", help="where the key is, how it is protected, its public key line (default)")
    actions.add_parser("public", help="print only the public key line, for the relay's administrator")
    new = actions.add_parser(
        "new",
        help="make the key (with --replace: a new one in place of the old, kept beside it)",
        description="Make the technician key. With a system keyring its passphrase is random and kept "
        "there; without one (or with --choose-passphrase) you type one twice. Send the printed public "
        "key line to your relay's administrator.",
    )
    new.add_argument("--replace", action="store_true", help="replace an existing key (the old one is kept)")
    new.add_argument(
        "--choose-passphrase", action="store_true", help="type your own passphrase even with a keyring"
    )
    add = actions.add_parser(
        "add-to-agent",
        help="unlock the key once and hand it to your ssh-agent, like ssh-add",
        description="Ask the key's passphrase once and add the key to the ssh-agent at $SSH_AUTH_SOCK; "
        "while the agent runs, joining by code asks nothing.",
    )
    add.add_argument(
        "-t",
        "--lifetime",
        type=LIFETIME,
        metavar="SECONDS",
        help=f"remove it from the agent after this ({LIFETIME.range_text}; default: when the agent stops)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    action = args.action or "show"
    if action == "new":
        return _new(args)
    if action == "add-to-agent":
        return asyncio.run(_add_to_agent(args.lifetime))
    from sessions.relay.unlock import TechnicianKeyAccess

    key = TechnicianKeyAccess().describe()
    if action == "public":
        print(key.public_line)
        return 0
    return asyncio.run(_show(key))


def _new(args: argparse.Namespace) -> int:
    from sessions.errors import SupportError
    from sessions.relay.key_terminal import ask_new_passphrase, create_on_terminal, print_created
    from sessions.relay.techkey import default_key_path, read_technician_key, replace_technician_key

    existing = read_technician_key()
    if existing is None:
        create_on_terminal(choose=args.choose_passphrase)
        return 0
    if not args.replace:
        raise SupportError(
            f"You already have a technician key: {existing.path} ({existing.fingerprint}).",
            "Use `valuezone key new --replace` to make a new one; the relay must then list the new line.",
        )
    from sessions import secrets

    passphrase = None
    if args.choose_passphrase or not secrets.keyring_available():
        passphrase = ask_new_passphrase(default_key_path())
        if passphrase is None:
            raise SupportError("No new key was made: the passphrases did not match.")
    print_created(replace_technician_key(passphrase=passphrase), sys.stdout)
    print(f"The old key is kept beside it as {existing.path.name}.old-…; relays list it until it is removed.")
    return 0


async def _show(key: Any) -> int:
    from sessions.relay.techkey import Protection
    from sessions.ssh.agent import find_in_agent

    found = await find_in_agent(key.public_data)
    if found is not None:
        found[0].close()
    protection = {
        Protection.KEYRING: "random passphrase kept in the system keyring",
        Protection.PASSPHRASE: "your passphrase, asked when the key is needed",
        Protection.NONE: "no passphrase",
        Protection.UNKNOWN: "random passphrase for the system keyring (made by an earlier version)",
    }[key.protection]
    print(f"Key:         {key.path}")
    print(f"Fingerprint: {key.fingerprint}")
    print(f"Protection:  {protection}")
    print(f"ssh-agent:   {'holds it' if found else 'does not hold it'}")
    print(f"\n{key.public_line}")
    return 0


async def _add_to_agent(lifetime: int | None) -> int:
    from sessions.relay.key_terminal import TerminalKeyPrompt
    from sessions.relay.techkey import load_technician_key, unlocked
    from sessions.relay.unlock import TechnicianKeyAccess
    from sessions.ssh.agent import add_to_agent, agent_running, no_agent_error

    if not await agent_running():
        raise no_agent_error()
    access = TechnicianKeyAccess(ask=TerminalKeyPrompt(), use_agent=False)  # the key file, opened here
    offered = await access.open()
    offered.close()
    private = unlocked(access.path) or load_technician_key(access.path)
    await add_to_agent(private, lifetime=lifetime)
    print(f"Identity added: {access.path} ({offered.key.fingerprint})")
    return 0
