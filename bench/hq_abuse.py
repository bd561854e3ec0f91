"""The HQ receiver against hostile senders: what a gzip bomb and a slow-connection flood cost it.

    nice -n -15 python -m bench.hq_abuse [--max-unpacked-mb 1024]

`valuezone hq serve` runs in its own process (TLS on loopback, default limits unless given). Printed:

- a real 60 kB bundle's delivery time (the reference, median of 5);
- per gzip bomb (10 GB of zeros as one file, as 640 files of 16 MB, in 15 MB extended tar headers,
  and 25,000 empty files after 7 kB ones; each under 16 MB as sent): the time until HQ's refusal,
  the ratio to the reference, and the receiver's peak memory (VmHWM) after it;
- a flood of 200 silent connections from ten addresses (more than the 64 connections allowed): the time
  a real delivery then takes, retried on 503 by our deliverer until it is in, and the receiver's open
  files and threads during the flood.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

from console.commands.argtypes import count
from sessions.errors import DeliveryError
from sessions.escalation import parse_destination, read_manifest
from sessions.escalation.delivery.https import HttpsDeliverer
from sessions.escalation.manifest import file_sha256
from tests.escalation.conftest import TOKEN, make_tls, small_bundle
from tests.escalation.hostile import bomb_in_headers, bomb_many_members, bomb_one_member, bundle_id_of
from tests.sshd import free_port


def _status(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1])
    return 0


async def serve(folder: Path, tls, unpacked_mb: int) -> tuple[asyncio.subprocess.Process, str]:  # type: ignore[no-untyped-def]
    port = free_port()
    tokens = folder / "tokens"
    tokens.write_text(f"vendor {TOKEN}\n")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "hq", "serve", "--listen", f"127.0.0.1:{port}",
        "--inbox", str(folder / "inbox"), "--tokens", str(tokens), "--tls-cert", str(tls.cert),
        "--tls-key", str(tls.key), "--max-unpacked-mb", str(unpacked_mb),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    while b"receiving bundles at" not in await process.stderr.readline():
        pass
    return process, f"https://127.0.0.1:{port}/bundles"


async def deliver(deliverer: HttpsDeliverer, bundle: Path, bundle_id: str) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        await deliverer.deliver(bundle, bundle_id, file_sha256(bundle), bundle.stat().st_size)
        outcome = "stored"
    except DeliveryError as exc:
        outcome = "refused for good" if not exc.retryable else f"retryable: {exc}"[:60]
    return time.perf_counter() - start, outcome


async def real_delivery(folder: Path, deliverer: HttpsDeliverer, n: int) -> float:
    logs = folder / f"logs{n}"
    logs.mkdir()
    (logs / "app.log").write_bytes(os.urandom(30_000).hex().encode())
    bundle = small_bundle(folder, logs_dir=logs)
    seconds, outcome = await deliver(deliverer, bundle, read_manifest(bundle).bundle_id)
    assert outcome == "stored", outcome
    return seconds


async def flood_then_deliver(folder: Path, deliverer: HttpsDeliverer, port: int, pid: int) -> None:
    socks = []
    for n in range(200):
        sock = socket.socket()
        sock.setblocking(False)
        sock.bind((f"127.0.0.{2 + n % 10}", 0))
        sock.connect_ex(("127.0.0.1", port))
        socks.append(sock)
    await asyncio.sleep(3.0)  # older than the 2 s a stalled head is protected
    fds, threads = len(os.listdir(f"/proc/{pid}/fd")), _status(pid, "Threads:")
    start = time.perf_counter()
    tries = 0
    while True:
        tries += 1
        try:
            await real_delivery(folder, deliverer, 1000 + tries)
            break
        except AssertionError:
            await asyncio.sleep(0.5)
    took = time.perf_counter() - start
    print(f"200 silent connections: a real delivery took {took * 1000:.0f} ms ({tries} tries); "
          f"receiver during the flood: {fds} open files, {threads} threads")  # fmt: skip
    for sock in socks:
        sock.close()


UNPACKED_MB = count(1, 65_536, unit="MB")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--max-unpacked-mb",
        type=UNPACKED_MB,
        default=1024,
        help=f"the HQ server's unpacked-size limit ({UNPACKED_MB.range_text} MB; default 1024)",
    )
    return parser


async def main() -> None:
    args = build_parser().parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tls = make_tls(folder)
        process, url = await serve(folder, tls, args.max_unpacked_mb)
        try:
            deliverer = HttpsDeliverer(parse_destination(url), ca_file=tls.cert, token=TOKEN, timeout=600)
            reference = statistics.median([await real_delivery(folder, deliverer, n) for n in range(5)])
            print(f"limit {args.max_unpacked_mb} MB unpacked; a real bundle: {reference * 1000:.0f} ms")
            bombs = {
                "10 GB in one file": bomb_one_member(folder / "one.tar.gz"),
                "10 GB in 640 files": bomb_many_members(folder / "many.tar.gz"),
                "10 GB in 15 MB headers": bomb_in_headers(folder / "big.tar.gz"),
                "25,000 files, 7 kB hdrs": bomb_in_headers(
                    folder / "small.tar.gz", 25_000 * 7 << 10, 7 << 10
                ),
            }
            for name, bomb in bombs.items():
                seconds, outcome = await deliver(deliverer, bomb, bundle_id_of(bomb))
                print(
                    f"{name:<24} {bomb.stat().st_size / 1e6:5.1f} MB sent: {outcome} after "
                    f"{seconds:6.2f} s ({seconds / reference:6.0f}x a real bundle); receiver peak "
                    f"memory {_status(process.pid, 'VmHWM:') / 1024:.0f} MB"
                )
            await flood_then_deliver(folder, deliverer, int(url.split(":")[2].split("/")[0]), process.pid)
        finally:
            process.send_signal(signal.SIGINT)
            await process.wait()


if __name__ == "__main__":
    asyncio.run(main())
