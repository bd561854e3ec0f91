"""A real OpenSSH sshd on 127.0.0.1 for tests: temporary config, host key and authorized key.

Used through the fixtures in conftest.py. Password login uses a real local account (created once,
as root), because sshd checks passwords against the system.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
PASSWORD_USER = "vztest"
PASSWORD = "Tr0ub4dor&3-vz-test-secret"


def free_port() -> int:
    """A port nothing listens on right now (only for programs that cannot bind port 0 themselves)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def keygen(path: Path, kind: str = "ed25519", comment: str = "vz-test") -> Path:
    """Create an unencrypted OpenSSH key pair at *path* (and *path*.pub)."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", kind, "-N", "", "-C", comment, "-f", str(path)],
        check=True,
    )
    return path


def ensure_password_user() -> bool:
    """Create the local password account once; False if we cannot (not root)."""
    try:
        pwd.getpwnam(PASSWORD_USER)
    except KeyError:
        if os.geteuid() != 0:
            return False
        subprocess.run(["useradd", "-m", "-s", "/bin/bash", PASSWORD_USER], check=True)
    if os.geteuid() == 0:
        subprocess.run(["chpasswd"], input=f"{PASSWORD_USER}:{PASSWORD}\n", text=True, check=True)
    return True


@dataclass
class Sshd:
    """A running sshd: where it listens, who may log in, and with what."""

    host: str
    port: int
    user: str
    client_key: Path
    host_key: Path
    folder: Path
    process: subprocess.Popen[bytes]

    @property
    def host_key_pub(self) -> str:
        return Path(f"{self.host_key}.pub").read_text().strip()

    def known_hosts_line(self) -> str:
        kind, blob = self.host_key_pub.split()[:2]
        return f"[{self.host}]:{self.port} {kind} {blob}\n"

    def fingerprint(self) -> str:
        out = subprocess.run(
            ["ssh-keygen", "-l", "-E", "sha256", "-f", f"{self.host_key}.pub"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return out.split()[1]


def _listening(port: int, process: subprocess.Popen[bytes], log: Path) -> bool:
    """Wait until sshd says it listens on *port*; False if the port was taken first (try another)."""
    deadline = time.monotonic() + 10
    ready = f"Server listening on 127.0.0.1 port {port}."
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        if ready in text:
            return True
        if process.poll() is not None:
            if "Address already in use" in text:
                return False
            raise RuntimeError(f"sshd exited: {text}")
        time.sleep(0.05)
    raise RuntimeError("sshd did not start listening within 10 s")


@functools.cache
def _penalties_off() -> str:
    """``PerSourcePenalties no`` where sshd has it (OpenSSH 9.8 on, Debian 13): its default refuses a source
    that made many connections or failed logins ("Not allowed at this time"), and the tests all come from
    127.0.0.1 on purpose. Older sshd refuses the unknown option, so it is asked first."""
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "probe_config"
        config.write_text("PerSourcePenalties no\n")
        done = subprocess.run([SSHD, "-t", "-f", str(config)], capture_output=True, text=True, timeout=20)
    unknown = "Bad configuration option" in done.stderr or "Unsupported option" in done.stderr
    return "" if unknown else "PerSourcePenalties no"


# What Debian's stock sshd_config and built-in defaults do differently from the test config above:
# PAM account and session modules on every login, at most 10 sessions per connection, and SFTP as a
# separate sftp-server program started through the user's shell. Benchmarks use it (`stock=True`).
STOCK = """UsePAM yes
MaxSessions 10
Subsystem sftp /usr/lib/openssh/sftp-server
PrintMotd no
LogLevel INFO
"""


@contextlib.contextmanager
def run_sshd(
    folder: Path,
    *,
    host_key: Path | None = None,
    client_key: Path | None = None,
    extra: str = "",
    stock: bool = False,
) -> Iterator[Sshd]:
    """Start sshd in *folder*; reuse *host_key* / *client_key* when given (to test key changes).

    *extra* settings win over the test defaults (sshd keeps the first value it reads; a Subsystem line
    there replaces the test's SFTP, which sshd would refuse to see twice); *stock* uses
    Debian's defaults for what costs time per session (STOCK) instead of the lighter test settings.
    """
    folder.mkdir(parents=True, exist_ok=True)
    Path("/run/sshd").mkdir(exist_ok=True)  # privilege-separation directory sshd insists on
    host_key = host_key or keygen(folder / "host_ed25519")
    client_key = client_key or keygen(folder / "client_ed25519")
    authorized = folder / "authorized_keys"
    shutil.copy(f"{client_key}.pub", authorized)
    os.chmod(authorized, 0o600)
    user = pwd.getpwuid(os.geteuid()).pw_name
    log = folder / "sshd.log"
    config = folder / "sshd_config"
    # sshd cannot listen on port 0 and say which port it got, so it is given a free one; when another
    # program takes that port first, sshd says so and exits, and it is started again on another.
    for _attempt in range(5):
        port = free_port()
        config.write_text(
            f"""{extra}
{STOCK if stock else ""}
ListenAddress 127.0.0.1
Port {port}
HostKey {host_key}
PidFile {folder / "sshd.pid"}
AuthorizedKeysFile {authorized}
StrictModes no
UsePAM no
PermitRootLogin yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AcceptEnv LANG LC_*
# A machine whose shell start-up runs `pyenv init` waits up to 60 s on a lock left by a killed shell;
# one second is enough for every test's shell (pyenv only warns).
SetEnv PYENV_REHASH_TIMEOUT=1
{"" if stock or "Subsystem" in extra else "Subsystem sftp internal-sftp"}
LogLevel VERBOSE
MaxSessions 64
MaxStartups 100:30:200
{_penalties_off()}
"""
        )
        process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(config)], stdout=subprocess.DEVNULL, stderr=log.open("wb")
        )
        try:
            if _listening(port, process, log):
                break
        except RuntimeError:
            process.kill()
            raise
    else:
        raise RuntimeError("every port sshd was given was taken by another program first (5 tries)")
    try:
        yield Sshd("127.0.0.1", port, user, client_key, host_key, folder, process)
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(5)
        if process.poll() is None:
            process.kill()
