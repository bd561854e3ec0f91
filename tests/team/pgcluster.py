"""A real PostgreSQL for tests and benchmarks: initdb and pg_ctl as an unprivileged user, on 127.0.0.1.

PostgreSQL refuses to run as root (CI runs as root), so the cluster belongs to the `valuezone-pg` system
user, created when missing (`nobody` when it cannot be). The data folder, log and Unix socket live in one
temporary folder that user owns. Speed over safety: fsync off; the cluster is thrown away afterwards.
"""

from __future__ import annotations

import contextlib
import glob
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

OS_USER = "valuezone-pg"
APP_ROLE = "valuezone"


def pg_bin() -> Path | None:
    """The newest PostgreSQL server binaries folder (Debian: /usr/lib/postgresql/N/bin), or None."""
    if os.environ.get("VALUEZONE_PG_BIN"):
        return Path(os.environ["VALUEZONE_PG_BIN"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def missing_reason() -> str:
    """Why a cluster cannot start here ('' when it can)."""
    folder = pg_bin()
    if folder is None or not (folder / "initdb").exists() or not (folder / "pg_ctl").exists():
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the psycopg package is not installed: pip install 'psycopg[binary]'"
    return ""


def _os_user() -> str | None:
    """The user the cluster runs as (None: this process, when it is not root)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(OS_USER)
        return OS_USER
    except KeyError:
        pass
    made = subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER],
        capture_output=True,
    )
    return OS_USER if made.returncode == 0 else "nobody"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgCluster:
    """A running cluster: `database()` makes a fresh database owned by the ordinary role `valuezone`."""

    base: Path
    port: int
    user: str | None
    bin: Path
    _count: int = 0

    def _as_user(self, *argv: str) -> list[str]:
        return ["runuser", "-u", self.user, "--", *argv] if self.user else list(argv)

    def admin_url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def url(self, database: str) -> str:
        return f"postgresql://{APP_ROLE}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.admin_url(database), autocommit=True) as conn:
            conn.execute(sql)

    def database(self, prefix: str = "vz") -> str:
        """A new empty database owned by `valuezone`; returns its URL."""
        self._count += 1
        name = f"{prefix}_{os.getpid()}_{self._count}"
        self.admin(f'CREATE DATABASE "{name}" OWNER {APP_ROLE}')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(
            self._as_user(str(self.bin / "pg_ctl"), "-D", str(self.base / "data"), "-m", "immediate", "stop"),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.base, ignore_errors=True)


def start_cluster() -> PgCluster:
    """initdb + pg_ctl start on a free loopback port; RuntimeError with PostgreSQL's log when it fails."""
    folder = pg_bin()
    assert folder is not None, missing_reason()
    user = _os_user()
    base = Path(tempfile.mkdtemp(prefix="vz-pg-"))
    if user:
        info = pwd.getpwnam(user)
        os.chown(base, info.pw_uid, info.pw_gid)
    cluster = PgCluster(base, 0, user, folder)
    run = lambda *argv: subprocess.run(cluster._as_user(*argv), capture_output=True, text=True, timeout=120)  # noqa: E731
    made = run(str(folder / "initdb"), "-D", str(base / "data"), "-U", "postgres", "-A", "trust",
               "-E", "UTF8", "--no-locale", "--no-sync")  # fmt: skip
    if made.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {made.stderr}")
    for _attempt in range(5):
        cluster.port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {cluster.port} -k {base} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        started = run(str(folder / "pg_ctl"), "-D", str(base / "data"), "-l", str(base / "log"),
                      "-w", "-t", "60", "-o", options, "start")  # fmt: skip
        if started.returncode == 0:
            break
        time.sleep(0.2)
    else:
        log = (base / "log").read_text(errors="replace") if (base / "log").exists() else ""
        cluster.stop()
        raise RuntimeError(f"pg_ctl start failed: {started.stderr}\n{log[-2000:]}")
    cluster.admin(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS")
    return cluster


@contextlib.contextmanager
def running_cluster() -> Iterator[PgCluster]:
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()
