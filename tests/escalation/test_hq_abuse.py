"""The HQ receiver under attack: gzip bombs, hostile names, slow senders, too many connections."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import io
import os
import signal
import socket
import ssl
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from sessions.errors import BundleInvalidError, DeliveryError
from sessions.escalation import Outbox, State, parse_destination, read_manifest
from sessions.escalation.delivery.https import HttpsDeliverer
from sessions.escalation.hq import HqHttpServer, tls_context
from sessions.escalation.hq_guard import ConnectionLimits
from sessions.escalation.manifest import file_sha256, verify_bundle
from sessions.escalation.multipart import envelope
from sessions.escalation.outbox import Backoff
from tests.escalation.conftest import TOKEN, Hq, Tls, small_bundle
from tests.escalation.hostile import (
    bomb_in_headers,
    bomb_many_members,
    bomb_one_member,
    bundle_id_of,
    craft,
    header_chain,
)
from tests.sshd import free_port

FAST = Backoff(base=0.02, cap=0.1, max_attempts=1000)


def _args(bundle: Path) -> tuple[Path, str, str, int]:
    return bundle, read_manifest(bundle).bundle_id, file_sha256(bundle), bundle.stat().st_size


def _args_raw(bundle: Path, bundle_id: str) -> tuple[Path, str, str, int]:
    """As _args, for a bundle whose manifest our own reader would refuse."""
    return bundle, bundle_id, file_sha256(bundle), bundle.stat().st_size


@contextlib.contextmanager
def _hq(tmp_path: Path, tls: Tls | None, **limits: object) -> Iterator[HqHttpServer]:
    server = HqHttpServer(
        ("127.0.0.1", 0),
        tmp_path / "inbox",
        {TOKEN: "vendor"},
        tls=None if tls is None else tls_context(tls.cert, tls.key),
        limits=ConnectionLimits(**limits),  # type: ignore[arg-type]
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _stored(inbox: Path) -> list[Path]:
    return sorted(inbox.glob("*.tar.gz"))


# --- gzip bombs ---------------------------------------------------------------------------------------
@contextlib.asynccontextmanager
async def _hq_process(tmp_path: Path, tls: Tls, *args: str) -> AsyncIterator[tuple[int, int]]:
    """`valuezone hq serve` in its own process (TLS on loopback); yields (port, pid)."""
    port = free_port()
    tokens = tmp_path / "tokens"
    tokens.write_text(f"vendor {TOKEN}\n")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "hq", "serve", "--listen", f"127.0.0.1:{port}",
        "--inbox", str(tmp_path / "inbox"), "--tokens", str(tokens),
        "--tls-cert", str(tls.cert), "--tls-key", str(tls.key), *args,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stderr is not None
    try:
        while b"receiving bundles at" not in await asyncio.wait_for(process.stderr.readline(), 30):
            pass
        yield port, process.pid
    finally:
        process.send_signal(signal.SIGINT)
        await asyncio.wait_for(process.wait(), 20)


def _peak_memory_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


async def test_gzip_bombs_are_refused_within_the_unpacked_limit(tmp_path: Path, tls: Tls) -> None:
    bombs = {  # each under 16 MB as sent
        "10 GB in one file": (bomb_one_member(tmp_path / "one.tar.gz"), "alone take 10,737,4"),
        "10 GB in 640 files": (bomb_many_members(tmp_path / "many.tar.gz"), "up to 'logs/zeros0003' alone"),
        "10 GB in 15 MB headers": (bomb_in_headers(tmp_path / "big.tar.gz"), "extended tar header of 15 MB"),
        "128 MB in 7 kB headers": (
            bomb_in_headers(tmp_path / "small.tar.gz", 128 << 20, 7 << 10),
            "unpacks to more than 64 MB (it reached 64 MB)",
        ),
    }
    async with _hq_process(tmp_path, tls, "--max-unpacked-mb", "64") as (port, pid):
        url = f"https://127.0.0.1:{port}/bundles"
        deliverer = HttpsDeliverer(parse_destination(url), ca_file=tls.cert, token=TOKEN)
        for name, (bomb, reason) in bombs.items():
            assert bomb.stat().st_size < 16 << 20, name
            with pytest.raises(DeliveryError) as err:
                await deliverer.deliver(*_args_raw(bomb, bundle_id_of(bomb)))
            assert reason in str(err.value), name
            assert not err.value.retryable and "refused this bundle for good" in str(err.value)
        peak = _peak_memory_mb(pid)
    assert peak < 200, f"the receiver held {peak:.0f} MB"
    assert not _stored(tmp_path / "inbox")
    assert not list((tmp_path / "inbox" / ".incoming").iterdir())


def test_a_chain_of_extended_headers_is_a_clear_refusal(tmp_path: Path) -> None:
    with pytest.raises(BundleInvalidError, match="chain of hundreds of extended tar headers"):
        verify_bundle(header_chain(tmp_path / "chain.tar.gz"))


# --- hostile names --------------------------------------------------------------------------------------
HOSTILE = {
    "repeated": ([("logs/a.log", b"first"), ("logs/a.log", b"second")], "holds 'logs/a.log' twice"),
    "repeated after normalising": (
        [("logs/a.log", b"one"), ("./logs//a.log", b"one")],
        "holds 'logs/a.log' twice",
    ),
    "file and folder": ([("logs/a", b"x"), ("logs/a/b", b"y")], "both as a file and as a folder"),
    "long part": ([("logs/" + "x" * 300, b"x")], "with a part of 300 bytes"),
    "long name": ([("/".join(["d" * 250] * 17), b"x")], "file name of 4,266 bytes"),
    "climbs out": ([("logs/../../etc/cron.d/evil", b"x")], "unsafe name"),
    "absolute": ([("/etc/cron.d/evil", b"x")], "unsafe name"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
async def test_hostile_names_are_refused_for_good(tmp_path: Path, hq: Hq, tls: Tls, case: str) -> None:
    files, reason = HOSTILE[case]
    bundle = craft(tmp_path / "hostile.tar.gz", files)
    deliverer = HttpsDeliverer(parse_destination(hq.url), ca_file=tls.cert, token=TOKEN)
    with pytest.raises(DeliveryError) as err:
        await deliverer.deliver(*_args_raw(bundle, bundle_id_of(bundle)))
    assert reason in str(err.value) and not err.value.retryable
    assert "build a new bundle" in str(err.value)
    assert not _stored(hq.inbox)


def test_a_manifest_that_is_not_an_object_is_a_clear_refusal(tmp_path: Path) -> None:
    stream = io.BytesIO()
    with tarfile.open(fileobj=stream, mode="w") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"[]"))
    bundle = tmp_path / "list.tar.gz"
    bundle.write_bytes(gzip.compress(stream.getvalue()))
    with pytest.raises(BundleInvalidError, match=r"manifest of list\.tar\.gz cannot be read"):
        verify_bundle(bundle)
    bundle.write_bytes(gzip.compress(stream.getvalue())[:-12] + b"\x00garbage-not-deflate")
    with pytest.raises(BundleInvalidError):
        verify_bundle(bundle)


async def test_outbox_shows_a_permanent_refusal_and_stops(tmp_path: Path, hq: Hq, tls: Tls) -> None:
    bundle = craft(tmp_path / "twice.tar.gz", [("logs/a.log", b"1"), ("logs/a.log", b"2")])
    bundle_id = bundle_id_of(bundle)
    outbox = Outbox(tmp_path / "o.sqlite3", backoff=FAST)
    outbox.enqueue(bundle, bundle_id, file_sha256(bundle), bundle.stat().st_size, hq.url)
    deliverer = HttpsDeliverer(parse_destination(hq.url), ca_file=tls.cert, token=TOKEN)
    for _ in range(3):
        await outbox.deliver_due(lambda url: deliverer)
    item = outbox.get(bundle_id, hq.url)
    assert item is not None and item.state is State.FAILED and item.attempts == 1
    assert "holds 'logs/a.log' twice" in item.reason and "build a new bundle" in item.reason
    assert outbox.due() == []


# --- too many connections -------------------------------------------------------------------------------
def _silent(port: int, source: str = "127.0.0.1") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0))
    return sock


async def test_a_full_receiver_answers_503_and_the_outbox_waits(tmp_path: Path, tls: Tls) -> None:
    bundle = small_bundle(tmp_path)
    with _hq(tmp_path, tls, max_connections=2, protected=60.0, retry_after=40) as server:
        held = [_silent(server.port, "127.0.0.2"), _silent(server.port, "127.0.0.3")]
        try:
            await asyncio.sleep(0.2)
            url = f"https://127.0.0.1:{server.port}/bundles"
            deliverer = HttpsDeliverer(parse_destination(url), ca_file=tls.cert, token=TOKEN)
            with pytest.raises(DeliveryError, match="busy") as err:
                await deliverer.deliver(*_args(bundle))
            assert err.value.retryable and err.value.retry_after == 40
            outbox = Outbox(tmp_path / "o.sqlite3", backoff=FAST)
            item = outbox.enqueue(bundle, *_args(bundle)[1:3], bundle.stat().st_size, url)
            before = time.time()
            await outbox.deliver_due(lambda u: deliverer)
            waiting = outbox.get(item.bundle_id, url)
            assert waiting is not None and waiting.state is State.QUEUED
            assert waiting.next_attempt >= before + 40 and "retried in 40 s" in waiting.reason
        finally:
            for sock in held:
                sock.close()
    assert not _stored(tmp_path / "inbox")


async def test_one_address_cannot_take_every_connection(tmp_path: Path, tls: Tls) -> None:
    bundle = small_bundle(tmp_path)
    with _hq(tmp_path, tls, max_connections=8, max_per_address=2, protected=60.0) as server:
        held = [_silent(server.port, "127.0.0.2") for _ in range(2)]
        try:
            extra = _silent(server.port, "127.0.0.2")
            extra.settimeout(10)
            answer = extra.recv(4096)  # the TLS ClientHello never came: the 503 cannot be read…
            assert answer == b"" or answer.startswith(b"\x15") or answer.startswith(b"\x16")
            url = f"https://127.0.0.1:{server.port}/bundles"
            deliverer = HttpsDeliverer(parse_destination(url), ca_file=tls.cert, token=TOKEN)
            assert not (await deliverer.deliver(*_args(bundle))).already  # …and others still get in
        finally:
            for sock in held:
                sock.close()


async def test_stalled_connections_give_way_to_a_real_sender(tmp_path: Path, tls: Tls) -> None:
    bundle = small_bundle(tmp_path)
    with _hq(tmp_path, tls, max_connections=4, max_per_address=0, protected=0.3) as server:
        held = [_silent(server.port, f"127.0.0.{n}") for n in range(2, 6)]
        try:
            await asyncio.sleep(0.5)
            url = f"https://127.0.0.1:{server.port}/bundles"
            deliverer = HttpsDeliverer(parse_destination(url), ca_file=tls.cert, token=TOKEN)
            assert not (await deliverer.deliver(*_args(bundle))).already
            held[0].settimeout(10)
            assert held[0].recv(1) == b""  # the oldest stalled connection was closed for it
        finally:
            for sock in held:
                sock.close()


# --- slow senders -----------------------------------------------------------------------------------------
def _read_reply(sock: socket.socket, seconds: float) -> bytes:
    sock.settimeout(seconds)
    reply = b""
    with contextlib.suppress(TimeoutError, ConnectionResetError):
        while chunk := sock.recv(65536):
            reply += chunk
    return reply


def test_headers_sent_one_byte_at_a_time_are_cut(tmp_path: Path) -> None:
    with _hq(tmp_path, None, header_timeout=1.0) as server:
        sock = _silent(server.port)
        request = f"POST /bundles HTTP/1.1\r\nHost: hq\r\nAuthorization: Bearer {TOKEN}\r\n" + "X: y\r\n" * 50
        sent = 0
        with contextlib.suppress(OSError):
            for byte in request.encode():  # 5 bytes a second: 30 s for the whole request
                sock.send(bytes([byte]))
                sent += 1
                time.sleep(0.2)
                if sent > 75:  # 15 s: far past the 1 s allowed
                    break
        reply = _read_reply(sock, 10)
        sock.close()
    assert reply.startswith(b"HTTP/1.1 408"), reply
    assert b"did not arrive within 1 s" in reply


def test_a_silent_tls_connection_is_cut(tmp_path: Path, tls: Tls) -> None:
    with _hq(tmp_path, tls, header_timeout=1.0) as server:
        sock = _silent(server.port)
        assert _read_reply(sock, 15) == b""  # closed, not left waiting (no ClientHello, so no words)
        sock.close()
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
            context = ssl.create_default_context(cafile=str(tls.cert))
            with context.wrap_socket(raw, server_hostname="127.0.0.1") as wrapped:
                wrapped.sendall(b"POST /bundles HTTP/1.1\r\n")  # then nothing more
                assert _read_reply(wrapped, 15).startswith(b"HTTP/1.1 408")


def _headers(bundle: Path, frame_length: int, content_type: str) -> bytes:
    return (
        f"POST /bundles HTTP/1.1\r\nHost: hq\r\nAuthorization: Bearer {TOKEN}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {frame_length}\r\nConnection: close\r\n\r\n"
    ).encode()


@pytest.mark.parametrize("mode", ["trickle", "stop"])
def test_a_slow_or_stalled_upload_is_cut(tmp_path: Path, mode: str) -> None:
    bundle = small_bundle(tmp_path)
    bundle_id = read_manifest(bundle).bundle_id
    frame = envelope({"id": bundle_id, "sha256": file_sha256(bundle)}, "bundle", "b.tar.gz")
    data = frame.head + bundle.read_bytes() + frame.tail
    with _hq(tmp_path, None, min_rate=10_000, rate_grace=1.0, idle_timeout=1.0) as server:
        sock = _silent(server.port)
        sock.sendall(_headers(bundle, len(data), frame.content_type) + frame.head)
        with contextlib.suppress(OSError):
            for offset in range(len(frame.head), len(data), 50):
                if mode == "stop":
                    break
                sock.send(data[offset : offset + 50])  # 500 bytes a second
                time.sleep(0.1)
        reply = _read_reply(sock, 15)
        sock.close()
    assert reply.startswith(b"HTTP/1.1 408"), reply
    expected = b"The upload was too slow" if mode == "trickle" else b"Nothing arrived for 1 s"
    assert expected in reply
    assert not _stored(tmp_path / "inbox")
    assert not list((tmp_path / "inbox" / ".incoming").iterdir())


def test_hq_serve_refuses_nonsense_limits(tmp_path: Path, tls: Tls) -> None:
    tokens = tmp_path / "tokens"
    tokens.write_text(f"vendor {TOKEN}\n")
    done = subprocess.run(
        [sys.executable, "-m", "console.cli", "hq", "serve", "--listen", "127.0.0.1:0",
         "--inbox", str(tmp_path / "in"), "--tokens", str(tokens), "--max-connections", "0"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "argument --max-connections: '0' is out of range" in done.stderr
    assert "from 1 to 100000" in done.stderr and "Traceback" not in done.stderr


def test_a_slow_but_steady_upload_is_accepted(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "random.log").write_bytes(os.urandom(60_000).hex().encode())
    bundle = small_bundle(tmp_path, logs_dir=logs)
    bundle_id = read_manifest(bundle).bundle_id
    frame = envelope({"id": bundle_id, "sha256": file_sha256(bundle)}, "bundle", "b.tar.gz")
    data = frame.head + bundle.read_bytes() + frame.tail
    assert len(data) > 40_000
    with _hq(tmp_path, None, min_rate=20_000, rate_grace=0.5, idle_timeout=5.0) as server:
        sock = _silent(server.port)
        sock.sendall(_headers(bundle, len(data), frame.content_type))
        for offset in range(0, len(data), 4000):
            sock.sendall(data[offset : offset + 4000])  # 40 kB a second, twice the minimum
            time.sleep(0.1)
        reply = _read_reply(sock, 15)
        sock.close()
    assert reply.startswith(b"HTTP/1.1 201"), reply
    assert [p.name for p in _stored(tmp_path / "inbox")] == [f"{bundle_id}.tar.gz"]


def test_an_oversized_extended_header_is_refused_before_it_is_read(tmp_path: Path) -> None:
    bomb = bomb_in_headers(tmp_path / "headers.tar.gz", unpacked=30 << 20)  # two 15 MB headers
    with pytest.raises(BundleInvalidError, match="an extended tar header of 15 MB; at most 8 kB"):
        verify_bundle(bomb)
