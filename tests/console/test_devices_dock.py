"""The Devices dock driven as a technician would: search as you type, folders, drag a device onto a
folder, import from ~/.ssh/config with a preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QInputDialog, QLineEdit, QTreeWidget

from console.devices.dock import DevicesDock
from console.devices.import_dialog import SshConfigImportDialog
from console.devices.tree import DEVICE_ROLE, FOLDER_ROLE
from sessions.devices import DeviceBook
from tests.console.conftest import visible


@pytest.fixture
def book(vz_home: Path) -> DeviceBook:
    book = DeviceBook()
    book.add("Acme NAS", "10.0.0.5", 2222, "admin", notes="TS-453D, RAID 5", folder="Customers/Acme")
    book.add("Beta router", "192.0.2.1", folder="Customers/Beta")
    book.add("Lab pi", "pi.lab.example", user="pi", notes="test bench")
    return book


@pytest.fixture
def dock(qtbot, book: DeviceBook) -> DevicesDock:  # type: ignore[no-untyped-def]
    dock = DevicesDock(book)
    qtbot.addWidget(dock)
    dock.resize(320, 600)
    dock.show()
    return dock


def _names(dock: DevicesDock) -> list[str]:
    return [item.text(0).split("\n")[0] for item in dock.list.device_items()]


def _folder_of(dock: DevicesDock, name: str) -> str:
    [item] = [i for i in dock.list.device_items() if i.text(0).startswith(name)]
    return dock.list.drop_folder(item)


def test_folders_show_as_a_tree_and_search_filters_as_you_type(qtbot, dock: DevicesDock) -> None:  # type: ignore[no-untyped-def]
    customers = dock.list.topLevelItem(0)
    assert customers.text(0) == "Customers" and customers.childCount() == 2
    assert [customers.child(i).text(0) for i in range(2)] == ["Acme", "Beta"]
    assert _folder_of(dock, "Acme NAS") == "Customers/Acme"
    assert dock.list.count() == 3

    qtbot.keyClicks(dock.search, "raid")  # notes
    assert _names(dock) == ["Acme NAS"]
    assert dock.list.topLevelItem(0).isExpanded()
    dock.search.clear()
    qtbot.keyClicks(dock.search, "beta")  # folder and name
    assert _names(dock) == ["Beta router"]
    dock.search.clear()
    qtbot.keyClicks(dock.search, "pi.lab")  # address
    assert _names(dock) == ["Lab pi"] and dock.list.topLevelItemCount() == 1  # no empty folders
    assert dock.connect_button.isEnabled()
    dock.search.clear()
    qtbot.keyClicks(dock.search, "nothing like this")
    assert dock.list.count() == 0 and not dock.connect_button.isEnabled()
    dock.search.clear()
    assert dock.list.count() == 3


def test_new_folder_then_drag_a_device_onto_it(qtbot, dock: DevicesDock, book: DeviceBook) -> None:  # type: ignore[no-untyped-def]
    dock.new_folder_action.trigger()
    dialog = visible(QInputDialog, "folderNameDialog")
    assert dialog is not None
    dialog.setTextValue("Workshop")
    dialog.accept()
    assert "Workshop" in book.folders()
    workshop = dock.list.folder_item("Workshop")
    assert workshop is not None

    [pi] = [i for i in dock.list.device_items() if i.text(0).startswith("Lab pi")]
    dock.list.setCurrentItem(pi)
    data = dock.list.mimeData([pi])
    target = dock.list.visualItemRect(workshop).center()
    drop = QDropEvent(
        target.toPointF(),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dock.list.dropEvent(drop)
    assert book.find("Lab pi").folder == "Workshop"  # type: ignore[union-attr]
    assert _folder_of(dock, "Lab pi") == "Workshop"
    assert dock.current().name == "Lab pi"  # type: ignore[union-attr]

    # dropped on the empty space under the tree: back to the top level
    empty = QPoint(10, dock.list.viewport().height() - 5)
    data = dock.list.mimeData([dock.list.currentItem()])  # held: the event does not own it
    drop = QDropEvent(
        empty.toPointF(),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dock.list.dropEvent(drop)
    assert book.find("Lab pi").folder == ""  # type: ignore[union-attr]


def test_rename_and_remove_a_folder_keep_its_devices(qtbot, dock: DevicesDock, book: DeviceBook) -> None:  # type: ignore[no-untyped-def]
    dialog = dock.rename_folder("Customers")
    dialog.setTextValue("Clients")
    dialog.accept()
    assert _folder_of(dock, "Acme NAS") == "Clients/Acme"
    dock.remove_folder("Clients/Acme")
    assert _folder_of(dock, "Acme NAS") == "Clients"
    assert len(book.list()) == 3


def test_add_device_puts_it_in_the_selected_folder(qtbot, dock: DevicesDock, book: DeviceBook) -> None:  # type: ignore[no-untyped-def]
    dock.list.setCurrentItem(dock.list.folder_item("Customers/Beta"))
    qtbot.mouseClick(dock.add_button, Qt.MouseButton.LeftButton)
    dialog = visible(QLineEdit, "deviceName").window()  # type: ignore[union-attr]
    assert dialog.findChild(QComboBox, "deviceFolder").currentText() == "Customers/Beta"
    qtbot.keyClicks(dialog.findChild(QLineEdit, "deviceName"), "Beta NAS")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "deviceHost"), "nas.beta.example")
    ok = dialog.findChild(QDialogButtonBox, "deviceButtons").button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert book.find("Beta NAS").folder == "Customers/Beta"  # type: ignore[union-attr]
    assert _folder_of(dock, "Beta NAS") == "Customers/Beta"


SSH_CONFIG = """\
Host acme-nas
    HostName 10.0.0.5
    User admin
    Port 2222
Host synology
    HostName 192.168.1.20
    Port 5022
    IdentityFile ~/.ssh/id_synology
Host qnap
    HostName 192.168.1.30
    ProxyJump bastion
Host *.lan
    User lan-admin
Match exec "rm -rf {home}"
    User never
"""


def test_import_from_ssh_config_with_a_preview(  # type: ignore[no-untyped-def]
    qtbot, dock: DevicesDock, book: DeviceBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_synology").write_text("key\n")
    (home / ".ssh" / "config").write_text(SSH_CONFIG.format(home=home))
    monkeypatch.setenv("HOME", str(home))

    dock.import_action.trigger()
    dialog = visible(QTreeWidget, "sshConfigHosts").window()  # type: ignore[union-attr]
    assert isinstance(dialog, SshConfigImportDialog)
    rows = {dialog.table.topLevelItem(i).text(0): dialog.table.topLevelItem(i) for i in range(3)}
    assert list(rows) == ["acme-nas", "synology", "qnap"]
    assert rows["acme-nas"].checkState(0) == Qt.CheckState.Unchecked  # already in the book as Acme NAS
    assert "Acme NAS" in rows["acme-nas"].text(4)
    assert rows["synology"].checkState(0) == Qt.CheckState.Checked
    assert rows["synology"].text(3) == str(home / ".ssh" / "id_synology")
    assert "ProxyJump bastion" in rows["qnap"].text(4)
    left_out = dialog.skipped.toPlainText()
    assert "*.lan: a pattern, not a host" in left_out and "Match exec" in left_out

    rows["qnap"].setCheckState(0, Qt.CheckState.Unchecked)
    dialog.folder.setCurrentText("Imported")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "1 device(s) imported" in dialog.outcome.text()
    synology = book.find("synology")
    assert synology is not None and (synology.host, synology.port, synology.folder) == (
        "192.168.1.20",
        5022,
        "Imported",
    )
    assert synology.key_file == home / ".ssh" / "id_synology"
    assert book.find("qnap") is None
    assert _folder_of(dock, "synology") == "Imported"
    assert dialog.table.topLevelItem(1).checkState(0) == Qt.CheckState.Unchecked  # now known
    assert not (home).joinpath("never").exists()
    dialog.reject()


def test_device_items_carry_ids_and_folders_their_path(dock: DevicesDock) -> None:
    folder = dock.list.folder_item("customers/acme")  # found case-insensitively
    assert folder is not None and folder.data(0, FOLDER_ROLE) == "Customers/Acme"
    assert folder.child(0).data(0, DEVICE_ROLE) is not None
