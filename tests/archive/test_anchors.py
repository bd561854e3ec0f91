"""Anchors: a record indexed once cannot lose events or be rewritten without the index saying so.

Records are written by the real Recorder and anchored by a real index; the attacks (tests/recording/
attacks.py) leave records that verify on their own, so only the anchor kept outside catches them.
Command-line paths run `valuezone` as a separate process.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from sessions.archive import ArchiveIndex, build_report, search
from sessions.archive.anchors import read_anchor
from sessions.archive.schema import _MIGRATIONS, _V1, SCHEMA_VERSION, _run_script
from sessions.errors import RecordError
from sessions.recording import append_event, verify
from tests.recording.attacks import append_forged, cut_tail, events, rehash_with
from tests.recording.builders import written_record
from tests.recording.cli import vz


def _anchor_row(index: ArchiveIndex, folder: Path) -> tuple[int, str]:
    session_id = json.loads((folder / "session.json").read_bytes())["session_id"]
    with index.lock:
        row = index.conn.execute(
            "SELECT event_count, last_hash FROM anchors WHERE session_id = ?", (session_id,)
        ).fetchone()
    return row


def _integrity(index: ArchiveIndex, archive: Path, folder: Path) -> tuple[str, str]:
    with index.lock:
        return index.conn.execute(
            "SELECT integrity, problem FROM records WHERE folder = ?",
            (folder.relative_to(archive).as_posix(),),
        ).fetchone()


def test_tail_cut_after_the_end_and_session_json_reset(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite3"
    folder = written_record(archive, word="alpha")
    other = written_record(archive, word="beta")
    done = vz("review", "--index-db", str(db), "index", str(archive))
    assert done.returncode == 0, done.stderr
    assert "2 added" in done.stdout
    anchored = read_anchor(db, folder)
    assert anchored is not None and anchored.anchor.count == 8

    cut_tail(folder, 2)  # the lead's note and the closed follow-up after session.ended are gone
    assert verify(folder).ok  # on its own the record is consistent: exactly what the anchor is for

    done = vz("verify", "--index", str(db), str(folder))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [done.stderr.strip()]  # one line
    assert "events.jsonl:7: 2 events removed since indexed" in done.stderr
    assert str(folder) in done.stderr

    done = vz("review", "--index-db", str(db), "index", str(archive))
    assert done.returncode == 1
    rel = folder.relative_to(archive).as_posix()
    assert done.stderr.strip() == (
        f"failed verification: {rel}: events.jsonl:7: 2 events removed since indexed "
        f"({anchored.first_indexed}): the chain had 8 events then and has 6 now."
    )
    done = vz("review", "--index-db", str(db), "index", str(archive))  # again: still failed, not re-anchored
    assert done.returncode == 1 and "2 events removed since indexed" in done.stderr
    assert read_anchor(db, folder) == anchored

    done = vz("review", "--index-db", str(db), "search", str(archive), "alpha")
    assert done.returncode == 1, done.stdout  # the failed record's words are no longer searchable
    assert f"skipped, failed verification: {rel}: " in done.stderr
    done = vz("review", "--index-db", str(db), "search", str(archive), "beta")
    assert done.returncode == 0 and other.name in done.stdout

    html = tmp_path / "report.html"
    done = vz("review", "--index-db", str(db), "report", str(archive), "--html", str(html))
    assert done.returncode == 0, done.stderr
    page = html.read_text(encoding="utf-8")
    assert "1 session in the archive" in page and "Records that failed verification" in page
    assert f"{rel}: events.jsonl:7: 2 events removed since indexed" in page


def test_tail_cut_through_the_end_and_ended_reset(archive: Path, index: ArchiveIndex) -> None:
    folder = written_record(archive)
    index.update()
    cut_tail(folder, 3)  # session.ended too; session.json's ended and duration set back to null
    report = verify(folder)
    assert report.ok and not report.ended  # looks like a session still running (or crashed)
    stats = index.update()
    assert stats.failed == (
        f"{folder.relative_to(archive).as_posix()}: {_integrity(index, archive, folder)[1]}",
    )
    assert "3 events removed since indexed" in stats.failed[0]


def test_rewritten_chain_is_caught_by_the_anchor(archive: Path, index: ArchiveIndex, tmp_path: Path) -> None:
    folder = written_record(archive, word="gamma")
    index.update()
    before = _anchor_row(index, folder)
    rehash_with(folder, 2, text="the customer never complained")  # every hash redone, same length
    assert verify(folder).ok
    stats = index.update()
    assert len(stats.failed) == 1 and "Chain changed since indexed" in stats.failed[0]
    assert _anchor_row(index, folder) == before  # never overwritten by the forged chain
    assert search(index, "gamma") == []
    done = vz("review", "--index-db", str(index.path), "verify", str(folder))
    assert done.returncode == 1 and "events.jsonl:8: Chain changed since indexed" in done.stderr


def test_review_verify_uses_the_archives_own_index(archive: Path, vz_home: Path) -> None:
    """Without --index, `review verify` compares with the default index of the record's archive."""
    folder = written_record(archive)
    assert vz("review", "index", str(archive)).returncode == 0
    done = vz("review", "verify", str(folder))
    assert done.returncode == 0 and "anchored when indexed" in done.stdout
    cut_tail(folder, 1)
    done = vz("review", "verify", str(folder))
    assert done.returncode == 1 and "1 event removed since indexed" in done.stderr
    assert vz("verify", str(folder)).returncode == 0  # plain verify has no anchor to compare with


def test_forbidden_event_after_the_end(archive: Path, index: ArchiveIndex) -> None:
    folder = written_record(archive)
    with pytest.raises(RecordError, match="cannot be added after its end"):
        append_event(folder, "escalation.consent", {"agreed": True, "by": "the customer"})
    append_forged(folder, "escalation.consent", {"agreed": True, "by": "the customer"})  # a valid link
    report = verify(folder)
    assert not report.ok
    assert report.summary().startswith(
        "events.jsonl:9: escalation.consent was written after the session ended"
    )
    done = vz("verify", str(folder))
    assert done.returncode == 1 and "escalation.consent was written after the session ended" in done.stderr
    assert "not indexed" not in done.stderr and done.stderr.count("\n") == 1
    stats = index.update()
    assert len(stats.failed) == 1 and "escalation.consent" in stats.failed[0]


def test_every_type_allowed_after_the_end_keeps_the_record_intact(archive: Path, index: ArchiveIndex) -> None:
    from sessions.recording.chain import AFTER_END_TYPES

    folder = written_record(archive)
    index.update()
    for kind in sorted(AFTER_END_TYPES):
        append_event(folder, kind, {"author": "lead", "text": kind})
    assert verify(folder).ok
    stats = index.update()
    assert stats.failed == () and stats.updated == 1
    assert _anchor_row(index, folder)[0] == 8 + len(AFTER_END_TYPES)  # the anchor moved forward


def test_restored_record_is_intact_again_and_the_anchor_outlives_deletion(
    archive: Path, index: ArchiveIndex, tmp_path: Path
) -> None:
    folder = written_record(archive, word="delta")
    index.update()
    backup = tmp_path / "backup"
    shutil.copytree(folder, backup)
    cut_tail(folder, 2)
    assert len(index.update().failed) == 1
    shutil.rmtree(folder)
    stats = index.update()
    assert stats.removed == 1 and stats.failed == ()
    shutil.copytree(backup, folder)  # the good copy comes back: intact, searchable again
    stats = index.update()
    assert stats.added == 1 and stats.failed == ()
    assert search(index, "delta")
    shutil.rmtree(folder)
    index.update()
    shutil.copytree(backup, folder)
    cut_tail(folder, 2)  # a cut copy put back after the original was deleted: the anchor is still there
    assert "2 events removed since indexed" in index.update().failed[0]


def test_a_replaced_record_in_an_anchored_folder(archive: Path, index: ArchiveIndex) -> None:
    folder = written_record(archive)
    other = written_record(archive)
    index.update()
    other_id = json.loads((other / "session.json").read_bytes())["session_id"]
    with index.lock:  # the other record is new to this index: forget it, so only the folder's anchor is known
        index.conn.execute("DELETE FROM anchors WHERE session_id = ?", (other_id,))
    for name in ("session.json", "events.jsonl", "terminal.cast"):
        shutil.copyfile(other / name, folder / name)
    shutil.rmtree(other)
    stats = index.update()
    assert len(stats.failed) == 1 and "the record was replaced" in stats.failed[0]


def test_same_size_edit_with_the_time_put_back_is_still_seen(archive: Path, index: ArchiveIndex) -> None:
    """The index skips unchanged records by stamp; a stamp includes the change time nobody can set back."""
    folder = written_record(archive, word="epsilon")
    index.update()
    path = folder / "events.jsonl"
    before = os.stat(path)
    path.write_bytes(path.read_bytes().replace(b"epsilon", b"epsiloN"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size and os.stat(path).st_mtime_ns == before.st_mtime_ns
    stats = index.update()
    assert len(stats.failed) == 1 and "was changed" in stats.failed[0]


def test_failed_records_are_left_out_of_reports(archive: Path, index: ArchiveIndex) -> None:
    written_record(archive)
    bad = written_record(archive)
    index.update()
    before = build_report(index)
    assert before.sessions == 2 and [item.label for item in before.recurring] == ["md degraded"]
    lines = (bad / "events.jsonl").read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].replace(b"md", b"MD")
    (bad / "events.jsonl").write_bytes(b"".join(lines))
    index.update()
    report = build_report(index)
    assert report.sessions == 1 and report.recurring == ()  # the finding is no longer seen twice
    assert [folder for folder, _ in report.failed] == [bad.relative_to(archive).as_posix()]


def test_version_1_index_is_migrated_and_its_hashes_become_anchors(archive: Path, tmp_path: Path) -> None:
    folder = written_record(archive)
    report = verify(folder)
    db = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(db)
    for statement in _V1.split(";"):
        body = "\n".join(line.split("--")[0] for line in statement.splitlines()).strip()
        if body:
            conn.execute(body)
    conn.execute(
        "INSERT INTO records(folder, session_id, started, event_count, last_hash, events_stamp) "
        "VALUES (?,?,?,?,?,?)",
        (
            folder.relative_to(archive).as_posix(),
            report.session_id,
            "2025",
            report.events,
            report.last_hash,
            "x",
        ),
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    cut_tail(folder, 1)  # cut before the upgrade: the version-1 index's hash still anchors it
    with ArchiveIndex(archive, db) as index:
        assert index.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        stats = index.update()
    assert len(stats.failed) == 1 and "1 event removed since indexed" in stats.failed[0]
    assert len(events(folder)) == report.events - 1


def test_version_2_index_gets_the_tokenizer_and_keeps_its_anchors(archive: Path, tmp_path: Path) -> None:
    """Schema 3 (our own tokens, CJK bigrams) comes after schema 2's anchors: they survive the upgrade."""
    from sessions import storage

    cut, kept = written_record(archive, word="first"), written_record(archive, word="second")
    db = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    storage.migrate(conn, _MIGRATIONS[:2], too_new=lambda v: AssertionError(v), run=_run_script)
    for folder in (cut, kept):
        report = verify(folder)
        conn.execute(
            "INSERT INTO anchors(session_id, folder, event_count, last_hash, first_indexed, updated) "
            "VALUES (?,?,?,?,'2025-01-01T00:00:00Z','2025-01-01T00:00:00Z')",
            (report.session_id, folder.relative_to(archive).as_posix(), report.events, report.last_hash),
        )
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()
    cut_tail(cut, 1)
    with ArchiveIndex(archive, db) as index:
        assert index.conn.execute("PRAGMA user_version").fetchone()[0] == 3
        stats = index.update()
        assert len(stats.failed) == 1 and "1 event removed since indexed" in stats.failed[0]
        hits = search(index, "디스")  # inside 디스크: found only by the schema-3 tokens
        assert {hit.folder for hit in hits} == {kept.relative_to(archive).as_posix()}
