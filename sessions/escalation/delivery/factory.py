"""One deliverer per destination URL, with the options a destination may need (CA file, key file, trust)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sessions.escalation.delivery import Deliverer, parse_destination
from sessions.ssh import HostKeyTrust


@dataclass(frozen=True, slots=True)
class DeliveryOptions:
    """How to reach destinations: HQ's CA for https, a key file and the host-key policy for sftp."""

    ca_file: Path | None = None
    key_file: Path | None = None
    trust: HostKeyTrust | None = None
    timeout: float = 60.0


def deliverer_for(url: str, options: DeliveryOptions | None = None) -> Deliverer:
    """The deliverer for *url* (sftp:// or https://)."""
    options = options or DeliveryOptions()
    destination = parse_destination(url)
    if destination.scheme == "sftp":
        from sessions.escalation.delivery.sftp import SftpDeliverer

        return SftpDeliverer(
            destination, trust=options.trust, key_file=options.key_file, timeout=min(options.timeout, 30.0)
        )
    from sessions.escalation.delivery.https import HttpsDeliverer

    return HttpsDeliverer(destination, ca_file=options.ca_file, timeout=options.timeout)
