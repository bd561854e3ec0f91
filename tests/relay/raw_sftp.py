"""A raw SFTP packet writer for attack tests: any request type, extension or bytes, on a real channel."""

from __future__ import annotations

import asyncio
import struct

import asyncssh

STATUS, HANDLE, DATA, NAME, ATTRS, EXTENDED_REPLY = 101, 102, 103, 104, 105, 201
OK, EOF, NO_SUCH_FILE, PERMISSION_DENIED, FAILURE, BAD_MESSAGE, OP_UNSUPPORTED = 0, 1, 2, 3, 4, 5, 8


def string(value: bytes | str) -> bytes:
    raw = value.encode() if isinstance(value, str) else value
    return struct.pack(">I", len(raw)) + raw


def uint32(value: int) -> bytes:
    return struct.pack(">I", value)


def uint64(value: int) -> bytes:
    return struct.pack(">Q", value)


def attrs(permissions: int | None = None) -> bytes:
    return uint32(0) if permissions is None else uint32(0x4) + uint32(permissions)


class Reply:
    """One answer: its type, the request id and the rest of its body."""

    def __init__(self, kind: int, body: bytes) -> None:
        self.kind = kind
        self.request_id = struct.unpack(">I", body[:4])[0] if kind != 2 else None
        self.body = body[4:] if kind != 2 else body

    @property
    def status(self) -> int | None:
        return struct.unpack(">I", self.body[:4])[0] if self.kind == STATUS else None

    def string_at(self, offset: int) -> bytes:
        (length,) = struct.unpack(">I", self.body[offset : offset + 4])
        return self.body[offset + 4 : offset + 4 + length]

    def __repr__(self) -> str:
        return f"Reply(kind={self.kind}, status={self.status}, body={self.body[:60]!r})"


class RawSFTP:
    """An SFTP subsystem channel spoken packet by packet."""

    def __init__(self, writer: asyncssh.SSHWriter[bytes], reader: asyncssh.SSHReader[bytes]) -> None:
        self.writer = writer
        self.reader = reader
        self.next_id = 0

    @classmethod
    async def open(cls, conn: asyncssh.SSHClientConnection) -> RawSFTP:
        writer, reader, _ = await conn.open_session(subsystem="sftp", encoding=None)
        return cls(writer, reader)

    def send_raw(self, data: bytes) -> None:
        self.writer.write(data)

    def send(self, kind: int, payload: bytes = b"", *, with_id: bool = True) -> int:
        self.next_id += 1
        body = bytes([kind]) + (uint32(self.next_id) if with_id else b"") + payload
        self.writer.write(uint32(len(body)) + body)
        return self.next_id

    async def recv(self) -> Reply:
        head = await asyncio.wait_for(self.reader.readexactly(4), 10)
        (length,) = struct.unpack(">I", head)
        packet = await asyncio.wait_for(self.reader.readexactly(length), 10)
        return Reply(packet[0], packet[1:])

    async def request(self, kind: int, payload: bytes = b"") -> Reply:
        request_id = self.send(kind, payload)
        reply = await self.recv()
        assert reply.request_id == request_id, reply
        return reply

    async def init(self, version: int = 3) -> dict[bytes, bytes]:
        """INIT; returns the extensions the server named in VERSION."""
        self.writer.write(uint32(5) + bytes([1]) + uint32(version))
        reply = await self.recv()
        assert reply.kind == 2, reply
        body = reply.body
        assert struct.unpack(">I", body[:4])[0] == 3
        at, extensions = 4, {}
        while at < len(body):
            (size,) = struct.unpack(">I", body[at : at + 4])
            name = body[at + 4 : at + 4 + size]
            at += 4 + size
            (size,) = struct.unpack(">I", body[at : at + 4])
            extensions[name] = body[at + 4 : at + 4 + size]
            at += 4 + size
        return extensions

    async def extended(self, name: str, payload: bytes = b"") -> Reply:
        return await self.request(200, string(name) + payload)

    async def handle(self, kind: int, payload: bytes) -> bytes:
        reply = await self.request(kind, payload)
        assert reply.kind == HANDLE, reply
        return reply.string_at(0)
