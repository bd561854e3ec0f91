"""Index and search over records made by a real SSH session and built ones: typed commands, Korean chat,
incremental updates, filters, lead annotations that keep the chain valid."""

from __future__ import annotations

import shutil
from pathlib import Path

from sessions.archive import ArchiveIndex, Filters, fts_query, search, sessions
from sessions.recording import append_event, verify
from tests.archive.builders import build_record
from tests.archive.conftest import KOREAN_CHAT, day, live_record, varied_archive
from tests.sshd import Sshd


async def test_search_finds_a_typed_command_and_a_korean_chat_word(
    sshd: Sshd, archive: Path, index: ArchiveIndex
) -> None:
    folder = await live_record(sshd, archive)
    assert verify(folder).ok
    stats = index.update()
    assert (stats.added, stats.failed) == (1, ())

    typed = search(index, "vz-typed-42-mdadm")
    assert typed and typed[0].kind == "terminal"
    marked = {typed[0].snippet[a:b].lower() for a, b in typed[0].highlights}
    assert marked == {"vz-typed-42-mdadm"}, (typed[0].snippet, typed[0].highlights)  # the output, whole
    assert typed[0].folder == folder.relative_to(archive).as_posix()
    assert 0 <= typed[0].t < 30

    korean = search(index, "소리")  # a word of the chat, found inside 소리가 (CJK text as bigrams)
    assert [hit.kind for hit in korean] == ["chat"]
    assert "소리가" in korean[0].snippet and korean[0].marked("<", ">").count("<") == 1
    assert search(index, "strange noise")[0].kind == "chat"  # the translation is indexed too
    assert search(index, "degraded")[0].kind == "finding"
    assert search(index, "second disk")[0].kind == "summary"
    assert KOREAN_CHAT in (folder / "events.jsonl").read_text()


def test_incremental_update_reads_only_new_and_changed_records(archive: Path, index: ArchiveIndex) -> None:
    folders = varied_archive(archive)
    assert index.update().added == 5
    again = index.update()
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)

    append_event(folders[0], "annotation", {"author": "lead", "text": "customer waited on hold", "t": 12.5})
    append_event(folders[0], "tag", {"author": "lead", "tag": "slow-start"})
    changed = index.update()
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 4)
    note = search(index, "waited on hold")
    assert [(hit.kind, hit.t) for hit in note] == [("note", 12.5)]
    assert verify(folders[0]).ok, verify(folders[0]).lines()
    assert search(index, "uname")  # the terminal text survived an events-only update
    assert len(search(index, "uname", limit=100)) == 5

    shutil.rmtree(folders[1])
    gone = index.update()
    assert (gone.removed, gone.unchanged) == (1, 4)
    assert not search(index, "nas-b")


def test_filters(archive: Path, index: ArchiveIndex) -> None:
    varied_archive(archive)
    index.update()

    def devices(**kwargs: object) -> list[str]:
        return [row.device for row in sessions(index, Filters(**kwargs))]  # type: ignore[arg-type]

    assert devices() == ["nas-e", "nas-d", "qnap-c", "nas-b", "nas-a"]  # newest first
    assert devices(since="2025-03-04", until="2025-03-06") == ["nas-d", "qnap-c", "nas-b"]
    assert devices(technician="KIM") == ["qnap-c", "nas-a"]
    assert devices(device="qnap") == ["qnap-c"]
    assert devices(outcome="not_resolved") == ["nas-b"]
    assert devices(min_score=7) == ["nas-e", "nas-d", "nas-a"]
    assert devices(max_score=5) == ["qnap-c", "nas-b"]
    assert devices(customer_lang="ko") == ["nas-e", "qnap-c", "nas-a"]
    assert devices(escalated=True) == ["qnap-c"]
    assert devices(followup_open=True) == ["nas-b"]
    assert [row.device for row in sessions(index, Filters(technician="lee"), text="help")] == [
        "nas-e",
        "nas-b",
    ]
    hits = search(index, "help", filters=Filters(customer_lang="ko", technician="kim"))
    assert sorted(hit.device for hit in hits) == ["nas-a", "qnap-c"]


def test_facts_first_response_and_resolution(archive: Path, index: ArchiveIndex) -> None:
    varied_archive(archive)
    index.update()
    rows = index.conn.execute(
        "SELECT device_name, first_response, resolution, escalated FROM records"
    ).fetchall()
    by_device = {row[0]: row[1:] for row in rows}
    assert by_device["nas-a"] == (9.5, 60.0, 0)
    assert by_device["nas-b"] == (9.5, None, 0)
    assert by_device["qnap-c"] == (9.5, None, 1)


def test_query_syntax_is_never_fts_syntax() -> None:
    assert fts_query("mdadm --detail /dev/md0") == '"mdadm" AND "detail" AND "dev md0"'
    assert fts_query('"cat /proc" md*') == '"cat proc" AND "md"*'
    assert fts_query("디스크 OR") == '"디스 스크" AND "or"'  # CJK as bigrams, found inside longer words
    assert fts_query("디") == '"디"*'  # one CJK character: any token that starts with it
    assert fts_query('" -- ') == ""


def test_odd_queries_do_not_fail(archive: Path, index: ArchiveIndex) -> None:
    build_record(archive, day(3), output=[(0.5, 'say "hi" (NEAR) AND * -x\r\n')])
    index.update()
    for query in ['"', "AND", "NEAR(", "*", "-x", 'say "hi', "(NEAR)"]:
        search(index, query)
    assert search(index, 'say "hi"')


def test_a_record_that_cannot_be_read_is_reported_not_fatal(archive: Path, index: ArchiveIndex) -> None:
    good = build_record(archive, day(3), output=[(0.5, "fine\r\n")])
    bad = build_record(archive, day(4), output=[(0.5, "other\r\n")])
    (bad / "session.json").write_text("{not json")
    stats = index.update()
    assert stats.added == 1 and len(stats.failed) == 1 and bad.name in stats.failed[0]
    assert search(index, "fine")[0].folder == good.relative_to(archive).as_posix()
