"""SFTP delivery: upload to `<id>.tar.gz.part`, verify size and SHA-256, rename; skip when already there."""

from __future__ import annotations

import hashlib
import logging
import posixpath
from pathlib import Path
from typing import cast

import asyncssh

from sessions.errors import (
    AuthenticationError,
    ConnectError,
    DeliveryError,
    HostKeyError,
    SupportError,
)
from sessions.escalation.delivery import Destination, Receipt
from sessions.ssh import Credentials, HostKeyTrust, Target, connect

log = logging.getLogger(__name__)
BLOCK = 8 << 20


class SftpDeliverer:
    """Delivers to an SFTP drop folder; the password comes from the keyring (kind "password", user@host:port).

    Args:
        trust: host-key policy; the unattended default refuses an unknown key (accept it once with
            `valuezone escalate send --accept-new`).
        key_file: a private key file to log in with (the ssh-agent and ~/.ssh keys are tried too).
    """

    def __init__(
        self,
        destination: Destination,
        *,
        trust: HostKeyTrust | None = None,
        credentials: Credentials | None = None,
        key_file: Path | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.destination = destination
        self.trust = trust or HostKeyTrust()
        self.credentials = credentials or Credentials()
        self.target = Target(destination.host, destination.port, destination.user, key_file)
        self.timeout = timeout

    async def deliver(self, bundle: Path, bundle_id: str, sha256: str, size: int) -> Receipt:
        where = f"the SFTP drop {self.destination.origin}"
        try:
            conn = await connect(
                self.target, trust=self.trust, credentials=self.credentials, timeout=self.timeout
            )
        except (AuthenticationError, HostKeyError) as exc:
            raise DeliveryError(
                f"Logging in to {where} failed: {exc.message}",
                exc.hint,
                retryable=False,
                code="delivery.login_failed",
                params={"where": where, "message": exc.message},
            ) from exc
        except ConnectError as exc:
            raise DeliveryError(
                f"{where} cannot be reached: {exc.message}",
                "It is retried later.",
                code="delivery.unreachable",
                params={"where": where, "message": exc.message},
            ) from exc
        try:
            async with conn, conn.start_sftp_client() as sftp:
                receipt = await self._upload(sftp, bundle, bundle_id, sha256, size)
        except SupportError:
            raise
        except asyncssh.SFTPPermissionDenied as exc:
            raise DeliveryError(
                f"{where} refused to let us write to {self.destination.path} ({exc.reason}).",
                "Ask HQ to give this account write access to the folder, then choose Retry.",
                retryable=False,
                code="delivery.write_refused",
                params={"where": where, "path": self.destination.path, "reason": exc.reason},
            ) from exc
        except (asyncssh.Error, OSError, EOFError) as exc:
            raise DeliveryError(
                f"The upload to {where} was interrupted ({type(exc).__name__}: {exc}).",
                "It is retried later.",
                code="delivery.sftp_interrupted",
                params={"where": where, "kind": type(exc).__name__, "exc": exc},
            ) from exc
        return receipt

    async def _upload(
        self, sftp: asyncssh.SFTPClient, bundle: Path, bundle_id: str, sha256: str, size: int
    ) -> Receipt:
        final = posixpath.join(self.destination.path, f"{bundle_id}.tar.gz")
        part = f"{final}.part"
        if await sftp.exists(final):
            if await _remote_digest(sftp, final, size) == sha256:
                return Receipt(bundle_id, sha256, already=True)
            raise DeliveryError(
                f"The SFTP drop already holds {final}, but it is not this bundle (other size or SHA-256).",
                "Ask HQ to check that file; nothing was overwritten.",
                retryable=False,
                code="delivery.name_taken",
                params={"final": final},
            )
        await sftp.put(str(bundle), part, block_size=256 << 10, max_requests=64)
        digest = await _remote_digest(sftp, part, size)
        if digest != sha256:
            await sftp.remove(part)
            raise DeliveryError(
                f"The uploaded copy of {bundle_id} did not match (SHA-256 {digest[:12]}…).",
                code="delivery.upload_mismatch",
                params={"bundle_id": bundle_id, "digest": digest[:12]},
            )
        try:
            await sftp.posix_rename(part, final)
        except asyncssh.SFTPOpUnsupported:
            await sftp.rename(part, final)
        log.info("bundle %s delivered to %s", bundle_id, self.destination.origin)
        return Receipt(bundle_id, sha256)


async def _remote_digest(sftp: asyncssh.SFTPClient, path: str, size: int) -> str:
    """SHA-256 of a remote file read back, or "" when its size is not *size*."""
    attrs = await sftp.stat(path)
    if attrs.size != size:
        return ""
    digest = hashlib.sha256()
    async with sftp.open(path, "rb") as fh:
        while data := await fh.read(BLOCK):
            digest.update(cast(bytes, data))
    return digest.hexdigest()
