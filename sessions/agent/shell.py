"""Runs commands for the technician as the customer's user: a PTY shell, or exec with plain pipes."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pwd
import signal
import subprocess
import termios
from collections.abc import Awaitable
from typing import Any

import asyncssh

from sessions.agent.inputfeed import InputFeed
from sessions.agent.ptylink import PtyLink, TerminalWatch, set_winsize
from sessions.agent.signals import CommandControl
from sessions.agent.stdinpipe import StdinPipe


def login_shell() -> str:
    """The customer's shell: $SHELL, else the passwd entry, else /bin/sh."""
    shell = os.environ.get("SHELL")
    if not shell:
        with contextlib.suppress(KeyError):
            shell = pwd.getpwuid(os.getuid()).pw_shell
    return shell or "/bin/sh"


_KEEP = {signal.SIGKILL, signal.SIGSTOP}


def default_signals() -> None:
    """Every signal to its default action and none blocked (runs in the child, before exec).

    The agent may have been started with signals ignored or blocked (a script's `agent &`, nohup,
    `trap '' INT`, a service manager) and a child inherits both across exec: then Ctrl+C and Ctrl+\\
    in the technician's shell would do nothing. Python itself restores only SIGPIPE and SIGXFSZ.
    """
    for sig in signal.valid_signals() - _KEEP:
        with contextlib.suppress(OSError, ValueError):
            signal.signal(sig, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, ())


def _start_terminal_child() -> None:  # runs in the child, after setsid
    default_signals()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


async def run_in_pty(
    process: asyncssh.SSHServerProcess[bytes],
    command: str | None,
    watch: TerminalWatch | None = None,
    control: CommandControl | None = None,
) -> int:
    """Run *command* (or a login shell) on a new PTY wired to *process*; return its exit status.

    The PTY master is wired by sessions.agent.ptylink (bytes move in the loop's callbacks, no task
    wake-up per keystroke; size changes and flow control applied); *watch* sees all the terminal prints.
    *control* gets the process group and the PTY while it runs (the technician's signals and breaks).
    """
    master, slave = os.openpty()
    set_winsize(slave, *process.get_terminal_size())
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
            preexec_fn=_start_terminal_child,
        )
    except OSError:
        os.close(master)
        raise
    finally:
        os.close(slave)
    link = PtyLink(process, master, watch)
    status: int | None = None
    if control is not None:
        control.started(command or shell, child.pid, master)
    try:
        # The output ends (EIO) once every process on the terminal has exited: then the channel gets EOF.
        link.start()
        await _until_done_or_closed(process, process.stdout.drain())
    finally:
        if control is not None:
            control.ended()
        link.close()
        _stop(child)
        status = await asyncio.to_thread(child.wait)
        os.close(master)
        if watch is not None:
            watch.closed(status)
    return status


async def run_piped(
    process: asyncssh.SSHServerProcess[bytes],
    command: str,
    control: CommandControl | None = None,
    feed: InputFeed | None = None,
) -> int:
    """Run *command* with pipes (no terminal), copying stdin/stdout/stderr; return its exit status.

    Its stdin is fed by sessions.agent.stdinpipe (every byte before the EOF), not by asyncssh's
    redirection, which can close the pipe with the last packets still unwritten. *control* gets its
    process group while it runs (the technician's signals; a break has no terminal to go to).
    *feed* is shown every line the technician sends to the command's input.
    """
    read_end, write_end = os.pipe()
    try:
        child = subprocess.Popen(
            command,
            shell=True,
            stdin=read_end,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=os.path.expanduser("~"),
            start_new_session=True,
            preexec_fn=default_signals,
        )
    except BaseException:
        os.close(write_end)
        raise
    finally:
        os.close(read_end)
    stdin = StdinPipe(process, write_end, feed)
    if control is not None:
        control.started(command, child.pid)
    try:
        stdin.start()
        # send_eof=False: stdout and stderr end separately; the channel's EOF follows both.
        await process.redirect(stdout=child.stdout, stderr=child.stderr, send_eof=False)
        both = asyncio.gather(process.stdout.drain(), process.stderr.drain())
        if await _until_done_or_closed(process, both):
            process.stdout.write_eof()
    finally:
        if control is not None:
            control.ended()
        stdin.close()
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
        await asyncio.wait({closed, done})  # neither outlives this call


def _stop(child: subprocess.Popen[bytes], sig: signal.Signals = signal.SIGHUP) -> None:
    """Signal the child's process group if it is still running (a closed channel, a hang-up)."""
    if child.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, sig)
