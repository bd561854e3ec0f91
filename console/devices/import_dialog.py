"""Import devices from ~/.ssh/config: a preview with a tick per host, then one add per ticked host."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.app.errors import render_error
from console.kit.widgets import named
from sessions.device_import import Candidate, Standing, candidates, import_hosts
from sessions.devices import DeviceBook
from sessions.errors import SupportError
from sessions.sshconfig import SshHost, read_ssh_config
from sessions.visible import visible

COLUMNS = ("Name", "Address", "User", "Key file", "Note")


class SshConfigImportDialog(QDialog):
    """Reads the file, shows each host it names; `imported(device_id)` once devices were added."""

    imported = Signal(int)

    def __init__(self, book: DeviceBook, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.setObjectName("sshConfigImportDialog")
        self.setWindowTitle(self.tr("Import devices from ~/.ssh/config"))
        self.resize(820, 480)
        layout = QVBoxLayout(self)
        file_row = QHBoxLayout()
        self.path = named(
            QLineEdit(str(path or Path.home() / ".ssh" / "config")), "sshConfigPath", self.tr("File")
        )
        choose = named(QPushButton(self.tr("Choose…")), "sshConfigChoose", self.tr("Choose another file"))
        choose.clicked.connect(self._on_choose_clicked)
        reread = named(QPushButton(self.tr("Read")), "sshConfigRead", self.tr("Read the file again"))
        reread.clicked.connect(self.read)
        file_row.addWidget(QLabel(self.tr("File:")))
        file_row.addWidget(self.path, 1)
        file_row.addWidget(choose)
        file_row.addWidget(reread)
        layout.addLayout(file_row)
        self.table = named(QTreeWidget(), "sshConfigHosts", self.tr("Hosts found"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setColumnWidth(0, 170)
        self.table.setColumnWidth(1, 190)
        self.table.itemChanged.connect(lambda *_: self._update_button())
        layout.addWidget(self.table, 1)
        self.skipped = named(QPlainTextEdit(), "sshConfigSkipped", self.tr("What was left out"))
        self.skipped.setReadOnly(True)
        self.skipped.setMaximumHeight(90)
        layout.addWidget(self.skipped)
        form = QFormLayout()
        self.folder = named(QComboBox(), "sshConfigFolder", self.tr("Folder for the imported devices"))
        self.folder.setEditable(True)
        self.folder.addItems(["ssh config", "", *book.folders()])
        form.addRow(self.tr("Put them in folder:"), self.folder)
        layout.addLayout(form)
        self.outcome = named(QLabel(), "sshConfigResult", self.tr("Import result"))
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.setObjectName("sshConfigButtons")
        self.import_button = named(
            self.buttons.addButton(self.tr("Import ticked"), QDialogButtonBox.ButtonRole.ActionRole),
            "sshConfigImport",
            self.tr("Import the ticked hosts"),
        )
        self.import_button.clicked.connect(self.import_ticked)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.rows: list[Candidate] = []
        self.read()

    def _on_choose_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("OpenSSH config file"), self.path.text())
        if path:
            self.path.setText(path)
            self.read()

    def read(self) -> None:
        """Read the file (never runs anything it names) and show each host with a tick."""
        config = read_ssh_config(Path(self.path.text().strip()).expanduser())
        try:
            self.rows = candidates(self.book, config.hosts)
        except SupportError as exc:  # the device book cannot be read
            self.outcome.setText(render_error(exc).lines())
            self.rows = []
        self.table.clear()
        for candidate in self.rows:
            self.table.addTopLevelItem(self._item(candidate))
        left_out = [visible(note) for note in config.notes]
        self.skipped.setPlainText("\n".join(left_out) if left_out else self.tr("Nothing was left out."))
        if not config.hosts:
            self.outcome.setText(self.tr("No host to import was found in this file."))
        self._update_button()

    def _item(self, candidate: Candidate) -> QTreeWidgetItem:
        host = candidate.host
        note = {
            Standing.NEW: "",
            Standing.KNOWN: self.tr("already in the book as {name}"),
            Standing.NAME_TAKEN: self.tr("the name is taken by another device ({name})"),
        }[candidate.standing].format(name=candidate.existing)
        extra = [note] if note else []
        if host.proxy:
            extra.append(
                self.tr("through {proxy}: noted, Valuezone connects directly").format(proxy=host.proxy)
            )
        extra += list(host.notes)
        cells = (
            host.alias,
            f"{host.hostname}:{host.port}",
            host.user or self.tr("(your user name)"),
            str(host.identity_file or ""),
            "; ".join(extra),
        )
        item = QTreeWidgetItem([visible(text) for text in cells])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if candidate.ticked else Qt.CheckState.Unchecked)
        item.setToolTip(4, "\n".join(visible(text) for text in extra) or host.where)
        return item

    def ticked(self) -> list[SshHost]:
        return [
            candidate.host
            for number, candidate in enumerate(self.rows)
            if (item := self.table.topLevelItem(number)) is not None
            and item.checkState(0) == Qt.CheckState.Checked
        ]

    def _update_button(self) -> None:
        self.import_button.setEnabled(bool(self.ticked()))

    def import_ticked(self) -> None:
        result = import_hosts(self.book, self.ticked(), self.folder.currentText())
        lines = [self.tr("%n device(s) imported.", "", len(result.added))]
        for alias, error in result.failed:
            lines.append(
                self.tr("{name}: not imported: {why}").format(
                    name=visible(alias), why=render_error(error).line()
                )
            )
        self.outcome.setText("\n".join(lines))
        if result.added:
            self.imported.emit(result.added[0].id)
        self.read()  # the ticks now show what is in the book
