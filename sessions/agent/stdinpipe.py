"""Writes what the technician sends on an exec channel to the command's stdin pipe, every byte before EOF.

Not asyncssh's pipe redirection (`process.redirect(stdin=...)`): that writes through asyncio's
write-pipe transport, and its `_write_ready` loses data. When the pipe drains, the transport resumes
its protocol; asyncssh then delivers what the channel held back while paused, which can be the last
data and the channel's EOF together. Those bytes go into the transport's buffer and the EOF marks it
closing, and `_write_ready`, back from the resume, closes the pipe at once: the buffered bytes (one or
more 32 KiB packets) never reach the command. It shows under latency, when the data and the EOF
arrive while the pipe is full (CPython 3.11-3.14, asyncio's unix_events).

Here the loop's `add_writer` moves the bytes, as sessions/agent/ptylink.py does for a terminal: the
pipe is closed only once nothing is pending, wherever the EOF arrives from (even from inside our
own resume call). A command that stops reading (it exited, or closed its stdin) makes the rest of
its input be discarded, as OpenSSH's sshd does, so the technician's side never stalls.
"""

from __future__ import annotations

import asyncio
import contextlib
import os

import asyncssh

from sessions.agent.inputfeed import InputFeed

HIGH_WATER = 256 * 1024  # unwritten input before the channel stops reading


class StdinPipe:
    """An asyncssh writer for channel data: owns the pipe's write end *fd* and closes it after EOF."""

    def __init__(
        self, process: asyncssh.SSHServerProcess[bytes], fd: int, feed: InputFeed | None = None
    ) -> None:
        self.process = process
        self.feed = feed  # shows the customer every line sent (sessions/agent/inputfeed.py)
        self.fd: int | None = fd
        self.loop = asyncio.get_running_loop()
        self.pending = bytearray()
        self.eof = False
        self.paused = False
        self.watching = False
        os.set_blocking(fd, False)

    def start(self) -> None:
        """Take the channel's stdin, including anything sent before the command started."""
        self.process.set_writer(self, True, None)
        self.process.feed_recv_buf(None, self)

    # asyncssh's writer protocol
    def write(self, data: bytes) -> None:
        if self.feed is not None:
            self.feed.data(data)
        if self.fd is None:
            return  # the command stopped reading, or the pipe was closed: discarded
        if not self.pending:
            try:
                data = data[os.write(self.fd, data) :]
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:  # EPIPE: nobody reads any more
                self._stop()
                return
            if not data:
                return
            self._watch(True)
        self.pending += data
        if len(self.pending) > HIGH_WATER and not self.paused:
            self.paused = True
            self.process.pause_feeding(None)

    def write_exception(self, exc: Exception) -> None:
        """Signals, breaks and size changes have no meaning on a pipe (as before, with redirection)."""

    def write_eof(self) -> None:
        if self.feed is not None:
            self.feed.end()
        self.eof = True
        if not self.pending:
            self._stop()

    def close(self) -> None:
        """The channel is gone: stop (what was not written yet goes nowhere)."""
        if self.feed is not None:
            self.feed.end()
        self._stop()

    def _writable(self) -> None:
        assert self.fd is not None
        try:
            del self.pending[: os.write(self.fd, self.pending)]
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._stop()
            return
        if self.pending:
            return
        self._watch(False)
        if self.eof:
            self._stop()
        elif self.paused:
            # Last, and with nothing pending: this may deliver data and the EOF to write()/write_eof().
            self.paused = False
            self.process.resume_feeding(None)

    def _watch(self, on: bool) -> None:
        if on and not self.watching and self.fd is not None:
            self.loop.add_writer(self.fd, self._writable)
            self.watching = True
        elif not on and self.watching and self.fd is not None:
            self.loop.remove_writer(self.fd)
            self.watching = False

    def _stop(self) -> None:
        """Close the pipe (the command sees EOF); later data is discarded, the channel keeps flowing."""
        self._watch(False)
        self.pending.clear()
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None
        if self.paused:
            self.paused = False
            with contextlib.suppress(asyncssh.Error, OSError, KeyError):
                self.process.resume_feeding(None)
