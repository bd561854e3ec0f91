"""The session's file browser driven as a technician would, over a real sshd session and through the relay
and agent in the diagnostics scope: browse, download with a chosen folder, a taken name, cancel, upload
by dropping files from the desktop, new folder, rename, delete, and the agent's refusal shown plainly."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QPushButton

from console.files.panel import FilesPanel
from console.mainwindow.window import MainWindow
from console.session.tab import SessionTab
from sessions.agent.core import Agent, AgentConfig
from sessions.config import Settings
from sessions.files import TransferState
from sessions.live import SessionState
from sessions.paths import app_dirs
from sessions.relay.client import JoinOptions, connect_by_code
from sessions.relay.server import Relay, RelayConfig
from sessions.relay.techkey import ensure_technician_key
from sessions.ssh.hostkeys import HostKeyTrust
from sessions.ssh.target import Target
from tests.console.conftest import QtLoop, until, visible
from tests.sshd import Sshd


@pytest.fixture
def device(tmp_path: Path) -> Path:
    root = tmp_path / "device"
    (root / "logs").mkdir(parents=True)
    (root / "logs" / "syslog").write_bytes(b"md0: raid5 degraded\n" * 100_000)
    (root / "logs" / "디스크.log").write_text("디스크 오류\n")
    with open(os.fsencode(root / "logs") + b"/\x1b[2J\xff evil\r.log", "wb") as handle:
        handle.write(b"x\n")
    with (root / "big.img").open("wb") as handle:
        handle.truncate(512 << 20)  # sparse: plenty to read while the technician presses Cancel
    return root


@pytest.fixture
def window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(Settings(app_dirs().settings_file))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def _drop(panel: FilesPanel, paths: list[Path], at: QPoint | None = None) -> None:
    """Files dragged from the desktop and dropped on the list (a file manager's text/uri-list)."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = at or QPoint(10, panel.list.viewport().height() - 5)
    event = QDropEvent(
        where.toPointF(),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.list.dropEvent(event)
    assert event.isAccepted()


def _events(tab: SessionTab, kind: str) -> list[dict[str, object]]:
    folder = tab.bridge.session.recorder.folder  # type: ignore[union-attr]
    lines = (folder / "events.jsonl").read_text().splitlines()
    return [e["data"] for e in map(json.loads, lines) if e["type"] == kind]


async def _go(qtbot, panel: FilesPanel, path: Path) -> None:  # type: ignore[no-untyped-def]
    panel.path.selectAll()
    qtbot.keyClicks(panel.path, str(path))
    qtbot.keyClick(panel.path, Qt.Key.Key_Return)
    await until(
        lambda: panel.listing is not None and panel.listing.text_path == str(path), what=f"{path} shown"
    )


def test_browse_download_upload_and_change_over_a_direct_session(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, window: MainWindow, sshd: Sshd, device: Path, tmp_path: Path
) -> None:
    tab = window.open_address(
        f"{sshd.user}@{sshd.host}:{sshd.port}", key_file=str(sshd.client_key), accept_new=True
    )
    assert tab is not None
    downloads = tmp_path / "Downloads"
    downloads.mkdir()

    async def scenario() -> None:
        await until(lambda: tab.support.state is SessionState.ACTIVE, what="the session")
        window.tool_actions.files.trigger()  # Tools ▸ Files of this session
        dock = window.tool_actions.files_dock
        assert dock.isVisible() and dock.windowTitle().startswith("Files — ")
        panel = await until(lambda: dock.panels.get(id(tab)), what="the tab's browser")
        await until(lambda: panel.listing is not None, what="the home folder")
        assert not panel.read_only_note.isVisible() and panel.upload_button.isEnabled()

        await _go(qtbot, panel, device)
        rows = panel.rows()
        assert list(rows) == ["logs", "big.img"]  # folders first
        assert rows["big.img"].text(1) == "512.0 MB" and rows["big.img"].text(3).startswith("-rw")
        panel.list.setFocus()
        panel.list.setCurrentItem(rows["logs"])
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)  # Enter on the folder (as a double-click) opens it
        await until(lambda: panel.listing.text_path == str(device / "logs"), what="into logs")
        names = [panel.list.topLevelItem(i).text(0) for i in range(panel.list.topLevelItemCount())]
        assert "␛[2J⟨0xFF⟩ evil␍.log" in names  # the device's control characters shown, never acted on

        # Download… into a chosen folder
        panel.rows()["syslog"].setSelected(True)
        qtbot.mouseClick(panel.download_button, Qt.MouseButton.LeftButton)
        chooser = await until(lambda: visible(QFileDialog, "filesDownloadFolder"), what="the folder question")
        chooser.selectFile(str(downloads))
        chooser.accept()
        await until(
            lambda: panel.transfers.statuses() and panel.transfers.statuses()[-1].state.finished,
            what="copied",
        )
        source = (device / "logs" / "syslog").read_bytes()
        assert (downloads / "syslog").read_bytes() == source
        assert "Done" in panel.transfers_view.rows[1].text(2)

        # the same again: the name is taken, the technician keeps both
        panel.download_to(panel.selected(), downloads)
        box = await until(lambda: visible(QMessageBox, "filesConflict"), what="the taken-name question")
        assert "syslog already exists on this computer" in box.text()
        qtbot.mouseClick(box.findChild(QPushButton, "conflictKeepBoth"), Qt.MouseButton.LeftButton)
        await until(
            lambda: (downloads / "syslog (2)").exists() and panel.transfers.statuses()[-1].state.finished,
            what="kept both",
        )
        assert (downloads / "syslog").read_bytes() == source

        # a big one, cancelled from its row
        await _go(qtbot, panel, device)
        panel.rows()["big.img"].setSelected(True)
        [big] = panel.download_to(panel.selected(), downloads)
        await until(lambda: panel.transfers.status(big).done > 0, what="copying started")
        qtbot.mouseClick(panel.transfers_view.buttons[big], Qt.MouseButton.LeftButton)
        await until(lambda: panel.transfers.status(big).state is TransferState.CANCELLED, what="cancelled")
        assert "Cancelled" in panel.transfers_view.rows[big].text(2)
        assert sorted(p.name for p in downloads.iterdir()) == ["syslog", "syslog (2)"]

        # rows dragged out to the desktop: when the file manager takes the drop, the files are fetched
        panel.list.clearSelection()
        await _go(qtbot, panel, device / "logs")
        panel.rows()["디스크.log"].setSelected(True)
        panel.rows()["syslog"].setSelected(True)
        outgoing = panel.list.mimeData(panel.list.selectedItems())  # what Qt's drag carries
        assert outgoing.formats() == ["text/uri-list"]
        taken: list[bytes] = []
        QTimer.singleShot(0, lambda: taken.append(bytes(outgoing.data("text/uri-list").data())))
        await until(lambda: taken, what="the drop target's files")
        urls = [QUrl.fromEncoded(line) for line in taken[0].split(b"\r\n") if line]
        dragged = {Path(url.toLocalFile()).name: Path(url.toLocalFile()) for url in urls}
        assert sorted(dragged) == ["syslog", "디스크.log"]
        assert dragged["syslog"].read_bytes() == source
        assert dragged["디스크.log"].read_text() == "디스크 오류\n"
        assert [url.toLocalFile() for url in outgoing.urls()] == [str(p) for p in sorted(dragged.values())]
        await _go(qtbot, panel, device)

        # files dropped from the desktop: uploaded into the folder shown
        mine = tmp_path / "desk"
        mine.mkdir()
        (mine / "repair.sh").write_text("echo 수리\n")
        (mine / "notes").mkdir()
        (mine / "notes" / "a.txt").write_text("a\n")
        _drop(panel, [mine / "repair.sh", mine / "notes"])
        await until(
            lambda: (device / "notes" / "a.txt").exists() and "repair.sh" in panel.rows(), what="uploaded"
        )
        assert (device / "repair.sh").read_text() == "echo 수리\n"
        # dropped on a folder row: into that folder
        logs_row = panel.rows()["logs"]
        _drop(panel, [mine / "repair.sh"], panel.list.visualItemRect(logs_row).center())
        await until(lambda: (device / "logs" / "repair.sh").exists(), what="uploaded into logs")

        # new folder, rename, delete
        qtbot.mouseClick(panel.new_folder_button, Qt.MouseButton.LeftButton)
        ask = await until(lambda: visible(QInputDialog, "filesNameDialog"), what="the name question")
        ask.setTextValue("보고서")
        ask.accept()
        await until(lambda: "보고서" in panel.rows(), what="the new folder listed")
        panel.list.clearSelection()
        panel.rows()["repair.sh"].setSelected(True)
        qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
        ask = await until(lambda: visible(QInputDialog, "filesNameDialog"), what="the rename question")
        ask.setTextValue("fix.sh")
        ask.accept()
        await until(lambda: "fix.sh" in panel.rows(), what="renamed")
        panel.list.clearSelection()
        panel.rows()["fix.sh"].setSelected(True)
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
        confirm = await until(lambda: visible(QMessageBox, "filesDeleteConfirm"), what="the delete question")
        qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
        await until(lambda: "fix.sh" not in panel.rows(), what="deleted")
        assert not (device / "fix.sh").exists()

    qloop.run(scenario(), timeout=120)
    downloads_recorded = [e for e in _events(tab, "file.transfer") if e["direction"] == "download"]
    assert (
        downloads_recorded[0]["sha256"]
        == hashlib.sha256((device / "logs" / "syslog").read_bytes()).hexdigest()
    )
    assert [e.get("status") for e in downloads_recorded] == [None, None, "cancelled", None, None]
    uploads = [e["remote"] for e in _events(tab, "file.transfer") if e["direction"] == "upload"]
    assert sorted(uploads) == sorted(
        [str(device / "repair.sh"), str(device / "notes/a.txt"), str(device / "logs/repair.sh")]
    )
    assert _events(tab, "file.renamed") == [
        {"remote": str(device / "repair.sh"), "to": str(device / "fix.sh")}
    ]
    assert _events(tab, "file.deleted")[0]["remote"] == str(device / "fix.sh")
    assert _events(tab, "file.folder_created")[-1]["remote"] == str(device / "보고서")
    tab.end()
    qloop.run(
        until(
            lambda: not window.tool_actions.files_dock.panels[id(tab)].upload_button.isEnabled(),
            what="stopped",
        )
    )


def test_read_only_through_the_relay_and_the_agents_refusal_shown(  # type: ignore[no-untyped-def]
    qtbot, qloop: QtLoop, device: Path, tmp_path: Path
) -> None:
    key = ensure_technician_key()
    kind, blob = key.public_line.split()[:2]
    technicians = tmp_path / "technicians"
    technicians.write_text(f"{kind} {blob} Kim Minsu <kim@acme.example>\n")
    relay = qloop.run(Relay.start(RelayConfig(technicians_file=technicians, state_dir=tmp_path / "relay")))
    agent = Agent(
        AgentConfig(
            relay=Target("127.0.0.1", relay.port, "support"),
            state_dir=tmp_path / "agent",
            scope="diagnostics",
            auto_consent=True,
            lang="ko",
        )
    )
    trust = HostKeyTrust(known_hosts=tmp_path / "known_hosts", read_user_known_hosts=False, accept_new=True)
    try:
        qloop.run(agent.start())
        conn = qloop.run(
            connect_by_code(Target("127.0.0.1", relay.port, "kim"), agent.code, JoinOptions(trust=trust))
        )
        recorded: list[tuple[str, dict[str, object]]] = []
        panel = FilesPanel(lambda: conn, lambda kind, data: recorded.append((kind, data)))
        qtbot.addWidget(panel)
        panel.resize(900, 600)
        panel.show()

        async def scenario() -> None:
            await panel.start()
            assert panel.read_only_note.isVisible()
            assert not any(button.isEnabled() for button in panel.write_buttons)
            await _go(qtbot, panel, device / "logs")
            panel.rows()["syslog"].setSelected(True)
            assert panel.download_button.isEnabled()
            [copy] = panel.download_to(panel.selected(), tmp_path)
            await until(lambda: panel.transfers.status(copy).state.finished, what="downloaded")
            assert (tmp_path / "syslog").read_bytes() == (device / "logs" / "syslog").read_bytes()

            _drop(panel, [tmp_path / "syslog"])  # a drop in a read-only session is refused here
            assert "read-only" in panel.status.text() and not panel.transfers.statuses()[1:]

            # a browser that did not know (another server, an older agent): the agent refuses, and says why
            panel.files.read_only = False
            panel._update_buttons()
            qtbot.mouseClick(panel.new_folder_button, Qt.MouseButton.LeftButton)
            ask = await until(lambda: visible(QInputDialog, "filesNameDialog"), what="the name question")
            ask.setTextValue("new")
            ask.accept()
            await until(lambda: "refused" in panel.status.text(), what="the refusal")
            (tmp_path / "fix.sh").write_text("echo fix\n")
            [upload] = panel.upload([tmp_path / "fix.sh"])
            await until(lambda: panel.transfers.status(upload).state.finished, what="the upload's end")
            assert "Read-only in a diagnostics session" in panel.transfers_view.rows[upload].text(2)

        qloop.run(scenario())
        assert "Read-only in a diagnostics session" in panel.status.text()
        assert "diagnostics only" in panel.status.text() and "b00020" in panel.status.styleSheet()
        assert not (device / "logs" / "new").exists() and sorted(
            p.name for p in (device / "logs").iterdir()
        ) == sorted(["syslog", "디스크.log", os.fsdecode(b"\x1b[2J\xff evil\r.log")])
        assert [k for k, _ in recorded] == ["file.transfer", "file.refused", "file.transfer"]
        panel.close_files()
        conn.close()
    finally:
        qloop.run(agent.end("test over"))
        qloop.run(relay.close())
