"""Delivery to a real HTTPS receiver and a real OpenSSH SFTP drop on loopback: once, checked, idempotent."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

import pytest

from sessions.errors import DeliveryError
from sessions.escalation import parse_destination, read_manifest
from sessions.escalation.delivery.https import HttpsDeliverer
from sessions.escalation.delivery.sftp import SftpDeliverer
from sessions.escalation.hq import HqHttpServer
from sessions.escalation.manifest import file_sha256
from sessions.escalation.multipart import envelope
from sessions.ssh import HostKeyTrust
from tests.escalation.conftest import TOKEN, Hq, Tls, small_bundle, start_hq
from tests.sshd import Sshd


def _args(bundle: Path) -> tuple[Path, str, str, int]:
    return bundle, read_manifest(bundle).bundle_id, file_sha256(bundle), bundle.stat().st_size


async def test_https_delivers_once_and_is_idempotent(tmp_path: Path, hq: Hq, tls: Tls) -> None:
    bundle = small_bundle(tmp_path)
    deliverer = HttpsDeliverer(parse_destination(hq.url), ca_file=tls.cert, token=TOKEN)
    first = await deliverer.deliver(*_args(bundle))
    again = await deliverer.deliver(*_args(bundle))
    assert not first.already and again.already and first.sha256 == file_sha256(bundle)
    stored = sorted(p.name for p in hq.inbox.iterdir() if p.is_file())
    assert stored == [f"{first.bundle_id}.json", f"{first.bundle_id}.tar.gz"]
    assert file_sha256(hq.inbox / f"{first.bundle_id}.tar.gz") == first.sha256
    assert json.loads((hq.inbox / f"{first.bundle_id}.json").read_text())["from"] == "vendor"
    assert not list((hq.inbox / ".incoming").iterdir())


async def test_https_refuses_bad_token_and_untrusted_certificate(tmp_path: Path, hq: Hq, tls: Tls) -> None:
    bundle = small_bundle(tmp_path)
    bad = HttpsDeliverer(parse_destination(hq.url), ca_file=tls.cert, token="wrong-token-0123456789")
    with pytest.raises(DeliveryError, match="refused the token") as err:
        await bad.deliver(*_args(bundle))
    assert not err.value.retryable
    untrusted = HttpsDeliverer(parse_destination(hq.url), token=TOKEN)
    with pytest.raises(DeliveryError, match="does not trust") as err:
        await untrusted.deliver(*_args(bundle))
    assert not err.value.retryable
    assert not list(hq.inbox.glob("*.tar.gz"))


async def test_hq_refuses_hash_mismatch_and_oversized(tmp_path: Path, tls: Tls) -> None:
    bundle = small_bundle(tmp_path)
    bundle_id = read_manifest(bundle).bundle_id
    server = start_hq(tmp_path / "inbox", tls, max_bytes=bundle.stat().st_size + 4096)
    try:
        deliverer = HttpsDeliverer(parse_destination(server.url), ca_file=tls.cert, token=TOKEN)
        with pytest.raises(DeliveryError, match="damaged") as err:
            await deliverer.deliver(bundle, bundle_id, "0" * 64, bundle.stat().st_size)
        assert err.value.retryable
        big = small_bundle(tmp_path, logs_dir=_noise(tmp_path))
        with pytest.raises(DeliveryError, match="too large") as err:
            await deliverer.deliver(*_args(big))
        assert not err.value.retryable
    finally:
        server.stop()
    assert not list((tmp_path / "inbox").glob("*.tar.gz"))


def _noise(tmp_path: Path) -> Path:
    import os

    logs = tmp_path / "noise"
    logs.mkdir()
    (logs / "random.log").write_bytes(os.urandom(200_000).hex().encode())
    return logs


def test_hq_refuses_truncated_upload(tmp_path: Path) -> None:
    """Half the body, then the sender's side closes: refused with a sentence, nothing stored.

    Plain HTTP here so the test can half-close its socket and still read the answer.
    """
    bundle = small_bundle(tmp_path)
    bundle_id = read_manifest(bundle).bundle_id
    frame = envelope({"id": bundle_id, "sha256": file_sha256(bundle)}, "bundle", "b.tar.gz")
    data = bundle.read_bytes()
    server = HqHttpServer(("127.0.0.1", 0), tmp_path / "inbox", {TOKEN: "vendor"})
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            head = (
                f"POST /bundles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n"
                f"Content-Type: {frame.content_type}\r\nContent-Length: {frame.length(len(data))}\r\n\r\n"
            )
            sock.sendall(head.encode() + frame.head + data[: len(data) // 2])
            sock.shutdown(socket.SHUT_WR)
            reply = b""
            while chunk := sock.recv(65536):
                reply += chunk
    finally:
        server.shutdown()
        server.server_close()
    assert reply.startswith(b"HTTP/1.1 400") and b"cut short" in reply
    assert not list((tmp_path / "inbox").glob("*.tar.gz"))
    assert not list((tmp_path / "inbox" / ".incoming").iterdir())


async def test_sftp_drop_part_verify_rename_and_skip(
    tmp_path: Path, sshd: Sshd, trust_sshd: HostKeyTrust
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    bundle = small_bundle(tmp_path)
    destination = parse_destination(f"sftp://{sshd.user}@{sshd.host}:{sshd.port}{drop}")
    deliverer = SftpDeliverer(destination, trust=trust_sshd, key_file=sshd.client_key)
    first = await deliverer.deliver(*_args(bundle))
    again = await deliverer.deliver(*_args(bundle))
    assert not first.already and again.already
    assert [p.name for p in drop.iterdir()] == [f"{first.bundle_id}.tar.gz"]
    assert file_sha256(drop / f"{first.bundle_id}.tar.gz") == first.sha256
    other = small_bundle(tmp_path / "other" if (tmp_path / "other").mkdir() is None else tmp_path)
    bundle_id = read_manifest(bundle).bundle_id
    with pytest.raises(DeliveryError, match="not this bundle") as err:
        await deliverer.deliver(other, bundle_id, file_sha256(other), other.stat().st_size)
    assert not err.value.retryable


async def test_sftp_unknown_host_key_is_not_retried(tmp_path: Path, sshd: Sshd) -> None:
    bundle = small_bundle(tmp_path)
    destination = parse_destination(f"sftp://{sshd.user}@{sshd.host}:{sshd.port}{tmp_path}")
    trust = HostKeyTrust(known_hosts=tmp_path / "kh", read_user_known_hosts=False)
    with pytest.raises(DeliveryError, match="Logging in") as err:
        await SftpDeliverer(destination, trust=trust, key_file=sshd.client_key).deliver(*_args(bundle))
    assert not err.value.retryable


def test_destinations_refuse_passwords_in_urls() -> None:
    from sessions.errors import EscalationError

    with pytest.raises(EscalationError, match="password"):
        parse_destination("sftp://hq:secret@host/drop")
    with pytest.raises(EscalationError):
        parse_destination("ftp://host/x")
    assert parse_destination("sftp://hq@host:2222/drop").origin == "sftp://hq@host:2222"
