"""`valuezone connect`: a ProxyCommand for OpenSSH that joins a session code on the relay's fast path."""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import stat
import sys
from pathlib import Path
from typing import Any

from console.commands.argtypes import seconds

TIMEOUT = seconds(1, 600)

EXAMPLE = """\
In ~/.ssh/config (OpenSSH 8.5 or newer for KnownHostsCommand):

  Host vz*
    ProxyCommand valuezone connect --relay relay.example.com:22 %h
    ProxyUseFdpass yes
    KnownHostsCommand valuezone connect --known-hosts %H
    IdentityFile ~/.local/share/valuezone/technician_ed25519

then `ssh alice@vz482913557`. The technician key logs in to the relay and, inside, to the customer's
agent; unlock it in your ssh-agent first (`valuezone key add-to-agent`).
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "connect",
        help="ProxyCommand for ssh: join a session code through the relay's fast path",
        description="Join a session code for OpenSSH: claim it on the relay (the customer is asked), "
        "open this session's own data connection and hand it to ssh (ProxyUseFdpass), with the "
        "customer's host keys for KnownHostsCommand.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("code", nargs="?", help="the session code, e.g. vz482913557 or 482 913 557 (%%h)")
    parser.add_argument(
        "--relay",
        metavar="HOST:PORT[,HOST:PORT…]",
        help="the relay (default port 22; several of one deployment: the first that answers)",
    )
    parser.add_argument("--key", type=Path, help="the technician key (default: the console's)")
    parser.add_argument("--accept-new", action="store_true", help="trust the relay's host key on first use")
    parser.add_argument(
        "--known-hosts",
        metavar="HOST",
        help="print the customer's host keys kept for HOST (for KnownHostsCommand %%H) and exit",
    )
    parser.add_argument(
        "--timeout",
        type=TIMEOUT,
        default=15.0,
        metavar="SECONDS",
        help=f"seconds to connect ({TIMEOUT.range_text}; default 15)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sessions.errors import SupportError
    from sessions.relay.proxycommand import known_hosts_lines

    if args.known_hosts:
        sys.stdout.write(known_hosts_lines(args.known_hosts))
        return 0
    if not args.code or not args.relay:
        raise SupportError(
            "`valuezone connect` needs the relay and the code.",
            "Use it as ssh's ProxyCommand: valuezone connect --relay HOST[:PORT] %h",
            code="connect.usage",
        )
    if not stat.S_ISSOCK(os.fstat(sys.stdout.fileno()).st_mode):  # no ProxyUseFdpass: copy bytes here
        return asyncio.run(_connect(args, None))
    # With ProxyUseFdpass ssh waits for this process to exit once it has the descriptor, but on the claim
    # channel (the data port out of reach) someone must keep copying: a child does the work, sends the
    # descriptor here and pumps on if it has to.
    here, there = socket.socketpair()
    child = os.fork()
    if child == 0:
        here.close()
        status = 1
        try:
            status = asyncio.run(_connect(args, there))
        except SupportError as exc:
            print(f"valuezone: {exc}", file=sys.stderr)
        finally:
            os._exit(status)
    there.close()
    _, fds, _, _ = socket.recv_fds(here, 1, 1)
    if not fds:  # the child failed (and said why on stderr)
        return os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
    from sessions.relay.proxycommand import hand_to_ssh

    with socket.socket(fileno=fds[0]) as sock:
        return 0 if hand_to_ssh(sock) else 1


async def _connect(args: argparse.Namespace, parent: socket.socket | None) -> int:
    from sessions.relay.proxycommand import open_for_openssh, pump_stdio
    from sessions.relay.relays import parse_relays
    from sessions.relay.unlock import TechnicianKeyAccess
    from sessions.ssh.hostkeys import HostKeyTrust

    relay = parse_relays(args.relay)
    sock, keep = await open_for_openssh(
        relay,
        args.code,
        key_access=TechnicianKeyAccess(args.key),  # nobody to ask here: ssh owns the terminal
        trust=HostKeyTrust(accept_new=args.accept_new),
        timeout=args.timeout,
    )
    if parent is None:
        await pump_stdio(sock)
    else:
        socket.send_fds(parent, [b"\0"], [sock.fileno()])
        parent.close()
        sock.close()  # ssh has its own copy: when it closes it, a pump sees the end
    if keep is not None:
        await keep  # the claim channel, pumped until the session ends
    return 0
