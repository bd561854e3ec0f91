"""The question asked when a copy's name is taken: replace it, keep both, or skip."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from console.kit.prompts import await_dialog
from console.kit.widgets import named
from sessions.files import Choice, Conflict, Direction
from sessions.visible import visible


class ConflictAsker:
    """Asks the technician, once per conflict, or applies the answer they chose for the rest."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.for_the_rest: Choice | None = None

    async def __call__(self, conflict: Conflict) -> Choice:
        if self.for_the_rest is not None and not (conflict.is_folder and self.for_the_rest is Choice.REPLACE):
            return self.for_the_rest
        box = QMessageBox(self.parent)
        box.setObjectName("filesConflict")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("FileConflict", "The name is taken"))
        where = (
            QCoreApplication.translate("FileConflict", "on this computer")
            if conflict.direction is Direction.DOWNLOAD
            else QCoreApplication.translate("FileConflict", "on the device")
        )
        box.setText(
            QCoreApplication.translate("FileConflict", "{name} already exists {where}:\n{path}").format(
                name=visible(conflict.name), where=where, path=visible(conflict.where)
            )
        )
        replace = None
        if not conflict.is_folder:
            replace = named(
                box.addButton(
                    QCoreApplication.translate("FileConflict", "Replace"),
                    QMessageBox.ButtonRole.DestructiveRole,
                ),
                "conflictReplace",
                QCoreApplication.translate("FileConflict", "Replace the file that is there"),
            )
        keep = named(
            box.addButton(
                QCoreApplication.translate("FileConflict", "Keep both"), QMessageBox.ButtonRole.AcceptRole
            ),
            "conflictKeepBoth",
            QCoreApplication.translate("FileConflict", "Keep both: the copy gets a number"),
        )
        named(
            box.addButton(
                QCoreApplication.translate("FileConflict", "Skip"), QMessageBox.ButtonRole.RejectRole
            ),
            "conflictSkip",
            QCoreApplication.translate("FileConflict", "Skip"),
        )
        box.setDefaultButton(keep)
        again = QCheckBox(
            QCoreApplication.translate("FileConflict", "Do the same for the other names that are taken")
        )
        again.setObjectName("conflictForTheRest")
        box.setCheckBox(again)
        await await_dialog(box)
        clicked = box.clickedButton()
        choice = (
            Choice.REPLACE if clicked is replace else Choice.KEEP_BOTH if clicked is keep else Choice.SKIP
        )
        if again.isChecked():
            self.for_the_rest = choice
        return choice
