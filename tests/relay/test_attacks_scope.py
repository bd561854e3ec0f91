"""The scope the customer chose is the scope enforced: `--scope diagnostics` SFTP is an allow-list of reads.

Every SFTP request type and every extension is sent, packet by packet, over a real SSH channel to the
agent through the relay; what is not a read is refused and the files on the device are unchanged. The
normal cases run with OpenSSH's own `sftp`. Exec stays the profiles' commands, byte for byte.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import asyncssh
import pytest

from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.server import Relay
from tests.relay.raw_sftp import (
    ATTRS,
    BAD_MESSAGE,
    DATA,
    EOF,
    EXTENDED_REPLY,
    NAME,
    NO_SUCH_FILE,
    OK,
    OP_UNSUPPORTED,
    PERMISSION_DENIED,
    RawSFTP,
    attrs,
    string,
    uint32,
    uint64,
)

# Every extension we know of (OpenSSH, asyncssh, draft-ietf-secsh-filexfer), and one nobody has written yet.
EXTENSIONS = (
    "posix-rename@openssh.com", "hardlink@openssh.com", "fsync@openssh.com", "lsetstat@openssh.com",
    "limits@openssh.com", "expand-path@openssh.com", "copy-data", "home-directory",
    "users-groups-by-id@openssh.com", "fstatvfs@openssh.com", "ranges@asyncssh.com", "check-file-name",
    "check-file-handle", "space-available", "md5-hash", "md5-hash-handle", "text-seek", "vendor-id",
    "make-temp-folder", "get-temp-folder", "copy-file", "newline", "supported2", "acl-supported",
    "future-extension@example.com",
)  # fmt: skip


class Device:
    """A small tree on the 'device' whose every byte, mode and name is checked after the attacks."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "logs").mkdir(parents=True)
        self.log = root / "logs" / "syslog"
        self.log.write_text("kernel: ata1 link up\n" * 100)
        self.log.chmod(0o640)
        (root / "logs" / "link").symlink_to("syslog")
        self.before = self.snapshot()

    def snapshot(self) -> dict[str, tuple[int, bytes | str]]:
        seen: dict[str, tuple[int, bytes | str]] = {}
        for path in sorted(self.root.rglob("*")):
            st = path.lstat()
            body: bytes | str = (
                os.readlink(path) if path.is_symlink() else path.read_bytes() if path.is_file() else ""
            )
            seen[str(path.relative_to(self.root))] = (st.st_mode, body)
        return seen

    def unchanged(self) -> bool:
        return self.snapshot() == self.before


@pytest.fixture
async def diag(make_agent, relay_target, tech_key, trust, tmp_path):  # type: ignore[no-untyped-def]
    """A diagnostics-scope agent, the technician's inner connection to it, and the device's files."""
    run = await make_agent(scope="diagnostics")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    yield run, conn, Device(tmp_path / "device")
    conn.close()


async def test_only_statvfs_is_offered(diag) -> None:  # type: ignore[no-untyped-def]
    _, conn, _ = diag
    sftp = await RawSFTP.open(conn)
    assert await sftp.init() == {b"statvfs@openssh.com": b"2"}
    newer = await RawSFTP.open(conn)
    assert await newer.init(version=6) == {b"statvfs@openssh.com": b"2"}  # answered as version 3


async def test_the_allowed_reads_work(diag) -> None:  # type: ignore[no-untyped-def]
    run, conn, device = diag
    sftp = await RawSFTP.open(conn)
    await sftp.init()
    log = str(device.log).encode()
    handle = await sftp.handle(3, string(log) + uint32(0x1) + attrs())  # OPEN, read
    reply = await sftp.request(5, string(handle) + uint64(0) + uint32(64))  # READ
    assert reply.kind == DATA and reply.string_at(0) == (b"kernel: ata1 link up\n" * 4)[:64]
    assert (await sftp.request(5, string(handle) + uint64(10**9) + uint32(64))).status == EOF
    assert (await sftp.request(8, string(handle))).kind == ATTRS  # FSTAT
    assert (await sftp.request(4, string(handle))).status == OK  # CLOSE
    for kind in (7, 17):  # LSTAT, STAT
        assert (await sftp.request(kind, string(log))).kind == ATTRS
    folder = await sftp.handle(11, string(str(device.log.parent)))  # OPENDIR
    names = await sftp.request(12, string(folder))  # READDIR
    assert names.kind == NAME and b"syslog" in names.body and b"link" in names.body
    assert (await sftp.request(12, string(folder))).status == EOF
    assert (await sftp.request(4, string(folder))).status == OK
    assert (await sftp.request(16, string(str(device.log.parent / "link")))).kind == NAME  # REALPATH
    target = await sftp.request(19, string(str(device.log.parent / "link")))  # READLINK
    assert target.kind == NAME and target.string_at(4) == b"syslog"
    assert (await sftp.extended("statvfs@openssh.com", string(log))).kind == EXTENDED_REPLY
    assert (await sftp.request(17, string(str(device.root / "missing")))).status == NO_SUCH_FILE
    assert f"Technician is reading {device.log} (SFTP)" in run.activity()
    assert device.unchanged()


async def test_every_request_that_changes_something_is_refused(diag) -> None:  # type: ignore[no-untyped-def]
    run, conn, device = diag
    sftp = await RawSFTP.open(conn)
    await sftp.init()
    log, new = str(device.log), str(device.root / "new")
    handle = await sftp.handle(3, string(log) + uint32(0x1) + attrs())
    for flags in (0x2, 0x3, 0x4, 0x8, 0x10, 0x20, 0x1 | 0x8, 0x1 | 0x10, 0xFFFFFFFF):  # WRITE…EXCL, mixed
        reply = await sftp.request(3, string(new if flags & 0x8 else log) + uint32(flags) + attrs(0o777))
        assert reply.status == PERMISSION_DENIED, (flags, reply)
    changes = {
        6: string(handle) + uint64(0) + string(b"owned"),  # WRITE on a read handle
        9: string(log) + attrs(0o777),  # SETSTAT
        10: string(handle) + attrs(0o777),  # FSETSTAT
        13: string(log),  # REMOVE
        14: string(new) + attrs(),  # MKDIR
        15: string(str(device.log.parent)),  # RMDIR
        18: string(log) + string(new),  # RENAME
        20: string(new) + string(log),  # SYMLINK
        21: string(new) + string(log) + b"\x00",  # LINK (v6)
        22: string(handle) + uint64(0) + uint64(10) + uint32(0),  # BLOCK (v6)
        23: string(handle) + uint64(0) + uint64(10),  # UNBLOCK (v6)
    }
    for kind, payload in changes.items():
        reply = await sftp.request(kind, payload)
        assert reply.status == PERMISSION_DENIED, (kind, reply)
    assert device.unchanged()
    assert any(line.startswith("Technician was refused: deleting ") for line in run.activity())


async def test_every_extension_is_refused_but_statvfs(diag) -> None:  # type: ignore[no-untyped-def]
    _, conn, device = diag
    sftp = await RawSFTP.open(conn)
    await sftp.init()
    log, new = str(device.log), str(device.root / "new")
    handle = await sftp.handle(3, string(log) + uint32(0x1) + attrs())
    arguments = {
        "posix-rename@openssh.com": string(log) + string(new),
        "hardlink@openssh.com": string(log) + string(new),
        "fsync@openssh.com": string(handle),
        "lsetstat@openssh.com": string(log) + attrs(0o777),
        "copy-data": string(handle) + uint64(0) + uint64(0) + string(handle) + uint64(0),
        "expand-path@openssh.com": string("~/"),
        "make-temp-folder": b"",
    }
    for name in EXTENSIONS:
        reply = await sftp.extended(name, arguments.get(name, string(log)))
        assert reply.status == OP_UNSUPPORTED, (name, reply)
    assert device.unchanged()


async def test_every_other_request_type_is_refused(diag) -> None:  # type: ignore[no-untyped-def]
    _, conn, device = diag
    sftp = await RawSFTP.open(conn)
    await sftp.init()
    known = {3, 4, 5, 7, 8, 11, 12, 16, 17, 19, 200} | {6, 9, 10, 13, 14, 15, 18, 20, 21, 22, 23}
    for kind in sorted(set(range(256)) - known):  # INIT and VERSION again, replies, numbers not yet used
        reply = await sftp.request(kind, string(str(device.log)))
        assert reply.status == OP_UNSUPPORTED, (kind, reply)
    truncated = await sftp.request(3, uint32(1000) + b"short")  # OPEN whose path length lies
    assert truncated.status == BAD_MESSAGE
    assert (await sftp.request(17, string(str(device.log)))).kind == ATTRS  # the session goes on
    sftp.send_raw(uint32(16 << 20) + b"\x05")  # a 16 MiB "request": the session is ended
    with pytest.raises((asyncio.IncompleteReadError, asyncssh.Error)):
        await sftp.recv()
    assert device.unchanged()


async def test_asyncssh_client_gets_reads_and_nothing_else(diag) -> None:  # type: ignore[no-untyped-def]
    _, conn, device = diag
    async with conn.start_sftp_client() as sftp:
        assert (await sftp.stat(str(device.log))).size == device.log.stat().st_size
        assert sorted(await sftp.listdir(str(device.log.parent))) == [".", "..", "link", "syslog"]
        async with sftp.open(str(device.log), "rb") as handle:
            assert await handle.read() == device.log.read_bytes()
        assert (await sftp.statvfs(str(device.log))).bsize > 0
        for attempt in (
            sftp.remove(str(device.log)),
            sftp.mkdir(str(device.root / "new")),
            sftp.chmod(str(device.log), 0o777),
            sftp.symlink(str(device.log), str(device.root / "new")),
            sftp.rename(str(device.log), str(device.root / "new")),
            sftp.open(str(device.log), "ab"),
        ):
            with pytest.raises(asyncssh.SFTPError):
                await attempt
        for unsupported in (
            sftp.posix_rename(str(device.log), str(device.root / "new")),
            sftp.link(str(device.log), str(device.root / "new")),
        ):
            with pytest.raises(asyncssh.SFTPError):
                await unsupported
    assert device.unchanged()


async def test_openssh_sftp_reads_and_is_refused_every_change(
    make_agent, relay: Relay, openssh, tech_key, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    run = await make_agent(scope="diagnostics")
    device = Device(tmp_path / "device")
    local = tmp_path / "local"
    local.mkdir()
    (local / "upload").write_text("from the technician\n")
    logs = device.log.parent
    batch = tmp_path / "batch"
    batch.write_text(
        f"get {device.log} {local}/got\n"
        f"ls -l {logs}\n"
        f"df {logs}\n"
        f"-put {local}/upload {logs}/upload\n"
        f"-rm {device.log}\n"
        f"-mkdir {logs}/new\n"
        f"-rmdir {logs}\n"
        f"-rename {device.log} {logs}/renamed\n"
        f"-chmod 777 {device.log}\n"
        f"-symlink {device.log} {logs}/symlink\n"
        f"-ln {device.log} {logs}/hardlink\n"
    )
    config = tmp_path / "ssh_config"
    config.write_text(
        f"Host relay\n  HostName 127.0.0.1\n  Port {relay.port}\n  User kim\n  IdentityFile {tech_key}\n"
        f"Host vz*\n  IdentityFile {tech_key}\n"  # the agent asks for the consented technician's key too
        "Host *\n  IdentitiesOnly yes\n  BatchMode yes\n  StrictHostKeyChecking no\n"
        "  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n"
    )
    sftp = Path(openssh).with_name("sftp")
    process = await asyncio.create_subprocess_exec(
        str(sftp), "-F", str(config), "-J", "relay", "-b", str(batch), f"anyone@vz{run.agent.code}",
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 60)
    text = out.decode() + err.decode()
    assert process.returncode == 0, text
    assert (local / "got").read_bytes() == device.log.read_bytes()
    assert "syslog" in text and "Size" in text  # ls -l and df answered
    assert text.count("Permission denied") >= 7, text
    assert device.unchanged()


@pytest.mark.parametrize(
    "command",
    ["echo diag-ok ", " echo diag-ok", "echo  diag-ok", "echo diag-ok\n", "echo diag-ok; id", "ECHO diag-ok",
     "echo diag-ok && id", "echo diag-ok\x00id", "uname -s -a", "echo diag-ok | sh"],
)  # fmt: skip
async def test_exec_is_the_profiles_commands_byte_for_byte(diag, command: str) -> None:  # type: ignore[no-untyped-def]
    _, conn, _ = diag
    result = await conn.run(command)
    assert result.exit_status == 126 and "Not allowed in a diagnostics session" in result.stderr
    assert (await conn.run("echo diag-ok")).stdout == "diag-ok\n"
