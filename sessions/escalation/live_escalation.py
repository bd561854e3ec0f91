"""An escalation built from a live session: collect over its connection, stage, consent, pack, queue.

The console's Escalate dialog is a thin shell over `LiveEscalation`: every step here is Qt-free, runs
on the event loop, and sends the CPU-heavy parts (redacting, packing) to a worker thread. A refused or
unanswered consent leaves the staged bundle in place, so asking again needs no new collection.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import threading
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import asyncssh

from sessions.errors import ConsentRefusedError, EscalationError, SupportError
from sessions.escalation.bundle import StagedBundle
from sessions.escalation.collect import CollectLimits, CollectProgress, CollectResult, collect_logs
from sessions.escalation.consent import Consent, ConsentQuestion, obtain_consent
from sessions.escalation.destinations import HqDestination
from sessions.escalation.logspecs import LogSpec
from sessions.escalation.manifest import new_bundle_id
from sessions.escalation.outbox import Outbox, OutboxItem
from sessions.escalation.values import BuildProgress, BuiltBundle, BundleRequest, Preview
from sessions.paths import app_dirs
from sessions.redaction import Redactor

log = logging.getLogger(__name__)
CONSENT_KIND = "escalation.consent"
VIA_AGENT = "agent chat"
VIA_PHONE = "phone, confirmed by the technician"

RecordEvent = Callable[[str, dict[str, Any]], None]
BuildCallback = Callable[[BuildProgress], None]
CollectCallback = Callable[[CollectProgress], None]


class Asker(Protocol):
    """The chat's question channel (sessions.chat.conversation.Conversation.ask)."""

    async def ask(self, kind: str, params: dict[str, Any], *, timeout: float = 300.0) -> dict[str, Any]: ...


def bundles_folder() -> Path:
    """Where finished bundles wait for delivery (the outbox points at them)."""
    return app_dirs().state / "bundles"


@dataclass(frozen=True, slots=True)
class EscalationPlan:
    """What the technician filled in: the ticket, where to, the summary, which logs."""

    ticket: str
    destination: HqDestination
    summary: str = ""
    summary_language: str = ""
    summary_translation: str | None = None
    technician: str = ""
    device: Mapping[str, Any] = field(default_factory=dict)
    record: Path | None = None
    raw_dir: Path | None = None
    logs: LogSpec | None = None
    limits: CollectLimits = field(default_factory=CollectLimits)


class LiveEscalation:
    """One escalation: `collect` → `stage` (preview) → `ask_customer`/`phone_consent` → `send` → `close`."""

    def __init__(
        self,
        plan: EscalationPlan,
        *,
        outbox: Outbox,
        record_event: RecordEvent | None = None,
        bundles_dir: Path | None = None,
        redactor: Redactor | None = None,
    ) -> None:
        self.plan = plan
        self.outbox = outbox
        self.bundle_id = new_bundle_id()
        self.bundles_dir = bundles_dir or bundles_folder()
        self._record_event = record_event
        self._redactor = redactor
        self._scratch: Path | None = None
        self.collected: CollectResult | None = None
        self.staged: StagedBundle | None = None
        self.preview: Preview | None = None
        self.consent: Consent | None = None
        self.built: BuiltBundle | None = None
        self.queued: OutboxItem | None = None

    # --- collect and stage ------------------------------------------------------------------------
    async def collect(
        self, conn: asyncssh.SSHClientConnection, on_progress: CollectCallback | None = None
    ) -> CollectResult | None:
        """Collect the chosen logs over *conn* (the session's own connection); None when none are chosen."""
        spec = self.plan.logs
        if spec is None or not (spec.paths or spec.commands):
            return None
        self._drop_scratch()
        self._scratch = Path(tempfile.mkdtemp(prefix="vz-collect-"))
        self.collected = await collect_logs(
            conn, spec, self._scratch / "logs", limits=self.plan.limits, on_progress=on_progress
        )
        return self.collected

    def request(self) -> BundleRequest:
        plan, collected = self.plan, self.collected
        return BundleRequest(
            record=plan.record,
            ticket=plan.ticket,
            technician=plan.technician,
            device=dict(plan.device),
            summary=plan.summary,
            summary_language=plan.summary_language,
            summary_translation=plan.summary_translation,
            hq_language=plan.destination.language,
            logs_dir=collected.folder if collected else None,
            raw_dir=plan.raw_dir if plan.raw_dir and plan.raw_dir.is_dir() else None,
            notes=collected.notes() if collected else (),
            bundle_id=self.bundle_id,
        )

    async def stage(
        self, on_progress: BuildCallback | None = None, cancel: threading.Event | None = None
    ) -> Preview:
        """Redact everything into a private staging folder (in a worker thread) and return the preview."""
        request = self.request()

        def work() -> tuple[StagedBundle, Preview]:
            staged = StagedBundle(request, self._redactor or Redactor.for_this_console())
            try:
                return staged, staged.stage(on_progress, cancel)
            except BaseException:
                staged.close()
                raise

        if self.staged is not None:
            self.staged.close()
            self.staged = None
        self.staged, preview = await asyncio.to_thread(work)
        self.preview = preview
        self._drop_scratch()  # the logs now live in staging, redacted; the raw copies go
        return preview

    # --- consent ----------------------------------------------------------------------------------
    def question(self) -> ConsentQuestion:
        if self.preview is None:
            raise EscalationError(
                "There is no preview to ask about yet.",
                "Build the preview first.",
                code="escalation.no_preview",
            )
        return ConsentQuestion.from_preview(self.preview, self.plan.destination.label)

    def consent_params(self) -> dict[str, Any]:
        """The `escalation.consent` question's parameters, as the agent shows them to the customer."""
        question = self.question()
        assert self.preview is not None
        return {
            "destination": question.destination,
            "ticket": self.plan.ticket,
            "files": [{"path": f.path, "size": f.size} for f in self.preview.files],
            "total_bytes": question.total_bytes,
            "redactions": dict(question.redactions),
        }

    async def ask_customer(self, asker: Asker, *, timeout: float = 300.0) -> Consent:
        """Ask the customer through the agent, in their language; the answer (yes or no) is recorded.

        Raises ConsentRefusedError when they decline; the chat's own error when nobody answers or the
        session ends. Either way nothing is sent and the staged bundle stays, ready to ask again.
        """
        params = self.consent_params()

        async def ask(question: ConsentQuestion) -> Consent:
            answer = await asker.ask(CONSENT_KIND, params, timeout=timeout)
            return Consent(
                bool(answer.get("agreed")),
                str(answer.get("by") or "the customer"),
                VIA_AGENT,
                question.destination,
                question.files,
                language=str(answer.get("lang", "")),
                wording=str(answer.get("wording", "")),
            )

        try:
            return await self._obtain(ask)
        except (ConsentRefusedError, asyncio.CancelledError):
            raise
        except SupportError as exc:
            self._event(CONSENT_KIND, {**self._ids(), "agreed": False, "answered": False, "reason": str(exc)})
            raise

    async def phone_consent(self, by: str, *, agreed: bool = True) -> Consent:
        """The technician confirms the customer's answer given by phone; *by* names who answered.

        Raises ConsentRefusedError when nobody is named or the answer is no (both leave the staged
        bundle in place); a no is recorded like a yes.
        """
        name = by.strip()
        if agreed and not name:
            raise ConsentRefusedError(
                "Nobody was named as having agreed.",
                "Type the name of the person who agreed by phone.",
                code="consent.nobody_named",
            )

        async def ask(question: ConsentQuestion) -> Consent:
            if agreed:
                return Consent.given(question, by=name, via=VIA_PHONE)
            return Consent(False, name or "the customer", VIA_PHONE, question.destination, question.files)

        return await self._obtain(ask)

    async def _obtain(self, ask: Callable[[ConsentQuestion], Awaitable[Consent]]) -> Consent:
        async def recorded(question: ConsentQuestion) -> Consent:
            answer = await ask(question)
            self._event(CONSENT_KIND, {**self._ids(), **answer.to_dict(), "answered": True})
            return answer

        self.consent = await obtain_consent(self.question(), recorded)
        return self.consent

    # --- send -------------------------------------------------------------------------------------
    async def send(
        self, on_progress: BuildCallback | None = None, cancel: threading.Event | None = None
    ) -> OutboxItem:
        """Pack the staged files with the consent (worker thread), queue the bundle, record it."""
        if self.staged is None or self.consent is None:
            raise EscalationError(
                "The bundle is not ready to send.",
                "Build the preview and get consent first.",
                code="escalation.not_ready",
            )
        staged, consent = self.staged, self.consent
        self.bundles_dir.mkdir(parents=True, exist_ok=True)
        out = self.bundles_dir / f"{self.bundle_id}.tar.gz"
        try:
            self.built = await asyncio.to_thread(
                staged.pack, out, consent, on_progress=on_progress, cancel=cancel
            )
        except BaseException:
            out.with_name(out.name + ".part").unlink(missing_ok=True)
            raise
        built = self.built
        self.queued = await asyncio.to_thread(
            self.outbox.enqueue,
            built.path,
            built.bundle_id,
            built.sha256,
            built.size,
            self.plan.destination.url,
            self.plan.ticket,
        )
        self._event(
            "escalation.bundled",
            {
                **self._ids(),
                "sha256": built.sha256,
                "size": built.size,
                "destination": self.plan.destination.url,
                "files": len(built.manifest.files),
                "redactions": dict(built.manifest.redactions),
            },
        )
        self.close()
        return self.queued

    # --- clean-up ---------------------------------------------------------------------------------
    def close(self) -> None:
        """Remove the staging and collection folders (the finished bundle stays for the outbox)."""
        if self.staged is not None:
            self.staged.close()
            self.staged = None
        self._drop_scratch()

    def _drop_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def _ids(self) -> dict[str, Any]:
        return {"bundle_id": self.bundle_id, "ticket": self.plan.ticket}

    def _event(self, type_: str, data: dict[str, Any]) -> None:
        if self._record_event is None:
            return
        try:
            self._record_event(type_, data)
        except (SupportError, OSError, ValueError) as exc:  # the record's trouble never stops a bundle
            log.warning("the record did not take %s: %s", type_, exc)
