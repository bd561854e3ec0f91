"""A secret this console holds, written the ways logs and people write it, never reaches a bundle.

The device's password is held by value (sessions.secrets.held); logs and chat hold it URL-encoded,
base64-encoded (alone or inside a longer value), JSON-escaped, in full-width letters (an input method
in full-width mode), in capitals (Caps Lock), and in the name of a log file. Each was in the bundle
before: only the exact value was looked for, and file names were not redacted at all.
"""

from __future__ import annotations

import base64
import json
import urllib.parse
from pathlib import Path

from sessions import secrets
from sessions.escalation import BundleRequest, Consent, build_bundle
from sessions.redaction import Redactor
from tests.escalation.test_bundle import extract_all

PASSWORD = "Lobby/Pw 2291!x"  # what the technician typed at the device's login prompt
KOREAN = "서버비번2291x"  # a password with Hangul in it


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


FORMS = {
    "url-encoded": urllib.parse.quote(PASSWORD, safe=""),  # Lobby%2FPw%202291%21x
    "url-encoded, lower-case hex": urllib.parse.quote(PASSWORD, safe="").lower().replace("lobby", "Lobby"),
    "form-encoded": urllib.parse.quote_plus(PASSWORD),  # Lobby%2FPw+2291%21x
    "base64": _b64(PASSWORD.encode()),
    "base64 inside basic credentials": _b64(f"admin:{PASSWORD}".encode()),
    "base64 at offset 2": _b64(b"xy" + PASSWORD.encode() + b"tail"),
    "url-safe base64": base64.urlsafe_b64encode(PASSWORD.encode()).decode().rstrip("="),
    "json-escaped": json.dumps(PASSWORD)[1:-1].replace("/", "\\/"),  # Lobby\/Pw 2291!x
    "json \\u escapes": json.dumps(KOREAN)[1:-1],  # \uc11c\ubc84…
    "full-width": _full_width(PASSWORD),
    "caps lock": PASSWORD.swapcase(),
}


def _leaks(blob: bytes) -> list[str]:
    text = blob.decode("utf-8", "replace")
    leaked = [name for name, form in FORMS.items() if form in text or form.lower() in text.lower()]
    leaked += [name for name in ("exact", "korean") if {"exact": PASSWORD, "korean": KOREAN}[name] in text]
    return leaked


def test_every_encoding_of_a_held_secret_is_removed_from_a_bundle(tmp_path: Path) -> None:
    secrets.remember(PASSWORD)
    secrets.remember(KOREAN)
    logs = tmp_path / "logs" / "var" / "log"
    logs.mkdir(parents=True)
    lines = [f"app[{i}]: {name} → {form} (end)" for i, (name, form) in enumerate(FORMS.items())]
    (logs / "messages").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (logs / f"backup-{FORMS['url-encoded']}.log").write_text("backup ok\n")  # a secret in a file name
    (logs / f"sync-{KOREAN}.log").write_text("sync ok\n")
    request = BundleRequest(logs_dir=tmp_path / "logs", summary=f"login failed with {FORMS['full-width']}")
    built = build_bundle(request, tmp_path / "b.tar.gz", Consent(True, "c", "test", "hq", ()))
    members = extract_all(built.path)
    assert _leaks("\n".join(members).encode()) == [], "a file name holds the secret"
    assert not any("2291" in name for name in members)  # not even with its symbols made safe (Lobby_Pw_…)
    assert _leaks(b"\n".join(members.values())) == []
    messages = members["logs/var/log/messages"].decode()
    assert messages.count("[REDACTED:known_secret]") == len(FORMS)
    assert "(end)" in messages and "app[0]: url-encoded → " in messages  # the rest of each line stays
    names = sorted(name for name in members if name.startswith("logs/"))
    assert names == [
        "logs/var/log/backup-_REDACTED_known_secret_.log",
        "logs/var/log/messages",
        "logs/var/log/sync-_REDACTED_known_secret_.log",
    ]


def test_two_file_names_redacted_alike_stay_two_files(tmp_path: Path) -> None:
    secrets.remember("Other-Pw-8812")
    secrets.remember("Third-Pw-7734")
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a-Other-Pw-8812.log").write_text("first\n")
    (logs / "a-Third-Pw-7734.log").write_text("second\n")
    built = build_bundle(
        BundleRequest(logs_dir=logs), tmp_path / "b.tar.gz", Consent(True, "c", "t", "hq", ())
    )
    members = extract_all(built.path)
    kept = {name: data for name, data in members.items() if name.startswith("logs/")}
    assert sorted(kept.values()) == [b"first\n", b"second\n"]
    assert not any("Pw-" in name for name in kept)


def test_encoded_forms_of_short_or_common_values_do_not_blank_ordinary_text() -> None:
    """Over-redaction stays bounded: a held value's encodings are looked for, not every base64 run."""
    redactor = Redactor.from_resources().with_known(lambda: {PASSWORD})
    ordinary = "md0 : active raid1 sda1[0] sdb1[1]; uuid=YWJjZGVmZ2hpams=; GET /index.html?q=Lobby%20Pw 200"
    assert redactor.redact(ordinary).text == ordinary


GLUED = {  # a password with one of the characters where an unquoted value used to stop
    "password: Tr0ub4dor&3": "Tr0ub4dor&3",
    "db_password=Ab3x;9kQz": "Ab3x;9kQz",
    "mysql -pAb3x'9kQz shop": "Ab3x'9kQz",
    "비밀번호는 Ab3x<9kQz 입니다": "Ab3x<9kQz",
    "admin / Qw3r`ty77": "Qw3r`ty77",
    "my password is Zx9c,vb88.": "Zx9c,vb88",
}


def test_a_password_with_a_stop_character_inside_is_removed_whole(tmp_path: Path) -> None:
    """Before, "[REDACTED:password]&3" kept the half after the `&` (and `;`, `,`, `<`, `>`, quotes)."""
    logs = tmp_path / "logs"
    logs.mkdir()
    lines = [*GLUED, "Password=abc;Trusted=yes ok", '"password": "abc", "user": "bob"']
    (logs / "app.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
    built = build_bundle(
        BundleRequest(logs_dir=logs), tmp_path / "b.tar.gz", Consent(True, "c", "t", "hq", ())
    )
    text = extract_all(built.path)["logs/app.log"].decode()
    for line, secret in GLUED.items():
        halves = secret.replace("&", " ").replace(";", " ").replace("'", " ").replace("<", " ")
        for half in halves.replace("`", " ").replace(",", " ").split():
            assert half not in text, (line, text)
    assert "my password is [REDACTED:password_phrase].\n" in text  # the sentence's full stop stays
    assert '"user": "bob"' in text and " ok\n" in text  # what follows a space or a closing quote stays
