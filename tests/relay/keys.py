"""Technician-key test helpers: no keyring (the fail backend), a real ssh-agent, a relay listing a key."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import keyring
import keyring.backends.fail

from sessions.relay.server import Relay, RelayConfig
from sessions.relay.techkey import TechnicianKey

TECH_NAME = "Kim Minsu <kim@acme.example>"


@contextlib.contextmanager
def no_keyring() -> Iterator[None]:
    """What a headless box gets: keyring's fail backend, which raises NoKeyringError on every call."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def technicians_file(folder: Path, *keys: TechnicianKey) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "technicians"
    lines = [" ".join(key.public_line.split()[:2]) + f" {TECH_NAME}\n" for key in keys]
    path.write_text("".join(lines))
    return path


@contextlib.asynccontextmanager
async def relay_listing(folder: Path, *keys: TechnicianKey) -> AsyncIterator[Relay]:
    """A real relay on 127.0.0.1:0 whose technicians file lists *keys*."""
    relay = await Relay.start(
        RelayConfig(technicians_file=technicians_file(folder, *keys), state_dir=folder / "relay-state")
    )
    try:
        yield relay
    finally:
        await relay.close()


@contextlib.contextmanager
def ssh_agent(folder: Path) -> Iterator[Path]:
    """A real OpenSSH ssh-agent in the foreground on a socket in *folder*; stopped at the end."""
    sock = folder / "agent.sock"
    process = subprocess.Popen(["ssh-agent", "-D", "-a", str(sock)], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not sock.exists():
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("ssh-agent did not start")
            time.sleep(0.02)
        yield sock
    finally:
        process.terminate()
        process.wait(5)


def ssh_add(sock: Path, key: Path, passphrase: str, folder: Path) -> None:
    """`ssh-add KEY` as a person runs it, the passphrase typed through SSH_ASKPASS."""
    askpass = folder / "askpass.sh"
    askpass.write_text('#!/bin/sh\nprintf "%s\\n" "$VZ_TEST_PASSPHRASE"\n')
    askpass.chmod(0o700)
    env = {
        **os.environ,
        "SSH_AUTH_SOCK": str(sock),
        "SSH_ASKPASS": str(askpass),
        "SSH_ASKPASS_REQUIRE": "force",
        "DISPLAY": ":0",
        "VZ_TEST_PASSPHRASE": passphrase,
    }
    subprocess.run(["ssh-add", str(key)], env=env, check=True, capture_output=True, stdin=subprocess.DEVNULL)


def agent_fingerprints(sock: Path) -> str:
    out = subprocess.run(
        ["ssh-add", "-l"], env={**os.environ, "SSH_AUTH_SOCK": str(sock)}, capture_output=True, text=True
    )
    return out.stdout


class PtyProcess:
    """A command on a real pseudo-terminal (its controlling terminal, so getpass reads it), read as text."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        import fcntl
        import termios

        master, slave = os.openpty()

        def take_terminal() -> None:  # runs in the child after setsid(): the pty becomes its terminal
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            [sys.executable, "-m", "console.cli", *args],
            stdin=slave, stdout=slave, stderr=slave, env={**os.environ, **(env or {})},
            start_new_session=True, preexec_fn=take_terminal,
        )  # fmt: skip
        os.close(slave)
        self.master = master
        self.output = ""
        self._seen = 0
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # the child closed its end
                return
            if not chunk:
                return
            with self._lock:
                self.output += chunk.decode(errors="replace")

    async def expect(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        """Wait for *pattern* in the output after the last match; returns the match."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            with self._lock:
                match = re.compile(pattern).search(self.output, self._seen)
            if match:
                self._seen = match.end()
                return match
            if asyncio.get_running_loop().time() > deadline or (
                self.process.poll() is not None and not self._reader.is_alive()
            ):
                raise AssertionError(f"no {pattern!r} in the output:\n{self.output}")
            await asyncio.sleep(0.05)

    def send(self, text: str) -> None:
        os.write(self.master, text.encode())

    async def wait(self, timeout: float = 120) -> int:
        deadline = asyncio.get_running_loop().time() + timeout
        while self.process.poll() is None:
            if asyncio.get_running_loop().time() > deadline:
                self.process.kill()
                raise AssertionError(f"still running:\n{self.output}")
            await asyncio.sleep(0.05)
        self._reader.join(5)
        os.close(self.master)
        return self.process.returncode
