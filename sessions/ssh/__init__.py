"""The one SSH client layer (asyncssh): targets, host-key trust, credentials, connect, PTY shells."""

from sessions.ssh.auth import Credentials
from sessions.ssh.client import STAGES, connect
from sessions.ssh.hostkeys import HostKeyQuestion, HostKeyTrust, fingerprint
from sessions.ssh.shell import ShellSession
from sessions.ssh.target import Target

__all__ = [
    "STAGES",
    "Credentials",
    "HostKeyQuestion",
    "HostKeyTrust",
    "ShellSession",
    "Target",
    "connect",
    "fingerprint",
]
