"""The outbox: HQ down → queued → delivered exactly once when it returns; 50 bundles under random faults."""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

from sessions import secrets
from sessions.escalation import (
    Backoff,
    DeliveryOptions,
    Outbox,
    OutboxItem,
    State,
    deliverer_for,
    parse_destination,
    read_manifest,
)
from sessions.escalation.delivery.https import HttpsDeliverer, store_token
from sessions.escalation.manifest import file_sha256
from sessions.ssh import HostKeyTrust
from tests.escalation.conftest import TOKEN, Tls, small_bundle, start_hq
from tests.escalation.faults import FaultProxy, FlakyHandler

FAST = Backoff(base=0.02, cap=0.1, max_attempts=1000)


def enqueue(outbox: Outbox, bundle: Path, url: str) -> OutboxItem:
    manifest = read_manifest(bundle)
    return outbox.enqueue(
        bundle, manifest.bundle_id, file_sha256(bundle), bundle.stat().st_size, url, manifest.ticket
    )


async def drain(outbox: Outbox, resolve, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    async def loop() -> None:
        while outbox.items(State.QUEUED, State.SENDING):
            await outbox.deliver_due(resolve)
            await asyncio.sleep(0.01)

    await asyncio.wait_for(loop(), seconds)


async def test_hq_down_then_delivered_exactly_once_across_restart(
    tmp_path: Path, tls: Tls, down_port: int
) -> None:
    port = down_port
    url = f"https://127.0.0.1:{port}/bundles"
    store_token(parse_destination(url), TOKEN)
    options = DeliveryOptions(ca_file=tls.cert, timeout=5)
    bundle = small_bundle(tmp_path)
    db = tmp_path / "outbox.sqlite3"
    outbox = Outbox(db, backoff=FAST)
    seen: list[tuple[State, str]] = []
    outbox.subscribe(lambda item: seen.append((item.state, item.reason)))
    item = enqueue(outbox, bundle, url)
    assert enqueue(outbox, bundle, url) == item  # queuing twice changes nothing
    await outbox.deliver_due(lambda u: deliverer_for(u, options))
    waiting = outbox.get(item.bundle_id, url)
    assert waiting is not None and waiting.state == State.QUEUED and waiting.attempts == 1
    assert "cannot be reached" in waiting.reason or "interrupted" in waiting.reason
    outbox.close()

    reopened = Outbox(db, backoff=FAST)  # a restart: the queue is still there
    assert [i.state for i in reopened.items()] == [State.QUEUED]
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 1
    server = start_hq(tmp_path / "inbox", tls, port=port)
    try:
        await asyncio.sleep(0.15)
        await drain(reopened, lambda u: deliverer_for(u, options))
        await reopened.deliver_due(lambda u: deliverer_for(u, options))
        reopened.retry()  # nothing failed: nothing changes
    finally:
        server.stop()
    done = reopened.get(item.bundle_id, url)
    assert done is not None and done.state == State.DELIVERED
    assert len(list((tmp_path / "inbox").glob("*.tar.gz"))) == 1
    assert [s for s, _ in seen][:3] == [State.QUEUED, State.QUEUED, State.SENDING]


async def test_permanent_failure_waits_for_retry(tmp_path: Path, tls: Tls) -> None:
    server = start_hq(tmp_path / "inbox", tls)
    try:
        outbox = Outbox(tmp_path / "o.sqlite3", backoff=FAST)
        item = enqueue(outbox, small_bundle(tmp_path), server.url)
        bad = HttpsDeliverer(
            parse_destination(server.url),
            ca_file=tls.cert,
            token="not-the-token-0123456789",
        )
        await outbox.deliver_due(lambda u: bad)
        failed = outbox.get(item.bundle_id, server.url)
        assert failed is not None and failed.state == State.FAILED and "token" in failed.reason
        assert outbox.due() == []
        good = HttpsDeliverer(bad.destination, ca_file=tls.cert, token=TOKEN)
        assert [i.state for i in outbox.retry()] == [State.QUEUED]
        await outbox.deliver_due(lambda u: good)
        assert outbox.items(State.DELIVERED)[0].attempts == 1
    finally:
        server.stop()


async def test_missing_bundle_file_fails_with_a_reason(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "o.sqlite3", backoff=FAST)
    bundle = small_bundle(tmp_path)
    item = enqueue(outbox, bundle, "https://127.0.0.1:9/bundles")
    bundle.unlink()
    await outbox.deliver_due(lambda u: deliverer_for(u))
    failed = outbox.get(item.bundle_id, item.destination)
    assert failed is not None and failed.state == State.FAILED and "Build the bundle again" in failed.reason


@pytest.mark.timeout(240)
async def test_fifty_bundles_under_random_faults_arrive_once(tmp_path: Path, tls: Tls) -> None:
    FlakyHandler.stores.clear()
    server = start_hq(tmp_path / "inbox", tls, handler=FlakyHandler)
    proxy = FaultProxy(server.server.port, seed=11)
    url = f"https://127.0.0.1:{proxy.port}/bundles"
    try:
        outbox = Outbox(tmp_path / "o.sqlite3", backoff=FAST)
        expected = {}
        for n in range(50):
            folder = tmp_path / f"b{n}"
            folder.mkdir()
            bundle = small_bundle(folder)
            expected[read_manifest(bundle).bundle_id] = file_sha256(bundle)
            enqueue(outbox, bundle, url)
        deliverer = HttpsDeliverer(
            parse_destination(url),
            ca_file=tls.cert,
            token=TOKEN,
            timeout=1.0,
        )
        await drain(outbox, lambda u: deliverer, seconds=200)
    finally:
        proxy.close()
        server.stop()
    assert {i.state for i in outbox.items()} == {State.DELIVERED}
    stored = {p.name.removesuffix(".tar.gz"): file_sha256(p) for p in (tmp_path / "inbox").glob("*.tar.gz")}
    assert stored == expected
    assert sorted(FlakyHandler.stores) == sorted(expected)  # each stored exactly once
    assert proxy.faults["drop"] > 0 and proxy.faults["stall"] > 0
    assert FlakyHandler.errors["before"] > 0 and FlakyHandler.errors["after"] > 0
    assert sum(i.attempts for i in outbox.items()) > 50


async def test_password_never_in_bundle_outbox_or_log(
    tmp_path: Path,
    sshd,
    password_user,
    caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
) -> None:
    from sessions.escalation.delivery import parse_destination

    user, password = password_user
    drop = Path(tempfile.mkdtemp(prefix="vz-drop-", dir="/tmp"))  # reachable by the password account
    drop.chmod(0o777)
    url = f"sftp://{user}@{sshd.host}:{sshd.port}{drop}"
    secrets.store("password", f"{user}@{sshd.host}:{sshd.port}", password)
    known = tmp_path / "kh"
    known.write_text(sshd.known_hosts_line())
    options = DeliveryOptions(trust=HostKeyTrust(known_hosts=known, read_user_known_hosts=False))
    caplog.set_level(logging.DEBUG)
    from tests.escalation.conftest import make_record

    record = make_record(tmp_path / "archive", secret=password)
    bundle = small_bundle(tmp_path, record=record)
    outbox = Outbox(tmp_path / "o.sqlite3", backoff=FAST)
    item = enqueue(outbox, bundle, url)
    await drain(outbox, lambda u: deliverer_for(u, options))
    done = outbox.get(item.bundle_id, url)
    assert done is not None and done.state == State.DELIVERED, done.reason
    outbox.close()
    blob = b"".join(p.read_bytes() for p in tmp_path.glob("o.sqlite3*"))
    import tarfile

    with tarfile.open(drop / f"{item.bundle_id}.tar.gz") as tar:
        blob += b"".join(tar.extractfile(m).read() for m in tar if m.isfile())  # type: ignore[union-attr]
    shutil.rmtree(drop, ignore_errors=True)
    assert password.encode() not in blob
    assert password not in caplog.text
    assert parse_destination(url).user == user
