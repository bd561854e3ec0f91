"""Runs commands for the technician as the customer's user: a PTY shell, or exec with plain pipes."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pwd
import signal
import struct
import subprocess
import termios
from typing import Any

import asyncssh

_CHUNK = 65536


def login_shell() -> str:
    """The customer's shell: $SHELL, else the passwd entry, else /bin/sh."""
    shell = os.environ.get("SHELL")
    if not shell:
        with contextlib.suppress(KeyError):
            shell = pwd.getpwuid(os.getuid()).pw_shell
    return shell or "/bin/sh"


def _set_winsize(fd: int, size: tuple[int, int, int, int]) -> None:
    cols, rows = size[0] or 80, size[1] or 24
    with contextlib.suppress(OSError):
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, size[2], size[3]))


def _make_controlling_tty() -> None:  # runs in the child, after setsid
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


async def run_in_pty(process: asyncssh.SSHServerProcess[bytes], command: str | None) -> int:
    """Run *command* (or a login shell) on a new PTY wired to *process*; return its exit status."""
    master, slave = os.openpty()
    _set_winsize(slave, process.get_terminal_size())
    env = dict(os.environ, TERM=process.get_terminal_type() or "xterm-256color")
    shell = login_shell()
    argv = [shell, "-c", command] if command else [shell, "-l"]
    try:
        child = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=os.path.expanduser("~"),
            start_new_session=True,
            preexec_fn=_make_controlling_tty,
        )
    finally:
        os.close(slave)
    os.set_blocking(master, False)
    loop = asyncio.get_running_loop()
    pump_out = loop.create_task(_pty_to_channel(master, process))
    pump_in = loop.create_task(_channel_to_pty(process, master))
    try:
        await _until_done_or_closed(process, pump_out)
    finally:
        pump_in.cancel()
        pump_out.cancel()
        os.close(master)
        with contextlib.suppress(ProcessLookupError):
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGHUP)
    return await asyncio.to_thread(child.wait)


async def _until_done_or_closed(process: asyncssh.SSHServerProcess[bytes], work: asyncio.Future[Any]) -> None:
    """Wait for *work*, or for the technician's channel to close (then the command is stopped)."""
    closed = asyncio.get_running_loop().create_task(process.wait_closed())
    try:
        await asyncio.wait([work, closed], return_when=asyncio.FIRST_COMPLETED)
    finally:
        closed.cancel()


async def _pty_to_channel(master: int, process: asyncssh.SSHServerProcess[bytes]) -> None:
    loop = asyncio.get_running_loop()
    while True:
        readable: asyncio.Future[None] = loop.create_future()
        loop.add_reader(master, _wake, readable)
        try:
            await readable
        finally:
            loop.remove_reader(master)
        try:
            data = os.read(master, _CHUNK)
        except BlockingIOError:
            continue
        except OSError:
            return  # EIO: every process on the terminal has exited
        if not data:
            return
        process.stdout.write(data)
        await process.stdout.drain()


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


async def _channel_to_pty(process: asyncssh.SSHServerProcess[bytes], master: int) -> None:
    while True:
        try:
            data = await process.stdin.read(_CHUNK)
        except asyncssh.TerminalSizeChanged as change:
            _set_winsize(master, (change.width, change.height, change.pixwidth, change.pixheight))
            continue
        except (asyncssh.BreakReceived, asyncssh.SignalReceived):
            continue
        if not data:
            return
        view = memoryview(data)
        while view:
            try:
                written = os.write(master, view)
            except BlockingIOError:
                await asyncio.sleep(0.01)
                continue
            view = view[written:]


async def run_piped(process: asyncssh.SSHServerProcess[bytes], command: str) -> int:
    """Run *command* with pipes (no terminal), copying stdin/stdout/stderr; return its exit status."""
    child = await asyncio.create_subprocess_shell(
        command,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=os.path.expanduser("~"),
        start_new_session=True,
    )
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    loop = asyncio.get_running_loop()
    feed = loop.create_task(_feed(process, child.stdin))
    output = asyncio.gather(_copy(child.stdout, process.stdout), _copy(child.stderr, process.stderr))
    try:
        await _until_done_or_closed(process, output)
    finally:
        feed.cancel()
        output.cancel()
        if child.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
    return await child.wait()


async def _copy(source: asyncio.StreamReader, target: asyncssh.SSHWriter[bytes]) -> None:
    while data := await source.read(_CHUNK):
        target.write(data)
        await target.drain()


async def _feed(process: asyncssh.SSHServerProcess[bytes], sink: asyncio.StreamWriter) -> None:
    try:
        while True:
            try:
                data = await process.stdin.read(_CHUNK)
            except (asyncssh.TerminalSizeChanged, asyncssh.BreakReceived, asyncssh.SignalReceived):
                continue
            if not data:
                break
            sink.write(data)
            await sink.drain()
    except (BrokenPipeError, ConnectionResetError):
        pass
    finally:
        with contextlib.suppress(OSError):
            sink.close()
