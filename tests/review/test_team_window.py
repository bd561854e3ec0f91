"""The review window and the follow-up queue on the team server (pytest-qt): a lead's view of the team."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from console.app import messages
from console.followups.dock import FollowUpsDock
from console.review.server_source import ServerSource
from console.review.window import ReviewWindow
from console.team.service import TeamService
from sessions.config import Settings
from sessions.relay.server import Relay, RelayConfig
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from sessions.team.client import TeamClient
from tests.archive.builders import build_record
from tests.archive.conftest import day
from tests.console.conftest import QtLoop, qloop, until, visible  # noqa: F401  (qloop is a fixture)
from tests.sshd import keygen
from tests.team.conftest import technicians_text
from tests.team.test_server import CHAT, FINDING

PEOPLE = {
    "kim": ('team="seoul"', "Kim Minsu <kim@acme.example>"),
    "lee": ('role="lead",team="seoul"', "Lee Jiwoo <lee@acme.example>"),
}


@pytest.fixture
def team(qloop: QtLoop, tmp_path: Path) -> Iterator[tuple[Relay, dict[str, Path]]]:  # noqa: F811
    keys = {name: keygen(tmp_path / f"{name}_ed25519", comment=name) for name in PEOPLE}
    technicians = tmp_path / "technicians"
    technicians.write_text(technicians_text(keys, PEOPLE))
    relay = qloop.run(Relay.start(RelayConfig(technicians_file=technicians, state_dir=tmp_path / "relay")))
    yield relay, keys
    qloop.run(relay.close())


def _trust(tmp_path: Path) -> HostKeyTrust:
    return HostKeyTrust(known_hosts=tmp_path / "known_hosts", read_user_known_hosts=False, accept_new=True)


def _records(tmp_path: Path) -> list[Path]:
    folders = []
    for n in (3, 4, 5):
        events = [(5.0, "chat.message", CHAT), (9.0, "diagnostics.finding", FINDING)]
        if n == 5:
            events.append((20.0, "outcome", {"outcome": "not_resolved", "summary": "waiting for a disk"}))
            events.append((21.0, "followup.opened", {"due": "2025-03-10"}))
        output = [(1.0, "$ cat /proc/mdstat\r\n"), (30.0, f"md0 : active raid1 [U_] session {n}\r\n")]
        folders.append(build_record(tmp_path / "kim", day(n), output=output, events=events,
                                    meta={"platform": "DSM 7.2"}))  # fmt: skip
    return folders


def test_a_lead_reviews_the_team_and_closes_a_follow_up(
    team: tuple[Relay, dict[str, Path]],
    qtbot: QtBot,
    qloop: QtLoop,  # noqa: F811
    tmp_path: Path,
) -> None:
    relay, keys = team
    target = Target("127.0.0.1", relay.port, "tech")

    async def push() -> None:
        async with await TeamClient.connect(
            target, trust=_trust(tmp_path), technician_key=keys["kim"]
        ) as kim:
            for folder in _records(tmp_path):
                await kim.put_record(folder)

    qloop.run(push())
    settings = Settings(tmp_path / "settings.toml")
    settings.set("team", "server", f"127.0.0.1:{relay.port}")
    service = TeamService(settings, key_file=keys["lee"])
    trust = _trust(tmp_path)
    lee_client = lambda: service.client(trust)  # noqa: E731

    source = ServerSource(lee_client, f"127.0.0.1:{relay.port}", tmp_path / "cache")
    window = ReviewWindow(source, "lee")
    qtbot.addWidget(window)
    window.show()

    async def review() -> None:
        await window.update_index()
        assert window.table.rowCount() == 3
        assert (
            "Lee Jiwoo" in window.statusBar().currentMessage()
            and "lead" in window.statusBar().currentMessage()
        )
        assert window.windowTitle().endswith(f"team server 127.0.0.1:{relay.port}")
        assert window.last_report is not None and window.last_report.sessions == 3
        window.search_box.setText("디스크")
        await until(lambda: len(window.hits) == 3, what="three hits")
        assert window.last_report is not None and window.last_report.search == "디스크"
        window.hits_view.anchorClicked.emit(QUrl("hit:0"))
        player = window.session_view.player
        await until(lambda: player.playback is not None, what="the session fetched and loaded")
        assert player.playback is not None and abs(player.playback.position - window.hits[0].t) < 1e-6
        player.seek(player.playback.duration)
        assert "md0 : active raid1" in player.screen_text()
        window.session_view.note_edit.setText("checked by the lead")
        window.session_view.note_button.click()
        await until(lambda: "Saved" in window.session_view.status.text(), what="note saved on the server")
        window.search_box.clear()
        qtbot.keyClicks(window.search_box, "checked")
        await until(lambda: [h.kind for h in window.hits] == ["note"], what="the note found on the server")
        # the table, the report and its export follow the same words, on the server too
        await until(lambda: window.table.rowCount() == 1, what="one session with the note")
        assert window.last_report is not None and window.last_report.sessions == 1
        written = await window.write_report(tmp_path / "report.html")
        assert written is not None and "checked" in written.read_text(encoding="utf-8")
        window.tabs.setCurrentWidget(window.report)
        window.resize(1400, 860)
        await until(lambda: window.report.isVisible(), what="report")

    qloop.run(review())
    window.grab().save(str(tmp_path / "team-review.png"))
    assert any((tmp_path / "cache").iterdir())
    window.close()  # the team's customers' data does not stay on this disk
    assert not (tmp_path / "cache").exists()

    dock = FollowUpsDock(lambda: tmp_path / "none", lambda: "lee", None, team=service)
    qtbot.addWidget(dock)
    dock.show()

    async def follow_up() -> None:
        await dock.reload()
        table = dock.findChild(QTableWidget, "followupTable")
        assert table.rowCount() == 1 and table.item(0, 0).text() == "2025-03-10"
        table.selectRow(0)
        dock.open_selected()  # the team's review window, on that session
        review = dock.review
        assert review is not None and isinstance(review.source, ServerSource)
        await until(lambda: review.session_view.folder is not None, what="the record opened")
        assert (
            review.session_view.folder is not None and review.session_view.folder.name == dock.rows[0].folder
        )
        qtbot.mouseClick(dock.findChild(QPushButton, "followupClose"), Qt.MouseButton.LeftButton)
        note = await until(lambda: visible(QDialog, "followupNoteDialog"), what="note dialog")
        qtbot.keyClicks(note.findChild(QPlainTextEdit, "followupNote"), "disk swapped by the customer")
        qtbot.mouseClick(note.findChild(QPushButton, "followupNoteOk"), Qt.MouseButton.LeftButton)
        await until(lambda: table.rowCount() == 0, what="the follow-up closed on the server")
        review.close()
        await service.close()

    qloop.run(follow_up())


def test_settings_name_the_team_server(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLabel, QLineEdit

    from console.settings.dialog import SettingsDialog

    settings = Settings(tmp_path / "settings.toml")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    edit = dialog.findChild(QLineEdit, "teamServerEdit")
    edit.setText("relay.example.com:99999")
    dialog.accept()
    message = dialog.findChild(QLabel, "teamServerMessage")
    assert settings.get("team", "server") == "" and "invalid port" in message.text()
    edit.setText("relay.example.com:2222")
    dialog.accept()
    assert Settings.load(tmp_path / "settings.toml").get("team", "server") == "relay.example.com:2222"


def test_the_console_pushes_finished_records_by_itself(
    team: tuple[Relay, dict[str, Path]],
    qloop: QtLoop,  # noqa: F811
    tmp_path: Path,
) -> None:
    relay, keys = team
    archive = tmp_path / "kim"
    folders = _records(tmp_path)
    settings = Settings(tmp_path / "settings.toml")
    settings.set("recording", "archive", str(archive))
    service = TeamService(settings, key_file=keys["kim"])

    def said() -> str:
        return messages.bridge().held[-1].text

    async def push() -> None:
        assert await service.push() is None  # no team server set: nothing happens
        settings.set("team", "server", f"127.0.0.1:{relay.port}")
        report = await service.push()
        assert report is None and said().startswith("Team server: The authenticity of host")
        known = HostKeyTrust()  # the console's own known_hosts, as after joining a session through the relay
        known.accept_new = True
        service._client = await TeamClient.connect(service.target(), trust=known, technician_key=keys["kim"])
        service._client_for = service.server
        report = await service.push()
        assert report is not None and report.stored == len(folders)
        assert said() == f"Team server: {len(folders)} records pushed, 0 refused"
        again = await service.push()
        assert again is not None and again.sent == 0
        await service.close()

    qloop.run(push())


@pytest.mark.parametrize("session_id", ["..", "../outside", "a/../../b", "/etc", ".hidden", ""])
def test_a_session_id_from_the_server_never_leaves_the_cache(tmp_path: Path, session_id: str) -> None:
    """A hostile or broken server naming a session like a path: refused before anything is written."""
    import asyncio

    from sessions.team.protocol import TeamRefusal

    async def no_client() -> TeamClient:
        raise AssertionError("the server is not asked")

    source = ServerSource(no_client, "relay.example.com:2222", tmp_path / "cache")
    with pytest.raises(TeamRefusal) as refused:
        asyncio.run(source.record(session_id))
    assert refused.value.code == "team.session_id_unsafe"
    assert sorted(p.name for p in tmp_path.iterdir()) == []
