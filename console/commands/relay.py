"""`valuezone relay`: run the session-code relay (headless; no Qt)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from console.commands.argtypes import count, listen_address, megabytes, port, seconds
from sessions.errors import ConfigError

if TYPE_CHECKING:
    from sessions.relay.server import RelayConfig
    from sessions.vendor import Vendor

# --resume-probe: below 1 s a live agent on a slow link could miss it (and a replayed token take its code);
# above 7 s the probe no longer fits in a peer relay's ask (sessions/cluster/routing.py: probe + 5 s within
# TAKE_OVER_WAIT, 12 s), and the returning agent is turned away to try again.
RESUME_PROBE_RANGE = (1.0, 7.0)

# The ranges of the other numbers: the low ends keep the relay working (a code a customer can read out, a
# lease longer than a heartbeat's round trip), the high ends catch typos (a day of grace, a million
# connections) long before a number overflows anything.
CODE_TTL = seconds(10, 86_400)  # up to a day
GRACE = seconds(0, 3_600)
PER_ADDRESS = count(0, 100_000, unit="connections", zero="no limit")
CODES_PER_MINUTE = count(0, 100_000, unit="codes", zero="no limit")
AUDIT_MB = megabytes(0.01, 100_000)
AUDIT_KEEP = count(1, 10_000, unit="files")
TEAM_RECORD_MB = count(1, 65_536, unit="MB")  # 64 GB
LEASE = seconds(1, 300)
WAITING_TOTAL = count(1, 1_000_000, unit="connections")
WAITING_PER_ADDRESS = count(0, 1_000_000, unit="connections", zero="no limit")
HANDSHAKE_TIMEOUT = seconds(1, 600)
LOGIN_TIMEOUT = seconds(1, 600)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "relay",
        help="run the relay that pairs customers' agents and technicians by session code",
        description="Customers connect as user 'support' (our agent, or ssh -R vz:22:localhost:22); "
        "technicians listed in --technicians claim their codes (our console, or ssh -J).",
    )
    parser.add_argument(
        "--listen",
        type=listen_address,
        default=("0.0.0.0", 2222),
        metavar="HOST:PORT",
        help="default 0.0.0.0:2222 (port 0: any free port, printed at start)",
    )
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
        "--code-ttl",
        type=CODE_TTL,
        default=600.0,
        metavar="SECONDS",
        help=f"unclaimed code lifetime ({CODE_TTL.range_text}; default 600)",
    )
    parser.add_argument(
        "--vendor",
        type=Path,
        metavar="FILE",
        help="a vendor file (name, phone, url, logo, [names]) handed to every agent, which shows it on its "
        "code screen and in the consent question, marked as the relay's word",
    )
    parser.add_argument(
        "--grace",
        type=GRACE,
        default=120.0,
        metavar="SECONDS",
        help=f"how long a code survives a dropped link ({GRACE.range_text}; default 120)",
    )
    parser.add_argument(
        "--max-customers-per-address",
        type=PER_ADDRESS,
        default=20,
        metavar="N",
        help=f"customer connections one source address may hold at once ({PER_ADDRESS.range_text}, "
        "0: no limit; default 20)",
    )
    parser.add_argument(
        "--codes-per-minute",
        type=CODES_PER_MINUTE,
        default=30,
        metavar="N",
        help=f"new session codes one source address may get per minute ({CODES_PER_MINUTE.range_text}, "
        "0: no limit; default 30)",
    )
    parser.add_argument(
        "--audit-max-mb",
        type=AUDIT_MB,
        default=100.0,
        metavar="MB",
        help=f"size at which audit.jsonl is sealed and a new one begun ({AUDIT_MB.range_text}; default 100)",
    )
    parser.add_argument(
        "--audit-keep",
        type=AUDIT_KEEP,
        default=10,
        metavar="N",
        help=f"sealed audit files kept; older ones are deleted ({AUDIT_KEEP.range_text}; default 10)",
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
        type=TEAM_RECORD_MB,
        default=512,
        metavar="MB",
        help=f"largest record the team server takes from a technician ({TEAM_RECORD_MB.range_text}; "
        "default 512)",
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
        type=LEASE,
        default=10.0,
        metavar="SECONDS",
        help="how long a relay's lease in the database lasts without a heartbeat (a heartbeat every third "
        f"of it; {LEASE.range_text}; default 10)",
    )
    parser.add_argument(
        "--resume-probe",
        type=seconds(*RESUME_PROBE_RANGE),
        default=5.0,
        metavar="SECONDS",
        help="an agent back with its code's resume token while the code's link still stands: how long that "
        "link gets to answer before it counts as gone and the code moves (1 to 7; default 5)",
    )
    _data_leg_arguments(parser)
    _flood_arguments(parser)
    parser.set_defaults(func=run)


def _data_leg_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "data leg",
        "After the customer's yes, agents carry the session on a TLS connection to this port (pinned "
        "through their SSH link, one-time token per claim): faster than inside their SSH link. An agent "
        "that cannot reach it, and older agents, stay on the SSH link. Open it where you open --listen.",
    )
    group.add_argument(
        "--data-port",
        type=port_or_zero,
        metavar="PORT",
        help="TCP port for data legs (default: the --listen port + 1, e.g. 2223; 0: any free port)",
    )
    group.add_argument(
        "--data-public-port",
        type=port,
        metavar="PORT",
        help="the port agents are told to use, when a firewall or load balancer forwards it to --data-port",
    )
    group.add_argument(
        "--no-data-leg",
        action="store_true",
        help="keep every session inside the agents' SSH links (protocol v1)",
    )


def _flood_arguments(parser: argparse.ArgumentParser) -> None:
    """Limits on connections that have not logged in yet (sessions/relay/gate.py)."""
    parser.add_argument(
        "--max-unauthenticated",
        type=WAITING_TOTAL,
        metavar="N",
        help="connections waiting to log in, from all addresses together "
        f"({WAITING_TOTAL.range_text}; default: a quarter of the open-files limit, at most 1024)",
    )
    parser.add_argument(
        "--max-unauthenticated-per-address",
        type=WAITING_PER_ADDRESS,
        default=32,
        metavar="N",
        help="connections waiting to log in from one address (an IPv6 /64 counts as one; "
        f"{WAITING_PER_ADDRESS.range_text}, 0: no limit; default 32)",
    )
    parser.add_argument(
        "--handshake-timeout",
        type=HANDSHAKE_TIMEOUT,
        default=10.0,
        metavar="SECONDS",
        help="time from connecting to asking to log in, key exchange included "
        f"({HANDSHAKE_TIMEOUT.range_text}, at most --login-timeout; default 10)",
    )
    parser.add_argument(
        "--login-timeout",
        type=LOGIN_TIMEOUT,
        default=30.0,
        metavar="SECONDS",
        help=f"time from connecting to being logged in ({LOGIN_TIMEOUT.range_text}; default 30)",
    )


def _check_flood_arguments(args: argparse.Namespace) -> None:
    """What one option's range cannot say (each number's own range is checked when it is read)."""
    if not 0 < args.handshake_timeout <= args.login_timeout:
        raise ConfigError(
            "--handshake-timeout must be positive and at most --login-timeout.",
            "For example --handshake-timeout 10 --login-timeout 30.",
        )


def port_or_zero(text: str) -> int:
    """A TCP port, or 0 for any free one."""
    return 0 if text.strip() == "0" else port(text)


def _data_port(given: int | None, ssh_port: int) -> int:
    """The data-leg port: as given, else the SSH port + 1 (any free port when that one is 0 or 65535)."""
    if given is not None:
        return given
    return ssh_port + 1 if 0 < ssh_port < 65535 else 0


def relay_config(args: argparse.Namespace, vendor: Vendor | None) -> RelayConfig:
    """The relay's configuration from its command line (checked by `_serve` first)."""
    from sessions.relay.server import RelayConfig

    host, port = args.listen
    return RelayConfig(
        technicians_file=args.technicians,
        state_dir=args.state_dir,
        host=host,
        port=port,
        code_ttl=args.code_ttl,
        grace=args.grace,
        max_customers_per_address=args.max_customers_per_address,
        codes_per_minute_per_address=args.codes_per_minute,
        pace_collector=True,
        max_unauthenticated=args.max_unauthenticated,
        max_unauthenticated_per_address=args.max_unauthenticated_per_address,
        handshake_timeout=args.handshake_timeout,
        login_timeout=args.login_timeout,
        audit_max_bytes=max(1, int(args.audit_max_mb * (1 << 20))),
        audit_keep=args.audit_keep,
        db_url=args.db,
        team_max_record=args.team_max_record_mb << 20,
        host_key_file=args.host_key,
        advertise=args.advertise,
        lease=args.lease,
        resume_probe=args.resume_probe,
        vendor=vendor,
        data_leg=not args.no_data_leg,
        data_port=_data_port(args.data_port, port),
        data_public_port=args.data_public_port or 0,
    )


def run(args: argparse.Namespace) -> int:
    from sessions import eventloop

    return eventloop.run(_serve(args))


async def _serve(args: argparse.Namespace) -> int:
    from sessions.relay.gate import raise_open_files
    from sessions.relay.server import Relay

    host, _port = args.listen
    _check_flood_arguments(args)
    from sessions import vendor

    handed_out = vendor.load(args.vendor) if args.vendor is not None else None
    before, open_files = raise_open_files()
    config = relay_config(args, handed_out)
    relay = await Relay.start(config)
    print(f"Valuezone relay listening on {host}:{relay.port}", flush=True)
    print(f"Host key fingerprint: {relay.fingerprint}", flush=True)
    print(f"Technicians: {len(relay.technicians)} (from {args.technicians})", flush=True)
    if handed_out is not None:
        print(f"Vendor handed to agents: {handed_out.name} (from {args.vendor})", flush=True)
    offer = relay.leg_offer
    if offer is not None and relay.legs is not None:
        told = f" (agents told port {offer['port']})" if offer["port"] != relay.legs.port else ""
        print(f"Data legs: TLS on {host}:{relay.legs.port}{told}, certificate {offer['pin']}", flush=True)
    else:
        print("Data legs: off (every session stays inside the agents' SSH links)", flush=True)
    raised = f" (raised from {before})" if open_files != before else ""
    print(
        f"Open files: {open_files}{raised}; waiting to log in: at most {relay.gate.limits.total}, "
        f"{relay.gate.limits.per_source or 'no limit'} per address",
        flush=True,
    )
    print(
        f"Audit log: {relay.audit.path} (sealed at {args.audit_max_mb:g} MB; "
        f"the newest {args.audit_keep} sealed files kept)",
        flush=True,
    )
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
