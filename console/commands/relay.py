"""`valuezone relay`: run the session-code relay (headless; no Qt)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from pathlib import Path

from sessions.errors import ConfigError
from sessions.ssh.target import Target


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "relay",
        help="run the relay that pairs customers' agents and technicians by session code",
        description="Customers connect as user 'support' (our agent, or ssh -R vz:22:localhost:22); "
        "technicians listed in --technicians claim their codes (our console, or ssh -J).",
    )
    parser.add_argument("--listen", default="0.0.0.0:2222", metavar="HOST:PORT", help="default 0.0.0.0:2222")
    parser.add_argument(
        "--technicians",
        required=True,
        type=Path,
        metavar="FILE",
        help="authorized_keys file of technician keys; the comment is the name shown to customers",
    )
    parser.add_argument(
        "--state-dir", required=True, type=Path, metavar="DIR", help="host key and audit.jsonl live here"
    )
    parser.add_argument(
        "--code-ttl", type=float, default=600.0, metavar="SECONDS", help="unclaimed code lifetime"
    )
    parser.add_argument(
        "--grace",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="how long a code survives a dropped link",
    )
    parser.add_argument(
        "--max-customers-per-address",
        type=int,
        default=20,
        metavar="N",
        help="customer connections one source address may hold at once (0: no limit; default 20)",
    )
    parser.add_argument(
        "--codes-per-minute",
        type=int,
        default=30,
        metavar="N",
        help="new session codes one source address may get per minute (0: no limit; default 30)",
    )
    parser.add_argument(
        "--db",
        default="",
        metavar="URL",
        help="the team server's database: postgresql://user@host:5432/db (password in ~/.pgpass), "
        "or by default SQLite in --state-dir; created and migrated by the relay",
    )
    parser.add_argument(
        "--team-max-record-mb",
        type=int,
        default=512,
        metavar="MB",
        help="largest record the team server takes from a technician (default 512)",
    )
    parser.add_argument(
        "--host-key",
        type=Path,
        metavar="FILE",
        help="the deployment's host key (mode 0600), the same file on every relay sharing --db, so "
        "clients see one server (default: one made in --state-dir)",
    )
    parser.add_argument(
        "--advertise",
        default="",
        metavar="HOST:PORT",
        help="where the other relays of this deployment reach this one (default: the --listen address)",
    )
    parser.add_argument(
        "--lease",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="how long a relay's lease in the database lasts without a heartbeat (default 10)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sessions import eventloop

    return eventloop.run(_serve(args))


async def _serve(args: argparse.Namespace) -> int:
    from sessions.relay.server import Relay, RelayConfig

    listen = Target.parse(args.listen)
    if args.code_ttl <= 0 or args.grace < 0:
        raise ConfigError("--code-ttl must be positive and --grace not negative.")
    if args.lease < 1:
        raise ConfigError("--lease must be at least 1 second.")
    if args.team_max_record_mb < 1:
        raise ConfigError("--team-max-record-mb must be at least 1.")
    if args.max_customers_per_address < 0 or args.codes_per_minute < 0:
        raise ConfigError(
            "--max-customers-per-address and --codes-per-minute cannot be negative.", "Use 0 for no limit."
        )
    config = RelayConfig(
        technicians_file=args.technicians,
        state_dir=args.state_dir,
        host=listen.host,
        port=listen.port,
        code_ttl=args.code_ttl,
        grace=args.grace,
        max_customers_per_address=args.max_customers_per_address,
        codes_per_minute_per_address=args.codes_per_minute,
        pace_collector=True,
        db_url=args.db,
        team_max_record=args.team_max_record_mb << 20,
        host_key_file=args.host_key,
        advertise=args.advertise,
        lease=args.lease,
    )
    relay = await Relay.start(config)
    print(f"Valuezone relay listening on {listen.host}:{relay.port}", flush=True)
    print(f"Host key fingerprint: {relay.fingerprint}", flush=True)
    print(f"Technicians: {len(relay.technicians)} (from {args.technicians})", flush=True)
    print(f"Audit log: {relay.audit.path}", flush=True)
    if relay.team is not None:
        print(f"Team server: {relay.team.database.kind} {relay.team.database.label}", flush=True)
    if relay.cluster is not None:
        print(f"Cluster member {relay.cluster.member}, peers reach it on {relay.cluster.peer}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    cluster = relay.cluster
    try:
        await stop.wait()
    finally:
        await relay.close()
        if cluster is not None:
            print(f"Cluster: {cluster.registry.transactions} database transactions", flush=True)
        print("Relay stopped.", flush=True)
    return 0
