"""The technician's `signal` and `break` requests for a command the agent runs, answered as sshd does.

sshd (session.c, since OpenSSH 8.1: `session_signal_req`, `name2sig`) sends HUP, INT, KILL, QUIT, TERM,
USR1 and USR2 with ``killpg`` to the process group of the session's command, with or without a PTY, and
refuses any other name, a subsystem, or a session whose command has ended. A `break` (RFC 4335) is
``tcsendbreak`` on the PTY; without a PTY sshd answers it with failure. The agent does the same, within the
session's own scope: each command runs in a new session and process group (sessions/agent/shell.py), so
``killpg`` reaches the commands the technician started on that channel and nothing else on the machine.
"""

from __future__ import annotations

import contextlib
import enum
import os
import signal
import termios

ALLOWED = ("HUP", "INT", "KILL", "QUIT", "TERM", "USR1", "USR2")  # sshd's name2sig, in its order
_SIGNALS = {name: getattr(signal, f"SIG{name}") for name in ALLOWED}


def exit_signal_name(number: int) -> str:
    """The name an `exit-signal` reply gives a command killed by signal *number* (sshd's sig2name)."""
    with contextlib.suppress(ValueError):
        name = signal.Signals(number).name.removeprefix("SIG")
        if name in _EXIT_NAMES:
            return name
    return "SIG@openssh.com"


_EXIT_NAMES = {
    "ABRT",
    "ALRM",
    "FPE",
    "HUP",
    "ILL",
    "INT",
    "KILL",
    "PIPE",
    "QUIT",
    "SEGV",
    "TERM",
    "USR1",
    "USR2",
}


class Refusal(enum.StrEnum):
    """Why a signal was not sent (the key of the customer's feed line and of the technician's message)."""

    NOT_ALLOWED = "signal_not_allowed"
    NOTHING_RUNNING = "signal_nothing_running"


def refusal_text(refusal: Refusal, name: str) -> str:
    """What the technician's side reads on the channel's stderr (English, like the agent's other replies)."""
    if refusal is Refusal.NOT_ALLOWED:
        return (
            f"Signal {name} was not sent: only {', '.join(ALLOWED)} can be sent, as with OpenSSH's sshd.\r\n"
        )
    return f"Signal {name} was not sent: no command of this channel is running.\r\n"


class CommandControl:
    """The process group of the command one session channel runs, and its PTY master if it has one.

    Set by the runner while the command runs (`started`/`ended`); the channel's signal and break requests
    go through it, so a request that arrives before the command started or after it ended reaches nobody.
    """

    def __init__(self) -> None:
        self.command: str | None = None  # None: a login shell
        self.pgid: int | None = None
        self.master: int | None = None

    def started(self, command: str | None, pgid: int, master: int | None = None) -> None:
        self.command, self.pgid, self.master = command, pgid, master

    def ended(self) -> None:
        self.pgid = self.master = None

    @property
    def running(self) -> bool:
        return self.pgid is not None

    def signal(self, name: str) -> Refusal | None:
        """Send signal *name* (RFC 4254 6.9: without "SIG") to the command's process group; None if sent."""
        if name not in _SIGNALS:
            return Refusal.NOT_ALLOWED
        if self.pgid is None:
            return Refusal.NOTHING_RUNNING
        try:
            os.killpg(self.pgid, _SIGNALS[name])
        except (ProcessLookupError, PermissionError):  # the whole group has exited meanwhile
            return Refusal.NOTHING_RUNNING
        return None

    def send_break(self) -> bool:
        """A break on the command's terminal (tcsendbreak); False without one, as sshd answers."""
        if self.master is None:
            return False
        with contextlib.suppress(OSError):
            termios.tcsendbreak(self.master, 0)
            return True
        return False
