"""The chat channel: JSON lines on subsystem `chat@valuezone` inside the inner SSH session."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import asyncssh

from sessions.chat.message import ChatMessage
from sessions.errors import SessionClosedError

SUBSYSTEM = "chat@valuezone"
MAX_LINE = 64 * 1024

log = logging.getLogger(__name__)


class ChatLink:
    """One end of a chat channel.

    Incoming messages go to `on_message` (if set) and to anyone iterating `async for msg in link`.
    Lines with a ``"type"`` (questions, answers: sessions.chat.questions) go to `on_typed` instead.
    A line that is neither is logged and skipped; the channel stays up.
    """

    def __init__(
        self, reader: Any, writer: Any, *, on_message: Callable[[ChatMessage], None] | None = None
    ) -> None:
        self._reader = reader
        self._writer = writer
        self.on_message = on_message
        self.on_typed: Callable[[dict[str, Any]], None] | None = None
        self._queue: asyncio.Queue[ChatMessage | None] = asyncio.Queue()
        self._closed = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self._read())

    @classmethod
    async def open(
        cls, conn: asyncssh.SSHClientConnection, *, on_message: Callable[[ChatMessage], None] | None = None
    ) -> ChatLink:
        """The technician's end: open the chat subsystem on an inner SSH connection to an agent."""
        try:
            writer, reader, _ = await conn.open_session(subsystem=SUBSYSTEM, encoding=None)
        except asyncssh.ChannelOpenError as exc:
            raise SessionClosedError(
                f"The chat could not be opened ({exc.reason}).",
                "The session may have ended; join again.",
                code="chat.open_failed",
                params={"reason": exc.reason},
            ) from exc
        return cls(reader, writer, on_message=on_message)

    async def _read(self) -> None:
        try:
            while True:
                raw = await self._reader.readline()
                if not raw:
                    break
                line = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
                if len(line) > MAX_LINE or not line.strip():
                    continue
                try:
                    value = json.loads(line)
                    if not isinstance(value, dict):
                        raise ValueError("a chat line must be a JSON object")
                    if value.get("type", "chat") != "chat":
                        self._typed(value)
                        continue
                    message = ChatMessage.from_dict(value)
                except ValueError as exc:
                    log.warning("skipping a chat line that is not a message: %s", exc)
                    continue
                if self.on_message is not None:
                    self.on_message(message)
                self._queue.put_nowait(message)
        except (asyncssh.Error, OSError, asyncio.IncompleteReadError, asyncssh.TerminalSizeChanged):
            pass
        finally:
            self._closed.set()
            self._queue.put_nowait(None)

    def _typed(self, value: dict[str, Any]) -> None:
        if self.on_typed is None:
            log.info("no one takes %r lines on this chat channel; skipped", value.get("type"))
            return
        try:
            self.on_typed(value)
        except Exception:  # a handler's bug must not close the chat
            log.exception("handling a %r line failed", value.get("type"))

    async def send(self, message: ChatMessage) -> None:
        """Send one message; raises SessionClosedError when the channel is gone."""
        await self._send_line(message.to_line())

    async def send_typed(self, data: dict[str, Any]) -> None:
        """Send one typed line (a question, an answer, a cancel); raises SessionClosedError when closed."""
        await self._send_line(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")

    async def _send_line(self, data: str) -> None:
        if self._closed.is_set():
            raise SessionClosedError(
                "The chat is closed: the session has ended.",
                "Join again to keep chatting.",
                code="chat.closed",
            )
        try:
            self._writer.write(data.encode("utf-8") if self._binary else data)
            await self._writer.drain()
        except (asyncssh.Error, OSError, BrokenPipeError) as exc:
            raise SessionClosedError(
                "The chat message could not be sent: the session has ended.", code="chat.send_failed"
            ) from exc

    @property
    def _binary(self) -> bool:
        channel = getattr(self._writer, "channel", None)
        return channel is None or channel.get_encoding()[0] is None

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    async def wait_closed(self) -> None:
        await self._closed.wait()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._writer.close()
        self._task.cancel()

    def __aiter__(self) -> AsyncIterator[ChatMessage]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[ChatMessage]:
        while True:
            message = await self._queue.get()
            if message is None:
                self._queue.put_nowait(None)  # wake any other iterator too
                return
            yield message
