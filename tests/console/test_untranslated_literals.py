"""No console text a person reads is a bare English literal: what a widget shows goes through tr().

The scan looks at the calls that put text on screen (setText, setToolTip, QLabel(…), QMessageBox.warning(…),
messages.error(…), a tree item's columns…) and flags a string literal with words in it. The few literals
that are not language (the product's name, example addresses, a unit) are listed with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Methods whose first argument is text on screen; for tabs, the text comes after the widget.
METHODS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setStatusTip", "showMessage",
    "setTitle", "setWhatsThis", "setAccessibleName", "setAccessibleDescription", "setInformativeText",
    "setDetailedText", "setLabelText", "setPlainText", "addItem", "setHeaderLabels", "addAction",
    "setSuffix", "setPrefix", "setSpecialValueText", "setItemText", "addMenu",
}  # fmt: skip
TEXT_AFTER = {"addTab": 1, "insertTab": 2, "setTabText": 1}
WIDGETS = {
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton", "QMenu",
    "QTreeWidgetItem", "QListWidgetItem", "QStandardItem", "QMessageBox",
}  # fmt: skip
BOXES = {"warning", "information", "critical", "question", "about"}  # QMessageBox.<box>(parent, title, text)
MESSAGES = {"info", "warn", "warning", "error", "notice"}  # console/app/messages.py

# (file, literal) → why it is not translated.
NOT_LANGUAGE = {
    ("console/mainwindow/window.py", "Valuezone"): "the product's name",
    ("console/kit/notify.py", "Valuezone"): "the product's name",
    ("console/devices/dialog.py", "admin"): "an example user name",
    ("console/session/join_dialog.py", "relay.example.com:2222"): "an example address",
    ("console/settings/dialog.py", "relay.example.com:2222"): "an example address",
    ("console/settings/hq_page.py", "en, ko, ja, de…"): "language codes",
    ("console/settings/hq_page.py", " MB"): "a unit",
    ("console/settings/translation_page.py", "http://10.0.0.5:5000/"): "an example address",
    ("console/settings/translation_page.py", "koreacentral"): "an example Azure region",
}
EXAMPLE = re.compile(r"^(https?|sftp)://\S+(\s+·\s+(https?|sftp)://\S+)*$")  # example destinations


def _words(node: ast.expr) -> list[str]:
    """The literal texts with words in *node* (a string, an f-string's literal parts, a list of them)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if re.search(r"[A-Za-z]{2,}", node.value) else []
    if isinstance(node, ast.JoinedStr):
        parts = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        return [parts] if re.search(r"[A-Za-z]{2,}", parts) else []
    if isinstance(node, ast.List | ast.Tuple):
        return [text for element in node.elts for text in _words(element)]
    return []


def _shown(call: ast.Call) -> list[ast.expr]:
    """The arguments of *call* that are text on screen."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    owner = ast.unparse(func.value) if isinstance(func, ast.Attribute) else ""
    if name in METHODS or name in ("QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox"):
        return call.args[:1]
    if name in TEXT_AFTER:
        return call.args[TEXT_AFTER[name] : TEXT_AFTER[name] + 1]
    if name in WIDGETS:
        return list(call.args)
    if owner == "QMessageBox" and name in BOXES:
        return call.args[1:3]
    if owner == "messages" and name in MESSAGES:
        return list(call.args)
    return []


def untranslated() -> list[str]:
    found = []
    for path in sorted(ROOT.glob("console/**/*.py")):
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            for argument in _shown(node):
                for text in _words(argument):
                    if (where, text) not in NOT_LANGUAGE and not EXAMPLE.match(text):
                        found.append(f"{where}:{node.lineno}: {text!r}")
    return found


def test_no_bare_english_literal_reaches_a_widget() -> None:
    assert untranslated() == []


def test_the_scan_sees_a_bare_literal_and_the_list_has_no_stale_entry() -> None:
    sample = ast.parse('label.setText("Connected")\nQMessageBox.warning(self, "Oops", self.tr("Fine"))\n')
    calls = [node for node in ast.walk(sample) if isinstance(node, ast.Call) and _shown(node)]
    assert [text for call in calls for arg in _shown(call) for text in _words(arg)] == ["Connected", "Oops"]
    for (where, text), _why in NOT_LANGUAGE.items():
        assert repr(text)[1:-1] in (ROOT / where).read_text(encoding="utf-8"), (where, text)
