"""Every option that takes a value refuses nonsense when the command line is read: exit 2, a clear reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.cli import build_parser, main

# (argv before the bad value, option, bad value, words the error must contain)
NONSENSE = [
    (
        ["review", "report", "ARCHIVE", "--html", "out.html"],
        "--since",
        "2026-13-01",
        "not a date on the calendar",
    ),
    (
        ["review", "report", "ARCHIVE", "--html", "out.html"],
        "--since",
        "2026-02-30",
        "not a date on the calendar",
    ),
    (["review", "report", "ARCHIVE", "--html", "out.html"], "--since", "yesterday", "YYYY-MM-DD"),
    (["review", "report", "ARCHIVE", "--html", "out.html"], "--since", "", "YYYY-MM-DD"),
    (["review", "report", "ARCHIVE", "--html", "out.html"], "--since", "1/3/2026", "YYYY-MM-DD"),
    (["review", "search", "ARCHIVE", "words"], "--limit", "0", "from 1 to 1000"),
    (["review", "search", "ARCHIVE", "words"], "--limit", "-5", "from 1 to 1000"),
    (["review", "search", "ARCHIVE", "words"], "--limit", "ten", "not a whole number"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--code-ttl", "0", "from 10 to 86400"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--code-ttl", "nan", "not a finite number"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--code-ttl", "inf", "not a finite number"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--grace", "-1", "from 0 to 3600"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--grace", "2m", "not a number"),
    (
        ["relay", "--technicians", "t.txt", "--state-dir", "s"],
        "--max-customers-per-address",
        "-1",
        "from 0 to 100000",
    ),
    (
        ["relay", "--technicians", "t.txt", "--state-dir", "s"],
        "--max-customers-per-address",
        "1.5",
        "whole number",
    ),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--codes-per-minute", "-3", "from 0 to 100000"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--listen", "0.0.0.0", "not HOST:PORT"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--listen", "0.0.0.0:99999", "from 0 to 65535"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--listen", ":2222", "not HOST:PORT"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--audit-max-mb", "0", "from 0.01 to 100000"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--audit-keep", "0", "from 1 to 10000"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--resume-probe", "0", "from 1 to 7"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--resume-probe", "30", "from 1 to 7"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--resume-probe", "nan", "not a finite number"),
    (["relay", "--technicians", "t.txt", "--state-dir", "s"], "--resume-probe", "5s", "not a number"),
    (["agent", "--relay", "127.0.0.1:2222"], "--forward-sshd", "0", "from 1 to 65535"),
    (["agent", "--relay", "127.0.0.1:2222"], "--forward-sshd", "70000", "from 1 to 65535"),
    (["agent", "--relay", "127.0.0.1:2222"], "--forward-sshd", "ssh", "from 1 to 65535"),
    (["agent", "--relay", "127.0.0.1:2222"], "--lang", "xx-nonsense", "en, ja, ko, zh-CN, zh-TW"),
    (["agent", "--relay", "127.0.0.1:2222"], "--consent-timeout", "-3", "from 1 to 3600"),
    (["agent", "--relay", "127.0.0.1:2222"], "--scope", "everything", "invalid choice"),
    (["diagnose", "127.0.0.1:22"], "--profile", "nonsense", "not a diagnostics profile"),
    (["diagnose", "127.0.0.1:22"], "--profile", "linux+nonsense", "not a diagnostics profile"),
    (["translate", "hello"], "--to", "zz-bogus", "not a language"),
    (["translate", "--to", "ko", "hello"], "--from", "klingon", "not a language"),
    (["translate", "--to", "ko", "hello"], "--provider", "nonsense", "not a translation provider"),
    (["translate", "--to", "ko", "hello"], "--deadline", "-1", "from 1 to 60"),
    (["demo"], "--quit-after", "-5", "from 0 to 86400"),
    (["demo"], "--lang", "qq", "not a language"),
    (
        ["hq", "serve", "--listen", "127.0.0.1:8443", "--inbox", "in", "--tokens", "t"],
        "--max-mb",
        "-1",
        "from 1 to 65536",
    ),
    (
        ["hq", "serve", "--listen", "127.0.0.1:8443", "--inbox", "in", "--tokens", "t"],
        "--max-mb",
        "0",
        "from 1 to 65536",
    ),
    (["escalate", "build", "--record", "r", "--out", "o.tar.gz"], "--per-file-mb", "0", "from 0.01 to 4096"),
    (["escalate", "open", "b.tar.gz", "--to", "d"], "--max-unpacked-mb", "0", "from 1 to 65536"),
    (["escalate", "open", "b.tar.gz", "--to", "d"], "--max-unpacked-mb", "1GB", "not a whole number"),
    (["diagnose", "--offline", "b.tar.gz"], "--max-unpacked-mb", "-5", "from 1 to 65536"),
    (["escalate", "build", "--record", "r", "--out", "o.tar.gz"], "--total-mb", "-1", "from 0.01 to 65536"),
    (
        ["escalate", "build", "--record", "r", "--out", "o.tar.gz"],
        "--hq-language",
        "klingon",
        "not a language",
    ),
    (
        ["escalate", "build", "--record", "r", "--out", "o.tar.gz"],
        "--summary-language",
        "xx",
        "not a language",
    ),
]


@pytest.mark.parametrize(
    ("argv", "option", "value", "words"), NONSENSE, ids=[f"{a[0]} {o}={v!r}" for a, o, v, _ in NONSENSE]
)
def test_nonsense_is_refused_with_a_reason(
    argv: list[str], option: str, value: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main([*argv, option, value])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}" in err and words in err, err
    assert "Traceback" not in err


SENSIBLE = [
    (["review", "report", "A", "--html", "o", "--since", "2026-02-28"], "since", "2026-02-28"),
    (["review", "report", "A", "--html", "o"], "since", None),
    (["review", "search", "A", "w", "--limit", "7"], "limit", 7),
    (["relay", "--technicians", "t", "--state-dir", "s", "--grace", "0"], "grace", 0.0),
    (["relay", "--technicians", "t", "--state-dir", "s", "--codes-per-minute", "0"], "codes_per_minute", 0),
    (["relay", "--technicians", "t", "--state-dir", "s"], "resume_probe", 5.0),
    (["relay", "--technicians", "t", "--state-dir", "s", "--resume-probe", "1.5"], "resume_probe", 1.5),
    (["agent", "--forward-sshd"], "forward_sshd", 22),
    (["agent", "--forward-sshd", "2222"], "forward_sshd", 2222),
    (["agent", "--lang", "ko_KR.UTF-8"], "lang", "ko"),
    (["agent", "--lang", "zh_tw"], "lang", "zh-TW"),
    (["agent"], "lang", ""),
    (["diagnose", "h", "--profile", "qnap-qts+zfs"], "profile", "qnap-qts+zfs"),
    (["translate", "--to", "japanese", "hi"], "target", "ja"),
    (["translate", "--to", "ko", "--from", "auto", "hi"], "source", "auto"),
    (["escalate", "build", "--record", "r", "--out", "o"], "hq_language", ""),
    (
        ["escalate", "build", "--record", "r", "--out", "o", "--hq-language", "zh-hans"],
        "hq_language",
        "zh-CN",
    ),
    (["demo", "--quit-after", "0"], "quit_after", 0.0),
]


@pytest.mark.parametrize(("argv", "dest", "value"), SENSIBLE, ids=[" ".join(a) for a, _, _ in SENSIBLE])
def test_sensible_values_still_parse(argv: list[str], dest: str, value: object) -> None:
    assert getattr(build_parser().parse_args(argv), dest) == value


def test_report_without_since_covers_the_whole_archive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    out = tmp_path / "report.html"
    assert main(["review", "report", str(archive), "--html", str(out)]) == 0
    assert "in the archive" in out.read_text(encoding="utf-8")


def test_the_resume_probe_given_is_the_relays_and_fits_a_returning_agents_wait() -> None:
    """`valuezone relay --resume-probe S`: how long a code's link gets to answer before an agent back with
    its token takes the code over (sessions/cluster/handover.py). The most it takes is what fits in a peer
    relay's ask (sessions/cluster/routing.py: the probe + 5 s within TAKE_OVER_WAIT)."""
    from console.commands.relay import RESUME_PROBE_RANGE, relay_config
    from sessions.cluster.routing import TAKE_OVER_WAIT
    from sessions.relay.server import RelayConfig

    args = build_parser().parse_args(
        ["relay", "--technicians", "t", "--state-dir", "s", "--resume-probe", "2"]
    )
    assert relay_config(args, None).resume_probe == 2.0
    default = build_parser().parse_args(["relay", "--technicians", "t", "--state-dir", "s"])
    assert relay_config(default, None).resume_probe == RelayConfig(Path("t"), Path("s")).resume_probe == 5.0
    low, high = RESUME_PROBE_RANGE
    assert low <= 5.0 <= high == TAKE_OVER_WAIT - 5
