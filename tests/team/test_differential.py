"""The team server finds what the embedded archive index finds, on the same records: a differential test.

Both index the same documents with one tokenizer (sessions/archive/tokens.py); the server runs on SQLite
(FTS5) and on PostgreSQL (tsvector, GIN). Korean two-syllable words inside longer words, Chinese,
Japanese, commands and paths.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sessions.archive import ArchiveIndex, search
from sessions.recording import DeviceInfo
from tests.archive.builders import build_record
from tests.archive.conftest import day

LINES = [
    "$ mdadm --detail /dev/md0\r\n   State : clean, degraded\r\n",
    "$ cat /proc/mdstat\r\nmd0 : active raid1 sdb1[1] sda1[0]\r\n      [U_]\r\n",
    "$ smartctl -H /dev/sda\r\nSMART overall-health self-assessment test result: FAILED!\r\n",
    "디스크에서 읽기 오류가 발생했습니다 (I/O error)\r\n",
    "서버에서 응답이 없습니다. 하드디스크를 교체하세요\r\n",
    "磁盘错误: 无法读取扇区\r\n",
    "ディスクエラーが発生しました。再起動してください\r\n",
    "Résumé of the NAS: DSM 7.2-64570 Update 3, QTS 5.1.0\r\n",
    "btrfs scrub status /volume1\r\nError summary: csum=12\r\n",
    "df -h /share/CACHEDEV1_DATA\r\n/dev/mapper/cachedev1  7.2T  7.1T  100G  99% /share/CACHEDEV1_DATA\r\n",
]
CHATS = [
    ("ko", "디스크에서 이상한 소리가 나요", "The disk makes a strange noise"),
    ("ko", "서버가 자꾸 꺼져요. 디스크 문제인가요?", "The server keeps shutting down. Is it the disk?"),
    ("zh-CN", "硬盘坏了吗？磁盘错误一直出现", "Is the hard disk broken? Disk errors keep appearing"),
    ("zh-TW", "伺服器無法開機", "The server does not boot"),
    ("ja", "ディスクの交換は必要ですか", "Do I need to replace the disk?"),
    ("en", "The volume /volume1 is read-only since Monday", ""),
]
FINDING = {"check": "md", "target": "md0", "status": "warn", "summary": "md degraded", "evidence": ["[U_]"]}
QUERIES = [
    "디스크", "디스크에서", "서버", "스크", "디", "오류", "하드디스크", "교체", "소리",
    "磁盘", "错误", "硬盘", "伺服器", "ディスク", "エラー", "交換",
    "mdadm", "/dev/md0", '"cat /proc/mdstat"', "md*", "degraded", "resume", "DSM 7.2", "7.2",
    "smartctl -H /dev/sda", "raid1", "U_", "cachedev1_data", "csum=12", '"clean, degraded"',
    "noise", "read-only", "disk", "nothing-matches-this", "md0에서",
]  # fmt: skip


def corpus(archive: Path, count: int = 24) -> None:
    rng = random.Random(15)
    for n in range(count):
        output = [(float(i), rng.choice(LINES)) for i in range(1, rng.randint(2, 6))]
        lang, text, english = rng.choice(CHATS)
        events: list[tuple[float, str, dict[str, object]]] = [
            (3.0, "chat.message", {"id": "1", "from": "customer", "lang": lang, "text": text,
                                   "translation": {"lang": "en", "text": english, "provider": "t"}}),
            (4.0, "chat.message", {"id": "2", "from": "technician", "lang": "en", "text": "see /dev/md0"}),
        ]  # fmt: skip
        if n % 3 == 0:
            events.append((8.0, "diagnostics.finding", FINDING))
        if n % 4 == 0:
            events.append((9.0, "outcome", {"outcome": "resolved", "summary": "하드디스크 교체 후 정상"}))
        device = DeviceInfo(name=f"nas-{n}", host=f"192.0.2.{n + 1}", port=22, user="admin")
        build_record(archive, day(1 + n % 27, n % 24), device=device, output=output, events=events,
                     meta={"platform": "DSM 7.2"})  # fmt: skip


def _key(hit: object) -> tuple[str, str, float]:
    return (hit.session_id, hit.kind, round(hit.t, 3))  # type: ignore[attr-defined]


@pytest.mark.parametrize("window", [5000, 7])
async def test_the_server_finds_what_the_embedded_index_finds(
    connect_as, tmp_path: Path, window: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """*window* 7: PostgreSQL finds most hits through its index, after the newest 7 documents; SQLite reads
    its matches in pages of 3 (then 12, 48 …)."""
    monkeypatch.setattr("sessions.team.queries.WINDOW", window)
    monkeypatch.setattr("sessions.team.queries.FTS_PAGE", 3 if window == 7 else 200)
    archive = tmp_path / "archive"
    corpus(archive)
    from sessions.recording import iter_records

    kim = await connect_as("kim")
    for folder in iter_records(archive):
        assert (await kim.put_record(folder))["state"] == "stored"
    choi = await connect_as("choi")  # admin: sees every record
    from sessions.team.queries import hit_from_json

    with ArchiveIndex(archive, tmp_path / "index.sqlite3") as index:
        index.update()
        compared = 0
        for query in QUERIES:
            embedded = {_key(hit) for hit in search(index, query, limit=1000)}
            answer = await choi.request("search", query=query, limit=1000)
            served = {_key(hit_from_json(hit)) for hit in answer["hits"]}
            assert served == embedded, (query, sorted(served ^ embedded))
            compared += bool(embedded)
        assert compared >= len(QUERIES) - 2  # nearly every query finds something

        # Korean inside longer words, in both: 디스크 in 디스크에서 and in 하드디스크
        hits = {hit.snippet for hit in search(index, "디스크", limit=1000)}
        assert any("디스크에서" in s for s in hits) and any("하드디스크" in s for s in hits)
        assert search(index, "스크", limit=1) and search(index, "서버", limit=1)
