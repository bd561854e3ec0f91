"""The main window: devices on the left, one tab per session, menus for sessions, settings and help."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from console.app import messages
from console.app.i18n import install_translator, resolve_language
from console.devices.dock import DevicesDock
from console.diagnostics.dock import DiagnosticsDock
from console.escalation.dialog import EscalateDialog
from console.escalation.dock import EscalationsDock
from console.escalation.outbox import OutboxService
from console.followups.dock import FollowUpsDock
from console.kit.notify import Notifier, show_messages_in
from console.kit.tasks import spawn
from console.kit.widgets import named
from console.session.end_dialog import end_session
from console.session.join_dialog import JoinDialog
from console.session.tab import SessionPlan, SessionTab, plan_by_code
from console.settings.dialog import SettingsDialog
from console.team.service import TeamService
from sessions import __version__, secrets
from sessions.config import Settings
from sessions.devices import Device, DeviceBook
from sessions.errors import SupportError
from sessions.escalation import OutboxItem
from sessions.paths import app_dirs
from sessions.ssh.target import Target
from translation import Translator

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The technician's console."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle("Valuezone")
        self.resize(1100, 700)
        self.book = DeviceBook(app_dirs().devices_db)
        self._translator: Translator | None = None

        self.tabs = named(QTabWidget(), "sessionTabs", self.tr("Sessions"))
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.request_close_tab)
        self.empty = QLabel(
            self.tr(
                "No session is open.\n\nAdd a device on the left and press Connect,\n"
                "use Session ▸ New connection (Ctrl+N),\n"
                "or Join by code (Ctrl+J) when a customer reads you a session code."
            )
        )
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)

        self.devices = DevicesDock(self.book, self)
        self.devices.connect_requested.connect(self.connect_device)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.devices)
        self.diagnostics = DiagnosticsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.diagnostics)
        self.team = TeamService(settings, parent=self, window=self)  # when Settings names a team server
        QTimer.singleShot(0, self.team.push_soon)
        self.followups = FollowUpsDock(self.archive_root, self._author, self, team=self.team)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.followups)
        self.followups.hide()
        self.outbox = OutboxService(settings, self)
        self.escalations = EscalationsDock(self.outbox, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.escalations)
        self.escalations.hide()
        self.notifier = Notifier(self)
        self.outbox.delivered.connect(self._on_outbox_delivered)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._build_menus()
        self.statusBar().setObjectName("statusBar")
        self.statusBar().showMessage(self.tr("Ready"))
        show_messages_in(self)  # also those raised before this window existed

    # --- menus ----------------------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        name: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: object,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        session = bar.addMenu(self.tr("&Session"))
        session.setObjectName("sessionMenu")
        self.new_action = self._action(
            self.tr("&New connection…"), "newConnection", QKeySequence.StandardKey.New, self.ask_address
        )
        self.close_action = self._action(
            self.tr("&Close tab"),
            "closeTab",
            "Ctrl+Shift+W",
            lambda: self.request_close_tab(self.tabs.currentIndex()),
        )
        self.quit_action = self._action(self.tr("&Quit"), "quit", QKeySequence.StandardKey.Quit, self.close)
        self.join_action = self._action(self.tr("&Join by code…"), "joinByCode", "Ctrl+J", self.ask_code)
        self.end_action = self._action(
            self.tr("&End session…"), "endSession", "Ctrl+Shift+E", self.end_current_session
        )
        self.followups_action = self.followups.toggleViewAction()
        self.followups_action.setObjectName("followupsAction")
        self.followups_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        for action in (self.new_action, self.join_action, self.end_action, self.close_action):
            session.addAction(action)
        session.addAction(self.followups_action)
        session.addSeparator()
        session.addAction(self.quit_action)

        devices = bar.addMenu(self.tr("&Devices"))
        devices.setObjectName("devicesMenu")
        devices.addAction(
            self._action(self.tr("&Add device…"), "addDeviceAction", None, self.devices.add_device)
        )
        devices.addAction(self.devices.toggleViewAction())

        diagnostics = bar.addMenu(self.tr("D&iagnostics"))
        diagnostics.setObjectName("diagnosticsMenu")
        self.diagnose_action = self._action(
            self.tr("&Run diagnostics"), "runDiagnostics", "Ctrl+D", self.run_diagnostics
        )
        diagnostics.addAction(self.diagnose_action)
        diagnostics.addAction(self.diagnostics.toggleViewAction())

        escalation = bar.addMenu(self.tr("&Escalation"))
        escalation.setObjectName("escalationMenu")
        self.escalate_action = self._action(
            self.tr("&Escalate to HQ…"), "escalateAction", "Ctrl+E", self.escalate
        )
        escalation.addAction(self.escalate_action)
        escalation.addAction(self.escalations.toggleViewAction())

        tools = bar.addMenu(self.tr("&Tools"))
        tools.setObjectName("toolsMenu")
        self.settings_action = self._action(
            self.tr("&Settings…"), "settingsAction", QKeySequence.StandardKey.Preferences, self.open_settings
        )
        tools.addAction(self.settings_action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        help_menu.addAction(self._action(self.tr("Open &log file"), "openLog", None, self.open_log))
        help_menu.addAction(self._action(self.tr("&About Valuezone"), "about", None, self.about))

    # --- sessions -------------------------------------------------------------------------------------
    def ask_address(self) -> None:
        dialog = QInputDialog(self)
        dialog.setObjectName("addressDialog")
        dialog.setWindowTitle(self.tr("New connection"))
        dialog.setLabelText(self.tr("Address ([user@]host[:port]):"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.textValueSelected.connect(lambda text: self.open_address(text))
        dialog.open()

    def ask_code(self) -> None:
        dialog = JoinDialog(self.settings.get("relay", "address", ""), self)
        dialog.accepted.connect(lambda: self._on_join_accepted(dialog))
        dialog.open()

    def _on_join_accepted(self, dialog: JoinDialog) -> None:
        assert dialog.relay is not None
        if not self.settings.get("relay", "address", ""):
            self.settings.set("relay", "address", dialog.relay_edit.text().strip())
            self.settings.save()
        self.join_code(dialog.code_digits, dialog.relay)

    def join_code(self, code: str, relay: Target, *, accept_new: bool = False) -> SessionTab:
        """Open a tab joined to the customer's session *code* (nine digits) through *relay*."""
        return self.open_session(plan_by_code(code, relay, accept_new=accept_new))

    def open_address(
        self, spec: str, key_file: str | None = None, accept_new: bool = False
    ) -> SessionTab | None:
        try:
            target = Target.parse(spec, key_file=key_file)
        except SupportError as exc:
            messages.error(exc)
            return None
        return self.open_session(SessionPlan.direct(target, accept_new=accept_new))

    def connect_device(self, device: Device) -> SessionTab:
        return self.open_session(SessionPlan.for_device(device))

    def open_session(self, plan: SessionPlan) -> SessionTab:
        tab = SessionTab(plan, self.settings, self, translator_factory=self.translator)
        tab.title_changed.connect(lambda title, t=tab: self._on_tab_title_changed(t, title))
        index = self.tabs.addTab(tab, plan.label)
        self.tabs.setCurrentIndex(index)
        self.stack.setCurrentWidget(self.tabs)
        tab.start()
        return tab

    def translator(self) -> Translator | None:
        """The one Translator of this window, made on first use from the `translation` settings."""
        if self._translator is None:
            try:
                self._translator = Translator.from_settings(self.settings.section("translation"))
            except SupportError as exc:
                messages.error(exc)
                return None
            except ValueError as exc:
                messages.error(str(exc))
                return None
        return self._translator

    def _on_tabs_current_changed(self, _index: int) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, SessionTab):
            self.diagnostics.set_runner_factory(tab.make_diagnostics_runner)

    def run_diagnostics(self) -> None:
        """Ctrl+D: run the device's diagnostics profile in the current session."""
        tab = self.tabs.currentWidget()
        if not isinstance(tab, SessionTab) or not tab.can_diagnose():
            self.statusBar().showMessage(
                self.tr("Open a connected session first, then run diagnostics."), 8000
            )
            return
        self.diagnostics.set_runner_factory(tab.make_diagnostics_runner)
        self.diagnostics.show()
        self.diagnostics.start_run()

    def escalate(self) -> EscalateDialog | None:
        """Ctrl+E: build a bundle for HQ from the current session (non-modal: the terminal stays usable)."""
        tab = self.tabs.currentWidget()
        if not isinstance(tab, SessionTab) or tab.bridge is None or tab.bridge.session.recorder is None:
            self.statusBar().showMessage(self.tr("Open a session first, then escalate (Ctrl+E)."), 8000)
            return None
        dialog = EscalateDialog(tab, self.outbox, self)
        dialog.queued.connect(self._on_escalation_queued)
        dialog.show()
        return dialog

    def _on_escalation_queued(self, item: OutboxItem) -> None:
        self.escalations.show()
        self.statusBar().showMessage(
            self.tr("Bundle queued for {destination}.").format(
                destination=self.outbox.destination_label(item.destination)
            ),
            15000,
        )

    def _on_outbox_delivered(self, item: OutboxItem) -> None:
        self.notifier.notify(
            self.tr("Delivered to HQ"),
            self.tr("The bundle for ticket {ticket} was delivered to {destination}.").format(
                ticket=item.ticket or "—", destination=self.outbox.destination_label(item.destination)
            ),
        )

    def _on_tab_title_changed(self, tab: SessionTab, title: str) -> None:
        index = self.tabs.indexOf(tab)
        if index >= 0:
            self.tabs.setTabText(index, title)
            self.tabs.setTabToolTip(index, title)

    def request_close_tab(self, index: int) -> None:
        """Closing a tab ends its session after confirmation (no question once it has ended)."""
        tab = self.tabs.widget(index)
        if not isinstance(tab, SessionTab):
            return
        if not tab.is_live():
            self._remove_tab(tab)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("End session"),
            self.tr("End the session with {label}? The recording is kept.").format(label=tab.plan.label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("closeTabConfirm")
        yes = box.button(QMessageBox.StandardButton.Yes)
        named(yes, "closeTabYes", self.tr("End the session"))
        with_outcome = box.addButton(self.tr("End session…"), QMessageBox.ButtonRole.ActionRole)
        named(with_outcome, "closeTabEndSession", self.tr("End the session with an outcome and survey"))

        def on_finished(_result: int) -> None:
            if box.clickedButton() is yes:
                tab.end()
                self._remove_tab(tab)
            elif box.clickedButton() is with_outcome:
                spawn(self._end_session(tab, remove=True))

        box.finished.connect(on_finished)
        box.open()

    def end_current_session(self) -> None:
        """Ctrl+Shift+E: outcome, summary and survey, then the session ends (session/end_dialog.py)."""
        tab = self.tabs.currentWidget()
        if not isinstance(tab, SessionTab) or not tab.can_end():
            self.statusBar().showMessage(self.tr("Open a connected session first."), 8000)
        elif tab.ending is not None:
            self.statusBar().showMessage(self.tr("The outcome of this session is already recorded."), 8000)
        else:
            spawn(self._end_session(tab))

    async def _end_session(self, tab: SessionTab, *, remove: bool = False) -> None:
        ending = await end_session(tab, self)
        if ending is None:
            return
        tab.ending = ending
        self.statusBar().showMessage(self.tr("Session ended; the outcome is recorded."), 8000)
        if ending.followup_reason() and self.followups.isVisible():
            self.followups.refresh()
        if remove:
            self._remove_tab(tab)
        QTimer.singleShot(3000, self.team.push_soon)  # once the recorder has sealed the record

    def _author(self) -> str:
        import getpass

        return str(self.settings.get("technician", "name", "") or getpass.getuser())

    def _remove_tab(self, tab: QWidget) -> None:
        index = self.tabs.indexOf(tab)
        if index >= 0:
            self.tabs.removeTab(index)
        tab.deleteLater()
        if self.tabs.count() == 0:
            self.stack.setCurrentWidget(self.empty)

    def session_tabs(self) -> list[SessionTab]:
        return [w for i in range(self.tabs.count()) if isinstance(w := self.tabs.widget(i), SessionTab)]

    # --- settings and help ----------------------------------------------------------------------------
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        dialog.accepted.connect(self._on_settings_accepted)
        dialog.open()

    def _on_settings_accepted(self) -> None:
        install_translator(resolve_language(self.settings.get("ui", "language", "")))
        for tab in self.session_tabs():
            tab.apply_settings()
        self.statusBar().showMessage(self.tr("Settings saved. A new language applies to new windows."), 8000)

    def open_log(self) -> None:
        path = app_dirs().log_file
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path if path.exists() else path.parent)))
        self.statusBar().showMessage(self.tr("Log file: {path}").format(path=path), 15000)

    def about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("About Valuezone"),
            self.tr("Valuezone {version}\nRemote support for devices, recorded from the first byte.").format(
                version=__version__
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("aboutDialog")
        box.open()

    def notify_keyring_fallback(self) -> None:
        notice = secrets.take_fallback_notice()
        if notice:
            messages.warning(notice)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.followups.close_index()
        self.team.close_now()
        for tab in self.session_tabs():
            tab.end()
        if self._translator is not None:
            self._translator.close()
        self.outbox.close_soon()
        super().closeEvent(event)

    def archive_root(self) -> Path:
        configured = self.settings.get("recording", "archive", "")
        return Path(configured) if configured else app_dirs().archive
