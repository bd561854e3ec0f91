"""The Escalate dialog (Ctrl+E): details → collect and redact (progress, cancel) → preview → consent → queue.

A thin shell over sessions.escalation.live_escalation.LiveEscalation. Collection runs on the session's
own SSH connection; redacting and packing run in a worker thread; the UI never waits on either. The
customer's consent is asked through the agent in their language for sessions by code (when the chat
offers questions), or confirmed by the technician for a phone call on direct SSH sessions.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QListWidgetItem, QStackedWidget, QVBoxLayout, QWidget

from console.app.errors import render_error
from console.escalation.outbox import OutboxService
from console.escalation.pages import DetailsPage, DonePage, PreviewPage, ProgressPage, WaitingPage, size_text
from console.kit.operations import Operation
from console.kit.tasks import spawn
from console.session.tab import SessionTab
from sessions.errors import ConsentRefusedError, RecordError, SupportError
from sessions.escalation import BuildProgress, CollectProgress, LogSpec, detect_log_spec, log_spec
from sessions.escalation.contents import translate_summary
from sessions.escalation.destinations import HqDestination, collect_limits
from sessions.escalation.live_escalation import EscalationPlan, LiveEscalation
from sessions.recording import append_event, open_record
from sessions.redaction import Redactor

log = logging.getLogger(__name__)
_SPEC_ROLE = Qt.ItemDataRole.UserRole
TRANSLATE_DELAY_MS = 700


class EscalateDialog(QDialog):
    """One escalation from one session tab. Non-modal: the terminal stays usable meanwhile."""

    queued = Signal(object)  # OutboxItem: the bundle is in the outbox
    _progress = Signal(object)  # BuildProgress from the worker thread

    def __init__(self, tab: SessionTab, service: OutboxService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escalateDialog")
        self.setWindowTitle(self.tr("Escalate to HQ — {label}").format(label=tab.plan.label))
        self.resize(760, 620)
        self.tab = tab
        self.service = service
        self.settings = tab.settings
        self.escalation: LiveEscalation | None = None
        self._job: asyncio.Task[Any] | None = None
        self._cancel = threading.Event()
        self._redactor: Redactor | None = None
        self._translation_task: asyncio.Task[Any] | None = None
        self._destinations = service.destinations()
        self._phase = ""  # "collect" or "stage" while building the preview

        self.pages = QStackedWidget(self)
        self.details = DetailsPage(self)
        self.progress = ProgressPage(self)
        self.preview = PreviewPage(self)
        self.waiting = WaitingPage(self)
        self.result_page = DonePage(self)
        for page in (self.details, self.progress, self.preview, self.waiting, self.result_page):
            self.pages.addWidget(page)
        QVBoxLayout(self).addWidget(self.pages)
        self._translate_timer = QTimer(self)
        self._translate_timer.setSingleShot(True)
        self._translate_timer.setInterval(TRANSLATE_DELAY_MS)
        self._wire()
        self._fill_details()

    # --- setting up -------------------------------------------------------------------------------
    def _wire(self) -> None:
        d, p = self.details, self.preview
        d.build_button.clicked.connect(self._on_build_clicked)
        d.cancel_button.clicked.connect(self.reject)
        d.summary.textChanged.connect(self._translate_timer.start)
        d.destination.currentIndexChanged.connect(self._on_destination_changed)
        self._translate_timer.timeout.connect(self._on_translate_timer_timeout)
        self.progress.cancel_button.clicked.connect(self._on_work_cancel_clicked)
        p.ask_button.clicked.connect(self._on_ask_clicked)
        p.send_button.clicked.connect(self._on_send_clicked)
        p.declined_button.clicked.connect(self._on_declined_clicked)
        p.close_button.clicked.connect(self.reject)
        p.agreed.toggled.connect(self._refresh_consent)
        p.agreed_by.textChanged.connect(self._refresh_consent)
        self.waiting.cancel_button.clicked.connect(self._on_wait_cancel_clicked)
        self.result_page.close_button.clicked.connect(self.accept)
        self._progress.connect(self._show_build_progress)

    def _fill_details(self) -> None:
        d = self.details
        for destination in self._destinations:
            d.destination.addItem(destination.label, destination.url)
        if not self._destinations:
            d.message.setText(
                self.tr(
                    "No HQ destination is set up. Add one in Tools ▸ Settings ▸ Escalation, then try again."
                )
            )
        d.build_button.setEnabled(bool(self._destinations))
        self._on_destination_changed()
        self.preview.set_agent_mode(self._asker() is not None)
        if self._connection() is None:
            d.logs_state.setText(self.tr("The session is not connected: no logs can be collected."))
        else:
            self._start(self._load_logs())
        self._start(self._load_findings())

    def _start(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = spawn(coro)
        self._loaders = [t for t in getattr(self, "_loaders", []) if not t.done()] + [task]
        return task

    # --- what the tab offers ----------------------------------------------------------------------
    def _connection(self) -> Any:
        session = self.tab.bridge.session if self.tab.bridge else None
        return session.connection if session is not None and self.tab.can_diagnose() else None

    def _record_folder(self) -> Path | None:
        recorder = self.tab.bridge.session.recorder if self.tab.bridge else None
        return recorder.folder if recorder is not None else None

    def _asker(self) -> Any:
        """The chat's question channel when the session runs through the agent and offers one."""
        conversation = self.tab.conversation
        return conversation if conversation is not None and hasattr(conversation, "ask") else None

    def _record_event(self, type_: str, data: dict[str, Any]) -> None:
        recorder = self.tab.bridge.session.recorder if self.tab.bridge else None
        if recorder is None:
            return
        if recorder.closed:  # the session ended while the dialog was open: append to the closed record
            append_event(recorder.folder, type_, data)
        else:
            recorder.event(type_, data)

    def _destination(self) -> HqDestination | None:
        index = self.details.destination.currentIndex()
        return self._destinations[index] if 0 <= index < len(self._destinations) else None

    def _summary_language(self) -> str:
        return str(self.settings.get("translation", "technician_language", "en") or "en")

    # --- details page -----------------------------------------------------------------------------
    async def _load_logs(self) -> None:
        d = self.details
        profile = self.tab.plan.profile
        d.logs_state.setText(self.tr("Reading which logs the device's profile names…"))

        async def read_spec() -> LogSpec:
            return await detect_log_spec(self._connection()) if profile in ("", "auto") else log_spec(profile)

        spec = await Operation(self, read_spec).errors_to(d.logs_state).run()
        if spec is None:
            return
        for path in spec.paths:
            self._log_item(path, ("path", path))
        for name, command in spec.commands.items():
            self._log_item(f"$ {command}", ("command", name, command))
        d.logs_state.setText(
            self.tr("Logs named by the profile {profile} (untick what should stay on the device):").format(
                profile=spec.profile
            )
            if spec.paths or spec.commands
            else self.tr("The profile {profile} names no logs.").format(profile=spec.profile)
        )
        self._profile = spec.profile

    def _log_item(self, text: str, data: tuple[str, ...]) -> None:
        item = QListWidgetItem(text, self.details.logs)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        item.setData(_SPEC_ROLE, data)

    def chosen_logs(self) -> LogSpec | None:
        """The ticked paths and commands, or None when nothing is to be collected."""
        paths: list[str] = []
        commands: dict[str, str] = {}
        logs = self.details.logs
        for row in range(logs.count()):
            item = logs.item(row)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            data = item.data(_SPEC_ROLE)
            if data[0] == "path":
                paths.append(data[1])
            else:
                commands[data[1]] = data[2]
        if not paths and not commands:
            return None
        return LogSpec(getattr(self, "_profile", "chosen"), tuple(paths), commands)

    async def _load_findings(self) -> None:
        folder = self._record_folder()
        if folder is None:
            return

        def read() -> list[dict[str, Any]]:
            try:
                events = list(open_record(folder).events("diagnostics.finding"))
            except OSError as exc:
                raise RecordError(
                    f"{folder} cannot be read ({exc}).",
                    "Run `valuezone verify` on the record folder.",
                    code="record.unreadable",
                    params={"folder": folder, "exc": exc},
                ) from exc
            return [dict(e.get("data", {})) for e in events]

        reading = Operation.in_thread(self, read).success(self.details.show_findings)
        await reading.errors_to(self.details.findings_state).run()

    def _on_destination_changed(self, _index: int = 0) -> None:
        destination = self._destination()
        same = destination is None or destination.language == self._summary_language()
        self.details.set_translation_target(None if same else destination.language)  # type: ignore[union-attr]
        if not same:
            self._translate_timer.start()

    def _on_translate_timer_timeout(self) -> None:
        destination = self._destination()
        if destination is None or destination.language == self._summary_language():
            return
        if self._translation_task is not None and not self._translation_task.done():
            self._translation_task.cancel()
        self._translation_task = self._start(self._translate(destination.language))

    async def _translate(self, target: str) -> None:
        d = self.details
        text = d.summary.toPlainText()
        if not text.strip():
            d.translation.setPlainText("")
            return
        factory = self.tab.translator_factory
        translator = factory() if factory is not None else None
        if translator is None:
            d.translation_state.setText(self.tr("No translator is set up: HQ gets the original."))
            return
        d.translation_state.setText(self.tr("Translating to {lang}…").format(lang=target))
        if self._redactor is None:
            self._redactor = await asyncio.to_thread(Redactor.for_this_console, chat=True)

        async def call(body: str, source: str, goal: str) -> str:
            return (await translator.translate(body, source, goal)).text

        result = await translate_summary(self._redactor, text, self._summary_language(), target, call)
        if result is None:
            d.translation_state.setText(
                self.tr("No translator answered: HQ gets the original with a note. You can type it yourself.")
            )
            return
        if d.summary.toPlainText() == text:
            d.translation.setPlainText(result)
            d.translation_state.setText(self.tr("Translated (check it; you can edit it)."))

    # --- collect and stage ------------------------------------------------------------------------
    def _plan(self) -> EscalationPlan:
        destination = self._destination()
        assert destination is not None
        folder = self._record_folder()
        translation = self.details.translation.toPlainText().strip()
        return EscalationPlan(
            ticket=self.details.ticket.text().strip(),
            destination=destination,
            summary=self.details.summary.toPlainText().strip(),
            summary_language=self._summary_language(),
            summary_translation=translation or None,
            record=folder,
            raw_dir=folder / "diagnostics" / "raw" if folder is not None else None,
            logs=self.chosen_logs() if self._connection() is not None else None,
            limits=collect_limits(self.settings.section("escalation")),
        )

    def _on_build_clicked(self) -> None:
        if self._destination() is None:
            return
        if self._translation_task is not None and not self._translation_task.done():
            self.details.message.setText(self.tr("Waiting for the translation of the summary…"))
        self._run(self._build_preview())

    def _run(self, coro: Coroutine[Any, Any, Any]) -> None:
        self._cancel = threading.Event()
        self._job = self._start(coro)

    async def _build_preview(self) -> None:
        if self._translate_timer.isActive():  # the technician was quicker than the typing pause
            self._translate_timer.stop()
            self._on_translate_timer_timeout()
        if self._translation_task is not None and not self._translation_task.done():
            await asyncio.wait([self._translation_task], timeout=30)
        if self.escalation is not None:
            self.escalation.close()
        escalation = self.escalation = LiveEscalation(
            self._plan(), outbox=self.service.outbox, record_event=self._record_event
        )
        self.progress.begin(self.tr("Collecting the logs…"))
        self.pages.setCurrentWidget(self.progress)
        try:
            conn = self._connection()
            if conn is not None:
                self._phase = "collect"
                await escalation.collect(conn, self._show_collect_progress)
            self._phase = "stage"
            self.progress.begin(self.tr("Redacting…"))
            preview = await escalation.stage(self._progress.emit, self._cancel)
        except asyncio.CancelledError:
            escalation.close()
            if self.escalation is escalation:
                self._back_to_details(self.tr("Cancelled. Nothing was collected or sent."))
            return
        except SupportError as exc:
            escalation.close()
            if self.escalation is escalation:
                self._back_to_details(render_error(exc).lines())
            return
        finally:
            self._phase = ""
        self.preview.show_preview(preview, escalation.plan.destination.label)
        self._refresh_consent()
        self.pages.setCurrentWidget(self.preview)

    def _back_to_details(self, message: str) -> None:
        if self.escalation is not None:
            self.escalation.close()
            self.escalation = None
        self.details.message.setText(message)
        self.pages.setCurrentWidget(self.details)

    def _show_collect_progress(self, p: CollectProgress) -> None:
        self.progress.show_numbers(
            self.tr("Collecting logs: {files} of {total} files, {done} of {all}").format(
                files=p.files_done,
                total=p.files_total,
                done=size_text(p.bytes_done),
                all=size_text(p.bytes_total),
            ),
            p.bytes_done,
            p.bytes_total,
            p.current,
        )

    def _show_build_progress(self, p: BuildProgress) -> None:
        verb = self.tr("Redacting") if p.phase == "redacting" else self.tr("Packing")
        self.progress.show_numbers(
            self.tr("{verb}: {files} of {total} files, {done}").format(
                verb=verb, files=p.files_done, total=p.files_total, done=size_text(p.bytes_done)
            ),
            p.bytes_done,
            p.bytes_total,
            "",
        )

    def _on_work_cancel_clicked(self) -> None:
        """Redacting and packing stop at their next 4 MB chunk; collection is left at once (a hung
        command on the device must not hold the dialog), finishing its own clean-up in the background."""
        self._cancel.set()
        self.progress.text.setText(self.tr("Cancelling…"))
        if self._phase == "collect" and self._job is not None and not self._job.done():
            self._job.cancel()
            self._back_to_details(self.tr("Cancelled. Nothing was collected or sent."))

    # --- consent ----------------------------------------------------------------------------------
    def _refresh_consent(self) -> None:
        p = self.preview
        p.send_button.setEnabled(p.agreed.isChecked() and bool(p.agreed_by.text().strip()))

    def _on_ask_clicked(self) -> None:
        self.waiting.begin(self.escalation.plan.destination.label if self.escalation else "")
        self.pages.setCurrentWidget(self.waiting)
        self._run(self._ask_and_send())

    async def _ask_and_send(self) -> None:
        assert self.escalation is not None
        timeout = float(self.settings.get("escalation", "consent_timeout", 300.0))
        try:
            await self.escalation.ask_customer(self._asker(), timeout=timeout)
        except asyncio.CancelledError:
            self._back_to_preview(self.tr("You stopped waiting. Nothing was sent; you can ask again."))
            return
        except ConsentRefusedError as exc:
            self._back_to_preview(
                self.tr("The customer declined: {why} The bundle is kept here; you can ask again.").format(
                    why=render_error(exc).text
                )
            )
            return
        except SupportError as exc:
            self._back_to_preview(
                self.tr("No answer from the customer: {why} Nothing was sent; you can ask again.").format(
                    why=render_error(exc).line()
                )
            )
            return
        await self._send()

    def _on_wait_cancel_clicked(self) -> None:
        if self._job is not None and not self._job.done():
            self._job.cancel()

    def _on_send_clicked(self) -> None:
        self._run(self._phone_and_send(agreed=True))

    def _on_declined_clicked(self) -> None:
        self._run(self._phone_and_send(agreed=False))

    async def _phone_and_send(self, *, agreed: bool) -> None:
        assert self.escalation is not None
        who = self.preview.agreed_by.text()
        try:
            await self.escalation.phone_consent(who, agreed=agreed)
        except ConsentRefusedError as exc:
            self._back_to_preview(
                self.tr(
                    "{why} Nothing was sent; the bundle is kept here until you close this window."
                ).format(why=render_error(exc).text)
            )
            return
        await self._send()

    def _back_to_preview(self, message: str) -> None:
        self.preview.message.setText(message)
        self.pages.setCurrentWidget(self.preview)

    # --- send -------------------------------------------------------------------------------------
    async def _send(self) -> None:
        assert self.escalation is not None
        self.progress.begin(self.tr("Packing the bundle…"))
        self.pages.setCurrentWidget(self.progress)
        try:
            item = await self.escalation.send(self._progress.emit, self._cancel)
        except SupportError as exc:
            if not self.isVisible():  # closed while packing: nothing is kept
                self.escalation.close()
            self._back_to_preview(render_error(exc).lines())
            return
        self.service.wake()
        self.result_page.show_queued(item, self.escalation.plan.destination.label)
        self.pages.setCurrentWidget(self.result_page)
        self.queued.emit(item)

    # --- closing ----------------------------------------------------------------------------------
    def done(self, result: int) -> None:  # type: ignore[override]
        self._cancel.set()
        for task in (self._job, self._translation_task, *getattr(self, "_loaders", [])):
            if task is not None and not task.done() and task is not self._sending():
                task.cancel()
        sending = self._sending()
        if self.escalation is not None and sending is None:
            self.escalation.close()
        super().done(result)
        if sending is None:
            self.deleteLater()
        else:  # packing stops at its next chunk; the dialog goes once the job has let go of it
            sending.add_done_callback(lambda _task: self.deleteLater())

    def _sending(self) -> asyncio.Task[Any] | None:
        """The job while it packs and queues: it is left to finish (or stop at its cancel event)."""
        if self._job is not None and not self._job.done() and self.pages.currentWidget() is self.progress:
            return self._job if self._phase == "" else None
        return None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reject()
        event.accept()
