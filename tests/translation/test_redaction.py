"""The redaction engine on a seeded-secrets corpus, on normal NAS log lines, and as a stream."""

from __future__ import annotations

import io

import pytest

from sessions.redaction import Redactor

# (line with a secret, the secret, the rule that must catch it)
SEEDED = [
    ("password=hunter2", "hunter2", "password"),
    ("admin_password: 'Tr0ub4dor&3'", "Tr0ub4dor&3", "password"),
    ('{"db_password": "p@ss w0rd!"}', "p@ss w0rd!", "password"),
    ("wpa_passphrase=CorrectHorseBatteryStaple", "CorrectHorseBatteryStaple", "password"),
    ("client_secret = 9a8b7c6d5e4f3a2b", "9a8b7c6d5e4f3a2b", "password"),
    ("machine nas.local login admin password Qwerty!234", "Qwerty!234", "netrc_password"),
    ("Authorization: Bearer abcDEF123456.ghiJKL", "abcDEF123456.ghiJKL", "authorization_header"),
    ("authorization: Basic YWRtaW46c2VjcmV0", "YWRtaW46c2VjcmV0", "authorization_header"),
    ("curl -H 'X-Auth: bearer 0123456789abcdefXYZ'", "0123456789abcdefXYZ", "bearer_token"),
    ("rsync://backup:Sup3rS3cret@10.0.0.9/share", "Sup3rS3cret", "url_credentials"),
    ("aws key AKIAIOSFODNN7EXAMPLE used", "AKIAIOSFODNN7EXAMPLE", "aws_access_key"),
    (
        "git remote ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok",
        "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "github_token",
    ),
    (
        "token github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnop",
        "github_token",
    ),
    ("hook xoxb-1234567890-abcdefghij", "xoxb-1234567890-abcdefghij", "slack_token"),
    (
        "maps AIzaSyA1234567890abcdefghijklmnopqrstuv",
        "AIzaSyA1234567890abcdefghijklmnopqrstuv",
        "google_api_key",
    ),
    (
        "jwt eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4",
        "eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4",
        "jwt",
    ),
    ("api_key=0123456789abcdefXYZ", "0123456789abcdefXYZ", "api_token"),
    ("X-Access-Key: Zm9vYmFyYmF6cXV4MTIz", "Zm9vYmFyYmF6cXV4MTIz", "api_token"),
]
PRIVATE_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\nAAAAAAECAwQ=\n"
    "-----END OPENSSH PRIVATE KEY-----"
)

NORMAL_LOG = """\
Nov 23 18:46:30 nas kernel: md/raid:md0: Disk failure on sdb3, disabling device.
Nov 23 18:46:31 nas sshd[999]: Failed password for invalid user admin from 10.0.0.5 port 50122 ssh2
Nov 23 18:46:31 nas sshd[999]: Accepted publickey for admin from 10.0.0.5 port 50122 ssh2: RSA SHA256:abc
Nov 23 18:46:32 nas passwd[1201]: pam_unix(passwd:chauthtok): password changed for admin
Nov 23 18:46:33 nas sudo: admin : TTY=pts/0 ; PWD=/share/homes/admin ; USER=root ; COMMAND=/sbin/reboot
2026-11-23 18:46:34 [qts] token refresh scheduled for myQNAPcloud in 3600 s
2026-11-23 18:46:35 [qts] Volume DataVol1 (RAID 5) rebuild 43% on http://nas.local:8080/
Nov 23 18:46:36 nas smbd[1234]: session setup ok for user admin from 192.168.1.20 (Asia/Taipei)
Nov 23 18:46:37 nas kernel: ata3.00: ATA-10: WDC WD40EFRX-68N32N0, 82.00A82, max UDMA/133
Nov 23 18:46:38 nas hal_app: SMART test passed on /dev/sda, secret sharing disabled
"""


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor.from_resources()


def test_every_seeded_secret_is_redacted_by_its_rule(redactor: Redactor) -> None:
    corpus = "\n".join(line for line, _, _ in SEEDED) + "\n" + PRIVATE_KEY + "\n"
    result = redactor.redact(corpus)
    for line, secret, _ in SEEDED:
        assert secret not in result.text, line
    assert "b3BlbnNzaC1rZXktdjEAAAAABG5vbmU=" not in result.text
    expected: dict[str, int] = {}
    for _, _, rule in SEEDED:
        expected[rule] = expected.get(rule, 0) + 1
    expected["private_key"] = 1
    assert dict(result.counts_by_rule) == expected


@pytest.mark.parametrize(("line", "secret", "rule"), SEEDED)
def test_each_line_alone(redactor: Redactor, line: str, secret: str, rule: str) -> None:
    result = redactor.redact(line)
    assert secret not in result.text and f"[REDACTED:{rule}]" in result.text
    assert dict(result.counts_by_rule) == {rule: 1}


def test_no_false_positives_on_normal_nas_log_lines(redactor: Redactor) -> None:
    result = redactor.redact(NORMAL_LOG)
    assert result.text == NORMAL_LOG and result.total == 0


def test_optional_rules_are_off_unless_asked(redactor: Redactor) -> None:
    line = "contact kim@example.com, Serial Number: Q19ABC12345"
    assert redactor.redact(line).total == 0
    both = Redactor.from_resources(optional_rules=["email", "serial_number"]).redact(line)
    assert both.text == "contact [REDACTED:email], Serial Number: [REDACTED:serial_number]"


def test_bytes_and_stream_agree_with_text_even_across_chunk_boundaries(redactor: Redactor) -> None:
    corpus = (NORMAL_LOG + "\n".join(line for line, _, _ in SEEDED) + "\n" + PRIVATE_KEY + "\n") * 20
    expected = redactor.redact(corpus)
    assert redactor.redact_bytes(corpus.encode()).data.decode() == expected.text
    out = io.BytesIO()
    counts = redactor.redact_stream(io.BytesIO(corpus.encode()), out, chunk_size=97)  # cuts keys and lines
    assert out.getvalue().decode() == expected.text
    assert counts == dict(expected.counts_by_rule)


def test_an_unterminated_private_key_is_redacted_to_the_end(redactor: Redactor) -> None:
    result = redactor.redact("before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\ncut off")
    assert result.text == "before\n[REDACTED:private_key]"
