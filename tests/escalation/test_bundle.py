"""Bundles: layout, manifest hashes, redaction before writing, preview, consent, summary translation."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest

from sessions.errors import BundleInvalidError, EscalationError
from sessions.escalation import (
    BundleRequest,
    Consent,
    StagedBundle,
    build_bundle,
    translate_summary,
    verify_bundle,
)
from sessions.escalation.contents import NOT_TRANSLATED
from tests.escalation.conftest import make_record

SECRETS = {
    "password": ["password=Hunter2!xyz", 'db_password: "s3cr3t value"', "MYSQL_PASSWORD='pa55w0rd!'"],
    "authorization_header": ["Authorization: Bearer abcDEF123456789token"],
    "private_key": [
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQUJDREVGRw==\n"
        "-----END OPENSSH PRIVATE KEY-----"
    ],
    "aws_access_key": ["key id AKIAIOSFODNN7EXAMPLE used"],
    "github_token": ["ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"],
    "api_token": ["api_key=ZXCVBNMasdfghjkl0987"],
    "url_credentials": ["rsync://backup:Sup3rSecret@10.0.0.2/share"],
}
SECRET_VALUES = [
    "Hunter2!xyz", "s3cr3t value", "pa55w0rd!", "abcDEF123456789token", "b3BlbnNzaC1rZXktdjEAAAAA",
    "AKIAIOSFODNN7EXAMPLE", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "ZXCVBNMasdfghjkl0987", "Sup3rSecret",
]  # fmt: skip


def seeded_logs(folder: Path, repeat: int = 50) -> int:
    """Logs with secrets in plain, rotated (.1) and compressed (.gz) files; returns the number seeded."""
    lines, seeded = [], 0
    for i in range(repeat):
        for samples in SECRETS.values():
            for sample in samples:
                lines.append(f"2025-03-04T05:06:{i % 60:02d} nas app[{i}]: ok")
                lines.append(f"2025-03-04T05:06:{i % 60:02d} nas app[{i}]: {sample}")
                seeded += 1
    text = "\n".join(lines) + "\n"
    (folder / "var/log").mkdir(parents=True)
    (folder / "var/log/messages").write_text(text)
    (folder / "var/log/messages.1").write_text(text)
    (folder / "var/log/messages.2.gz").write_bytes(gzip.compress(text.encode()))
    return seeded * 3


def extract_all(bundle: Path) -> dict[str, bytes]:
    with tarfile.open(bundle, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]


def test_bundle_layout_and_manifest(tmp_path: Path, record: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "md-raid.out").write_text("md0 : active raid1 sda1[0]\n")
    logs = tmp_path / "logs"
    seeded_logs(logs, repeat=2)
    request = BundleRequest(record=record, ticket="T-42", raw_dir=raw, logs_dir=logs, hq_language="ko")
    with StagedBundle(request) as staged:
        preview = staged.stage()
        consent = Consent(
            True, "customer Lee", "agent chat", "https://hq", tuple(f.path for f in preview.files)
        )
        built = staged.pack(tmp_path / "b.tar.gz", consent)
    manifest = verify_bundle(built.path)
    names = {f.path for f in manifest.files}
    assert {"summary.md", "findings.json", "terminal.txt", "chat.txt", "consent.json"} <= names
    assert {"diagnostics/raw/md-raid.out", "logs/var/log/messages", "logs/var/log/messages.1"} <= names
    assert "logs/var/log/messages.2" in names  # the .gz was unpacked so it could be redacted
    assert manifest.ticket == "T-42" and manifest.technician == "kim"
    assert manifest.device["name"] == "NAS 2층"
    files = extract_all(built.path)
    assert b"\x1b" not in files["terminal.txt"] and b"cat /proc/mdstat" in files["terminal.txt"]
    chat = files["chat.txt"].decode()
    assert "디스크가 이상해요" in chat and "The disk is strange" in chat
    assert json.loads(files["findings.json"])[0]["check"] == "md-raid"
    assert json.loads(files["consent.json"])["by"] == "customer Lee"
    summary = files["summary.md"].decode()
    assert "md0 degraded after a power cut" in summary and "[FAIL] md-raid (md0)" in summary
    assert manifest.redactions["password"] > 0
    assert built.sha256 and not (tmp_path / "b.tar.gz.part").exists()


def test_seeded_secret_corpus_is_fully_redacted(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    seeded = seeded_logs(logs)
    record = make_record(tmp_path / "archive", secret="Hunter2!xyz")
    request = BundleRequest(record=record, logs_dir=logs, summary="the password=Hunter2!xyz was set")
    built = build_bundle(request, tmp_path / "b.tar.gz", Consent(True, "c", "test", "hq", ()))
    blob = b"".join(extract_all(built.path).values())
    for value in SECRET_VALUES:
        assert value.encode() not in blob, value
    assert sum(built.manifest.redactions.values()) >= seeded
    for rule in SECRETS:
        assert built.manifest.redactions.get(rule, 0) >= 1, rule


def test_staging_holds_only_redacted_bytes_and_pack_needs_consent(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    seeded_logs(logs, repeat=1)
    with StagedBundle(BundleRequest(logs_dir=logs)) as staged:
        preview = staged.stage()
        staged_bytes = b"".join(p.read_bytes() for p in staged.folder.iterdir())
        for value in SECRET_VALUES:
            assert value.encode() not in staged_bytes
        by_path = {f.path: f for f in preview.files}
        assert by_path["logs/var/log/messages"].redactions["password"] == 3
        assert preview.total_bytes == sum(f.size for f in preview.files)
        with pytest.raises(EscalationError):
            staged.pack(tmp_path / "x.tar.gz", Consent(False, "customer", "chat", "hq", ()))
        folder = staged.folder
    assert not folder.exists()


async def test_summary_in_hq_language_with_original_beside(tmp_path: Path, record: Path) -> None:
    from sessions.redaction import Redactor

    seen: list[str] = []

    async def translate(text: str, source: str, target: str) -> str:
        seen.append(text)
        return f"[{target}] translated"

    async def broken(text: str, source: str, target: str) -> str:
        raise ConnectionError("offline")

    redactor = Redactor.from_resources()
    good = await translate_summary(redactor, "disk died, password=abc123", "ko", "en", translate)
    assert good == "[en] translated" and "abc123" not in seen[0]
    assert await translate_summary(redactor, "disk died", "ko", "en", broken) is None
    for translation, expected in ((good, "[en] translated"), (None, NOT_TRANSLATED)):
        request = BundleRequest(
            record=record,
            summary="디스크 고장",
            summary_language="ko",
            hq_language="en",
            summary_translation=translation,
        )
        built = build_bundle(request, tmp_path / f"{translation}.tar.gz", Consent(True, "c", "t", "hq", ()))
        summary = extract_all(built.path)["summary.md"].decode()
        assert "## Summary (en)" in summary and expected in summary
        assert "## Original (ko)" in summary and "디스크 고장" in summary


def _tar_with(tmp_path: Path, members: dict[str, bytes]) -> Path:
    path = tmp_path / "evil.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_hostile_member_names_are_refused(tmp_path: Path) -> None:
    for name in ("../../etc/passwd", "/etc/passwd", "logs/../../x"):
        bundle = _tar_with(tmp_path, {name: b"root:x:0:0"})
        out = tmp_path / "out"
        with pytest.raises(BundleInvalidError):
            verify_bundle(bundle, extract_to=out)
        assert not (tmp_path / "etc").exists()


def test_changed_or_truncated_bundle_is_refused(tmp_path: Path, record: Path) -> None:
    built = build_bundle(
        BundleRequest(record=record), tmp_path / "b.tar.gz", Consent(True, "c", "t", "hq", ())
    )
    files = extract_all(built.path)
    files["terminal.txt"] = b"changed"
    with pytest.raises(BundleInvalidError, match="does not match"):
        verify_bundle(_tar_with(tmp_path, files))
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(built.path.read_bytes()[: built.size // 2])
    with pytest.raises(BundleInvalidError, match="not a complete bundle"):
        verify_bundle(cut)


def test_cancel_stops_building(tmp_path: Path) -> None:
    import threading

    logs = tmp_path / "logs"
    seeded_logs(logs, repeat=1)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(EscalationError, match="cancelled"):
        build_bundle(
            BundleRequest(logs_dir=logs),
            tmp_path / "b.tar.gz",
            Consent(True, "c", "t", "hq", ()),
            cancel=cancel,
        )
    assert not (tmp_path / "b.tar.gz").exists()
