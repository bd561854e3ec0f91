"""Target parsing: [user@]host[:port], IPv6 in brackets, the local user as default."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessions.errors import InvalidTargetError
from sessions.ssh.target import Target, local_user


@pytest.mark.parametrize(
    ("spec", "host", "port", "user"),
    [
        ("admin@nas.local:2222", "nas.local", 2222, "admin"),
        ("nas.local", "nas.local", 22, local_user()),
        ("root@192.0.2.7", "192.0.2.7", 22, "root"),
        ("[::1]:2222", "::1", 2222, local_user()),
        ("kim@[fe80::1]", "fe80::1", 22, "kim"),
        ("::1", "::1", 22, local_user()),
    ],
)
def test_parse(spec: str, host: str, port: int, user: str) -> None:
    target = Target.parse(spec)
    assert (target.host, target.port, target.user) == (host, port, user)


def test_display_and_key_file() -> None:
    target = Target.parse("admin@[::1]:2222", key_file="~/id_test")
    assert target.display == "admin@[::1]:2222"
    assert Target.parse("admin@nas:2200").display == "admin@nas:2200"
    assert target.key_file == Path.home() / "id_test"


@pytest.mark.parametrize("spec", ["", "nas:0", "nas:99999", "nas:ssh", "[::1", "[::1]x", "a b", "@:22"])
def test_bad_specs_explain_the_format(spec: str) -> None:
    with pytest.raises(InvalidTargetError, match=r"\[user@\]host\[:port\]|IPv6|port"):
        Target.parse(spec)
