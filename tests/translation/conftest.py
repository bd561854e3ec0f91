"""Fixtures for translation tests: loopback LibreTranslate servers, and a guard against the internet."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.translation.libre_server import LibreServer
from translation import ProviderConfig, Translator
from translation.cache import TranslationCache

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection or name lookup beyond loopback fails the test (google must never be called)."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(sock: socket.socket, address: object) -> None:
        if isinstance(address, tuple) and address[0] not in LOOPBACK:
            raise AssertionError(f"a test tried to reach {address}: tests must stay on loopback")
        real_connect(sock, address)  # type: ignore[arg-type]

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host not in LOOPBACK and host is not None:
            raise AssertionError(f"a test tried to resolve {host!r}: tests must stay on loopback")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def libre() -> Iterator[LibreServer]:
    with LibreServer() as server:
        yield server


@pytest.fixture
def libre2() -> Iterator[LibreServer]:
    with LibreServer() as server:
        yield server


@pytest.fixture
def refused_url(down_port: int) -> str:
    """A loopback URL where nothing listens (and nothing else can, while the test runs)."""
    return f"http://127.0.0.1:{down_port}/"


MakeTranslator = Callable[..., Translator]


@pytest.fixture
def make_translator(tmp_path: Path) -> Iterator[MakeTranslator]:
    made: list[Translator] = []

    def make(*urls: str, deadline: float = 2.0, cache: bool = True) -> Translator:
        translator = Translator(
            [ProviderConfig("libre", url=u) for u in urls],
            deadline=deadline,
            cache=TranslationCache(tmp_path / f"cache{len(made)}.sqlite3") if cache else None,
        )
        made.append(translator)
        return translator

    yield make
    for translator in made:
        translator.close()
