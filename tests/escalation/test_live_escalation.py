"""An escalation from a live session, Qt-free: collect over its connection, stage, consent, queue, deliver."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from sessions.config import Settings
from sessions.errors import ConfigError, ConsentRefusedError, EscalationError
from sessions.escalation import LogSpec, Outbox, State, deliverer_for, verify_bundle
from sessions.escalation.destinations import HqDestination, collect_limits, delivery_options, destinations
from sessions.escalation.live_escalation import EscalationPlan, LiveEscalation
from sessions.recording import DeviceInfo, Recorder, open_record
from sessions.ssh import HostKeyTrust, Target, connect
from tests.escalation.conftest import TOKEN, Hq, Tls
from tests.sshd import Sshd


def _device_logs(tmp_path: Path) -> Path:
    logs = tmp_path / "device" / "log"
    logs.mkdir(parents=True)
    (logs / "messages").write_text("boot ok\nmysql --password=hunter2secret\ndisk sdb dropped\n")
    (logs / "app.log").write_text("Authorization: Bearer abcdefghijklmnop123\n")
    return logs


async def test_live_session_escalation_phone_consent_queued_and_delivered(
    tmp_path: Path, sshd: Sshd, trust_sshd: HostKeyTrust, hq: Hq, tls: Tls
) -> None:
    logs = _device_logs(tmp_path)
    recorder = Recorder.create(
        tmp_path / "archive", technician="kim", device=DeviceInfo("nas", sshd.host, sshd.port, sshd.user)
    )
    recorder.output(b"$ cat /proc/mdstat\r\nmd0 : active raid1\r\n")
    destination = HqDestination("HQ Seoul", hq.url, "ko", ca_file=str(tls.cert))
    HqDestination.store_credential(destination, TOKEN)
    plan = EscalationPlan(
        ticket="T-77",
        destination=destination,
        summary="md0 degraded, password=letmein42 was typed",
        summary_language="en",
        technician="kim",
        record=recorder.folder,
        logs=LogSpec("test", (f"{logs}/*",), {"uname": "echo Linux nas"}),
    )
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    escalation = LiveEscalation(
        plan, outbox=outbox, record_event=recorder.event, bundles_dir=tmp_path / "bundles"
    )
    conn = await connect(Target(sshd.host, sshd.port, sshd.user, sshd.client_key), trust=trust_sshd)
    async with conn:
        progress: list = []
        collected = await escalation.collect(conn, progress.append)
    assert collected is not None and len(collected.files) == 3 and progress
    preview = await escalation.stage()
    paths = {f.path for f in preview.files}
    assert any(p.endswith("log/messages") for p in paths) and "logs/commands/uname" in paths
    assert preview.redactions.get("password", 0) >= 2 and preview.redactions.get("authorization_header")
    assert escalation._scratch is None  # the unredacted copies are gone once staged
    params = escalation.consent_params()
    assert params["destination"] == "HQ Seoul (127.0.0.1)" and params["total_bytes"] == preview.total_bytes

    with pytest.raises(ConsentRefusedError):
        await escalation.phone_consent("  ")
    await escalation.phone_consent("Lee Jiyoung")
    item = await escalation.send()
    assert item.state is State.QUEUED and escalation.staged is None
    options = delivery_options(hq.url, [destination])
    done = await outbox.deliver_due(lambda url: deliverer_for(url, options))
    assert [i.state for i in done] == [State.DELIVERED]
    stored = hq.inbox / f"{escalation.bundle_id}.tar.gz"
    manifest = verify_bundle(stored)
    assert manifest.ticket == "T-77" and manifest.hq_language == "ko"
    with tarfile.open(stored) as tar:
        consent = json.loads(tar.extractfile("consent.json").read())  # type: ignore[union-attr]
        everything = b"".join(tar.extractfile(m).read() for m in tar.getmembers() if m.isfile())  # type: ignore[union-attr]
    assert consent["by"] == "Lee Jiyoung" and consent["agreed"] and "phone" in consent["via"]
    for secret in (b"hunter2secret", b"abcdefghijklmnop123", b"letmein42"):
        assert secret not in everything
    recorder.close()
    events = {e["type"]: e["data"] for e in open_record(recorder.folder).events("escalation")}
    assert events["escalation.consent"]["by"] == "Lee Jiyoung"
    assert events["escalation.bundled"]["sha256"] == manifest_sha(stored)


def manifest_sha(path: Path) -> str:
    from sessions.escalation.manifest import file_sha256

    return file_sha256(path)


def test_destinations_settings_and_no_secret_in_settings(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.toml")
    section = settings.section("escalation")
    section["destinations"] = [
        HqDestination("HQ", "sftp://drop@hq.example.com:2222/in", "ko", key_file="~/k").to_settings(),
        {"name": "no url"},
    ]
    settings.save()
    found = destinations(Settings.load(settings.path).section("escalation"))
    assert [d.label for d in found] == ["HQ (hq.example.com)"]
    assert found[0].credential()[0] == "passphrase" and found[0].credential_label() == "key passphrase"
    assert HqDestination("H", "sftp://drop@h:2222/in").credential() == ("password", "drop@h:2222")
    assert collect_limits({"per_file_mb": 1, "total_mb": 2}).total == 2 << 20
    with pytest.raises(EscalationError, match="password"):
        HqDestination("bad", "sftp://drop:pw@h/in").check()
    section["destinations"] = [{"name": "x", "url": "https://h/b", "token": "abc"}]
    with pytest.raises(ConfigError, match="token"):
        settings.save()
