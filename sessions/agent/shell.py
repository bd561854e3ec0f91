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
from collections.abc import Awaitable
from typing import Any

import asyncssh


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
    """Run *command* (or a login shell) on a new PTY wired to *process*; return its exit status.

    The PTY master is handed to asyncssh's redirection, which moves bytes in its protocol callbacks (no
    task wake-up per keystroke), applies window-size changes to the terminal and keeps flow control.
    """
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
    except OSError:
        os.close(master)
        raise
    finally:
        os.close(slave)
    # Two file objects on the one master: each redirection closes its own when it ends.
    output = os.fdopen(master, "rb", buffering=0)
    keys = os.fdopen(os.dup(master), "wb", buffering=0)
    try:
        # The output ends (EIO) once every process on the terminal has exited: then the channel gets EOF.
        await process.redirect(stdin=keys, stdout=output)
        await _until_done_or_closed(process, process.stdout.drain())
    finally:
        _stop(child)
    return await asyncio.to_thread(child.wait)


async def run_piped(process: asyncssh.SSHServerProcess[bytes], command: str) -> int:
    """Run *command* with pipes (no terminal), copying stdin/stdout/stderr; return its exit status."""
    child = subprocess.Popen(
        command,
        shell=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=os.path.expanduser("~"),
        start_new_session=True,
    )
    try:
        # send_eof=False: stdout and stderr end separately; the channel's EOF follows both.
        await process.redirect(stdin=child.stdin, stdout=child.stdout, stderr=child.stderr, send_eof=False)
        both = asyncio.gather(process.stdout.drain(), process.stderr.drain())
        if await _until_done_or_closed(process, both):
            process.stdout.write_eof()
    finally:
        _stop(child, signal.SIGKILL)
    return await asyncio.to_thread(child.wait)


async def _until_done_or_closed(process: asyncssh.SSHServerProcess[bytes], work: Awaitable[Any]) -> bool:
    """Wait for *work*; False if the technician's channel closed first (the command is then stopped)."""
    loop = asyncio.get_running_loop()
    done = asyncio.ensure_future(work)
    closed = loop.create_task(process.wait_closed())
    try:
        await asyncio.wait([done, closed], return_when=asyncio.FIRST_COMPLETED)
        return done.done() and not done.cancelled()
    finally:
        closed.cancel()
        done.cancel()


def _stop(child: subprocess.Popen[bytes], sig: signal.Signals = signal.SIGHUP) -> None:
    """Signal the child's process group if it is still running (a closed channel, a hang-up)."""
    if child.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, sig)
