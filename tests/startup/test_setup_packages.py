"""scripts/setup --app names every Debian package the program's Qt needs on a fresh machine.

A machine that happens to have a library (this one, CI's) hides a missing name: libglib2.0-0 was missing
once, and `valuezone demo` failed on a fresh Debian with ``libglib-2.0.so.0: cannot open shared object
file``. So this reads what Qt's libraries and platform plugins really link against (ldd), finds the package
that owns each library (dpkg -S), and checks that package is one of the ``--app`` packages, something they
depend on, or part of every Debian (priority required).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETUP = ROOT / "scripts" / "setup"

pytestmark = pytest.mark.skipif(
    not (shutil.which("dpkg-query") and shutil.which("ldd")),
    reason="needs a Debian/Ubuntu machine (dpkg, ldd)",
)

#: The Qt modules the console imports, and the platform plugins a desktop uses (X11, Wayland).
_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtCharts")
_PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqwayland.so",
    "xcbglintegrations/libqxcb-egl-integration.so",
)


def _app_packages() -> set[str]:
    text = SETUP.read_text()
    block = re.search(r"APP_PACKAGES=\(([^)]*)\)", text)
    assert block, "scripts/setup has no APP_PACKAGES list"
    return set(block[1].split())


def _qt_files() -> list[Path]:
    pyside = Path(pytest.importorskip("PySide6").__file__).parent
    files = [pyside / f"{module}.abi3.so" for module in _MODULES]
    files += [pyside / "Qt" / "plugins" / plugin for plugin in _PLUGINS]
    return [path for path in files if path.exists()]


def _linked_system_libraries(files: list[Path]) -> set[str]:
    """The system libraries (outside PySide6's own folder) *files* load, resolved by ldd."""
    qt_lib = str(Path(pytest.importorskip("PySide6").__file__).parent / "Qt" / "lib")
    found: set[str] = set()
    for path in files:
        out = subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True, env={"LD_LIBRARY_PATH": qt_lib}, check=True
        ).stdout
        for line in out.splitlines():
            assert "not found" not in line, f"{path.name} needs {line.split()[0]}, which is not installed"
            match = re.search(r"=> (/\S+)", line)
            if match and "PySide6" not in match[1] and "shiboken6" not in match[1]:
                found.add(match[1])
    return found


def _owners(libraries: set[str]) -> dict[str, str]:
    """The package that owns each library (by its real path or the path ldd gave; usrmerge: /lib is
    /usr/lib); a library no package owns (this machine's own build) is left out."""
    names = {}
    for library in libraries:
        for path in {library, str(Path(library).resolve())}:
            for candidate in (path, re.sub("^/usr/lib/", "/lib/", path), re.sub("^/lib/", "/usr/lib/", path)):
                names.setdefault(candidate, library)
    out = subprocess.run(["dpkg", "-S", *names], capture_output=True, text=True).stdout
    owners = {}
    for line in out.splitlines():
        packages, _, path = line.partition(": ")
        if path in names:
            owners[names[path]] = packages.split(",")[0].split(":")[0].strip()
    return owners


_NAMES_RE = re.compile(r"(?:^|[,|])\s*([a-z0-9][a-z0-9+.-]+)")


def _installed() -> tuple[dict[str, tuple[str, str]], dict[str, set[str]]]:
    """Installed package -> (its Depends and Pre-Depends, its Priority); and name -> the installed packages
    that are it or provide it (Debian 13 and Ubuntu 24.04: libglib2.0-0t64 provides libglib2.0-0)."""
    out = subprocess.run(
        [
            "dpkg-query",
            "-W",
            "-f=${db:Status-Abbrev}\\t${Package}\\t${Depends},${Pre-Depends}\\t${Priority}\\t${Provides}\\n",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    table, names = {}, {}
    for line in out.splitlines():
        status, package, depends, priority, provides = line.split("\t")
        if not status.startswith("ii"):
            continue
        table[package] = (depends, priority)
        for name in [package, *_NAMES_RE.findall(provides)]:
            names.setdefault(name, set()).add(package)
    return table, names


def _with_dependencies(
    packages: set[str], installed: dict[str, tuple[str, str]], names: dict[str, set[str]]
) -> set[str]:
    """The installed packages that are or provide *packages*, and everything they depend on (Depends and
    Pre-Depends, every alternative)."""
    seen: set[str] = set()
    todo = list(packages)
    while todo:
        for package in names.get(todo.pop(), ()):
            if package not in seen:
                seen.add(package)
                todo += _NAMES_RE.findall(installed[package][0])
    return seen


def test_app_packages_cover_what_qt_links():
    """Every system library Qt loads comes from an --app package, their dependencies, or Debian's base."""
    libraries = _linked_system_libraries(_qt_files())
    assert libraries, "ldd found no system library: is PySide6 installed?"
    installed, names = _installed()
    covered = _with_dependencies(_app_packages(), installed, names)
    missing = {
        library: owner
        for library, owner in _owners(libraries).items()
        if owner not in covered and installed.get(owner, ("", ""))[1] != "required"
    }
    assert not missing, f"scripts/setup's APP_PACKAGES lacks the packages of {missing}"


def test_setup_refuses_an_unknown_option():
    done = subprocess.run([str(SETUP), "--ap"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "usage: scripts/setup [--app]" in done.stderr


def test_the_launcher_runs_the_installed_valuezone():
    """scripts/valuezone runs `valuezone` with the interpreter Valuezone is installed for."""
    done = subprocess.run(
        [str(ROOT / "scripts" / "valuezone"), "demo", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "VIRTUAL_ENV": sys.prefix},
    )
    assert done.returncode == 0, done.stderr
    assert "usage: valuezone demo" in done.stdout
    assert done.stderr == ""
