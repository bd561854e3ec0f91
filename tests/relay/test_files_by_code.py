"""The file browser's core through the relay and the agent: in scope `diagnostics` the agent says its SFTP
is read-only, reads work and every change is refused with the agent's own words; in scope `full` uploads
work and the customer's feed names each file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from sessions.errors import FileTransferError
from sessions.files import Choice, Conflict, RemoteFiles, Transfers, TransferState
from sessions.relay.client import JoinOptions, connect_by_code


async def _never(conflict: Conflict) -> Choice:
    raise AssertionError(f"no name should be taken: {conflict}")


@pytest.fixture
def device(tmp_path: Path) -> Path:
    root = tmp_path / "device"
    (root / "logs").mkdir(parents=True)
    (root / "logs" / "messages").write_bytes(b"kernel: md0 degraded\n" * 50_000)
    return root


async def test_diagnostics_scope_reads_and_every_change_is_refused(  # type: ignore[no-untyped-def]
    make_agent, relay_target, tech_key, trust, device: Path, tmp_path: Path
) -> None:
    run = await make_agent(scope="diagnostics")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    files = await RemoteFiles.open(conn)
    records: list[tuple[str, dict[str, object]]] = []
    files.record = lambda kind, data: records.append((kind, data))
    try:
        assert files.read_only  # the agent's statvfs says ST_RDONLY
        listing = await files.listing(os.fsencode(device / "logs"))
        [messages] = listing.entries
        into = tmp_path / "downloads"
        into.mkdir()
        transfers = Transfers(files, _never)
        transfers.download([messages], into)
        await transfers.wait()
        source = (device / "logs" / "messages").read_bytes()
        assert (into / "messages").read_bytes() == source
        assert records[-1][1]["sha256"] == hashlib.sha256(source).hexdigest()

        mine = tmp_path / "fix.sh"
        mine.write_text("echo fix\n")
        [upload] = transfers.upload([mine], os.fsencode(device / "logs"))
        await transfers.wait()
        refused = transfers.status(upload)
        assert refused.state is TransferState.FAILED and refused.error is not None
        assert refused.error.code == "files.read_only"
        assert "Read-only in a diagnostics session" in str(refused.error)
        assert "diagnostics only" in refused.error.hint
        for attempt in (
            files.make_folder(os.fsencode(device / "new")),
            files.rename(messages.path, os.fsencode(device / "renamed")),
            files.delete(messages),
        ):
            with pytest.raises(FileTransferError) as error:
                await attempt
            assert error.value.code == "files.read_only"
        assert sorted(p.name for p in device.rglob("*")) == ["logs", "messages"]
        assert (device / "logs" / "messages").read_bytes() == source
        feed = "\n".join(run.activity())
        assert f"Technician is reading {device / 'logs' / 'messages'} (SFTP)" in feed
        assert all(
            f"refused: {op} " in feed
            for op in ("opening for writing", "creating a folder", "renaming", "deleting")
        )
        assert [d["status"] for k, d in records if k == "file.transfer" and d["direction"] == "upload"] == [
            "failed"
        ]
    finally:
        files.close()
        conn.close()


async def test_full_scope_uploads_and_the_customer_sees_each_file(  # type: ignore[no-untyped-def]
    make_agent, relay_target, tech_key, trust, device: Path, tmp_path: Path
) -> None:
    run = await make_agent(scope="full")
    conn = await connect_by_code(
        relay_target, run.agent.code, JoinOptions(technician_key=tech_key, trust=trust)
    )
    files = await RemoteFiles.open(conn)
    try:
        assert not files.read_only
        mine = tmp_path / "fix.sh"
        mine.write_bytes(os.urandom(1 << 20))
        transfers = Transfers(files, _never)
        transfers.upload([mine], os.fsencode(device))
        await transfers.wait()
        assert transfers.statuses()[0].state is TransferState.DONE
        assert (device / "fix.sh").read_bytes() == mine.read_bytes()
        assert any(
            str(device / "fix.sh") in line for line in run.activity()
        )  # the real name, not a temporary one
    finally:
        files.close()
        conn.close()
