"""Bench helper: many lightweight customer agents in one process (idle, or echoing a technician)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys

import asyncssh

from sessions import eventloop
from sessions.relay import protocol
from sessions.ssh.coalesce import coalesce_writes

_KEEP: list[object] = []


class _Echo(asyncssh.SSHTCPSession[bytes]):
    def connection_made(self, chan: asyncssh.SSHTCPChannel[bytes]) -> None:  # type: ignore[override]
        self.chan = chan

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.chan.write(data)


async def _one(host: str, port: int, forward_sshd: int | None) -> tuple[asyncssh.SSHClientConnection, str]:
    conn = await asyncssh.connect(host, port, username="support", known_hosts=None, client_keys=None)
    coalesce_writes(conn)
    writer, reader, _ = await conn.open_session(subsystem=protocol.CONTROL_SUBSYSTEM, encoding="utf-8")
    writer.write(protocol.encode("hello", v=protocol.PROTOCOL_VERSION, resume=None))
    await reader.readline()  # welcome

    def accept(orig_host: str, orig_port: int) -> object:
        if forward_sshd is not None:
            return conn.forward_connection("127.0.0.1", forward_sshd)
        return _Echo()

    await conn.create_server(accept, protocol.FORWARD_HOST, protocol.FORWARD_PORT)
    code = protocol.decode(await reader.readline())["code"]
    _KEEP.append((writer, reader))  # the control channel must stay referenced
    return conn, str(code)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--relay-port", type=int, required=True)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--forward-sshd", type=int)
    parser.add_argument("--parallel", type=int, default=20)
    args = parser.parse_args()
    gate = asyncio.Semaphore(args.parallel)

    async def guarded() -> tuple[asyncssh.SSHClientConnection, str]:
        async with gate:
            return await _one("127.0.0.1", args.relay_port, args.forward_sshd)

    links = await asyncio.gather(*(guarded() for _ in range(args.count)))
    for _, code in links:
        print(code, flush=True)
    print("ready", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # run until the bench closes our stdin
    for conn, _ in links:
        with contextlib.suppress(Exception):
            conn.close()


if __name__ == "__main__":
    eventloop.run(main())
