"""Refusals cannot grow the relay's audit log without bound: repeated ones are counted, files rotate."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
from pathlib import Path

import asyncssh
import pytest

from sessions.relay.audit import AuditLog, audit_files, read_audit
from sessions.relay.server import Relay
from tests.relay.hostile import ForgedKeyPair
from tests.relay.processes import relay_and_agents

QUERIES = 2000
PER_CONNECTION = 500


class _KeyQueries(asyncssh.SSHClient):
    """Names one unlisted public key after another (queries only: no signature is ever sent)."""

    def __init__(self, keys: list[asyncssh.SSHKey]) -> None:
        self.keys = keys

    def public_key_auth_requested(self) -> asyncssh.SSHKeyPair | None:
        return ForgedKeyPair(self.keys.pop()) if self.keys else None


async def _query_flood(port: int, keys: list[asyncssh.SSHKey], source: str = "127.0.0.1") -> None:
    """Send every key in *keys* as a publickey query, PER_CONNECTION to a connection, one after another."""
    while keys:
        batch = [keys.pop() for _ in range(min(PER_CONNECTION, len(keys)))]
        with pytest.raises(asyncssh.PermissionDenied):
            await asyncssh.create_connection(
                lambda batch=batch: _KeyQueries(batch), "127.0.0.1", port, username="mallory",  # type: ignore[misc]
                local_addr=(source, 0), known_hosts=None, client_keys=None, agent_path=None, password=None,
                kbdint_auth=False, gss_host=None,
            )  # fmt: skip
        assert not batch


def _public_keys(count: int) -> list[asyncssh.SSHKey]:
    return [asyncssh.generate_private_key("ssh-ed25519").convert_to_public() for _ in range(count)]


def _refusals(events: list[dict], kind: str) -> tuple[int, int]:  # type: ignore[type-arg]
    """(lines written in full, refusals counted in summary lines) of *kind*."""
    full = sum(1 for e in events if e["event"] == kind)
    summed = sum(e["counts"].get(kind, 0) for e in events if e["event"] == "refusals.summarized")
    return full, summed


async def test_a_key_query_flood_grows_the_audit_log_by_a_few_bytes_per_attempt(relay: Relay) -> None:
    """2,000 publickey queries naming unlisted keys from one address: each was a ~200-byte audit line."""
    before = relay.audit.path.stat().st_size
    await _query_flood(relay.port, _public_keys(QUERIES))
    relay.refusals.report()  # the summary line, as the once-a-minute tick writes it
    grown = relay.audit.path.stat().st_size - before
    per_attempt = grown / QUERIES
    print(f"audit log: {grown} bytes for {QUERIES} refused key queries, {per_attempt:.1f} bytes each")
    events = read_audit(relay.audit.path)
    full, summed = _refusals(events, "technician.refused")
    assert full == relay.refusals.per_source
    assert full + summed == QUERIES  # every refusal is accounted for, in full or counted
    summary = next(e for e in events if e["event"] == "refusals.summarized")
    assert summary["top_sources"] == {"127.0.0.1": QUERIES - full}
    assert per_attempt < 5


async def test_the_relay_command_caps_the_audit_log(tmp_path: Path, technicians_file: Path) -> None:
    """20 source addresses, 15 refused key queries each: 200 lines in full (10 each), in 10 kB files."""
    state = tmp_path / "relay"
    args = ("--audit-max-mb", "0.01", "--audit-keep", "2")
    async with relay_and_agents(tmp_path, technicians_file, *args) as (port, seen, _agents):
        assert any("sealed at 0.01 MB; the newest 2 sealed files kept" in line for line in seen), seen
        for n in range(2, 22):
            await _query_flood(port, _public_keys(15), f"127.0.0.{n}")
    files = audit_files(state)
    assert [f.name for f in files][-1] == "audit.jsonl" and len(files) == 3
    assert sum(f.stat().st_size for f in files) <= 3 * 10486
    events = [e for f in files for e in read_audit(f)]
    assert events[-1]["event"] == "relay.stopped"
    summary = next(e for e in events if e["event"] == "refusals.summarized")  # written as the relay stopped
    assert summary["counts"] == {"technician.refused": 20 * 5} and summary["sources"] == 20


def test_the_audit_log_rotates_keeps_the_newest_files_and_chains_them(tmp_path: Path) -> None:
    audit = AuditLog(tmp_path, max_bytes=4096, keep=2)
    for n in range(300):
        audit.write("claim.refused", n=n, reason="x" * 60)
    audit.close()
    files = audit_files(tmp_path)
    assert len(files) == 3 and files[-1].name == "audit.jsonl"
    assert all(f.stat().st_size <= 4096 for f in files)
    assert all(f.stat().st_mode & 0o777 == 0o400 for f in files[:-1])  # rotated files are never written
    numbers = [e["n"] for f in files for e in read_audit(f) if e["event"] == "claim.refused"]
    assert numbers == list(range(numbers[0], 300))  # the newest events, none missing, in order
    for older, newer in itertools.pairwise(files):
        first = read_audit(newer)[0]
        assert first["event"] == "audit.continued"
        assert first["previous"] == older.name
        assert first["previous_bytes"] == older.stat().st_size
        assert first["previous_sha256"] == _sha256(older)
    assert read_audit(files[0])[0]["event"] == "audit.continued"  # its predecessor was deleted


def test_a_reopened_audit_log_keeps_its_chain(tmp_path: Path) -> None:
    """A relay restarted on the same state folder appends to the file it had; the chain still holds."""
    first = AuditLog(tmp_path, max_bytes=2048, keep=3)
    first.write("relay.started")
    first.close()
    second = AuditLog(tmp_path, max_bytes=2048, keep=3)
    for n in range(40):
        second.write("code.issued", n=n, code="482913557")
    second.close()
    files = audit_files(tmp_path)
    assert read_audit(files[0])[0]["event"] == "relay.started"
    for older, newer in itertools.pairwise(files):
        assert read_audit(newer)[0]["previous_sha256"] == _sha256(older)


async def test_customer_refusals_are_counted_after_the_first_ones(relay: Relay) -> None:
    """A customer turned away again and again (over the per-address cap) is summarized the same way."""
    holder = await _support_login(relay.port)
    relay.admission.max_links = 1
    try:
        for _ in range(30):
            with pytest.raises(asyncssh.DisconnectError):
                await _support_login(relay.port)
    finally:
        holder.close()
    relay.refusals.report()
    full, summed = _refusals(read_audit(relay.audit.path), "customer.refused")
    assert (full, summed) == (relay.refusals.per_source, 30 - relay.refusals.per_source)


async def _support_login(port: int) -> asyncssh.SSHClientConnection:
    return await asyncio.wait_for(
        asyncssh.connect(
            "127.0.0.1", port, username="support", known_hosts=None, client_keys=None, agent_path=None,
            password=None, kbdint_auth=False, gss_host=None,
        ),
        20,
    )  # fmt: skip


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
