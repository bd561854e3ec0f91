"""Run a Python snippet where file permission bits apply (the tests run as root, whom they do not stop).

Two ways, the first that works on this machine: as `nobody` (setpriv --reuid), or as root without the
capabilities that override permission bits (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH dropped from the bounding
set) — the second where `nobody` cannot reach this interpreter (pyenv under /root, mode 700). A test that
needs this skips, saying why, only when neither works. Not root already: the snippet runs as this user.
"""

from __future__ import annotations

import functools
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The snippet that proves a way works: it imports the project and is refused a folder of mode 555.
_PROBE = """
import sys, translation.cache
try:
    open(sys.argv[1] + "/probe", "w")
except PermissionError:
    raise SystemExit(0)
raise SystemExit(3)
"""


def _ways() -> Iterator[tuple[str, list[str]]]:
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pass
    else:
        yield "nobody", [setpriv, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
    yield "root without CAP_DAC_OVERRIDE", [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


@functools.cache
def way() -> tuple[str, list[str]] | str:
    """(who, argv prefix) for the first way that works here, or why none does."""
    if os.geteuid() != 0:
        return "this user", []
    tried = []
    with shared_folder() as folder:
        locked = folder / "locked"
        locked.mkdir(mode=0o555)
        for who, prefix in _ways():
            done = subprocess.run(
                [*prefix, sys.executable, "-c", _PROBE, str(locked)],
                env=environment(),
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            if done.returncode == 0:
                return who, prefix
            tried.append(f"{who}: exit {done.returncode} {done.stderr.strip()[-200:]}")
    return "no way to run Python where permission bits apply: " + ("; ".join(tried) or "no setpriv")


def environment() -> dict[str, str]:
    """This environment with the project first on the import path (also for another user)."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYENV_REHASH_TIMEOUT": "1"}


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A fresh folder everyone may enter (pytest's tmp_path is root's alone, mode 700); removed after."""
    folder = Path(tempfile.mkdtemp(prefix="vz-unprivileged-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run *code* with *args* under way()'s prefix; the caller has checked way() is not a reason."""
    found = way()
    assert not isinstance(found, str), found
    return subprocess.run(
        [*found[1], sys.executable, "-c", code, *args],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
