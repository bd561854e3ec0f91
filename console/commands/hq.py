"""`valuezone hq serve`: the HTTPS receiver for bundles, for vendors without their own ticket system."""

from __future__ import annotations

import argparse
import ipaddress
import signal
import sys
from pathlib import Path
from typing import Any

from console.commands.argtypes import count, seconds
from console.commands.unpacking import DEFAULT_MB, UNPACKED_MB

UPLOAD_MB = count(1, 65_536, unit="MB")  # 64 GB
CONNECTIONS = count(1, 100_000, unit="connections")
PER_ADDRESS = count(0, 100_000, unit="connections", zero="no limit")
HEADER_TIMEOUT = seconds(1, 600)
IDLE_TIMEOUT = seconds(1, 3_600)
MIN_RATE = count(0, 100_000_000, unit="bytes a second", zero="no minimum")  # 100 MB/s
LIST_LIMIT = count(1, 1_000, unit="bundles")  # as the team server (sessions/team/hq_index.py)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("hq", help="headquarters' side: receive escalation bundles")
    sub = parser.add_subparsers(dest="hq_command", metavar="ACTION", required=True)
    serve = sub.add_parser("serve", help="receive bundles over HTTPS into an inbox folder")
    serve.add_argument("--listen", required=True, metavar="HOST:PORT")
    serve.add_argument("--inbox", type=Path, required=True, metavar="DIR")
    serve.add_argument("--tokens", type=Path, required=True, metavar="FILE", help="lines of `NAME TOKEN`")
    serve.add_argument("--tls-cert", type=Path, metavar="FILE")
    serve.add_argument("--tls-key", type=Path, metavar="FILE")
    serve.add_argument(
        "--max-mb",
        type=UPLOAD_MB,
        default=2048,
        metavar="MB",
        help=f"largest upload accepted ({UPLOAD_MB.range_text}; default 2048)",
    )
    _abuse_arguments(serve)
    serve.add_argument(
        "--db",
        metavar="URL",
        help="also index the inbox in the team database (postgresql://… or sqlite:PATH), so HQ engineers "
        "list and search escalations with `valuezone hq bundles --server`; the bundles stay files",
    )
    serve.set_defaults(func=run_serve)

    from console.commands.team_options import add_server_options

    bundles = sub.add_parser(
        "bundles", help="list and search escalation bundles in HQ's inbox (role hq or admin)"
    )
    bundles.add_argument("query", nargs="?", default="", metavar="WORDS", help="words that must all occur")
    bundles.add_argument(
        "--limit",
        type=LIST_LIMIT,
        default=100,
        metavar="N",
        help=f"at most this many bundles ({LIST_LIMIT.range_text}; default 100)",
    )
    bundles.add_argument("--json", action="store_true", help="print the bundles as JSON")
    add_server_options(bundles, required=True)
    bundles.set_defaults(func=run_bundles)


def _abuse_arguments(serve: Any) -> None:
    """Bounds against floods and hostile bundles (sessions/escalation/hq_guard.py and unpack.py)."""
    serve.add_argument(
        "--max-unpacked-mb",
        type=UNPACKED_MB,
        default=DEFAULT_MB,
        metavar="MB",
        help=f"largest size a bundle may unpack to ({UNPACKED_MB.range_text}; default {DEFAULT_MB})",
    )
    serve.add_argument(
        "--max-connections",
        type=CONNECTIONS,
        default=64,
        metavar="N",
        help=f"connections at once ({CONNECTIONS.range_text}; default 64)",
    )
    serve.add_argument(
        "--max-connections-per-address",
        type=PER_ADDRESS,
        default=16,
        metavar="N",
        help=f"from one address ({PER_ADDRESS.range_text}, 0: no limit; default 16)",
    )
    serve.add_argument(
        "--header-timeout",
        type=HEADER_TIMEOUT,
        default=20.0,
        metavar="SECONDS",
        help="time for the TLS handshake and the request's headers "
        f"({HEADER_TIMEOUT.range_text}; default 20)",
    )
    serve.add_argument(
        "--idle-timeout",
        type=IDLE_TIMEOUT,
        default=60.0,
        metavar="SECONDS",
        help=f"longest silence in the middle of an upload ({IDLE_TIMEOUT.range_text}; default 60)",
    )
    serve.add_argument(
        "--min-rate",
        type=MIN_RATE,
        default=1024,
        metavar="BYTES",
        help="bytes a second an upload must average after its first 30 s "
        f"({MIN_RATE.range_text}, 0: no minimum; default 1024)",
    )


def _limits(args: argparse.Namespace) -> tuple[Any, Any]:
    """The receiver's limits from its options (each number's range is checked when the line is read)."""
    from sessions.escalation.hq_guard import ConnectionLimits
    from sessions.escalation.unpack import UnpackLimits

    connections = ConnectionLimits(
        max_connections=args.max_connections,
        max_per_address=args.max_connections_per_address,
        header_timeout=args.header_timeout,
        idle_timeout=args.idle_timeout,
        min_rate=args.min_rate,
    )
    return connections, UnpackLimits(max_bytes=args.max_unpacked_mb << 20)


def _loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_serve(args: argparse.Namespace) -> int:
    from sessions.errors import EscalationError
    from sessions.escalation.hq import HqHttpServer, parse_listen, read_tokens, tls_context

    host, port = parse_listen(args.listen)
    if bool(args.tls_cert) != bool(args.tls_key):
        raise EscalationError("--tls-cert and --tls-key go together.", "Pass both, or neither.")
    tls = tls_context(args.tls_cert, args.tls_key) if args.tls_cert else None
    if tls is None and not _loopback(host):
        raise EscalationError(
            "Without --tls-cert/--tls-key the receiver only listens on a loopback address.",
            "Pass a certificate, or listen on 127.0.0.1 behind a TLS reverse proxy.",
        )
    connections, unpack = _limits(args)
    server = HqHttpServer(
        (host, port),
        args.inbox,
        read_tokens(args.tokens),
        tls=tls,
        max_bytes=args.max_mb << 20,
        limits=connections,
        unpack_limits=unpack,
    )
    # SIGTERM (systemd, kill) and SIGINT stop it the same way, also when it was started with SIGINT
    # ignored (a script's `cmd &`, nohup): the socket and the database are closed, and it exits 0.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.default_int_handler)
    database = None
    try:
        database = _index_inbox(args, server) if args.db else None
        scheme = "https" if tls else "http"
        print(
            f"receiving bundles at {scheme}://{host}:{server.port}/bundles into {args.inbox}", file=sys.stderr
        )
        print(
            f"limits: {connections.max_connections} connections ({connections.max_per_address or 'any'} per "
            f"address), headers within {connections.header_timeout:g} s, uploads at least "
            f"{connections.min_rate} bytes/s, bundles unpacked to at most {args.max_unpacked_mb} MB",
            file=sys.stderr,
        )
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.server_close()
        if database is not None:
            database.close()
    return 0


def _index_inbox(args: argparse.Namespace, server: Any) -> Any:
    """Open the team database, index what the inbox holds, and every bundle stored from now on."""
    import logging

    from sessions.errors import SupportError
    from sessions.team.hq_index import index_bundle, sync_inbox
    from sessions.team.migrations import open_database

    database = open_database(args.db, args.inbox)
    added, problems = sync_inbox(database, args.inbox)
    for problem in problems:
        print(f"not indexed: {problem}", file=sys.stderr)
    log = logging.getLogger("valuezone.hq")

    def stored(bundle_id: str) -> None:
        try:
            index_bundle(database, args.inbox, bundle_id)
        except SupportError as exc:  # the bundle is stored; the next start indexes it
            log.warning("bundle %s not indexed: %s", bundle_id, exc)

    server.on_stored = stored
    print(f"inbox index: {database.kind} {database.label} ({added} bundles added)", file=sys.stderr)
    return database


def run_bundles(args: argparse.Namespace) -> int:
    import asyncio
    import json

    from console.commands.team_options import open_client

    async def ask() -> list[dict[str, Any]]:
        async with await open_client(args) as client:
            return list(
                (await client.request("bundles.search", query=args.query, limit=args.limit))["bundles"]
            )

    bundles = asyncio.run(ask())
    if args.json:
        print(json.dumps(bundles, ensure_ascii=False, indent=2))
    for bundle in [] if args.json else bundles:
        print(f"{bundle['received'][:16].replace('T', ' ')}  {bundle['ticket'] or '-'}  {bundle['device']} "
              f"({bundle['host']})  {bundle['technician']}  {bundle['file']}")  # fmt: skip
    if not bundles:
        print("no bundles", file=sys.stderr)
    return 0 if bundles else 1
