"""Tools ▸ Review archive… opens the review window on the archive the settings name, from the console."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu, QTableWidget

from console.mainwindow.window import MainWindow
from console.review.window import ReviewWindow
from sessions.config import Settings
from sessions.paths import app_dirs
from tests.archive.conftest import varied_archive
from tests.console.conftest import QtLoop, until, visible


def test_review_archive_from_the_tools_menu(qtbot, qloop: QtLoop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    archive = tmp_path / "team-archive"
    archive.mkdir()
    records = varied_archive(archive)
    settings = Settings(app_dirs().settings_file)
    settings.set("recording", "archive", str(archive))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    tools = window.menuBar().findChild(QMenu, "toolsMenu")
    action = next(a for a in tools.actions() if a.objectName() == "reviewArchiveAction")
    assert action.text() == "&Review archive…"

    async def scenario() -> None:
        action.trigger()
        review = await until(lambda: visible(ReviewWindow, "reviewWindow"), what="the review window")
        assert review.source.index.archive == archive
        table = review.findChild(QTableWidget, "sessionsTable")
        await until(lambda: table.rowCount() == len(records), what="every record of the archive listed")
        action.trigger()  # again: the same window, raised
        assert window.followups.review is review
        window.close()  # closing the console closes its review window too
        assert not review.isVisible()

    qloop.run(scenario())
