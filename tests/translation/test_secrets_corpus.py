"""Secrets as people type them (secrets_corpus.toml): every one caught, every mention of a password kept."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sessions.redaction import Redactor

CORPUS = Path(__file__).with_name("secrets_corpus.toml")
CASES: list[dict[str, Any]] = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]
SECRET_CASES = [c for c in CASES if not c.get("keep")]
KEEP_CASES = [c for c in CASES if c.get("keep")]
LANGUAGES = ("ko", "en", "ja", "zh-TW", "zh-CN")
NAS_LOG = """\
Nov 23 18:46:30 nas kernel: md/raid:md0: Disk failure on sdb3, disabling device.
Nov 23 18:46:31 nas sshd[999]: Failed password for invalid user admin from 10.0.0.5 port 50122 ssh2
Nov 23 18:46:31 nas sshd[999]: Accepted publickey for admin from 10.0.0.5 port 50122 ssh2: ED25519 SHA256:Kq3
Nov 23 18:46:32 nas passwd[1201]: pam_unix(passwd:chauthtok): password changed for admin
Nov 23 18:46:33 nas sudo: admin : TTY=pts/0 ; PWD=/share/homes/admin ; USER=root ; COMMAND=/sbin/reboot
2026-11-23 18:46:34 [qts] token refresh scheduled for myQNAPcloud in 3600 s
Nov 23 18:46:36 nas smbd[1234]: session setup ok for user admin from 192.168.1.20 (Asia/Taipei)
Nov 23 18:46:38 nas hal_app: SMART test passed on /dev/sda, secret sharing disabled
Nov 23 18:46:39 nas systemd[1]: Started OpenSSH server; ssh -p 2222 admin@nas works, mysql -u root -p asked
"""


def _id(case: dict[str, Any]) -> str:
    return f"{case['lang']}:{case['text'][:40]}"


@pytest.fixture(scope="module")
def rules() -> Redactor:
    return Redactor.from_resources()


@pytest.fixture(scope="module")
def chat() -> Redactor:
    return Redactor.from_resources().with_detect_secrets()


def test_the_corpus_is_big_enough_in_every_language() -> None:
    assert len(SECRET_CASES) >= 80 and len(KEEP_CASES) >= 20
    by_lang = Counter(c["lang"] for c in SECRET_CASES)
    assert all(by_lang[lang] >= 12 for lang in LANGUAGES), by_lang
    assert by_lang["cmd"] >= 20
    assert {c["lang"] for c in KEEP_CASES} >= set(LANGUAGES)
    assert {c["kind"] for c in SECRET_CASES} >= {"phrase", "pair", "wifi", "command", "token", "key"}


@pytest.mark.parametrize("case", [c for c in SECRET_CASES if "missed" not in c], ids=_id)
def test_chat_redaction_removes_every_secret(chat: Redactor, case: dict[str, Any]) -> None:
    out = chat.redact(case["text"]).text
    for secret in case["secrets"]:
        assert secret not in out, out
    assert "[REDACTED:" in out


@pytest.mark.parametrize("case", [c for c in SECRET_CASES if "missed" not in c and "only" not in c], ids=_id)
def test_the_rules_alone_remove_every_secret_but_the_detect_secrets_shapes(
    rules: Redactor, case: dict[str, Any]
) -> None:
    out = rules.redact(case["text"]).text
    for secret in case["secrets"]:
        assert secret not in out, out


@pytest.mark.parametrize("case", [c for c in SECRET_CASES if "missed" in c], ids=_id)
def test_known_misses_are_still_missed(chat: Redactor, case: dict[str, Any]) -> None:
    """When one of these starts being caught, remove its `missed` mark so the figure stays true."""
    out = chat.redact(case["text"]).text
    assert any(secret in out for secret in case["secrets"])


@pytest.mark.parametrize("case", KEEP_CASES, ids=_id)
def test_a_mention_of_a_password_keeps_its_text(
    rules: Redactor, chat: Redactor, case: dict[str, Any]
) -> None:
    assert rules.redact(case["text"]).text == case["text"]
    assert chat.redact(case["text"]).text == case["text"]


def test_nas_logs_keep_their_text(rules: Redactor, chat: Redactor) -> None:
    assert rules.redact(NAS_LOG).text == NAS_LOG
    assert chat.redact(NAS_LOG).text == NAS_LOG


def test_the_triggers_are_necessary_conditions(rules: Redactor) -> None:
    """The fast path (patterns only on lines a trigger hit) finds exactly what every pattern finds."""
    texts = [c["text"] for c in CASES] + NAS_LOG.splitlines()
    texts.append("\n".join(texts))
    texts += [t.upper() for t in texts[:-1]] + [t.replace(" ", "\t") for t in texts[:-1]]
    for text in texts:
        assert rules.find(text) == rules.find_exhaustive(text), text


def test_a_secret_said_twice_is_removed_both_times(rules: Redactor) -> None:
    text = "비번은 qnap#2580 이에요. 다시: qnap#2580"
    out = rules.redact(text)
    assert "qnap#2580" not in out.text and out.counts_by_rule == {"password_phrase_cjk": 2}


def test_cjk_rules_work_on_log_bytes_and_streams(rules: Redactor) -> None:
    data = "로그인 실패\n관리자 비밀번호: nas@2024\n".encode() + b"\xff\xfe binary tail\n"
    out = rules.redact_bytes(data)
    assert b"nas@2024" not in out.data and out.data.endswith(b"\xff\xfe binary tail\n")


def test_without_aho_corasick_the_same_secrets_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """ahocorasick-rs only tells which trigger literals occur; without it every literal is scanned for."""
    import sessions.redaction.triggers

    fast = Redactor(Redactor.from_resources().rules)
    monkeypatch.setattr(sessions.redaction.triggers, "_ahocorasick", lambda: None)
    plain = Redactor(fast.rules)
    texts = [c["text"] for c in CASES] + [NAS_LOG, "\n".join(c["text"] for c in CASES)]
    for text in texts:
        assert plain.find(text) == fast.find(text), text
