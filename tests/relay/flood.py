"""A connection flood against a relay on loopback: raw TCP sockets that never log in, as a separate process.

    python -m tests.relay.flood --port P --from 127.0.0.1=1700 --from 127.0.0.2=60 [--mode silent]
        [--reopen] [--trickle-interval 0.3]

Modes: `silent` connects and sends nothing (no SSH banner); `banner` sends an SSH version line, then
stalls in key exchange; `kexinit` sends the banner and the first half of a KEXINIT packet, then stalls;
`trickle` sends a banner one byte per interval. With `--reopen` a socket the relay closes is opened again
at once (a sustained flood), else it stays closed (a held flood). Prints `opened N` once every socket was
tried, then a `stats opened=… connected=… closed=… reopened=…` line whenever asked (a line on stdin) and
when stdin closes, then exits. Tests and bench/relay_flood.py drive it with `FloodProcess`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import os
import re
import resource
import selectors
import signal
import socket
import sys
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.relay.processes import LISTENING

BANNER = b"SSH-2.0-OpenSSH_9.2p1 flood\r\n"
# The start of a KEXINIT packet: length 1000, padding 4, type 20, then only part of the cookie.
KEXINIT_HEAD = b"\x00\x00\x03\xe8\x04\x14" + b"\x00" * 8


@dataclass
class _Sock:
    sock: socket.socket
    source: str
    connected: bool = False
    sent: int = 0


@dataclass
class Flood:
    """The attacker's sockets, driven by one selector loop (cheap: thousands of sockets, one thread)."""

    port: int
    plan: dict[str, int]
    mode: str = "silent"
    reopen: bool = False
    trickle_interval: float = 0.3
    rate: float = 500.0  # new connections a second: paced so the relay's accept queue never overflows
    opened: int = 0
    connected: int = 0
    closed: int = 0
    reopened: int = 0
    failed: int = 0
    _selector: selectors.BaseSelector = field(default_factory=selectors.DefaultSelector)

    def _open(self, source: str) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            sock.bind((source, 0))
            code = sock.connect_ex(("127.0.0.1", self.port))
        except OSError:
            sock.close()
            self.failed += 1
            return
        if code not in (0, errno.EINPROGRESS):
            sock.close()
            self.failed += 1
            return
        self.opened += 1
        self._selector.register(sock, selectors.EVENT_READ | selectors.EVENT_WRITE, _Sock(sock, source))

    def _on_event(self, key: selectors.SelectorKey, events: int) -> None:
        state: _Sock = key.data
        if events & selectors.EVENT_WRITE and not state.connected:
            if state.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                self._lost(state, connected=False)
                return
            state.connected = True
            self.connected += 1
            self._selector.modify(state.sock, selectors.EVENT_READ, state)
            self._first_words(state)
        if events & selectors.EVENT_READ:
            try:
                data = state.sock.recv(65536)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                data = b""
            if not data:
                self._lost(state, connected=True)

    def _first_words(self, state: _Sock) -> None:
        with contextlib.suppress(OSError):
            if self.mode == "banner":
                state.sock.send(BANNER)
            elif self.mode == "kexinit":
                state.sock.send(BANNER + KEXINIT_HEAD)

    def _trickle(self) -> None:
        for key in list(self._selector.get_map().values()):
            state: _Sock = key.data
            if state.connected and state.sent < len(BANNER):
                with contextlib.suppress(OSError):
                    state.sock.send(BANNER[state.sent : state.sent + 1])
                    state.sent += 1

    def _lost(self, state: _Sock, *, connected: bool) -> None:
        self._selector.unregister(state.sock)
        state.sock.close()
        if connected:
            self.closed += 1
        else:
            self.failed += 1
        if self.reopen:
            self.reopened += 1
            self._open(state.source)

    def run_until(self, stop: threading.Event, all_opened: threading.Event) -> None:
        """Open the planned sockets, answer the relay's closes (reopening them with `reopen`), trickle."""
        planned = [source for source, count in self.plan.items() for _ in range(count)]
        start = time.monotonic()
        next_trickle = start + self.trickle_interval
        launched = 0
        while not stop.is_set():
            if launched < len(planned):
                # *rate* a second: faster, the accept queue overflows and SYN cookies drop connections
                due = min(len(planned), int((time.monotonic() - start) * self.rate) + 1)
                for source in planned[launched:due]:
                    self._open(source)
                launched = max(launched, due)
                if launched == len(planned):
                    all_opened.set()
            for key, events in self._selector.select(timeout=0.002 if launched < len(planned) else 0.05):
                self._on_event(key, events)
            if self.mode == "trickle" and time.monotonic() >= next_trickle:
                self._trickle()
                next_trickle += self.trickle_interval

    def stats(self) -> str:
        return (
            f"stats opened={self.opened} connected={self.connected} closed={self.closed} "
            f"reopened={self.reopened} failed={self.failed} held={self.opened - self.closed - self.failed}"
        )

    def close(self) -> None:
        for key in list(self._selector.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]
        self._selector.close()


def parse_stats(line: str) -> dict[str, int]:
    """`stats opened=3 closed=1 …` → {"opened": 3, "closed": 1, …}."""
    return {k: int(v) for k, v in (part.split("=") for part in line.split()[1:])}


class FloodProcess:
    """Runs this module as a child process; `await stats()` asks it for its counts."""

    def __init__(
        self, port: int, plan: dict[str, int], mode: str = "silent", *, reopen: bool = False
    ) -> None:
        self.args = [f"--port={port}", f"--mode={mode}", *(f"--from={a}={n}" for a, n in plan.items())]
        if reopen:
            self.args.append("--reopen")
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.relay.flood", *self.args,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert self.process.stdout is not None
        line = await asyncio.wait_for(self.process.stdout.readline(), 120)
        if not line.startswith(b"opened"):
            raise RuntimeError(f"the flood did not start: {line!r}")

    async def stats(self) -> dict[str, int]:
        assert self.process is not None and self.process.stdin is not None and self.process.stdout
        self.process.stdin.write(b"\n")
        return parse_stats((await asyncio.wait_for(self.process.stdout.readline(), 30)).decode())

    async def stop(self) -> dict[str, int]:
        assert self.process is not None and self.process.stdin is not None and self.process.stdout
        if self.process.returncode is not None:
            return {}
        self.process.stdin.close()
        out = await asyncio.wait_for(self.process.stdout.read(), 30)
        await asyncio.wait_for(self.process.wait(), 30)
        lines = [line for line in out.decode().splitlines() if line.startswith("stats")]
        return parse_stats(lines[-1]) if lines else {}

    async def __aenter__(self) -> FloodProcess:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(Exception):
                await self.stop()
            if self.process.returncode is None:
                self.process.kill()
                await self.process.wait()


@dataclass
class RelayProcess:
    """`valuezone relay` in a child process; `lines` holds what it printed at start."""

    process: asyncio.subprocess.Process
    port: int
    lines: list[str]

    @property
    def pid(self) -> int:
        return self.process.pid

    def open_fds(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/fd"))


@contextlib.asynccontextmanager
async def relay_process(
    state_dir: Path, technicians: Path, *args: str, nofile: tuple[int, int] | None = None
) -> AsyncIterator[RelayProcess]:
    """A relay on a loopback port it chose, its open-files limit set to *nofile* (soft, hard) at start."""

    def limit() -> None:
        if nofile is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, nofile)

    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "console.cli", "relay", "--listen", "127.0.0.1:0",
        "--technicians", str(technicians), "--state-dir", str(state_dir), *args,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        preexec_fn=limit,
    )  # fmt: skip
    lines: list[str] = []
    drain: asyncio.Future[None] | None = None
    try:
        assert process.stdout is not None
        while not any(line.startswith("Audit log:") for line in lines):
            raw = await asyncio.wait_for(process.stdout.readline(), 30)
            if not raw:
                raise RuntimeError(f"the relay did not start: {lines}")
            lines.append(raw.decode().rstrip())
        drain = asyncio.ensure_future(_keep_reading(process.stdout, lines))
        port = next(int(m.group(1)) for line in lines if (m := re.match(LISTENING, line)))
        yield RelayProcess(process, port, lines)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 20)
            except TimeoutError:
                process.kill()
                await process.wait()
        if drain is not None:
            await asyncio.wait_for(drain, 10)


async def _keep_reading(stream: asyncio.StreamReader, lines: list[str]) -> None:
    """Read the relay's output to its end, so a chatty relay never blocks on a full pipe."""
    while raw := await stream.readline():
        lines.append(raw.decode().rstrip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--from", dest="sources", action="append", default=[], metavar="ADDRESS=COUNT")
    parser.add_argument("--mode", choices=("silent", "banner", "kexinit", "trickle"), default="silent")
    parser.add_argument("--reopen", action="store_true")
    parser.add_argument("--trickle-interval", type=float, default=0.3)
    parser.add_argument("--rate", type=float, default=500.0, help="new connections a second")
    args = parser.parse_args()
    plan = {source: int(count) for source, count in (item.split("=") for item in args.sources)}
    need = sum(plan.values()) + 64
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(need, hard), hard))
    flood = Flood(args.port, plan, args.mode, args.reopen, args.trickle_interval, args.rate)
    stop, all_opened = threading.Event(), threading.Event()
    pump = threading.Thread(target=flood.run_until, args=(stop, all_opened), daemon=True)
    pump.start()
    all_opened.wait()
    print(f"opened {flood.opened}", flush=True)
    for _ in sys.stdin:
        print(flood.stats(), flush=True)
    print(flood.stats(), flush=True)
    stop.set()
    pump.join()
    flood.close()


if __name__ == "__main__":
    main()
