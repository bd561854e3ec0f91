"""Collecting logs over SFTP from a real sshd: caps, rotated and compressed logs, hostile names, progress."""

from __future__ import annotations

import gzip
import os
import random
from pathlib import Path

import pytest

from sessions.escalation import BundleRequest, CollectLimits, Consent, LogSpec, build_bundle, collect_logs
from sessions.escalation.safepaths import device_member, inside
from sessions.ssh import HostKeyTrust, Target, connect
from tests.sshd import Sshd


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A device's /var/log, inside the test folder (the sshd runs on this machine)."""
    logs = tmp_path / "device" / "var" / "log"
    logs.mkdir(parents=True)
    lines = "".join(f"2025-03-04 line {n:06d} disk ok\n" for n in range(40_000))
    (logs / "messages").write_text(lines)
    (logs / "messages.1").write_text("older line\n" * 100)
    (logs / "messages.2.gz").write_bytes(gzip.compress(b"oldest line password=letmein\n" * 100))
    (logs / "evil").symlink_to("/etc/passwd")
    (logs / "we ird;name$(x)").write_text("odd\n")
    for age, name in enumerate(["messages", "messages.1", "messages.2.gz"]):
        os.utime(logs / name, (1_700_000_000 - age * 86400,) * 2)
    return logs


async def _conn(sshd: Sshd, trust: HostKeyTrust):  # type: ignore[no-untyped-def]
    return await connect(Target(sshd.host, sshd.port, sshd.user, sshd.client_key), trust=trust)


async def test_collect_caps_rotation_symlinks_and_progress(
    tmp_path: Path, sshd: Sshd, trust_sshd: HostKeyTrust, device: Path
) -> None:
    spec = LogSpec(
        "test", (f"{device}/messages*", f"{device}/evil", f"{device}/we*"), {"hello": "printf 'a\\nb\\n'"}
    )
    progress = []
    async with await _conn(sshd, trust_sshd) as conn:
        result = await collect_logs(
            conn, spec, tmp_path / "out", limits=CollectLimits(per_file=100_000), on_progress=progress.append
        )
    by_remote = {f.remote: f for f in result.files}
    big = by_remote[f"{device}/messages"]
    assert big.truncated and big.size <= 100_000
    data = (tmp_path / "out" / big.member).read_bytes()
    assert data.endswith(b"line 039999 disk ok\n") and data.startswith(b"2025-03-04 line ")
    assert f"{device}/messages.1" in by_remote and f"{device}/messages.2.gz" in by_remote
    assert (f"{device}/evil", "a symbolic link, not followed") in result.skipped
    odd = by_remote[f"{device}/we ird;name$(x)"]
    assert odd.member.endswith("we_ird_name__x_")
    assert (tmp_path / "out" / "commands" / "hello").read_bytes() == b"a\nb\n"
    assert (
        progress and progress[-1].bytes_done >= big.size and progress[-1].files_done == len(result.files) - 1
    )
    assert any("only the newest" in n for n in result.notes())

    built = build_bundle(
        BundleRequest(logs_dir=result.folder, notes=result.notes()),
        tmp_path / "b.tar.gz",
        Consent(True, "c", "t", "hq", ()),
    )
    names = {f.path for f in built.manifest.files}
    assert f"logs{device}/messages.2" in names and built.manifest.redactions.get("password") == 100


async def test_total_cap_keeps_the_newest_files(
    tmp_path: Path, sshd: Sshd, trust_sshd: HostKeyTrust, device: Path
) -> None:
    spec = LogSpec("test", (f"{device}/messages*",))
    async with await _conn(sshd, trust_sshd) as conn:
        result = await collect_logs(
            conn, spec, tmp_path / "out", limits=CollectLimits(per_file=50_000, total=50_000)
        )
    assert [f.remote for f in result.files] == [f"{device}/messages"]
    assert {r for r, _ in result.skipped} == {f"{device}/messages.1", f"{device}/messages.2.gz"}


async def test_hostile_device_paths_stay_inside(
    tmp_path: Path, sshd: Sshd, trust_sshd: HostKeyTrust, device: Path
) -> None:
    climbing = f"{device}/../../../../../../../../etc/hostname"
    spec = LogSpec("test", (climbing, "/etc/../etc/hostname"))
    out = tmp_path / "out"
    async with await _conn(sshd, trust_sshd) as conn:
        result = await collect_logs(conn, spec, out)
    for item in result.files:
        local = (out / item.member).resolve()
        assert out.resolve() in local.parents
    assert not (tmp_path / "etc").exists()
    assert device_member("../../etc/passwd") == "logs/__/__/etc/passwd"
    assert device_member("/etc/passwd") == "logs/etc/passwd"
    (out / "trap").symlink_to("/etc")
    with pytest.raises(Exception, match="outside"):
        inside(out, "trap/passwd")


async def test_big_logs_arrive_byte_for_byte_newest_first(
    tmp_path: Path, sshd: Sshd, trust_sshd: HostKeyTrust
) -> None:
    """Several files at once, each as parallel reads written at their offsets: nothing moved or lost."""
    logs = tmp_path / "device"
    logs.mkdir()
    rng = random.Random(7)
    sizes = [3 * (255 << 10) + 17, 1, 0, 2_000_003, 700_001, 255 << 10]
    for n, size in enumerate(sizes):
        path = logs / f"app.{n}.log"
        path.write_bytes(rng.randbytes(size))
        os.utime(path, (1_700_000_000 - n * 60,) * 2)  # app.0 is the newest
    cut = logs / "cut.log"
    cut.write_bytes(b"".join(b"x" * rng.randint(0, 300) + b"\n" for _ in range(20_000)))
    os.utime(cut, (1_600_000_000,) * 2)  # the oldest
    progress = []
    async with await _conn(sshd, trust_sshd) as conn:
        assert conn.get_extra_info("recv_cipher") == "aes128-gcm@openssh.com"  # connect() prefers AES-GCM
        result = await collect_logs(
            conn,
            LogSpec("test", (f"{logs}/app.*.log", str(cut))),
            tmp_path / "out",
            limits=CollectLimits(per_file=2_500_000),
            on_progress=progress.append,
        )
    assert [f.remote for f in result.files] == [f"{logs}/app.{n}.log" for n in range(6)] + [str(cut)]
    for item in result.files[:-1]:
        assert (tmp_path / "out" / item.member).read_bytes() == Path(item.remote).read_bytes()
        assert item.size == item.original_size
    kept = result.files[-1]
    whole = cut.read_bytes()
    tail = whole[len(whole) - 2_500_000 :]
    assert kept.truncated and (tmp_path / "out" / kept.member).read_bytes() == tail[tail.index(b"\n") + 1 :]
    assert progress[-1].files_done == 7 and progress[-1].bytes_done == progress[-1].bytes_total
    done = [p.bytes_done for p in progress]
    assert done == sorted(done)


async def test_bulk_sftp_session_has_a_wide_window_and_big_packets(
    sshd: Sshd, trust_sshd: HostKeyTrust
) -> None:
    from sessions.ssh.bulk import start_bulk_sftp

    async with await _conn(sshd, trust_sshd) as conn, await start_bulk_sftp(conn) as sftp:
        channel = sftp._handler._writer.channel  # asyncssh keeps the channel here
        assert channel.get_recv_window() > 4 << 20  # asyncssh's default is 2 MiB
        assert await sftp.exists("/")
