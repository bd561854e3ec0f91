"""The main window: one tab per session in the middle, the docks tabbed on the right, menus, settings, help.

The docks show the current tab's diagnostics, chat and escalations; the layout is remembered
(console/mainwindow/layout.py) and the shortcuts leave every key a shell uses to the terminal
(console/mainwindow/menus.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QColor, QDesktopServices, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QTabWidget,
)

from console.app import messages
from console.app.i18n import install_translator, resolve_language
from console.devices.dock import DevicesDock
from console.diagnostics.dock import DiagnosticsDock
from console.escalation.dialog import EscalateDialog
from console.escalation.dock import EscalationsDock
from console.escalation.outbox import OutboxService
from console.files.dock import FilesDock
from console.followups.dock import FollowUpsDock
from console.kit.notify import Notifier, show_messages_in
from console.kit.tasks import spawn
from console.kit.widgets import named
from console.mainwindow import layout
from console.mainwindow.menus import build_menus
from console.mainwindow.shortcuts import ShortcutsDialog, shortcut_rows
from console.session.chat_dock import ChatDock
from console.session.end_dialog import end_session
from console.session.join_dialog import JoinDialog
from console.session.tab import Recording, SessionPlan, SessionTab, plan_by_code
from console.settings.dialog import SettingsDialog
from console.settings.identity import IdentityDialog, should_ask
from console.team.service import TeamService
from sessions import __version__, secrets
from sessions.config import Settings
from sessions.devices import Device, DeviceBook
from sessions.errors import SupportError
from sessions.escalation import OutboxItem
from sessions.identity import Identity
from sessions.paths import app_dirs
from sessions.relay.relays import RelayAddress
from sessions.ssh.target import Target
from translation import Translator

log = logging.getLogger(__name__)
# The window's size before anything was remembered: this much of the screen, at most.
DEFAULT_SIZE = (1600, 960)


def _dot(colour: str) -> QIcon:
    """The tab's recording indicator: a filled dot."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(3, 3, 10, 10)
    painter.end()
    return QIcon(pixmap)


class MainWindow(QMainWindow):
    """The technician's console."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle("Valuezone")
        self._fit_to_screen()
        self.book = DeviceBook(app_dirs().devices_db)
        self._translator: Translator | None = None

        self.tabs = named(QTabWidget(), "sessionTabs", self.tr("Sessions"))
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.request_close_tab)
        self.empty = QLabel(
            self.tr(
                "No session is open.\n\nPick a device under Devices and press Connect,\n"
                "use Session ▸ New connection (Ctrl+Shift+N),\n"
                "or Join by code (Ctrl+Shift+J) when a customer reads you a session code."
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
        self.chat_dock = ChatDock(self)
        self.diagnostics = DiagnosticsDock(self)
        self.team = TeamService(settings, parent=self, window=self)  # when Settings names a team server
        QTimer.singleShot(0, self.team.push_soon)
        self.followups = FollowUpsDock(self.archive_root, self._author, self, team=self.team)
        self.outbox = OutboxService(settings, self)
        self.escalations = EscalationsDock(self.outbox, self)
        self.files = FilesDock(self)  # the session's files (Tools ▸ Files of this session): hidden at first
        layout.arrange_docks(self, self.side_docks(), raised=self.devices)
        self.files.hide()
        self._restored = False
        self._quit_confirmed = False
        sizes = layout.restore(self)
        if sizes is not None:
            self._restored = True
            self.diagnostics.set_splitter_sizes(sizes)
        self.notifier = Notifier(self)
        self.outbox.delivered.connect(self._on_outbox_delivered)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.actions_ = build_menus(self)
        self.statusBar().setObjectName("statusBar")
        self.statusBar().showMessage(self.tr("Ready"))
        self._refresh_actions()
        show_messages_in(self)  # also those raised before this window existed

    def side_docks(self) -> list[QDockWidget]:
        """The docks, in the order of their tabs on the right."""
        return [self.devices, self.chat_dock, self.diagnostics, self.files, self.followups, self.escalations]

    def _fit_to_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, *DEFAULT_SIZE)
        self.resize(min(DEFAULT_SIZE[0], area.width()), min(DEFAULT_SIZE[1], area.height()))

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._restored:  # the docks' default width once the window has its real size (first show)
            self._restored = True
            QTimer.singleShot(0, self, self.fit_docks)

    def show_followups(self) -> None:
        """Ctrl+Shift+U: the follow-up queue in front (it reads the archive when shown)."""
        self.followups.show()
        self.followups.raise_()

    def fit_docks(self) -> None:
        """The side docks at their default share of the window's width."""
        layout.fit_dock_width(self, self.devices)

    def reset_layout(self) -> None:
        """View ▸ Reset layout: the docks back on the right, tabbed, at their default width."""
        layout.forget()
        layout.arrange_docks(self, self.side_docks(), raised=self.devices)

    def ask_identity_if_new(self) -> IdentityDialog | None:
        """The first run: ask the technician's name and company (Later puts it off to Tools ▸ Identity)."""
        if not should_ask(self.settings):
            return None
        return self.open_identity(first_run=True)

    def open_identity(self, *, first_run: bool = False) -> IdentityDialog:
        dialog = IdentityDialog(self.settings, self, first_run=first_run)
        dialog.accepted.connect(self._on_identity_saved)
        dialog.open()
        return dialog

    def _on_identity_saved(self) -> None:
        for tab in self.session_tabs():
            tab.apply_settings()
        self.statusBar().showMessage(
            self.tr("You are {who} in new records and canned replies.").format(
                who=Identity.from_settings(self.settings).label()
            ),
            8000,
        )

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
        dialog = JoinDialog(
            self.settings.get("relay", "address", ""), self, Identity.from_settings(self.settings)
        )
        dialog.accepted.connect(lambda: self._on_join_accepted(dialog))
        dialog.open()

    def _on_join_accepted(self, dialog: JoinDialog) -> None:
        assert dialog.relay is not None
        if not self.settings.get("relay", "address", ""):
            self.settings.set("relay", "address", dialog.relay_edit.text().strip())
            self.settings.save()
        self.join_code(dialog.code_digits, dialog.relay)

    def join_code(self, code: str, relay: RelayAddress, *, accept_new: bool = False) -> SessionTab:
        """Open a tab joined to the customer's session *code* (nine digits) through *relay* (or the first
        of the deployment's relays that answers)."""
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
        tab.recording_changed.connect(lambda t=tab: self._show_recording(t))
        tab.duplicate_requested.connect(lambda t=tab: self.duplicate_tab(t))
        tab.state_changed.connect(lambda t=tab: self._on_tab_state_changed(t))
        self.diagnostics.panel_for(tab).set_runner_factory(tab.make_diagnostics_runner)
        index = self.tabs.addTab(tab, plan.label)
        self._show_recording(tab)
        self.tabs.setCurrentIndex(index)
        self.stack.setCurrentWidget(self.tabs)
        if plan.via == "code":
            self.chat_dock.raise_()  # talking to the customer is half of a session by code
        tab.start()
        return tab

    def current_tab(self) -> SessionTab | None:
        tab = self.tabs.currentWidget()
        return tab if isinstance(tab, SessionTab) else None

    def duplicate_tab(self, tab: SessionTab) -> SessionTab | None:
        """A new tab to the same device (a direct session; a code is single-use)."""
        if not tab.can_duplicate():
            self.statusBar().showMessage(
                self.tr("A session code is used once: ask the customer for a new code to join again."), 8000
            )
            return None
        return self.open_session(tab.plan)

    def duplicate_current(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            self.duplicate_tab(tab)

    def reconnect_current(self) -> None:
        tab = self.current_tab()
        if tab is not None and tab.is_over():
            tab.reconnect()

    def step_tab(self, step: int) -> None:
        """Ctrl+Tab / Ctrl+Shift+Tab: the next or previous tab, round the end."""
        count = self.tabs.count()
        if count > 1:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)

    def _show_recording(self, tab: SessionTab) -> None:
        """The tab's recording indicator: a red dot while recording, a warning while suspended."""
        index = self.tabs.indexOf(tab)
        if index < 0:
            return
        state, text = tab.recording()
        icons = {
            Recording.NONE: QIcon(),
            Recording.ON: _dot("#d32f2f"),
            Recording.SUSPENDED: self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            Recording.DONE: _dot("#9e9e9e"),
        }
        self.tabs.setTabIcon(index, icons[state])
        self.tabs.setTabToolTip(index, f"{self.tabs.tabText(index)}\n{text}")

    def _on_tab_state_changed(self, tab: SessionTab) -> None:
        if tab.is_over():
            self.diagnostics.panel_for(tab).set_ended()
        elif tab.is_live():
            self.diagnostics.panel_for(tab).set_runner_factory(tab.make_diagnostics_runner)
        self._refresh_actions()

    def _refresh_actions(self) -> None:
        """What the current tab allows: Reconnect once it is over, Duplicate for direct sessions."""
        tab = self.current_tab()
        a = self.actions_
        a.reconnect.setEnabled(tab is not None and tab.is_over())
        a.duplicate.setEnabled(tab is not None and tab.can_duplicate())
        for action in (a.end, a.close, a.copy, a.paste, a.find, a.zoom_in, a.zoom_out, a.zoom_reset):
            action.setEnabled(tab is not None)

    # --- the terminal's actions (the Edit and View menus act on the current tab) ----------------------
    def copy_from_terminal(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.terminal.copy_selection()

    def paste_to_terminal(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.terminal.paste_clipboard()

    def find_in_terminal(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.find_bar.open_bar()

    def zoom(self, step: int) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.terminal.zoom_by(step)

    def translator(self) -> Translator | None:
        """The one Translator of this window, made on first use from the `translation` settings."""
        if self._translator is None:
            try:
                self._translator = Translator.from_settings(self.settings.section("translation"))
            except SupportError as exc:  # a bad value in Settings ▸ Translation: what and where to fix it
                messages.error(exc)
                return None
        return self._translator

    def _on_tabs_current_changed(self, _index: int) -> None:
        """The docks follow the tab: its findings, its chat, its escalations."""
        tab = self.current_tab()
        self.diagnostics.show_for(tab, tab.plan.label if tab is not None else "")
        self.chat_dock.show_for(tab)
        self.escalations.show_session(tab.bundles if tab is not None else None)
        self._refresh_actions()

    def run_diagnostics(self) -> None:
        """Ctrl+Shift+D: run the device's diagnostics profile in the current session."""
        tab = self.current_tab()
        if tab is None or not tab.can_diagnose():
            self.statusBar().showMessage(
                self.tr("Open a connected session first, then run diagnostics."), 8000
            )
            return
        panel = self.diagnostics.show_for(tab, tab.plan.label)
        if not panel.busy:
            panel.set_runner_factory(tab.make_diagnostics_runner)
        self.diagnostics.show()
        self.diagnostics.raise_()
        panel.start_run()

    def escalate(self) -> EscalateDialog | None:
        """Ctrl+Shift+H: a bundle for HQ from the current session (non-modal: the terminal stays usable)."""
        tab = self.current_tab()
        if tab is None or tab.bridge is None or tab.bridge.session.recorder is None:
            self.statusBar().showMessage(self.tr("Open a session first, then escalate (Ctrl+Shift+H)."), 8000)
            return None
        if isinstance(tab.escalate_dialog, EscalateDialog) and tab.escalate_dialog.isVisible():
            tab.escalate_dialog.raise_()  # one escalation dialog per tab
            tab.escalate_dialog.activateWindow()
            return tab.escalate_dialog
        dialog = EscalateDialog(tab, self.outbox, self)
        dialog.queued.connect(lambda item, t=tab: self._on_escalation_queued(t, item))
        tab.escalate_dialog = dialog
        dialog.show()
        return dialog

    def _on_escalation_queued(self, tab: SessionTab, item: OutboxItem) -> None:
        tab.bundles.add(item.bundle_id)
        if tab is self.current_tab():
            self.escalations.show_session(tab.bundles)
        self.escalations.show()
        self.escalations.raise_()
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
        """Who closes a follow-up: the technician's name and company (Settings ▸ Identity)."""
        return Identity.from_settings(self.settings).label()

    def _remove_tab(self, tab: SessionTab) -> None:
        self.diagnostics.forget(tab)
        self.chat_dock.forget(tab)
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
        self._translator = None  # chats opened from now on use the new translation settings
        for tab in self.session_tabs():
            tab.apply_settings()
        self.statusBar().showMessage(self.tr("Settings saved. A new language applies to new windows."), 8000)

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help ▸ Keyboard shortcuts, made from the actions themselves."""
        extra = []
        tab = self.current_tab()
        chat = tab.chat if tab is not None else None
        if chat is not None:
            extra = [(self.tr("Chat"), chat.canned_action), (self.tr("Chat"), chat.send_action)]
        rows = shortcut_rows(self.actions_.menus, extra)
        if chat is None:  # no tab yet: the chat's keys are listed all the same
            rows += [
                (self.tr("Chat"), self.tr("Canned replies"), "Ctrl+Shift+K"),
                (self.tr("Chat"), self.tr("Send the chat message"), "Ctrl+Return"),
            ]
        rows += [
            (self.tr("Terminal"), self.tr("Scroll back / forward a page"), "Shift+PgUp, Shift+PgDown"),
            (self.tr("Terminal"), self.tr("Zoom"), "Ctrl+Wheel"),
            (self.tr("Find"), self.tr("Older match / newer match / close"), "Enter, Shift+Enter, Esc"),
        ]
        dialog = ShortcutsDialog(rows, self)
        dialog.open()
        return dialog

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

    def live_tabs(self) -> list[SessionTab]:
        return [tab for tab in self.session_tabs() if tab.is_live()]

    def request_quit(self) -> QMessageBox | None:
        """Session ▸ Quit: with live sessions, ask first (naming how many); else close."""
        if not self.live_tabs():
            self.close()
            return None
        return self._confirm_quit()

    def _confirm_quit(self) -> QMessageBox:
        live = len(self.live_tabs())
        text = (
            self.tr("1 session is live. Quitting ends it; its recording is kept.")
            if live == 1
            else self.tr("{n} sessions are live. Quitting ends them; their recordings are kept.").format(
                n=live
            )
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Quit Valuezone"),
            text,
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("quitConfirm")
        quit_button = box.addButton(self.tr("End sessions and quit"), QMessageBox.ButtonRole.AcceptRole)
        named(quit_button, "quitYes", self.tr("End the live sessions and quit"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def on_finished(_result: int) -> None:
            if box.clickedButton() is quit_button:
                self._quit_confirmed = True
                self.close()

        box.finished.connect(on_finished)
        box.open()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window manager's close button asks like Quit does; a close from code (the app, tests) does not.
        if event.spontaneous() and self.live_tabs() and not self._quit_confirmed:
            event.ignore()
            self._confirm_quit()
            return
        layout.save(self, self.diagnostics.splitter_sizes or self.diagnostics.panel.splitter.sizes())
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
