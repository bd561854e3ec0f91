"""The session's files against a real OpenSSH sshd: list, download, upload, conflicts, cancel, hostile names.

Every copy is checked byte for byte and by SHA-256 against the record's `file.transfer` event.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncssh
import pytest

from sessions.errors import FileTransferError
from sessions.files import (
    Choice,
    Conflict,
    Direction,
    Kind,
    RemoteFiles,
    Transfers,
    TransferState,
    TransferStatus,
)
from sessions.files.names import local_name, numbered
from sessions.ssh.client import connect
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target


class Answers:
    """The technician's answers to name conflicts, in order; each question is kept."""

    def __init__(self, *choices: Choice) -> None:
        self.choices = list(choices)
        self.asked: list[Conflict] = []

    async def __call__(self, conflict: Conflict) -> Choice:
        self.asked.append(conflict)
        return self.choices.pop(0)


@pytest.fixture
async def files(key_target: Target, accept_new: HostKeyTrust) -> AsyncIterator[RemoteFiles]:
    connection = await connect(key_target, trust=accept_new)
    remote = await RemoteFiles.open(connection)
    remote.record = lambda kind, data: records.append((kind, data))
    records.clear()
    yield remote
    remote.close()
    connection.close()
    await connection.wait_closed()


records: list[tuple[str, dict[str, Any]]] = []


def transfers_of(direction: str) -> list[dict[str, Any]]:
    return [data for kind, data in records if kind == "file.transfer" and data["direction"] == direction]


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """The device's side: a folder sshd serves (it is the same machine)."""
    root = tmp_path / "device"
    (root / "logs" / "old").mkdir(parents=True)
    (root / "logs" / "syslog").write_bytes(os.urandom(3 << 20) + b"\n")
    (root / "logs" / "old" / "syslog.1").write_text("ata1: link up\n" * 1000)
    (root / "logs" / "로그.txt").write_text("디스크 오류\n")
    (root / "logs" / "etc-link").symlink_to("/etc")
    (root / "logs" / "passwd-link").symlink_to("/etc/passwd")
    os.mkfifo(root / "logs" / "pipe")
    hostile = os.fsencode(root / "logs") + b"/\x1b[2J\xff evil\r.log"
    with open(hostile, "wb") as handle:
        handle.write(b"hostile\n")
    return root


async def test_listing_shows_name_size_time_mode_and_kind(files: RemoteFiles, device: Path) -> None:
    assert not files.read_only
    listing = await files.listing(os.fsencode(device / "logs" / "old" / ".."))
    assert listing.path == os.fsencode(device / "logs")  # made absolute and canonical
    by_name = {entry.name: entry for entry in listing.entries}
    assert [e.name for e in listing.entries][:2] == ["etc-link", "old"]  # folders (and links to them) first
    assert by_name["etc-link"].kind is Kind.LINK and by_name["etc-link"].is_folder
    assert by_name["passwd-link"].target_kind is Kind.FILE
    assert by_name["pipe"].kind is Kind.OTHER and by_name["pipe"].mode_text.startswith("p")
    syslog = by_name["syslog"]
    assert syslog.size == (3 << 20) + 1 and syslog.mode_text.startswith("-rw")
    assert abs(syslog.mtime - (device / "logs" / "syslog").stat().st_mtime) < 2
    assert "로그.txt" in by_name
    hostile = next(e for e in listing.entries if "evil" in e.name)
    assert hostile.path.endswith(b"\x1b[2J\xff evil\r.log")  # the device's bytes, kept for operations
    assert local_name(hostile.name) == "_[2J_ evil_.log"


async def test_download_is_byte_exact_hashed_and_recorded(
    files: RemoteFiles, device: Path, tmp_path: Path
) -> None:
    into = tmp_path / "downloads"
    into.mkdir()
    seen: list[TransferStatus] = []
    transfers = Transfers(files, Answers())
    transfers.subscribe(seen.append)
    listing = await files.listing(os.fsencode(device / "logs"))
    wanted = [
        e for e in listing.entries if e.name in ("syslog", "로그.txt", "passwd-link") or "evil" in e.name
    ]
    transfers.download(wanted, into)
    await transfers.wait()
    assert all(s.state is TransferState.DONE for s in transfers.statuses()), transfers.statuses()
    source = (device / "logs" / "syslog").read_bytes()
    assert (into / "syslog").read_bytes() == source
    assert (into / "로그.txt").read_text() == "디스크 오류\n"
    assert (into / "passwd-link").read_bytes() == Path("/etc/passwd").read_bytes()  # a link is read through
    assert (into / "_[2J_ evil_.log").read_bytes() == b"hostile\n"
    assert sorted(p.name for p in into.iterdir()) == sorted(
        ["syslog", "로그.txt", "passwd-link", "_[2J_ evil_.log"]
    )
    event = next(d for d in transfers_of("download") if d["remote"].endswith("/syslog"))
    assert event["size"] == len(source) and event["sha256"] == hashlib.sha256(source).hexdigest()
    assert event["local"] == str(into / "syslog")
    progress = [s.done for s in seen if s.name == "syslog"]
    assert progress == sorted(progress) and progress[-1] == len(source)


async def test_a_taken_name_is_asked_about_never_overwritten(
    files: RemoteFiles, device: Path, tmp_path: Path
) -> None:
    into = tmp_path / "downloads"
    into.mkdir()
    (into / "syslog").write_text("the technician's own file\n")
    outside = tmp_path / "outside.txt"
    outside.write_text("must stay\n")
    (into / "로그.txt").symlink_to(outside)  # a link planted where the download goes
    answers = Answers(Choice.KEEP_BOTH, Choice.SKIP, Choice.REPLACE)
    transfers = Transfers(files, answers)
    entries = {e.name: e for e in (await files.listing(os.fsencode(device / "logs"))).entries}
    transfers.download([entries["syslog"]], into)
    transfers.download([entries["syslog"]], into)
    transfers.download([entries["로그.txt"]], into)
    await transfers.wait()
    assert [(c.name, c.is_folder) for c in answers.asked] == [
        ("syslog", False),
        ("syslog", False),
        ("로그.txt", False),
    ]
    assert {c.direction for c in answers.asked} == {Direction.DOWNLOAD}
    assert (into / "syslog").read_text() == "the technician's own file\n"
    assert (into / "syslog (2)").read_bytes() == (device / "logs" / "syslog").read_bytes()
    assert [s.state for s in transfers.statuses()] == [
        TransferState.DONE,
        TransferState.SKIPPED,
        TransferState.DONE,
    ]
    assert outside.read_text() == "must stay\n"  # the link was replaced, what it pointed to untouched
    assert not (into / "로그.txt").is_symlink() and (into / "로그.txt").read_text() == "디스크 오류\n"
    assert not [p for p in into.iterdir() if p.name.endswith(".vzpart")]


async def test_folder_download_keeps_its_tree_and_skips_links_and_pipes(
    files: RemoteFiles, device: Path, tmp_path: Path
) -> None:
    into = tmp_path / "downloads"
    into.mkdir()
    (into / "logs").mkdir()  # taken: the folder comes as "logs (2)"
    transfers = Transfers(files, Answers(Choice.KEEP_BOTH))
    [logs] = [e for e in (await files.listing(os.fsencode(device))).entries if e.name == "logs"]
    [transfer_id] = transfers.download([logs], into)
    await transfers.wait()
    status = transfers.status(transfer_id)
    assert status.state is TransferState.DONE and status.files_done == status.files_total == 4
    copy = into / "logs (2)"
    assert (copy / "old" / "syslog.1").read_text() == "ata1: link up\n" * 1000
    assert (copy / "syslog").read_bytes() == (device / "logs" / "syslog").read_bytes()
    assert not (copy / "etc-link").exists() and not (copy / "pipe").exists()
    assert any("etc-link: a link" in note for note in status.left_out)
    assert any("pipe: a other" in note or "pipe" in note for note in status.left_out)
    inside = {p.resolve() for p in into.rglob("*")}
    assert all(into.resolve() in p.parents for p in inside)
    assert len(transfers_of("download")) == 4


async def test_cancel_leaves_nothing_half_copied(files: RemoteFiles, device: Path, tmp_path: Path) -> None:
    big = device / "big.bin"
    with big.open("wb") as handle:
        handle.truncate(256 << 20)  # sparse: 256 MB of zeros to read
    into = tmp_path / "downloads"
    into.mkdir()
    transfers = Transfers(files, Answers())

    def cancel_at_first_progress(status: TransferStatus) -> None:
        if status.state is TransferState.RUNNING and status.done > 0:
            transfers.cancel(status.id)

    transfers.subscribe(cancel_at_first_progress)
    [entry] = [e for e in (await files.listing(os.fsencode(device))).entries if e.name == "big.bin"]
    [transfer_id] = transfers.download([entry], into)
    await transfers.wait()
    status = transfers.status(transfer_id)
    assert status.state is TransferState.CANCELLED and 0 < status.done < 256 << 20
    assert list(into.iterdir()) == []
    [event] = transfers_of("download")
    assert event["status"] == "cancelled" and "sha256" not in event

    upload = tmp_path / "upload.bin"
    with upload.open("wb") as handle:
        handle.truncate(256 << 20)
    transfers.upload([upload], os.fsencode(device))
    await transfers.wait()
    assert transfers.statuses()[-1].state is TransferState.CANCELLED
    await asyncio.sleep(0.3)  # the half-written temporary file is removed in a task of its own
    assert sorted(p.name for p in device.iterdir()) == ["big.bin", "logs"]


async def test_upload_files_and_folders_with_conflicts(
    files: RemoteFiles, device: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    (mine / "fix" / "scripts").mkdir(parents=True)
    (mine / "fix" / "scripts" / "repair.sh").write_text("#!/bin/sh\necho 수리\n")
    (mine / "fix" / "README").write_text("read me\n")
    (mine / "fix" / "scripts" / "repair.sh").chmod(0o755)
    firmware = mine / "firmware.bin"
    firmware.write_bytes(os.urandom(5 << 20))
    answers = Answers(Choice.KEEP_BOTH, Choice.REPLACE, Choice.KEEP_BOTH)
    transfers = Transfers(files, answers)
    target = os.fsencode(device)
    transfers.upload([firmware, mine / "fix"], target)
    await transfers.wait()
    assert (device / "firmware.bin").read_bytes() == firmware.read_bytes()
    assert (device / "fix" / "scripts" / "repair.sh").read_text() == "#!/bin/sh\necho 수리\n"
    assert (device / "fix" / "scripts" / "repair.sh").stat().st_mode & 0o777 == 0o755
    [event] = [d for d in transfers_of("upload") if d["remote"].endswith("firmware.bin")]
    assert event["sha256"] == hashlib.sha256(firmware.read_bytes()).hexdigest() and event["size"] == 5 << 20

    firmware.write_bytes(b"version 2\n")
    transfers.upload([firmware], target)  # keep both
    transfers.upload([firmware], target)  # replace
    transfers.upload([mine / "fix"], target)  # keep both: "fix (2)"
    await transfers.wait()
    assert (device / "firmware (2).bin").read_bytes() == b"version 2\n"
    assert (device / "firmware.bin").read_bytes() == b"version 2\n"
    assert (device / "fix (2)" / "README").read_text() == "read me\n"
    assert not [p for p in device.rglob("*") if p.name.endswith(".vzpart")]
    assert [c.is_folder for c in answers.asked] == [False, False, True]


async def test_new_folder_rename_and_delete(files: RemoteFiles, device: Path) -> None:
    base = os.fsencode(device)
    await files.make_folder(base + b"/new")
    (device / "new" / "a.txt").write_text("a\n")
    (device / "b.txt").write_text("b\n")
    with pytest.raises(FileTransferError) as taken:
        await files.rename(base + b"/b.txt", base + b"/new")
    assert taken.value.code == "files.name_taken"
    await files.rename(base + b"/b.txt", base + b"/c.txt")
    assert (device / "c.txt").read_text() == "b\n"
    entries = {e.name: e for e in (await files.listing(base)).entries}
    with pytest.raises(FileTransferError) as full:
        await files.delete(entries["new"])
    assert full.value.code == "files.folder_not_empty"
    await files.delete(entries["c.txt"])
    assert not (device / "c.txt").exists()
    kinds = [kind for kind, _ in records]
    assert kinds == ["file.folder_created", "file.renamed", "file.refused", "file.deleted"]


async def test_a_folder_that_is_gone_or_not_a_folder_is_said_plainly(
    files: RemoteFiles, device: Path
) -> None:
    with pytest.raises(FileTransferError) as gone:
        await files.listing(os.fsencode(device / "nowhere"))
    assert gone.value.code == "files.no_such_file" and "nowhere" in str(gone.value)
    with pytest.raises(FileTransferError):
        await files.listing(os.fsencode(device / "logs" / "syslog"))


def test_local_names() -> None:
    assert local_name("..") == "_" and local_name("") == "_" and local_name("a/b\\c") == "a_b_c"
    assert local_name("CON.txt") == "_CON.txt" and local_name("name. ") == "name"
    assert local_name("\u202eexe.txt") == "_exe.txt"
    assert len(os.fsencode(local_name("가" * 200 + ".log"))) <= 200 and local_name(
        "가" * 200 + ".log"
    ).endswith(".log")
    assert numbered("report.pdf", 2) == "report (2).pdf" and numbered(".bashrc", 3) == ".bashrc (3)"
    assert numbered("logs", 2) == "logs (2)"


async def test_no_sftp_is_said_plainly(key_target: Target, accept_new: HostKeyTrust) -> None:
    connection = await connect(key_target, trust=accept_new)
    try:
        original = connection.open_session

        async def refuse(*args: Any, **kwargs: Any) -> Any:
            raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, "subsystem refused")

        connection.open_session = refuse  # type: ignore[method-assign]
        with pytest.raises(FileTransferError) as refused:
            await RemoteFiles.open(connection)
        assert refused.value.code == "files.sftp_refused"
        connection.open_session = original  # type: ignore[method-assign]
    finally:
        connection.close()
