"""Secrets (passwords, passphrases, API tokens) in the OS keyring, and nowhere else.

On a machine with no keyring (a headless server, CI) keyring raises NoKeyringError: the secret is then
kept in this process's memory for this run only, and `take_fallback_notice()` returns a message once so
the UI can tell the user that it will be asked again next time.

Every secret that passes through here in this run (stored, loaded, or typed and `remember`ed) is also
listed by `held()`, in memory only: the redactor removes these values wherever they appear (chat record,
translation requests, bundles, HQ summaries), whatever words surround them.
"""

from __future__ import annotations

import contextlib
import threading

import keyring
import keyring.backends.chainer
import keyring.backends.fail
import keyring.errors

from sessions.errors import SecretStoreError

SERVICE = "valuezone"

_memory: dict[tuple[str, str], str] = {}
_held: set[str] = set()
_lock = threading.Lock()
_notice_pending = False
_notice_given = False

FALLBACK_NOTICE = (
    "No system keyring is available on this computer, so saved passwords are kept for this run only. "
    "Install and unlock a keyring (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager) "
    "to keep them between runs."
)


def keyring_available() -> bool:
    """True when secrets stored now will be there in the next run (a real OS keyring is configured).

    keyring's `fail` backend (a headless box), `null` backend (which drops every secret) and an empty
    chain count as no keyring.
    """
    backend = keyring.get_keyring()
    if (
        isinstance(backend, keyring.backends.fail.Keyring)
        or type(backend).__module__ == "keyring.backends.null"
    ):
        return False
    if isinstance(backend, keyring.backends.chainer.ChainerBackend):
        return bool(backend.backends)
    return True


def _key(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def _fallback() -> None:
    global _notice_pending
    if not _notice_given:
        _notice_pending = True


def store(kind: str, name: str, secret: str) -> bool:
    """Store *secret*; True if it went to the OS keyring, False if only kept in memory for this run."""
    with _lock:
        _held.add(secret)
        try:
            if not keyring_available():  # the null backend would drop it without a word
                raise keyring.errors.NoKeyringError
            keyring.set_password(SERVICE, _key(kind, name), secret)
            _memory.pop((kind, name), None)
            return True
        except keyring.errors.NoKeyringError:
            _memory[(kind, name)] = secret
            _fallback()
            return False
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(
                f"The system keyring refused to store the {kind} for {name} ({exc}).",
                "Unlock the keyring and try again; nothing was written to disk.",
                code="secrets.store_refused",
                params={"kind": kind, "name": name, "exc": exc},
            ) from exc


def load(kind: str, name: str) -> str | None:
    """The stored secret, or None."""
    with _lock:
        if (kind, name) in _memory:
            return _memory[(kind, name)]
        try:
            secret = keyring.get_password(SERVICE, _key(kind, name))
        except keyring.errors.NoKeyringError:
            _fallback()
            return None
        except keyring.errors.KeyringError:
            return None
        if secret:
            _held.add(secret)
        return secret


def remember(secret: str) -> None:
    """A secret typed for this run only (a password not saved): redacted by value like a stored one."""
    if secret:
        with _lock:
            _held.add(secret)


def held() -> frozenset[str]:
    """Every secret this process has stored, loaded or remembered (a deleted one stays: it may still be
    in this run's texts). For the redactor (sessions.redaction.Redactor.with_known); never log it."""
    with _lock:
        return frozenset(_held)


def delete(kind: str, name: str) -> None:
    """Forget the stored secret (held() keeps it for this run: it may still be in this run's texts)."""
    with _lock:
        _memory.pop((kind, name), None)
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(SERVICE, _key(kind, name))


def take_fallback_notice() -> str | None:
    """The no-keyring message, the first time only."""
    global _notice_pending, _notice_given
    with _lock:
        if _notice_pending and not _notice_given:
            _notice_pending = False
            _notice_given = True
            return FALLBACK_NOTICE
        return None
