"""A PTY master wired to the technician's SSH channel with the loop's fd callbacks; its output also watched.

Not asyncssh's pipe redirection: under uvloop a write-pipe transport watches its descriptor for
readability to notice a closed pipe, and a terminal's master is readable whenever the shell printed
something, so output went missing and the channel closed (ConnectionLost) at random. Plain
`add_reader`/`add_writer` behave the same on asyncio's loop and uvloop's. The bytes move in the
loop's callbacks (no task wake-up per keystroke); flow control follows the channel both ways.

The shell's output goes to the channel and, unchanged, to a `TerminalWatch` (the customer's live view).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import struct
import termios
from typing import Protocol

import asyncssh

READ_SIZE = 65536
KEYS_HIGH_WATER = 65536  # unwritten keystrokes before the channel stops reading


class TerminalWatch(Protocol):
    """Who watches a terminal the technician uses (sessions.agent.core feeds the customer's view)."""

    def output(self, data: bytes) -> None: ...

    def resized(self, cols: int, rows: int) -> None: ...

    def closed(self, status: int | None) -> None: ...

    def typed_unseen(self, count: int) -> None: ...


def set_winsize(fd: int, cols: int, rows: int, xpixels: int = 0, ypixels: int = 0) -> None:
    """The terminal's size (80×24 for a zero)."""
    with contextlib.suppress(OSError):
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows or 24, cols or 80, xpixels, ypixels))


class _Output:
    """Reads the master, feeds the channel and the watch; asyncssh pauses it when the channel is full."""

    def __init__(self, link: PtyLink) -> None:
        self.link = link
        self.reading = False

    def start(self) -> None:
        if not self.reading and not self.link.ended:
            self.link.loop.add_reader(self.link.fd, self._readable)
            self.reading = True

    def stop(self) -> None:
        if self.reading:
            self.link.loop.remove_reader(self.link.fd)
            self.reading = False

    def _readable(self) -> None:
        try:
            data = os.read(self.link.fd, READ_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:  # EIO: every process on the terminal has exited
            data = b""
        if not data:
            self.link.output_ended()
            return
        self.link.process.feed_data(data, None)
        if self.link.watch is not None:
            self.link.watch.output(data)

    # asyncssh's reader protocol
    def pause_reading(self) -> None:
        self.stop()

    def resume_reading(self) -> None:
        self.start()

    def close(self) -> None:
        self.stop()


class _Keys:
    """Writes what the technician types to the master; size changes and signals go to the terminal.

    Line input the terminal does not echo (a password prompt, `read -s`, `stty -echo` under a program
    that reads whole lines) is counted, never shown: at each Enter the watch hears how many characters
    went in unseen. Programs that read key by key (line editors like bash's readline, vi, top) turn the
    terminal's echo off and draw the keys themselves, so they are not counted.
    """

    def __init__(self, link: PtyLink) -> None:
        self.link = link
        self.pending = bytearray()
        self.paused = False
        self.closed = False
        self.unseen = 0

    def _count_unseen(self, data: bytes) -> None:
        try:
            local = termios.tcgetattr(self.link.fd)[3]
        except (termios.error, OSError):
            return
        if local & termios.ECHO or not local & termios.ICANON:
            self.unseen = 0
            return
        for line in data.splitlines(keepends=True):
            self.unseen += sum(1 for byte in line if byte >= 0x20 and byte != 0x7F)
            if line.endswith((b"\r", b"\n")) and self.unseen:
                assert self.link.watch is not None
                self.link.watch.typed_unseen(self.unseen)
                self.unseen = 0

    def write(self, data: bytes) -> None:
        if self.closed:
            return
        if self.link.watch is not None:
            self._count_unseen(data)
        if not self.pending:
            try:
                data = data[os.write(self.link.fd, data) :]
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:
                return  # the terminal is gone; the output side ends the session
            if not data:
                return
            self.link.loop.add_writer(self.link.fd, self._writable)
        self.pending += data
        if len(self.pending) > KEYS_HIGH_WATER and not self.paused:
            self.paused = True
            self.link.process.pause_feeding(None)

    def _writable(self) -> None:
        try:
            del self.pending[: os.write(self.link.fd, self.pending)]
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self.pending.clear()
        if not self.pending:
            self.link.loop.remove_writer(self.link.fd)
            if self.paused:
                self.paused = False
                self.link.process.resume_feeding(None)

    def write_exception(self, exc: Exception) -> None:
        if isinstance(exc, asyncssh.TerminalSizeChanged):
            set_winsize(self.link.fd, exc.width, exc.height, exc.pixwidth, exc.pixheight)
            if self.link.watch is not None:
                self.link.watch.resized(exc.width or 80, exc.height or 24)
        # Signals and breaks never get here: the session answers them (sessions/agent/signals.py).

    def write_eof(self) -> None:
        """The technician's side sent EOF: a terminal has no end of input to pass on."""

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            if self.pending:
                self.link.loop.remove_writer(self.link.fd)
                self.pending.clear()


class PtyLink:
    """Moves bytes between the PTY master *fd* and *process* until the terminal's output ends."""

    def __init__(
        self,
        process: asyncssh.SSHServerProcess[bytes],
        fd: int,
        watch: TerminalWatch | None = None,
    ) -> None:
        self.process = process
        self.fd = fd
        self.watch = watch
        self.loop = asyncio.get_running_loop()
        self.ended = False
        self._output = _Output(self)
        self._keys = _Keys(self)

    def start(self) -> None:
        os.set_blocking(self.fd, False)
        self.process.set_writer(self._keys, True, None)
        self.process.feed_recv_buf(None, self._keys)  # anything typed before the terminal was ready
        self.process.set_reader(self._output, True, None)
        self._output.start()

    def output_ended(self) -> None:
        """The terminal printed its last byte: EOF to the channel (its drain() then returns)."""
        if self.ended:
            return
        self.ended = True
        self._output.stop()
        with contextlib.suppress(asyncssh.Error, OSError):
            self.process.feed_close(None)

    def close(self) -> None:
        """Stop both directions (the fd itself stays the caller's to close)."""
        self.ended = True
        self._output.stop()
        self._keys.close()
