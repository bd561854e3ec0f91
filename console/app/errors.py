"""How an error reads in the console: in the UI language, what happened and, apart, what to do next.

Every place the console shows a SupportError goes through `render_error`, never `str(exc)`. An error
whose code is in CATALOGUE is written from its params through `tr()` (context "Errors"; Korean in
resources/i18n/valuezone_ko.ts); any other, or one whose params do not fit, in the core's English.
CATALOGUE is console/app/error_texts.py, written by tests/console/test_error_catalogue.py from every raise
site in a core module the console imports, word for word.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from console.app.error_texts import QT_TRANSLATE_NOOP, TEXTS
from sessions.errors import SupportError

CONTEXT = "Errors"


WORD_CONTEXT = "ErrorWords"

# Words the core passes as params (param name → its English words), translated before they are put in.
WORDS: dict[str, tuple[str, ...]] = {
    "what": (  # sessions.files.remote.explain: what the technician asked the device to do
        QT_TRANSLATE_NOOP("ErrorWords", "list"),
        QT_TRANSLATE_NOOP("ErrorWords", "read"),
        QT_TRANSLATE_NOOP("ErrorWords", "write"),
        QT_TRANSLATE_NOOP("ErrorWords", "open"),
        QT_TRANSLATE_NOOP("ErrorWords", "create the folder"),
        QT_TRANSLATE_NOOP("ErrorWords", "rename"),
        QT_TRANSLATE_NOOP("ErrorWords", "delete"),
        # sessions.team.access.require: what a member's role does not allow (team.forbidden_role)
        QT_TRANSLATE_NOOP("ErrorWords", "list escalation bundles"),
        QT_TRANSLATE_NOOP("ErrorWords", "start campaigns"),
        QT_TRANSLATE_NOOP("ErrorWords", "follow campaigns"),
        QT_TRANSLATE_NOOP("ErrorWords", "set retention"),
        QT_TRANSLATE_NOOP("ErrorWords", "place or release a legal hold"),
        QT_TRANSLATE_NOOP("ErrorWords", "purge records"),
        QT_TRANSLATE_NOOP("ErrorWords", "read the audit table"),
    ),
    "names": (  # sessions.team.access.require: the roles that may ("Only {names} may …")
        QT_TRANSLATE_NOOP("ErrorWords", "admin"),
        QT_TRANSLATE_NOOP("ErrorWords", "lead or admin"),
        QT_TRANSLATE_NOOP("ErrorWords", "hq or admin"),
    ),
    "role": (  # sessions.team.roles.Role: a member's role ("… you are {role}.")
        QT_TRANSLATE_NOOP("ErrorWords", "technician"),
        QT_TRANSLATE_NOOP("ErrorWords", "lead"),
        QT_TRANSLATE_NOOP("ErrorWords", "hq"),
        QT_TRANSLATE_NOOP("ErrorWords", "admin"),
    ),
    "kind": (  # sessions.recording.safeio: what stands where a record's file should be (record.not_a_file)
        QT_TRANSLATE_NOOP("ErrorWords", "a folder"),
        QT_TRANSLATE_NOOP("ErrorWords", "a named pipe (FIFO)"),
        QT_TRANSLATE_NOOP("ErrorWords", "a socket"),
        QT_TRANSLATE_NOOP("ErrorWords", "a device"),
        QT_TRANSLATE_NOOP("ErrorWords", "not a regular file"),
    ),
    "phrase": (  # sessions.ssh.stages: the connection stage that failed ("failed while {phrase}")
        QT_TRANSLATE_NOOP("ErrorWords", "looking up the host name"),
        QT_TRANSLATE_NOOP("ErrorWords", "opening the TCP connection"),
        QT_TRANSLATE_NOOP("ErrorWords", "waiting for the server's SSH greeting"),
        QT_TRANSLATE_NOOP("ErrorWords", "agreeing on encryption (key exchange)"),
        QT_TRANSLATE_NOOP("ErrorWords", "checking the host key"),
        QT_TRANSLATE_NOOP("ErrorWords", "logging in"),
        QT_TRANSLATE_NOOP("ErrorWords", "opening a channel"),
    ),
    "service": (  # sessions.ssh.failures: what answered instead of SSH
        QT_TRANSLATE_NOOP("ErrorWords", "answered HTTP, not SSH"),
        QT_TRANSLATE_NOOP("ErrorWords", "answered with TLS (an encrypted service such as HTTPS), not SSH"),
        QT_TRANSLATE_NOOP("ErrorWords", "answered like a mail server (SMTP), not SSH"),
        QT_TRANSLATE_NOOP("ErrorWords", "answered like a file transfer server (FTP), not SSH"),
        QT_TRANSLATE_NOOP("ErrorWords", "answered like a mail or FTP server, not SSH"),
        QT_TRANSLATE_NOOP("ErrorWords", "answered like a mail server (POP3), not SSH"),
        QT_TRANSLATE_NOOP("ErrorWords", "answered like a mail server (IMAP), not SSH"),
        QT_TRANSLATE_NOOP("ErrorWords", "answered VNC (remote desktop), not SSH"),
    ),
}
CATALOGUE: dict[str, tuple[str, str]] = TEXTS


@dataclass(frozen=True, slots=True)
class RenderedError:
    """*text* says what happened, *hint* what to do next (shown on a line of its own)."""

    text: str
    hint: str = ""

    def lines(self) -> str:
        """For a dialog or a label: the hint on a line of its own."""
        return f"{self.text}\n{self.hint}" if self.hint else self.text

    def line(self) -> str:
        """For one line (a status bar)."""
        return f"{self.text} {self.hint}".strip()


def render_error(exc: SupportError) -> RenderedError:
    """The error as the person reads it, in the UI language when its code is known."""
    return render_coded(exc.code, exc.params, exc.message, exc.hint)


def render_coded(code: str, params: Mapping[str, object], message: str, hint: str = "") -> RenderedError:
    """An error known by its code and params (a SupportError, or an event that carries one)."""
    texts = CATALOGUE.get(code)
    if texts is None:
        return RenderedError(message, hint)
    words = {
        key: QCoreApplication.translate(WORD_CONTEXT, value)
        for key, value in params.items()
        if isinstance(value, str) and value in WORDS.get(key, ())
    }
    params = {**params, **words}
    try:
        text, advice = (QCoreApplication.translate(CONTEXT, t).format(**params) if t else "" for t in texts)
    except (KeyError, IndexError, ValueError):  # params that do not fit the text: the core's English
        return RenderedError(message, hint)
    return RenderedError(text, advice)
