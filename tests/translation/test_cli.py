"""`valuezone translate` through console.cli.main, against the loopback LibreTranslate server."""

from __future__ import annotations

import pytest

from console.cli import main
from tests.translation.libre_server import LibreServer


def test_translate_prints_the_translation(libre: LibreServer, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["translate", "--provider", "libre", "--url", libre.url, "--to", "ko", "hello", "disk", "/dev/sda"]
    )
    assert code == 0
    assert capsys.readouterr().out == "안녕하세요 디스크 /dev/sda\n"
    assert "source=en" in libre.translate_requests()[0].path  # detected offline


def test_no_provider_answering_gives_a_message_and_non_zero_exit(
    libre: LibreServer, capsys: pytest.CaptureFixture[str]
) -> None:
    libre.script.fail_status = 500
    code = main(["translate", "--url", libre.url, "--from", "en", "--to", "ja", "--no-cache", "hello"])
    captured = capsys.readouterr()
    assert code != 0 and captured.out == ""
    assert "libre" in captured.err and "answered with an error" in captured.err
