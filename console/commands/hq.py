"""`valuezone hq serve`: the HTTPS receiver for bundles, for vendors without their own ticket system."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path
from typing import Any

from console.commands.argtypes import count


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("hq", help="headquarters' side: receive escalation bundles")
    sub = parser.add_subparsers(dest="hq_command", metavar="ACTION", required=True)
    serve = sub.add_parser("serve", help="receive bundles over HTTPS into an inbox folder")
    serve.add_argument("--listen", required=True, metavar="HOST:PORT")
    serve.add_argument("--inbox", type=Path, required=True, metavar="DIR")
    serve.add_argument("--tokens", type=Path, required=True, metavar="FILE", help="lines of `NAME TOKEN`")
    serve.add_argument("--tls-cert", type=Path, metavar="FILE")
    serve.add_argument("--tls-key", type=Path, metavar="FILE")
    serve.add_argument("--max-mb", type=count(unit="MB"), default=2048, help="largest upload accepted (MB)")
    serve.set_defaults(func=run_serve)


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
    server = HqHttpServer(
        (host, port), args.inbox, read_tokens(args.tokens), tls=tls, max_bytes=args.max_mb << 20
    )
    scheme = "https" if tls else "http"
    print(f"receiving bundles at {scheme}://{host}:{server.port}/bundles into {args.inbox}", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
