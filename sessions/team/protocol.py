"""The team server's wire format: framed JSON requests and binary file chunks on an SSH subsystem.

A technician's console opens a session channel on its relay connection with subsystem `valuezone-team`.
Each frame is a 4-byte big-endian length, then one kind byte and the payload: `J` a UTF-8 JSON object,
`B` a chunk of file bytes. The client sends one request (`{"op": …, "id": n, …}`) and reads its answer
(`{"id": n, "ok": true, …}` or `{"id": n, "ok": false, "error": {"code", "message", "hint"}}`) before
the next; a request that carries files is followed at once by their bytes as `B` frames, and an answer
that carries files is followed by theirs. See docs/team-server.md for every operation.
"""

from __future__ import annotations

import json
import struct
from typing import Any

from sessions.errors import SupportError

SUBSYSTEM = "valuezone-team"
VERSION = 1
MAX_JSON = 1 << 20  # a request or answer: 1 MiB
MAX_CHUNK = 1 << 20  # one B frame
CHUNK = 256 << 10  # what senders put in one B frame
MAX_RECORD = 512 << 20  # all files of one record together (the server's --team-max-record-mb)
RECORD_FILES = ("session.json", "events.jsonl", "terminal.cast")
_HEADER = struct.Struct(">I")


class TeamProtocolError(SupportError):
    """The other side broke the framing or sent something that is not a request/answer."""

    default_code = "team_protocol.broken"


class TeamRefusal(SupportError):
    """The server said no: ``reason`` says why (refused, forbidden, not-found, too-large, bad-request…)."""

    default_code = "team.refused"

    def __init__(self, reason: str, message: str, hint: str = "", **coded: Any) -> None:
        super().__init__(message, hint, **coded)
        self.reason = reason

    def to_json(self) -> dict[str, Any]:
        """On the wire: ``code`` is the reason (protocol 1); ``error_code`` and ``params`` the stable code."""
        params = {key: str(value) for key, value in self.params.items()}
        return {
            "code": self.reason,
            "message": self.message,
            "hint": self.hint,
            "error_code": self.code,
            "params": params,
        }


def frame(kind: bytes, payload: bytes) -> bytes:
    return _HEADER.pack(len(payload) + 1) + kind + payload


def json_frame(message: dict[str, Any]) -> bytes:
    data = json.dumps(message, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    if len(data) > MAX_JSON:
        raise TeamProtocolError(
            f"A message of {len(data)} bytes is over the {MAX_JSON}-byte limit.",
            code="team_protocol.message_too_big",
            params={"size": len(data), "MAX_JSON": MAX_JSON},
        )
    return frame(b"J", data)


async def read_frame(reader: Any, *, limit: int = MAX_CHUNK) -> tuple[bytes, bytes] | None:
    """(kind, payload) of the next frame; None at a clean end of stream."""
    head = await reader.read(_HEADER.size)
    if not head:
        return None
    while len(head) < _HEADER.size:
        more = await reader.read(_HEADER.size - len(head))
        if not more:
            raise TeamProtocolError(
                "The connection ended inside a frame header.", code="team_protocol.header_cut"
            )
        head += more
    (size,) = _HEADER.unpack(head)
    if size < 1 or size > max(limit, MAX_JSON) + 1:
        raise TeamProtocolError(
            f"A frame of {size} bytes is over the limit.",
            "Update Valuezone.",
            code="team_protocol.frame_too_big",
            params={"size": size},
        )
    body = await reader.readexactly(size)
    kind, payload = body[:1], body[1:]
    if kind not in (b"J", b"B"):
        raise TeamProtocolError(
            f"Unknown frame kind {kind!r}.",
            "Update Valuezone.",
            code="team_protocol.unknown_frame",
            params={"kind": kind},
        )
    return kind, payload


def decode_json(payload: bytes) -> dict[str, Any]:
    try:
        value = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise TeamProtocolError(
            f"A message is not UTF-8 JSON ({exc}).", code="team_protocol.not_json", params={"exc": exc}
        ) from exc
    if not isinstance(value, dict):
        raise TeamProtocolError("A message is not a JSON object.", code="team_protocol.not_an_object")
    return value


def error_answer(request_id: Any, refusal: TeamRefusal) -> dict[str, Any]:
    return {"id": request_id, "ok": False, "error": refusal.to_json()}
