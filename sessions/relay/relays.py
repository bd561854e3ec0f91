"""A relay address as the technician gives it: one `HOST:PORT`, a list `A:2222,B:2222`, or a name with
several addresses. All relays of one deployment present one host key (docs/relay-cluster.md).

Every relay of a list is checked against the known_hosts entry of the list's *first* address (the
deployment's name, as OpenSSH's HostKeyAlias does): one line for the deployment, asked about once, and a
relay presenting any other key is refused as "host key changed", whichever address it answered on.
"""

from __future__ import annotations

from collections.abc import Sequence

from sessions.errors import InvalidTargetError
from sessions.ssh.deadline import ConnectDeadline
from sessions.ssh.hostkeys import HostKeyCheck, HostKeyTrust
from sessions.ssh.target import Target

RelayAddress = Target | Sequence[Target]


def parse_relays(text: str) -> tuple[Target, ...]:
    """`relay1:2222,relay2:2222` (or one address) → its targets, in order; empty parts are skipped."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts:
        raise InvalidTargetError(
            "No relay address was given.",
            "Write it as HOST:PORT, or several as HOST:PORT,HOST:PORT (the relays of one deployment).",
            code="relay.no_address",
        )
    return tuple(Target.parse(part) for part in parts)


def relay_list(relay: RelayAddress) -> tuple[Target, ...]:
    """*relay* as a tuple of targets (one Target is a list of one)."""
    return (relay,) if isinstance(relay, Target) else tuple(relay)


def in_turn(relays: Sequence[Target], first: Target) -> list[Target]:
    """*relays* starting from *first* (the one last used), then the others in their order after it."""
    start = relays.index(first) if first in relays else 0
    return [relays[(start + step) % len(relays)] for step in range(len(relays))]


class DeploymentTrust(HostKeyTrust):
    """*trust*, with every host checked (and first trusted) under the deployment's one name."""

    def __init__(self, trust: HostKeyTrust, name: Target) -> None:
        super().__init__(
            trust.known_hosts, trust.read_user_known_hosts, trust.ask, trust.accept_new, trust.notify
        )
        self.name = name

    def check(self, host: str, port: int, deadline: ConnectDeadline | None = None) -> HostKeyCheck:
        return super().check(self.name.host, self.name.port, deadline)
