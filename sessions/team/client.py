"""The console's side of the team server: one relay connection, one `valuezone-team` channel, requests.

`await TeamClient.connect(server_targets("relay:2222"), trust=…)` authenticates with the technician key
(opened as for `diagnose --code`: ssh-agent, this run's memory, the keyring, or asked), opens the
subsystem and says hello. The server may be the relays of one deployment (`r1:2222,r2:2222`, all on one
database): the first that answers serves, each checked against the deployment's one host key. Requests
run one at a time per client; a refusal from the server raises TeamRefusal with the server's words.
"""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from typing import Any

import asyncssh

from sessions.errors import ConnectError
from sessions.recording.meta import CAST_FILE, EVENTS_FILE, SESSION_FILE
from sessions.relay.client import connect_any
from sessions.relay.relays import RelayAddress, parse_relays, relay_list
from sessions.relay.unlock import TechnicianKeyAccess
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from sessions.team.protocol import (
    CHUNK,
    MAX_RECORD,
    SUBSYSTEM,
    VERSION,
    TeamProtocolError,
    TeamRefusal,
    decode_json,
    frame,
    json_frame,
    read_frame,
)

DEFAULT_PORT = 2222  # the relay's


def server_targets(spec: str) -> tuple[Target, ...]:
    """The team server as a person writes it: `host`, `host:port` (port 2222 when not given), or the
    relays of one deployment, `r1:2222,r2` (tried in turn)."""
    parse_relays(spec)  # nothing given: the relay list's own error
    return tuple(_with_port(part.strip()) for part in spec.split(",") if part.strip())


def server_target(spec: str) -> Target:
    """The deployment's name: the first server of *spec*. It keys the push outbox and the host key."""
    return server_targets(spec)[0]


def _with_port(part: str) -> Target:
    target = Target.parse(part)
    if ":" not in part.rsplit("]", 1)[-1]:
        target = Target(target.host, DEFAULT_PORT, target.user)
    return target


def _unreachable(server: Target, exc: BaseException) -> ConnectError:
    return ConnectError(
        f"The team server on {server.display} does not answer ({exc}).",
        "Check the relay address in Settings; the relay must be this version or newer.",
        code="team.unreachable",
        params={"server": server.display, "exc": exc},
    )


class TeamClient:
    """An open team-server channel. Use `async with`, or call `close()`."""

    def __init__(self, server: Target, conn: asyncssh.SSHClientConnection, writer: Any, reader: Any) -> None:
        self.server = server
        self.conn = conn
        self.writer = writer
        self.reader = reader
        self.hello: dict[str, Any] = {}
        self._next_id = 0
        self._lock = asyncio.Lock()

    @classmethod
    async def connect(
        cls,
        server: RelayAddress,
        *,
        trust: HostKeyTrust,
        technician_key: Path | None = None,
        key_access: TechnicianKeyAccess | None = None,
        timeout: float = 15.0,
    ) -> TeamClient:
        """Log in to the relay as `diagnose --code` does (*key_access*: ssh-agent, keyring, or asked);
        with several relays, to the first that answers (`client.server` says which)."""
        conn, server = await connect_any(
            relay_list(server), trust=trust, technician_key=technician_key, key_access=key_access,
            timeout=timeout,
        )  # fmt: skip
        try:
            writer, reader, _stderr = await conn.open_session(subsystem=SUBSYSTEM, encoding=None)
        except (asyncssh.Error, OSError) as exc:
            conn.close()
            raise _unreachable(server, exc) from exc
        client = cls(server, conn, writer, reader)
        try:
            client.hello = await client.request("hello", v=VERSION)
        except BaseException:
            client.conn.close()
            raise
        return client

    @property
    def member(self) -> dict[str, Any]:
        """Who the server says we are: identity, name, role, teams."""
        return dict(self.hello.get("member") or {})

    async def close(self) -> None:
        self.conn.close()
        await self.conn.wait_closed()

    async def __aenter__(self) -> TeamClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- requests -------------------------------------------------------------------------------------
    async def request(self, op: str, **fields: Any) -> dict[str, Any]:
        answer, _files = await self.request_files(op, **fields)
        return answer

    async def request_files(
        self, op: str, *, send: dict[str, bytes] | None = None, **fields: Any
    ) -> tuple[dict[str, Any], dict[str, bytes]]:
        """Send one request (and *send*'s files after it); the answer and the files that follow it."""
        async with self._lock:
            self._next_id += 1
            message = {"op": op, "id": self._next_id, **fields}
            if send:
                message["files"] = [
                    {"name": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()}
                    for n, d in send.items()
                ]
            try:
                self.writer.write(json_frame(message))
                for data in (send or {}).values():
                    for start in range(0, len(data), CHUNK):
                        self.writer.write(frame(b"B", data[start : start + CHUNK]))
                await self.writer.drain()
                answer = await self._read_answer()
                files = await self._read_files(answer.get("files") or [])
            except (asyncssh.Error, OSError, asyncio.IncompleteReadError) as exc:
                raise _unreachable(self.server, exc) from exc
        return answer, files

    async def _read_answer(self) -> dict[str, Any]:
        got = await read_frame(self.reader)
        if got is None:
            raise TeamProtocolError(
                f"The team server on {self.server.display} closed the channel.",
                "Try again in a moment.",
                code="team.channel_closed",
                params={"server": self.server.display},
            )
        if got[0] != b"J":
            raise TeamProtocolError(
                "The team server sent file bytes where an answer was due.", code="team.bytes_before_answer"
            )
        answer = decode_json(got[1])
        if not answer.get("ok"):
            error = answer.get("error") or {}
            raise TeamRefusal(
                str(error.get("code", "server")),
                str(error.get("message", "The team server refused.")),
                str(error.get("hint", "")),
                code=str(error.get("error_code") or "team.refused"),  # the server's own code, if it sent one
                params={str(k): str(v) for k, v in dict(error.get("params") or {}).items()},
            )
        return answer

    async def _read_files(self, listed: list[dict[str, Any]]) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        for item in listed:
            name, size = str(item["name"]), int(item["size"])
            if size > MAX_RECORD:
                raise TeamProtocolError(
                    f"The team server sent a {size}-byte {name}: over the limit.",
                    code="team.file_over_limit",
                    params={"size": size, "name": name},
                )
            data = bytearray()
            while len(data) < size:
                got = await read_frame(self.reader)
                if got is None or got[0] != b"B":
                    raise TeamProtocolError(
                        f"{name} did not arrive whole from the team server.",
                        code="team.file_incomplete",
                        params={"name": name},
                    )
                data += got[1]
            if hashlib.sha256(data).hexdigest() != item.get("sha256"):
                raise TeamProtocolError(
                    f"{name} arrived damaged from the team server.",
                    "Try again.",
                    code="team.file_damaged",
                    params={"name": name},
                )
            files[name] = bytes(data)
        return files

    # --- records --------------------------------------------------------------------------------------
    async def put_record(self, folder: Path, *, with_cast: bool = True) -> dict[str, Any]:
        """Push one record folder; the server verifies it. TeamRefusal says why when it is not taken."""
        names = (SESSION_FILE, EVENTS_FILE, CAST_FILE) if with_cast else (SESSION_FILE, EVENTS_FILE)
        files = {name: (folder / name).read_bytes() for name in names}
        session_id = _session_id(files[SESSION_FILE])
        answer, _ = await self.request_files("record.put", send=files, session_id=session_id)
        return answer

    async def get_record(self, session_id: str, into: Path) -> Path:
        """Download the server's copy of *session_id* into the folder *into* (created)."""
        _answer, files = await self.request_files("record.get", session_id=session_id)
        into.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            if name in (SESSION_FILE, EVENTS_FILE, CAST_FILE):
                (into / name).write_bytes(data)
        return into


def cache_entry(cache: Path, session_id: str) -> Path:
    """The folder in *cache* a fetched record goes to; a session id from the wire that is not a plain
    folder name (``..``, a path) is refused rather than written outside *cache*."""
    folder = cache / session_id
    if not session_id or session_id.startswith(".") or folder.parent != cache:
        raise TeamRefusal(
            "bad-request",
            f"The team server named the session {session_id!r}: not a folder name, so it is not opened.",
            "Tell the team server's administrator.",
            code="team.session_id_unsafe",
            params={"session_id": session_id},
        )
    return folder


def _session_id(meta: bytes) -> str:
    import json

    try:
        value = json.loads(meta)
        return str(value["session_id"])
    except (ValueError, KeyError, TypeError) as exc:
        raise TeamRefusal(
            "refused",
            "session.json cannot be read, so the record cannot be pushed.",
            "Run `valuezone verify`.",
            code="team.session_json_unreadable",
        ) from exc
