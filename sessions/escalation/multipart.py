"""multipart/form-data with the bundle as the last part: streamed out by the client, streamed in by HQ."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

MAX_HEAD = 64 << 10
_DISPOSITION = re.compile(rb'content-disposition:[^\r\n]*\bname="([^"]*)"', re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Envelope:
    """The bytes before and after the file's content, and the Content-Type header to send."""

    content_type: str
    head: bytes
    tail: bytes

    def length(self, file_size: int) -> int:
        return len(self.head) + file_size + len(self.tail)


def envelope(fields: Mapping[str, str], file_field: str, filename: str, boundary: str = "") -> Envelope:
    """The multipart framing around one file, with *fields* as parts before it."""
    boundary = boundary or f"vz-{uuid.uuid4().hex}"
    head = b""
    for name, value in fields.items():
        head += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n').encode()
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
        "Content-Type: application/gzip\r\n\r\n"
    ).encode()
    return Envelope(f"multipart/form-data; boundary={boundary}", head, f"\r\n--{boundary}--\r\n".encode())


def boundary_of(content_type: str) -> str | None:
    match = re.search(r'boundary="?([^";]+)"?', content_type or "")
    return match.group(1) if content_type.startswith("multipart/form-data") and match else None


def parse_head(head: bytes, boundary: str) -> tuple[dict[str, str], str] | None:
    """(fields, file field name) from everything up to the file content; None if *head* is incomplete."""
    end = head.rfind(b"\r\n\r\n")
    delimiter = f"--{boundary}".encode()
    parts = head[: end + 4].split(delimiter)
    if end < 0 or not parts or parts[0] not in (b"", b"\r\n"):
        return None
    fields: dict[str, str] = {}
    file_field = ""
    for part in parts[1:]:
        headers, sep, body = part.partition(b"\r\n\r\n")
        name = _DISPOSITION.search(headers)
        if not sep or name is None:
            return None
        if b"filename=" in headers:
            file_field = name.group(1).decode()
        else:
            fields[name.group(1).decode()] = body.removesuffix(b"\r\n").decode("utf-8", "replace")
    return (fields, file_field) if file_field else None


def closing(boundary: str) -> bytes:
    return f"\r\n--{boundary}--\r\n".encode()
