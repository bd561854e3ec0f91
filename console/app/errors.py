"""How an error reads in the console: in the UI language, what happened and, apart, what to do next.

Every place the console shows a SupportError goes through `render_error`, never `str(exc)`. An error
whose code is in CATALOGUE is written from its params through `tr()` (context "Errors"; Korean in
resources/i18n/valuezone_ko.ts); any other, or one whose params do not fit, in the core's English.
The English texts here are the core's own, word for word (tests/console/test_error_texts.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from sessions.errors import SupportError

CONTEXT = "Errors"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks *text* for translation in *context*; it is translated where it is shown."""
    return text


# code → (what happened, what to do next), as the core raises it; {name} is params["name"].
CATALOGUE: dict[str, tuple[str, str]] = {
    "target.bad_port": (
        QT_TRANSLATE_NOOP("Errors", "'{spec}' has an invalid port '{text}'."),
        QT_TRANSLATE_NOOP(
            "Errors", "Write the address as [user@]host[:port], with a port between 1 and 65535."
        ),
    ),
    "target.invalid": (
        QT_TRANSLATE_NOOP("Errors", "'{spec}' is not a valid address."),
        QT_TRANSLATE_NOOP("Errors", "Write it as [user@]host[:port], e.g. admin@nas.local:2222."),
    ),
    "target.invalid_2": (
        QT_TRANSLATE_NOOP("Errors", "'{spec}' is not a valid address."),
        QT_TRANSLATE_NOOP("Errors", "Write an IPv6 address with a port as [::1]:2222."),
    ),
    "code.not_a_code": (
        QT_TRANSLATE_NOOP("Errors", "'{text}' is not a session code."),
        QT_TRANSLATE_NOOP(
            "Errors", "A session code is nine digits, like 482 913 557; ask the customer to read it again."
        ),
    ),
    "code.typo": (
        QT_TRANSLATE_NOOP("Errors", "This code has a typo: its last digit does not match the others."),
        QT_TRANSLATE_NOOP("Errors", "Ask the customer to read the code again, digit by digit."),
    ),
    "config.invalid_toml": (
        QT_TRANSLATE_NOOP("Errors", "The settings file {path} is not valid TOML ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Fix the line it names, or move the file away to start from the defaults."
        ),
    ),
    "config.refused_key": (
        QT_TRANSLATE_NOOP("Errors", "Refusing to write '{where}{key}' to the settings file."),
        QT_TRANSLATE_NOOP(
            "Errors", "Secrets belong in the OS keyring (sessions.secrets), never in settings.toml."
        ),
    ),
    "connect.key_unusable": (
        QT_TRANSLATE_NOOP("Errors", "The key file {key_file} cannot be used ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Choose an OpenSSH, PEM or PKCS#8 private key file that you can read."),
    ),
    "hostkey.declined": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "You did not accept the host key of {host_display} ({key_type} {fingerprint}); the "
            "connection was closed.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Compare the fingerprint with the one the customer reads from the device, then connect again.",
        ),
    ),
    "hostkey.revoked": (
        QT_TRANSLATE_NOOP(
            "Errors", "The host key of {host} ({kind} {fingerprint}) is marked as revoked in known_hosts."
        ),
        QT_TRANSLATE_NOOP("Errors", "Do not connect; ask the device's administrator for a new host key."),
    ),
    "relay.lost_while_joining": (
        QT_TRANSLATE_NOOP("Errors", "The connection to the relay was lost while joining ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Check the network, then join again."),
    ),
    "relay.none_answered": (
        QT_TRANSLATE_NOOP("Errors", "None of the relays answered: {tried}."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check the network; if it works, the relays may be down: tell their administrator."
        ),
    ),
    "relay.no_address": (
        QT_TRANSLATE_NOOP("Errors", "No relay address was given."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Write it as HOST:PORT, or several as HOST:PORT,HOST:PORT (the relays of one deployment).",
        ),
    ),
    "relay.refused": (
        QT_TRANSLATE_NOOP("Errors", "The relay refused the connection: {reason}."),
        QT_TRANSLATE_NOOP("Errors", "Try again, or ask for a new code."),
    ),
    "session.no_record": (
        QT_TRANSLATE_NOOP("Errors", "This session has no record to write the outcome to."),
        "",
    ),
    "session.no_shell": (
        QT_TRANSLATE_NOOP("Errors", "The device did not open a shell ({reason})."),
        QT_TRANSLATE_NOOP(
            "Errors", "The account may have no login shell, or the server limits sessions; try again."
        ),
    ),
    "chat.closed": (
        QT_TRANSLATE_NOOP("Errors", "The chat is closed: the session has ended."),
        QT_TRANSLATE_NOOP("Errors", "Join again to keep chatting."),
    ),
    "chat.not_open": (
        QT_TRANSLATE_NOOP("Errors", "The chat is not open yet."),
        QT_TRANSLATE_NOOP("Errors", "Wait until the customer's side is connected."),
    ),
    "chat.open_failed": (
        QT_TRANSLATE_NOOP("Errors", "The chat could not be opened ({reason})."),
        QT_TRANSLATE_NOOP("Errors", "The session may have ended; join again."),
    ),
    "chat.send_failed": (
        QT_TRANSLATE_NOOP("Errors", "The chat message could not be sent: the session has ended."),
        "",
    ),
    "chat.not_open_for_question": (
        QT_TRANSLATE_NOOP("Errors", "The chat with the customer is not open."),
        QT_TRANSLATE_NOOP("Errors", "Questions go through the agent: this works in sessions joined by code."),
    ),
    "question.chat_closed": (
        QT_TRANSLATE_NOOP("Errors", "The customer's side closed the chat before answering."),
        QT_TRANSLATE_NOOP(
            "Errors", "The session may have ended; ask the customer by phone if you still need the answer."
        ),
    ),
    "question.dismissed": (
        QT_TRANSLATE_NOOP("Errors", "The customer closed the question without answering."),
        QT_TRANSLATE_NOOP("Errors", "You may ask by chat instead."),
    ),
    "question.cannot_answer": (
        QT_TRANSLATE_NOOP("Errors", "The customer's agent cannot answer this question ({detail})."),
        QT_TRANSLATE_NOOP("Errors", "Their agent may be an older version; ask by chat or phone instead."),
    ),
    "question.timed_out": (
        QT_TRANSLATE_NOOP("Errors", "The customer did not answer within {minutes}."),
        QT_TRANSLATE_NOOP("Errors", "Ask them by chat or phone, or try again later."),
    ),
    "question.unreadable_answer": (
        QT_TRANSLATE_NOOP("Errors", "The customer's agent sent an answer that cannot be read ({exc})."),
        "",
    ),
    "consent.bundle_declined": (
        QT_TRANSLATE_NOOP("Errors", "{who} did not agree to send the bundle to {destination}."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Nothing was sent. Explain what the bundle holds and ask again, or close the escalation.",
        ),
    ),
    "consent.files_differ": (
        QT_TRANSLATE_NOOP(
            "Errors", "The consent recorded is for a different set of files than the bundle holds."
        ),
        QT_TRANSLATE_NOOP("Errors", "Show the customer the current preview and ask again."),
    ),
    "consent.nobody_named": (
        QT_TRANSLATE_NOOP("Errors", "Nobody was named as having agreed."),
        QT_TRANSLATE_NOOP("Errors", "Type the name of the person who agreed by phone."),
    ),
    "diagnostics.not_connected": (
        QT_TRANSLATE_NOOP("Errors", "This session is not connected."),
        QT_TRANSLATE_NOOP("Errors", "Connect first, then run diagnostics."),
    ),
    "diagnostics.unknown_profile": (
        QT_TRANSLATE_NOOP("Errors", "There is no diagnostics profile called '{name}'."),
        QT_TRANSLATE_NOOP("Errors", "Use one of: auto, {profiles}."),
    ),
    "devices.name_taken": (
        QT_TRANSLATE_NOOP("Errors", "A device named '{name}' is already in the book."),
        QT_TRANSLATE_NOOP("Errors", "Choose another name, or edit that device."),
    ),
    "devices.name_missing": (
        QT_TRANSLATE_NOOP("Errors", "A device needs a name."),
        QT_TRANSLATE_NOOP("Errors", "Type a name the team will recognise, e.g. Acme NAS."),
    ),
    "devices.bad_host": (
        QT_TRANSLATE_NOOP("Errors", "'{host}' is not a host name or address."),
        QT_TRANSLATE_NOOP("Errors", "Type a name like nas.local or 192.0.2.10."),
    ),
    "devices.bad_port": (
        QT_TRANSLATE_NOOP("Errors", "Port {port} is not valid."),
        QT_TRANSLATE_NOOP("Errors", "Use a port from 1 to 65535 (SSH: 22)."),
    ),
    "devices.book_too_new": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The device book was written by a newer Valuezone (schema {version}, "
            "this one knows {supported}).",
        ),
        QT_TRANSLATE_NOOP("Errors", "Update Valuezone, or use the newer version on this computer."),
    ),
    "devices.unknown_id": (
        QT_TRANSLATE_NOOP("Errors", "There is no device with id {device_id}."),
        QT_TRANSLATE_NOOP("Errors", "It may have been removed."),
    ),
    "devices.book_unusable": (
        QT_TRANSLATE_NOOP("Errors", "The device book {path} cannot be used ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Close other Valuezone windows and check the disk; if the file is damaged, move it away.",
        ),
    ),
    "record.append_failed": (
        QT_TRANSLATE_NOOP("Errors", "Cannot add to the record {folder} ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check that the folder is a Valuezone record and that `valuezone verify` accepts it."
        ),
    ),
    "record.write_failed": (
        QT_TRANSLATE_NOOP("Errors", "Writing to the record {folder} failed ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check free space and permissions on the archive folder, then try again."
        ),
    ),
    "record.meta_write_failed": (
        QT_TRANSLATE_NOOP("Errors", "Updating session.json of {folder} failed ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Check free space and permissions on the archive folder, then try again."
        ),
    ),
    "record.torn_line": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "{folder} ends with an incomplete line (the recorder was stopped while writing it), so "
            "nothing can be appended after it.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Run `valuezone verify` on the folder; copy the record before repairing it by hand."
        ),
    ),
    "escalation.build_cancelled": (
        QT_TRANSLATE_NOOP("Errors", "Building the bundle was cancelled."),
        QT_TRANSLATE_NOOP("Errors", "Nothing was sent."),
    ),
    "escalation.no_consent": (
        QT_TRANSLATE_NOOP("Errors", "A bundle is only packed with the customer's consent."),
        QT_TRANSLATE_NOOP("Errors", "Ask for it first."),
    ),
    "escalation.sftp_refused": (
        QT_TRANSLATE_NOOP("Errors", "The device refused an SFTP session ({reason})."),
        QT_TRANSLATE_NOOP(
            "Errors", "Enable SFTP on the device (on a NAS: the SFTP service in the file services settings)."
        ),
    ),
    "escalation.password_in_address": (
        QT_TRANSLATE_NOOP("Errors", "The destination address contains a password."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Remove it from the address; store it with `valuezone escalate outbox` prompts or the keyring.",
        ),
    ),
    "escalation.destination_no_name": (
        QT_TRANSLATE_NOOP("Errors", "An HQ destination needs a name."),
        QT_TRANSLATE_NOOP("Errors", "Give it a name the technicians know."),
    ),
    "escalation.no_secret": (
        QT_TRANSLATE_NOOP("Errors", "No secret was given."),
        QT_TRANSLATE_NOOP("Errors", "Paste the token or type the password HQ gave you."),
    ),
    "escalation.no_preview": (
        QT_TRANSLATE_NOOP("Errors", "There is no preview to ask about yet."),
        QT_TRANSLATE_NOOP("Errors", "Build the preview first."),
    ),
    "escalation.not_ready": (
        QT_TRANSLATE_NOOP("Errors", "The bundle is not ready to send."),
        QT_TRANSLATE_NOOP("Errors", "Build the preview and get consent first."),
    ),
    "escalation.sending_now": (
        QT_TRANSLATE_NOOP("Errors", "This bundle is being sent right now."),
        QT_TRANSLATE_NOOP("Errors", "Wait until the attempt ends, then remove it."),
    ),
    "secrets.store_refused": (
        QT_TRANSLATE_NOOP("Errors", "The system keyring refused to store the {kind} for {name} ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Unlock the keyring and try again; nothing was written to disk."),
    ),
    "translation.no_api_key": (
        QT_TRANSLATE_NOOP("Errors", "The {name} translator needs an API key, and none is saved."),
        QT_TRANSLATE_NOOP(
            "Errors", "Save the key in the keyring under '{key_kind}' / '{name}', or use another provider."
        ),
    ),
    "translation.no_server": (
        QT_TRANSLATE_NOOP("Errors", "LibreTranslate needs the address of your server."),
        QT_TRANSLATE_NOOP("Errors", "Set translation.libre_url in the settings, or pass --url."),
    ),
    "translation.no_answer": (
        QT_TRANSLATE_NOOP("Errors", "No translation provider answered ({reasons})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "The original text is shown untranslated. Check the network, or the providers in the "
            "translation settings, then try again.",
        ),
    ),
    "archive.folder_missing": (
        QT_TRANSLATE_NOOP("Errors", "The archive folder {archive} does not exist."),
        QT_TRANSLATE_NOOP("Errors", "Pass the folder that holds the records (ARCHIVE/YYYY/MM/DD/<session>)."),
    ),
    "archive.index_unopenable": (
        QT_TRANSLATE_NOOP("Errors", "The archive index {path} cannot be opened ({exc})."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Check the data folder's free space and permissions; deleting the index file rebuilds it.",
        ),
    ),
    "archive.search_failed": (
        QT_TRANSLATE_NOOP("Errors", "The search {text} could not run ({exc})."),
        QT_TRANSLATE_NOOP("Errors", "Try other words."),
    ),
    "archive.report_unwritable": (
        QT_TRANSLATE_NOOP("Errors", "The report cannot be written to {path} ({reason})."),
        QT_TRANSLATE_NOOP("Errors", "Choose another file or folder, or free some space, and export again."),
    ),
}


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
    try:
        text, advice = (QCoreApplication.translate(CONTEXT, t).format(**params) if t else "" for t in texts)
    except (KeyError, IndexError, ValueError):  # params that do not fit the text: the core's English
        return RenderedError(message, hint)
    return RenderedError(text, advice)
