"""Importing the hosts of an OpenSSH config into the device book: a preview, then one add per host."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sessions.devices import Device, DeviceBook
from sessions.errors import SupportError
from sessions.sshconfig import SshHost


class Standing(enum.Enum):
    """How a host of the config relates to the book (the preview ticks only NEW ones)."""

    NEW = "new"
    KNOWN = "known"  # a device with the same address, port and user is in the book
    NAME_TAKEN = "name taken"  # another device already has this name


@dataclass(frozen=True, slots=True)
class Candidate:
    """One row of the preview."""

    host: SshHost
    standing: Standing
    existing: str = ""  # the name of the device it matches or collides with

    @property
    def ticked(self) -> bool:
        return self.standing is Standing.NEW


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: tuple[Device, ...]
    failed: tuple[tuple[str, SupportError], ...]  # (alias, why): one bad host never stops the rest


def _same_place(device: Device, host: SshHost) -> bool:
    return (
        device.host.lower() == host.hostname.lower()
        and device.port == host.port
        and (device.user or "") == (host.user or "")
    )


def candidates(book: DeviceBook, hosts: list[SshHost]) -> list[Candidate]:
    """The preview: each host of the config with how it stands against the book."""
    devices = book.list()
    out = []
    for host in hosts:
        same = next((d for d in devices if _same_place(d, host)), None)
        named = next((d for d in devices if d.name.casefold() == host.alias.casefold()), None)
        if same is not None:
            out.append(Candidate(host, Standing.KNOWN, same.name))
        elif named is not None:
            out.append(Candidate(host, Standing.NAME_TAKEN, named.name))
        else:
            out.append(Candidate(host, Standing.NEW))
    return out


def import_hosts(book: DeviceBook, hosts: list[SshHost], folder: str = "") -> ImportResult:
    """Add each host as a device (named by its alias) in *folder*; failures are collected, not raised."""
    added: list[Device] = []
    failed: list[tuple[str, SupportError]] = []
    for host in hosts:
        try:
            device = book.add(
                host.alias,
                host.hostname,
                host.port,
                host.user,
                notes=host.device_notes(),
                key_file=host.identity_file,
                folder=folder,
            )
        except SupportError as exc:
            failed.append((host.alias, exc))
        else:
            added.append(device)
    return ImportResult(tuple(added), tuple(failed))
